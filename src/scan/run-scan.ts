// Runs a set of checks over one domain and assembles the Report; a check that crashes becomes an `error` finding.

import type { CheckContext, DomainCheck } from '../checks/check.js';
import { finding } from '../checks/finding-builder.js';
import { datasetUses } from '../model/dataset.js';
import type { CheckMeta, Finding } from '../model/finding.js';
import { type Report, reportSchemaVersion, type ScanTarget, summarize } from '../model/report.js';
import { toolVersion } from '../version.js';

export const checkFailedMeta: CheckMeta = {
  id: 'scan.check-failed',
  area: 'scan',
  title: 'A check could not run to its end',
  severity: 'info',
  description:
    'A check stopped on an unexpected internal error. Its verdicts are missing from this report; the rest of the scan is unaffected. This is a defect in telltale, not in the domain.',
  remediation:
    'Run the scan again; if it persists, report it to the telltale maintainers with the message shown.',
  references: [],
};

export interface ScanRequest {
  readonly target: ScanTarget;
  readonly checks: readonly DomainCheck[];
  readonly context: CheckContext;
  /** Resolvers as shown to the user ("127.0.0.1:53"). */
  readonly resolvers: readonly string[];
}

async function runOne(check: DomainCheck, request: ScanRequest): Promise<readonly Finding[]> {
  try {
    return await check.run(request.target, request.context);
  } catch (cause) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    return [
      finding(checkFailedMeta, 'error', {
        subject: request.target.domain,
        message: `The '${check.name}' check failed: ${detail}`,
      }),
    ];
  }
}

// A fleet scans every domain with the same list of checks: their metadata is indexed once per list.
const metaIndexes = new WeakMap<readonly DomainCheck[], ReadonlyMap<string, CheckMeta>>();

function metaIndex(checks: readonly DomainCheck[]): ReadonlyMap<string, CheckMeta> {
  let index = metaIndexes.get(checks);
  if (index === undefined) {
    const byId = new Map<string, CheckMeta>([[checkFailedMeta.id, checkFailedMeta]]);
    for (const check of checks) for (const meta of check.meta) byId.set(meta.id, meta);
    index = byId;
    metaIndexes.set(checks, index);
  }
  return index;
}

export async function runScan(request: ScanRequest): Promise<Report> {
  const { clock } = request.context;
  const started = clock.now();
  const results = await Promise.all(request.checks.map((check) => runOne(check, request)));
  const finished = clock.now();
  const findings = results.flat();
  const metaById = metaIndex(request.checks);
  const checks: Record<string, CheckMeta> = {};
  for (const item of findings) {
    const meta = metaById.get(item.checkId);
    if (meta !== undefined) checks[item.checkId] = meta;
  }
  return {
    schemaVersion: reportSchemaVersion,
    tool: { name: 'telltale', version: toolVersion },
    target: request.target,
    startedAt: started.toISOString(),
    finishedAt: finished.toISOString(),
    durationMs: finished.getTime() - started.getTime(),
    resolvers: request.resolvers,
    findings,
    checks,
    summary: summarize(findings),
    datasets: datasetUses(
      request.checks.flatMap((check) => check.datasets ?? []),
      started,
    ),
  };
}
