// `telltale demo`: starts the built-in lab, scans its two fictitious companies with every check, and stops it.

import type { DomainCheck } from '../checks/check.js';
import { defaultCheckOptions } from '../checks/check.js';
import type { Report } from '../model/report.js';
import { createDnsClient } from '../net/dns/client.js';
import { formatResolver } from '../net/dns/resolvers.js';
import { NodeHttpsFetcher } from '../net/http/https-fetcher.js';
import type { Runtime } from './runtime.js';
import { scanDomains } from './scan-domains.js';

/** The well-configured company first, then the one with the classic mistakes. */
export const demoDomains = ['brightwater.test', 'oldmill.test'] as const;

export async function runDemo(checks: readonly DomainCheck[], timeoutMs: number): Promise<Report[]> {
  // Loaded on demand: a normal scan never starts or even loads the lab.
  const { startLab } = await import('../../lab/lab.js');
  const lab = await startLab();
  const dns = createDnsClient({ resolvers: [lab.dns], timeoutMs, dnssec: true });
  const runtime: Runtime = {
    dns,
    https: new NodeHttpsFetcher(dns, { addressMap: lab.addressMap, ca: lab.trustedCas }),
    resolvers: [`${formatResolver(lab.dns)} (the lab)`],
    notes: [],
    close: () => dns.close(),
  };
  try {
    return await scanDomains(demoDomains, runtime, checks, defaultCheckOptions);
  } finally {
    await runtime.close();
    await lab.stop();
  }
}
