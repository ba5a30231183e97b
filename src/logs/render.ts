// Renders a log scan report as text (for people) or JSON (the contract in docs/logs.md) (pure).

import type { Palette } from '../report/colors.js';
import { neutralizeControls } from '../report/sanitize.js';
import { logMessages } from './messages.js';
import type { LogFinding, LogScanReport } from './report.js';
import { formatTitles } from './types.js';

export function renderLogReportJson(report: LogScanReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

function span(first: string | undefined, last: string | undefined): string {
  if (first === undefined && last === undefined) return 'time unknown';
  return `${first ?? '?'} → ${last ?? '?'}`;
}

function findingLines(finding: LogFinding, palette: Palette): string[] {
  const label = finding.severity.toUpperCase().padEnd(8);
  const colour =
    finding.severity === 'critical' || finding.severity === 'high'
      ? palette.red
      : finding.severity === 'medium'
        ? palette.yellow
        : palette.dim;
  const outcome =
    finding.failed === 0
      ? `${finding.hits} hit(s)`
      : finding.succeeded === 0
        ? `${finding.hits} hit(s), ${logMessages.failedOnly(finding.severity)}`
        : `${finding.hits} hit(s): ${finding.succeeded} succeeded, ${finding.failed} failed`;
  const clients = finding.clients
    .slice(0, 5)
    .map((client) => `${client.ip} (${client.count}${client.private ? ', private' : ''})`)
    .join(', ');
  const more = finding.distinctClients > 5 ? ` and ${finding.distinctClients - 5} more` : '';
  const lines = [
    `${colour(label)} ${palette.bold(finding.indicatorId)} — ${finding.title}`,
    neutralizeControls(
      `         ${outcome} in ${finding.files} file(s) · ${span(finding.firstTime, finding.lastTime)}`,
    ),
    neutralizeControls(`         clients: ${clients === '' ? 'not logged' : `${clients}${more}`}`),
  ];
  if (finding.cves.length > 0) lines.push(`         ${finding.campaign} · ${finding.cves.join(', ')}`);
  else lines.push(`         ${finding.campaign}`);
  for (const example of finding.examples) {
    const mark = example.succeeded ? '' : ' (failed)';
    lines.push(
      palette.dim(
        neutralizeControls(`         ${example.file}:${example.line}${mark}  ${example.text.slice(0, 300)}`),
      ),
    );
  }
  lines.push(`         false positives: ${finding.falsePositives}`);
  lines.push(`         next: ${finding.nextSteps}`);
  return lines;
}

export function renderLogReportText(report: LogScanReport, palette: Palette, verbose: boolean): string {
  const { totals } = report;
  const seconds = (report.durationMs / 1000).toFixed(1);
  const out: string[] = [
    `telltale logs — ${totals.scanned} of ${totals.files} file(s) scanned, ${formatBytes(totals.bytes)}, ${totals.lines} lines in ${seconds} s`,
    '',
    palette.bold(report.headline),
  ];
  if (report.findings.length > 0) {
    out.push('', palette.bold('Findings'));
    for (const finding of report.findings) out.push(...findingLines(finding, palette), '');
  }
  if (report.nextSteps.length > 0) {
    out.push('', palette.bold('What to do next'));
    report.nextSteps.forEach((step, index) => {
      out.push(`  ${index + 1}. ${step}`);
    });
  }
  out.push('', palette.bold('Coverage (oldest and newest record per log type)'));
  if (report.coverage.length === 0) out.push('  none');
  for (const entry of report.coverage)
    out.push(
      neutralizeControls(
        `  ${formatTitles[entry.format]}: ${entry.files} file(s), ${span(entry.firstTime, entry.lastTime)}`,
      ),
    );
  if (report.notEvaluable.length > 0) {
    out.push('', palette.bold('Not evaluable in these logs'));
    for (const item of report.notEvaluable)
      out.push(`  ${item.indicatorId}: ${logMessages.notEvaluable(item.missing)}`);
  }
  const listed = report.files.filter((file) => verbose || file.notes.length > 0 || file.status !== 'scanned');
  if (listed.length > 0) {
    out.push('', palette.bold(verbose ? 'Files' : 'Files skipped or with problems'));
    for (const file of listed) {
      const kind = file.format === undefined ? '' : ` [${file.format}${file.compressed ? ', gzip' : ''}]`;
      const notes = file.notes.length === 0 ? '' : `: ${file.notes.join('; ')}`;
      out.push(neutralizeControls(`  ${file.status.padEnd(8)} ${file.path}${kind}${notes}`));
    }
  }
  if (report.dataset.stale)
    out.push(
      '',
      palette.yellow(
        `The indicator data (${report.dataset.dataVersion}) is past its review date ${report.dataset.reviewBy}: update telltale.`,
      ),
    );
  // Remote text (log lines, file names, times, client fields) is neutralised where it enters a line,
  // before colour is added: neutralising the whole output would also disarm our own colour codes.
  return `${out.join('\n')}\n`;
}
