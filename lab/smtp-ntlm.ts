// The NTLM CHALLENGE (type 2) message the lab's Exchange-like server answers `AUTH NTLM` with, built per
// MS-NLMP §2.2.1.2 with target info AV pairs (§2.2.2.1) and a VERSION (§2.2.2.10): what leaks in real life.

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

/** MS-NLMP §2.2.2.1 AvId values. */
export const avIds = {
  eol: 0,
  nbComputerName: 1,
  nbDomainName: 2,
  dnsComputerName: 3,
  dnsDomainName: 4,
  dnsTreeName: 5,
  timestamp: 7,
} as const;

/**
 * UNICODE | REQUEST_TARGET | SIGN | NTLM | ALWAYS_SIGN | TARGET_TYPE_DOMAIN | EXTENDED_SESSIONSECURITY |
 * TARGET_INFO | VERSION | 128 | KEY_EXCH | 56: the flag set a Windows server answers a modern client with.
 */
export const challengeFlags = 0xe2898215;

function avPair(id: number, value: Buffer): Buffer {
  const header = Buffer.alloc(4);
  header.writeUInt16LE(id, 0);
  header.writeUInt16LE(value.length, 2);
  return Buffer.concat([header, value]);
}

const utf16 = (text: string): Buffer => Buffer.from(text, 'utf16le');

/** Windows FILETIME: 100 ns ticks since 1601-01-01, little-endian. */
function fileTime(date: Date): Buffer {
  const ticks = (BigInt(date.getTime()) + 11_644_473_600_000n) * 10_000n;
  const out = Buffer.alloc(8);
  out.writeBigUInt64LE(ticks);
  return out;
}

export function ntlmChallengeMessage(identity: NtlmIdentity, challenge: Buffer, now = new Date()): Buffer {
  if (challenge.length !== 8) throw new Error('NTLM: the server challenge is 8 bytes');
  const targetName = utf16(identity.netbiosDomain);
  const targetInfo = Buffer.concat([
    avPair(avIds.nbDomainName, utf16(identity.netbiosDomain)),
    avPair(avIds.nbComputerName, utf16(identity.netbiosComputer)),
    avPair(avIds.dnsDomainName, utf16(identity.dnsDomain)),
    avPair(avIds.dnsComputerName, utf16(identity.dnsComputer)),
    avPair(avIds.dnsTreeName, utf16(identity.dnsForest)),
    avPair(avIds.timestamp, fileTime(now)),
    avPair(avIds.eol, Buffer.alloc(0)),
  ]);
  const headerLength = 56;
  const header = Buffer.alloc(headerLength);
  header.write('NTLMSSP\0', 0, 'latin1');
  header.writeUInt32LE(2, 8);
  header.writeUInt16LE(targetName.length, 12);
  header.writeUInt16LE(targetName.length, 14);
  header.writeUInt32LE(headerLength, 16);
  header.writeUInt32LE(challengeFlags, 20);
  challenge.copy(header, 24);
  // 32..39: Reserved, zero.
  header.writeUInt16LE(targetInfo.length, 40);
  header.writeUInt16LE(targetInfo.length, 42);
  header.writeUInt32LE(headerLength + targetName.length, 44);
  header.writeUInt8(identity.windows.major, 48);
  header.writeUInt8(identity.windows.minor, 49);
  header.writeUInt16LE(identity.windows.build, 50);
  // 52..54 reserved; NTLMSSP_REVISION_W2K3.
  header.writeUInt8(0x0f, 55);
  return Buffer.concat([header, targetName, targetInfo]);
}
