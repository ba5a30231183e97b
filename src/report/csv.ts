// One row per finding for spreadsheets: RFC 4180 quoting, and cells a spreadsheet would run as a formula defused.

import type { Translator } from '../i18n/translator.js';
import type { Report } from '../model/report.js';
import { evidenceLines } from './evidence-lines.js';
import { neutralizeControls } from './sanitize.js';

/** Stable machine names: the column set does not change with --lang, only the cell texts do. */
export const csvColumns = [
  'domain',
  'area',
  'check_id',
  'status',
  'severity',
  'subject',
  'title',
  'message',
  'evidence',
  'fix',
] as const;

/**
 * A leading = + - @ tab or CR makes Excel, LibreOffice and Sheets evaluate the cell (OWASP "CSV
 * injection"): such a cell gets a leading apostrophe, which they show as text.
 */
export function defuseFormula(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

/** RFC 4180 §2: quote a field holding a comma, quote or line break, doubling inner quotes. */
export function quoteCsv(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}

/** One cell made safe: control characters neutralised first (so a `cat` of the file cannot drive a terminal), formulas defused, then quoted. */
export function csvCell(cell: string): string {
  return quoteCsv(defuseFormula(neutralizeControls(cell)));
}

function row(cells: readonly string[]): string {
  return cells.map(csvCell).join(',');
}

export function renderCsv(reports: readonly Report[], tr: Translator): string {
  const rows = [row(csvColumns)];
  for (const report of reports) {
    for (const finding of report.findings) {
      const meta = report.checks[finding.checkId];
      rows.push(
        row([
          report.target.domain,
          meta?.area ?? '',
          finding.checkId,
          finding.status,
          finding.severity,
          finding.subject,
          tr.checkTitle(meta, finding.checkId),
          tr.findingMessage(finding),
          finding.evidence.flatMap((item) => evidenceLines(item, tr)).join('\n'),
          finding.status === 'fail' || finding.status === 'warn' ? (tr.findingFix(finding, meta) ?? '') : '',
        ]),
      );
    }
  }
  // RFC 4180 §2: CRLF ends every record.
  return `${rows.join('\r\n')}\r\n`;
}
