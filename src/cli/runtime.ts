// Builds the real ports (wire DNS, HTTPS) for a command from its options, and closes them afterwards.

import { createDnsClient, type DnsClientStats } from '../net/dns/client.js';
import { formatResolver, loadSystemResolvers } from '../net/dns/resolvers.js';
import type { DnsClient, ResolverAddress } from '../net/dns/types.js';
import { NodeHttpsFetcher } from '../net/http/https-fetcher.js';
import type { HttpsFetcher } from '../net/http/types.js';
import { NodeSmtpProber } from '../net/smtp/prober.js';
import type { SmtpProber } from '../net/smtp/types.js';

export interface RuntimeSettings {
  /** Empty: the system's resolvers from /etc/resolv.conf. */
  readonly resolvers: readonly ResolverAddress[];
  readonly timeoutMs: number;
  /** The DNS cache's bound in answers; the client's default (50 000) when left out. */
  readonly cacheEntries?: number;
}

export interface Runtime {
  readonly dns: DnsClient;
  readonly https: HttpsFetcher;
  /** SMTP/TLS probes; optional so runtimes built by hand (tests) may leave it out. */
  readonly smtp?: SmtpProber;
  /** The resolvers in use, as shown in reports. */
  readonly resolvers: readonly string[];
  /** Things the user should know about the set-up (e.g. resolv.conf fallback), for stderr. */
  readonly notes: readonly string[];
  /** The DNS client's counters (queries sent, cache hits…), when the client keeps them. */
  dnsStats?(): DnsClientStats;
  close(): Promise<void>;
}

export type RuntimeFactory = (settings: RuntimeSettings) => Promise<Runtime>;

export const openRuntime: RuntimeFactory = async (settings) => {
  const notes: string[] = [];
  let resolvers = [...settings.resolvers];
  if (resolvers.length === 0) {
    const system = await loadSystemResolvers();
    resolvers = system.resolvers;
    if (system.note !== undefined) notes.push(system.note);
  }
  const dns = createDnsClient({
    resolvers,
    timeoutMs: settings.timeoutMs,
    dnssec: true,
    ...(settings.cacheEntries === undefined ? {} : { cacheEntries: settings.cacheEntries }),
  });
  const https = new NodeHttpsFetcher(dns);
  // --timeout bounds each step of a session (connect, greeting, each reply); the session budget stays larger.
  const smtp = new NodeSmtpProber({
    limits: {
      connectTimeoutMs: settings.timeoutMs,
      greetingTimeoutMs: Math.max(settings.timeoutMs, 10_000),
      commandTimeoutMs: Math.max(settings.timeoutMs, 10_000),
    },
  });
  return {
    dns,
    https,
    smtp,
    resolvers: resolvers.map(formatResolver),
    notes,
    dnsStats: () => dns.stats(),
    close: () => dns.close(),
  };
};
