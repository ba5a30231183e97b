// Scans domains one after another over the given runtime's ports, with the system clock.

import { setMaxListeners } from 'node:events';
import type { CheckOptions, DomainCheck } from '../checks/check.js';
import type { Report } from '../model/report.js';
import { parseDomain } from '../scan/domain-name.js';
import { runScan } from '../scan/run-scan.js';
import { UsageError } from './cli-io.js';
import type { Runtime } from './runtime.js';

const systemClock = { now: () => new Date() };

export async function scanDomains(
  domains: readonly string[],
  runtime: Runtime,
  checks: readonly DomainCheck[],
  checkOptions: CheckOptions,
  /** Aborting it stops the scans in flight (Ctrl-C in a fleet) instead of letting them run out. */
  signal?: AbortSignal,
): Promise<Report[]> {
  const reports: Report[] = [];
  for (const domain of domains) {
    const parsed = parseDomain(domain);
    if (!parsed.ok) throw new UsageError(parsed.error);
    const controller = new AbortController();
    // Every concurrent lookup of the scan listens on this one signal.
    setMaxListeners(0, controller.signal);
    const forwardAbort = (): void => controller.abort(signal?.reason);
    if (signal?.aborted) forwardAbort();
    // Removed after the scan: a fleet calls this for every domain with the same outer signal.
    signal?.addEventListener('abort', forwardAbort, { once: true });
    try {
      reports.push(
        await runScan({
          target: parsed.target,
          checks,
          resolvers: runtime.resolvers,
          context: {
            dns: runtime.dns,
            https: runtime.https,
            ...(runtime.smtp === undefined ? {} : { smtp: runtime.smtp }),
            clock: systemClock,
            signal: controller.signal,
            options: checkOptions,
          },
        }),
      );
    } finally {
      signal?.removeEventListener('abort', forwardAbort);
    }
  }
  return reports;
}
