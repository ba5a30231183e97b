// The NTLM CHALLENGE (type 2) message the lab's Exchange-like server answers `AUTH NTLM` with, built per
// MS-NLMP §2.2.1.2 with target info AV pairs (§2.2.2.1) and a VERSION (§2.2.2.10): what leaks in real life.

import { buildNtlmChallenge } from '../src/protocols/ntlm/challenge.js';

export interface NtlmIdentity {
  /** NetBIOS domain (MsvAvNbDomainName), also the TargetName. */
  readonly netbiosDomain: string;
  /** NetBIOS computer name (MsvAvNbComputerName). */
  readonly netbiosComputer: string;
  /** DNS domain (MsvAvDnsDomainName). */
  readonly dnsDomain: string;
  /** Computer FQDN (MsvAvDnsComputerName). */
  readonly dnsComputer: string;
  /** Forest (MsvAvDnsTreeName). */
  readonly dnsForest: string;
  readonly windows: { readonly major: number; readonly minor: number; readonly build: number };
}

export const oldMillNtlmIdentity: NtlmIdentity = {
  netbiosDomain: 'OLDMILL',
  netbiosComputer: 'EXCH01',
  dnsDomain: 'oldmill.local',
  dnsComputer: 'EXCH01.oldmill.local',
  dnsForest: 'oldmill.local',
  windows: { major: 10, minor: 0, build: 14393 },
};

// The test reads the AV pairs back by these ids.
export { avIds } from '../src/protocols/ntlm/challenge.js';

/**
 * UNICODE | REQUEST_TARGET | SIGN | NTLM | ALWAYS_SIGN | TARGET_TYPE_DOMAIN | EXTENDED_SESSIONSECURITY |
 * TARGET_INFO | VERSION | 128 | KEY_EXCH | 56: the flag set a Windows server answers a modern client with.
 */
export const challengeFlags = 0xe2898215;

/** The identity's CHALLENGE, laid out by the same builder the HTTPS lab uses (buildNtlmChallenge). */
export function ntlmChallengeMessage(identity: NtlmIdentity, challenge: Buffer, now = new Date()): Buffer {
  if (challenge.length !== 8) throw new Error('NTLM: the server challenge is 8 bytes');
  const message = buildNtlmChallenge({
    targetName: identity.netbiosDomain,
    nbDomainName: identity.netbiosDomain,
    nbComputerName: identity.netbiosComputer,
    dnsDomainName: identity.dnsDomain,
    dnsComputerName: identity.dnsComputer,
    dnsTreeName: identity.dnsForest,
    timestamp: now,
    version: identity.windows,
    serverChallenge: challenge,
    flags: challengeFlags,
  });
  return Buffer.from(message.buffer, message.byteOffset, message.byteLength);
}
