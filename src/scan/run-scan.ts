// Runs a set of checks over one domain and assembles the Report; a check that crashes becomes an `error` finding.

import type { CheckContext, DomainCheck } from '../checks/check.js';
import { finding } from '../checks/finding-builder.js';
import { type DatasetInfo, datasetUses } from '../model/dataset.js';
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

// A fleet scans every domain with the same list of checks: their metadata and datasets are gathered once per list.
interface ChecksIndex {
  readonly metaById: ReadonlyMap<string, CheckMeta>;
  readonly datasets: readonly DatasetInfo[];
}

const checksIndexes = new WeakMap<readonly DomainCheck[], ChecksIndex>();

function checksIndex(checks: readonly DomainCheck[]): ChecksIndex {
  let index = checksIndexes.get(checks);
  if (index === undefined) {
    const metaById = new Map<string, CheckMeta>([[checkFailedMeta.id, checkFailedMeta]]);
    for (const check of checks) for (const meta of check.meta) metaById.set(meta.id, meta);
    index = { metaById, datasets: checks.flatMap((check) => check.datasets ?? []) };
    checksIndexes.set(checks, index);
  }
  return index;
}

export async function runScan(request: ScanRequest): Promise<Report> {
  const { clock } = request.context;
  const started = clock.now();
  const results = await Promise.all(request.checks.map((check) => runOne(check, request)));
  const finished = clock.now();
  // A plain loop: Array.prototype.flat is slow in V8 for the dozen short arrays of every scan.
  const findings: Finding[] = [];
  for (const result of results) for (const item of result) findings.push(item);
  const { metaById, datasets } = checksIndex(request.checks);
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
    datasets: datasetUses(datasets, started),
  };
}
