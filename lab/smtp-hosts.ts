// The lab's mail servers as data: `smtp:` sections of the scenario YAML (one host per MX name), read into
// specs, started one loopback listener each and mapped from the host's DNS addresses at port 25.

import type { AddressMapEntry } from '../src/net/address-map.js';
import {
  addressEntries,
  asRecord,
  certificateKinds,
  hostService,
  keyAlgorithms,
  scenarioSections,
} from './host-kit.js';
// Type only: lab.ts lists this service, so a value import back into it would be a cycle.
import type { LabService } from './lab.js';
import { type NtlmIdentity, oldMillNtlmIdentity } from './smtp-ntlm.js';
import {
  type RunningSmtpHost,
  type SmtpBehaviour,
  type SmtpDialect,
  type SmtpHostSpec,
  type SmtpTlsMode,
  startSmtpHost,
  vrfyStyles,
} from './smtp-server.js';
import type { TestCa } from './test-ca.js';
import type { ZoneStore } from './zone-store.js';

const dialects: readonly SmtpDialect[] = ['postfix', 'exchange'];
const tlsModes: readonly SmtpTlsMode[] = ['none', 'modern', 'legacy', 'tls1.0-only'];
const behaviours: readonly SmtpBehaviour[] = [
  'normal',
  'tarpit',
  'garbage',
  'long-line',
  'close-after-starttls',
  'busy',
];
/** Named NTLM identities a YAML host can leak (`ntlm: oldmill`). */
const ntlmIdentities: Readonly<Record<string, NtlmIdentity>> = { oldmill: oldMillNtlmIdentity };

function oneOf<T extends string>(value: unknown, allowed: readonly T[], fallback: T, where: string): T {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || !allowed.includes(value as T))
    throw new Error(`${where}: expected one of ${allowed.join(', ')}`);
  return value as T;
}

function stringList(value: unknown, where: string): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string'))
    throw new Error(`${where}: expected a list of strings`);
  return value.map((item: string) => item.toLowerCase());
}

/**
 * One host: `{dialect?: postfix|exchange, tls?: none|modern|legacy|tls1.0-only, certificate?, certificateNames?,
 * keyAlgorithm?, behaviour?, relay?: open|closed, localDomains?, auth?, authBeforeTls?, banner?, ntlm?: oldmill,
 * vrfy?: true|confirm-all|confirm-known|postfix|cannot-verify,
 * tarpitDelayMs?}`. Defaults: a well-run Postfix.
 */
export function parseSmtpHost(name: string, value: unknown, where: string): SmtpHostSpec {
  const data = asRecord(value ?? {}, where);
  const dialect = oneOf(data.dialect, dialects, 'postfix', `${where}.dialect`);
  const ntlmName = data.ntlm;
  let ntlm: NtlmIdentity | undefined;
  if (ntlmName !== undefined) {
    ntlm = typeof ntlmName === 'string' ? ntlmIdentities[ntlmName] : undefined;
    if (ntlm === undefined) throw new Error(`${where}.ntlm: unknown identity`);
  }
  const certificateNames = stringList(data.certificateNames, `${where}.certificateNames`);
  const keyAlgorithm =
    data.keyAlgorithm === undefined
      ? undefined
      : oneOf(data.keyAlgorithm, keyAlgorithms, 'rsa-2048', `${where}.keyAlgorithm`);
  const tarpitDelayMs = data.tarpitDelayMs ?? 1000;
  if (typeof tarpitDelayMs !== 'number' || tarpitDelayMs <= 0)
    throw new Error(`${where}.tarpitDelayMs: expected a positive number`);
  const host = name.toLowerCase().replace(/\.$/, '');
  return {
    name: host,
    dialect,
    tls: oneOf(data.tls, tlsModes, 'modern', `${where}.tls`),
    certificate: oneOf(data.certificate, certificateKinds, 'valid', `${where}.certificate`),
    ...(certificateNames === undefined ? {} : { certificateNames }),
    ...(keyAlgorithm === undefined ? {} : { keyAlgorithm }),
    behaviour: oneOf(data.behaviour, behaviours, 'normal', `${where}.behaviour`),
    relay: oneOf(data.relay, ['open', 'closed'] as const, 'closed', `${where}.relay`),
    localDomains: stringList(data.localDomains, `${where}.localDomains`) ?? [
      host.split('.').slice(1).join('.'),
    ],
    auth: data.auth === undefined ? dialect === 'exchange' : data.auth === true,
    authBeforeTls: data.authBeforeTls === true,
    ...(typeof data.banner === 'string' ? { banner: data.banner } : {}),
    ...(ntlm === undefined ? {} : { ntlm }),
    vrfy: data.vrfy !== undefined && data.vrfy !== false,
    ...(typeof data.vrfy === 'string'
      ? { vrfyStyle: oneOf(data.vrfy, vrfyStyles, 'confirm-all', `${where}.vrfy`) }
      : {}),
    tarpitDelayMs,
  };
}

/** Every `smtp:` section under `directory`, one spec per host name. */
export function labSmtpHosts(directory: string): SmtpHostSpec[] {
  const hosts = new Map<string, SmtpHostSpec>();
  for (const { file, data } of scenarioSections(directory, 'smtp')) {
    for (const [name, value] of Object.entries(asRecord(data, `${file}: smtp`))) {
      const spec = parseSmtpHost(name, value, `${file}: smtp.${name}`);
      if (hosts.has(spec.name)) throw new Error(`${file}: smtp host ${spec.name} defined twice`);
      hosts.set(spec.name, spec);
    }
  }
  return [...hosts.values()];
}

export interface LabSmtp {
  readonly hosts: readonly RunningSmtpHost[];
  /** Each host's DNS addresses at port 25 → its listener. */
  readonly addressMapEntries: readonly AddressMapEntry[];
  /** A host by MX name, for tests that look at a server's log. */
  host(name: string): RunningSmtpHost | undefined;
  stop(): Promise<void>;
}

export async function startLabSmtp(options: {
  readonly store: ZoneStore;
  readonly ca: TestCa;
  readonly specs: readonly SmtpHostSpec[];
}): Promise<LabSmtp> {
  const hosts: RunningSmtpHost[] = [];
  const stop = async (): Promise<void> => {
    await Promise.all(hosts.map((host) => host.close()));
  };
  try {
    for (const spec of options.specs) hosts.push(await startSmtpHost({ spec, ca: options.ca }));
  } catch (error) {
    await stop();
    throw error;
  }
  const addressMapEntries = hosts.flatMap((host) => addressEntries(options.store, host.spec.name, 25, host));
  return {
    hosts,
    addressMapEntries,
    host: (name) => hosts.find((host) => host.spec.name === name.toLowerCase()),
    stop,
  };
}

/** The lab service: every `smtp:` host of the scenario files, added to the lab's address map. */
export const smtpLabService: LabService = hostService('smtp', (context) =>
  startLabSmtp({ store: context.store, ca: context.ca, specs: labSmtpHosts(context.zonesDir) }),
);
