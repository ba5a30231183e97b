// Report ⇄ row conversions shared by both stores, so SQLite and PostgreSQL store exactly the same things:
// every stored string goes through storableText (NUL and lone surrogates as U+FFFD) here, and only here.

import type { Finding } from '../model/finding.js';
import type { Report } from '../model/report.js';
import { fingerprintFindings } from './fingerprint.js';
import { storableText, storableValue } from './storable-text.js';
import type { CheckLogic, StoredScan } from './types.js';

/** A scan as both stores write it: a StoredScan before the database gives it an id. */
export type ScanRow = Omit<StoredScan, 'id'>;

export interface FindingRow {
  readonly ordinal: number;
  readonly fingerprint: string;
  readonly finding: Finding;
}

/** The overall letter grade when the report carries one (`grade: 'B'` or `grades.overall.grade`). */
function gradeOf(report: Report): string | undefined {
  const value = report as {
    readonly grade?: unknown;
    readonly grades?: { readonly overall?: { readonly grade?: unknown } };
  };
  if (typeof value.grade === 'string') return value.grade;
  const overall = value.grades?.overall?.grade;
  return typeof overall === 'string' ? overall : undefined;
}

/** A scan as stored, so the StoredScan saveScan returns is what a later read gives back. */
export function scanRow(report: Report, checkLogic: CheckLogic): ScanRow {
  const grade = gradeOf(report);
  return {
    domain: storableText(report.target.domain.toLowerCase()),
    startedAt: report.startedAt,
    finishedAt: report.finishedAt,
    durationMs: Math.max(0, Math.round(report.durationMs)),
    toolVersion: storableText(report.tool.version),
    checkLogic: storableValue(checkLogic),
    resolvers: storableValue(report.resolvers),
    summary: report.summary,
    ...(grade === undefined ? {} : { grade: storableText(grade) }),
  };
}

/** The columns a scan row is read back with, the same in both databases. */
export const scanColumns =
  'id, domain, started_at, finished_at, duration_ms, tool_version, check_logic, resolvers, summary, grade';

/** The columns a scan is inserted with, in the order scanValues lists them. */
export const scanInsertColumns =
  'domain, started_at, finished_at, duration_ms, tool_version, check_logic_version, check_logic, resolvers, summary, grade';

/** A scan row as insert parameters (JSON columns as text), in scanInsertColumns order, for either driver. */
export function scanValues(row: ScanRow): (string | number | null)[] {
  return [
    row.domain,
    row.startedAt,
    row.finishedAt,
    row.durationMs,
    row.toolVersion,
    row.checkLogic.version,
    JSON.stringify(row.checkLogic),
    JSON.stringify(row.resolvers),
    JSON.stringify(row.summary),
    row.grade ?? null,
  ];
}

/**
 * Findings as stored. The fingerprint is taken from the finding as scanned, before storableText: a NUL
 * in a subject would otherwise move it (stores before this substitution kept the NUL and fingerprinted
 * it), and fleet exports fingerprint the unstored report. Never recompute one from a stored finding.
 */
export function findingRows(report: Report): FindingRow[] {
  const fingerprints = fingerprintFindings(report.findings);
  return report.findings.map((finding, ordinal) => ({
    ordinal,
    fingerprint: fingerprints[ordinal] ?? '',
    finding: storableValue(finding),
  }));
}

/** A domain as looked up: in the form scanRow stored it. */
export function normalizeDomain(domain: string): string {
  return storableText(domain.trim().toLowerCase().replace(/\.$/, ''));
}
