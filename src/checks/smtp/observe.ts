// One mail server observed once: the SMTP session, the TLS version and cipher probes, and the relay test, run
// one after another through the prober and cached per address for the whole scan (two MX names, one visit).

import { randomBytes } from 'node:crypto';
import type {
  CipherProbeResult,
  RelayProbeResult,
  SmtpProbeResult,
  SmtpProber,
  SmtpTarget,
  TlsVersionProbeResult,
} from '../../net/smtp/types.js';
import type { CertificateInfo, TlsSessionInfo, TlsVersionName } from '../../net/tls/types.js';
import type { CheckContext } from '../check.js';

/** The name we announce in EHLO: ours, in the reserved .invalid TLD, so it can never be mistaken for the target's. */
export const heloName = 'telltale.invalid';

export interface Endpoint {
  readonly address: string;
  readonly port: number;
  readonly tls: 'starttls' | 'implicit';
  /** The name sent as SNI: the first MX name that led to this address. */
  readonly serverName?: string;
}

/**
 * What VRFY asks, in one session: a mailbox every domain must have (RFC 5321 §4.5.1) and a random name that
 * cannot exist, fresh per session so no server can learn to answer it specially. Different answers enumerate.
 */
export const vrfyProbeNames = {
  known: 'postmaster',
  unknown: (): string => `telltale-probe-${randomBytes(6).toString('hex')}`,
} as const;

/** Where the relay probe sends its recipients: a neutral sender and outside recipients (RFC 2606 names). */
export const relayProbeAddresses = {
  mailFrom: 'relay-test@example.net',
  outside: 'relay-test@example.com',
  /** The percent hack: a local-looking address the server would forward to `outside`. */
  percentHack: (localDomain: string) => `relay-test%example.com@${localDomain}`,
  /** A source route (RFC 5321 §C): servers must accept the syntax and should ignore the route. */
  sourceRoute: (localDomain: string) => `@${localDomain}:relay-test@example.com`,
} as const;

export type RelayObservation =
  | { readonly kind: 'disabled' }
  | { readonly kind: 'not-run'; readonly reason: string }
  | { readonly kind: 'ran'; readonly result: RelayProbeResult; readonly localDomain: string };

export interface ServerObservation {
  readonly endpoint: Endpoint;
  readonly probe: SmtpProbeResult;
  /** The TLS session of the main probe (STARTTLS or implicit), when it completed. */
  readonly session?: TlsSessionInfo;
  /** One probe per version, oldest first; empty when the server offers no TLS. */
  readonly versions: readonly TlsVersionProbeResult[];
  readonly ciphers?: CipherProbeResult;
  readonly relay: RelayObservation;
}

export interface ObserveOptions {
  readonly relayTest: boolean;
  /** The domain the percent-hack and source-route recipients name (the scanned domain, or the host). */
  readonly localDomain: string;
  readonly signal?: AbortSignal;
}

/** Oldest first, so a transcript reads in the order an auditor would try them. */
export const probedVersions: readonly TlsVersionName[] = ['SSLv3', 'TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'];

export function tlsSessionOf(probe: SmtpProbeResult): TlsSessionInfo | undefined {
  const outcome = probe.facts.implicitTls ?? probe.facts.starttls;
  return outcome?.kind === 'ok' ? outcome.session : undefined;
}

export function leafOf(observation: ServerObservation): CertificateInfo | undefined {
  return observation.session?.chain[0];
}

function targetOf(endpoint: Endpoint): SmtpTarget {
  return {
    address: endpoint.address,
    port: endpoint.port,
    heloName,
    tls: endpoint.tls,
    ...(endpoint.serverName === undefined ? {} : { serverName: endpoint.serverName }),
  };
}

/** Sequential on purpose: the prober allows one connection per address, and each probe must start clean. */
export async function observeServer(
  prober: SmtpProber,
  endpoint: Endpoint,
  options: ObserveOptions,
): Promise<ServerObservation> {
  const target = targetOf(endpoint);
  const signalOption = options.signal === undefined ? {} : { signal: options.signal };
  const probe = await prober.probe(target, {
    starttls: true,
    ntlm: true,
    vrfy: [vrfyProbeNames.known, vrfyProbeNames.unknown()],
    ...signalOption,
  });
  const session = tlsSessionOf(probe);
  const versions: TlsVersionProbeResult[] = [];
  let ciphers: CipherProbeResult | undefined;
  // A TLS 1.0-only server fails the default handshake yet accepts TLS: probe versions whenever TLS is offered.
  const greeted = probe.facts.greeting?.code === 220;
  const tlsOffered =
    session !== undefined ||
    (endpoint.tls === 'starttls' ? probe.facts.ehlo?.extensions.starttls === true : greeted);
  if (tlsOffered) {
    for (const version of probedVersions)
      versions.push(await prober.probeTlsVersion(target, version, signalOption));
    ciphers = await prober.probeCiphers(target, signalOption);
  }
  let relay: RelayObservation;
  if (!options.relayTest) relay = { kind: 'disabled' };
  else if (!greeted) relay = { kind: 'not-run', reason: 'the server could not be reached' };
  else {
    const rcptTo = [
      relayProbeAddresses.outside,
      relayProbeAddresses.percentHack(options.localDomain),
      relayProbeAddresses.sourceRoute(options.localDomain),
    ];
    const result = await prober.relayProbe(target, {
      mailFrom: relayProbeAddresses.mailFrom,
      rcptTo,
      ...signalOption,
    });
    relay = { kind: 'ran', result, localDomain: options.localDomain };
  }
  return {
    endpoint,
    probe,
    ...(session === undefined ? {} : { session }),
    versions,
    ...(ciphers ? { ciphers } : {}),
    relay,
  };
}

const caches = new WeakMap<object, Map<string, Promise<ServerObservation>>>();

/**
 * Observations shared by every check of one scan: keyed by the scan's abort signal (one per scan), so two
 * MX names on one address, or the smtp and dane checks, cause a single visit.
 */
export function observeCached(
  context: CheckContext,
  prober: SmtpProber,
  endpoint: Endpoint,
  options: ObserveOptions,
): Promise<ServerObservation> {
  let cache = caches.get(context.signal);
  if (cache === undefined) {
    cache = new Map();
    caches.set(context.signal, cache);
  }
  const key = `${endpoint.address} ${endpoint.port}`;
  let observation = cache.get(key);
  if (observation === undefined) {
    observation = observeServer(prober, endpoint, options);
    cache.set(key, observation);
  }
  return observation;
}
