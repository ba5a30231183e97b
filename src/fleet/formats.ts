// The fleet's streaming formats: one JSON line per domain (jsonl), or one CSV row per finding (csv).
// Each result is rendered on its own, so output grows as domains finish, in whatever order they finish.

import type { Report } from '../model/report.js';
import { csvCell } from '../report/csv.js';
import { fingerprintFindings } from '../store/fingerprint.js';
import type { FleetFormat } from './format-names.js';

/** The report without its per-check metadata (`telltale checks --format json` has it once for all). */
export function jsonlLine(report: Report): string {
  const { checks: _checks, ...rest } = report;
  return `${JSON.stringify(rest)}\n`;
}

export const csvColumns = [
  'domain',
  'started_at',
  'check_id',
  'area',
  'status',
  'severity',
  'subject',
  'message',
  'fingerprint',
] as const;

/** The report format's cell rules: RFC 4180 quoting, formulas defused, control characters neutralised. */
export const csvField = csvCell;

export function csvHeader(): string {
  return `${csvColumns.join(',')}\r\n`;
}

export function csvRows(report: Report): string {
  const fingerprints = fingerprintFindings(report.findings);
  return report.findings
    .map((finding, index) =>
      [
        report.target.domain,
        report.startedAt,
        finding.checkId,
        report.checks[finding.checkId]?.area ?? '',
        finding.status,
        finding.severity,
        finding.subject,
        finding.message,
        fingerprints[index] ?? '',
      ]
        .map(csvField)
        .join(','),
    )
    .map((row) => `${row}\r\n`)
    .join('');
}

/** The text for one finished domain, and the text a fresh output starts with. */
export function formatter(format: FleetFormat): { readonly header: string; render(report: Report): string } {
  switch (format) {
    case 'jsonl':
      return { header: '', render: jsonlLine };
    case 'csv':
      return { header: csvHeader(), render: csvRows };
  }
}
