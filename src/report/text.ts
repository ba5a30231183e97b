// The default report: grouped by area, worst first, each problem with its evidence and its fix.

import type { CheckMeta, Evidence, Finding, SpfTreeNode, Status } from '../model/finding.js';
import { areas, areaTitles, severityRank } from '../model/finding.js';
import type { Report } from '../model/report.js';
import { displayName } from '../scan/domain-name.js';
import type { Palette } from './colors.js';
import { neutralizeControls } from './sanitize.js';

export interface TextOptions {
  readonly palette: Palette;
  /** Show evidence for passing results too. */
  readonly verbose: boolean;
}

const statusOrder: Readonly<Record<Status, number>> = { fail: 0, error: 1, warn: 2, pass: 3, skipped: 4 };

const statusLabel: Readonly<Record<Status, string>> = {
  fail: '✗ FAIL ',
  error: '? ERROR',
  warn: '! WARN ',
  pass: '✓ pass ',
  skipped: '- skip ',
};

function paint(status: Status, text: string, palette: Palette): string {
  switch (status) {
    case 'fail':
      return palette.red(text);
    case 'error':
      return palette.blue(text);
    case 'warn':
      return palette.yellow(text);
    case 'pass':
      return palette.green(text);
    case 'skipped':
      return palette.dim(text);
  }
}

export function compareFindings(a: Finding, b: Finding): number {
  return statusOrder[a.status] - statusOrder[b.status] || severityRank(b.severity) - severityRank(a.severity);
}

/** Remote data (records, messages quoting them) is neutralised here, before any colour is added. */
function indent(lines: readonly string[], prefix: string): string[] {
  return lines.flatMap((line) => neutralizeControls(line).split('\n')).map((line) => `${prefix}${line}`);
}

function renderTree(node: SpfTreeNode, depth: number): string[] {
  const label = depth === 0 ? node.domain : `${node.via}:${node.domain}`;
  const counts = `[${node.lookups} here, ${node.branchLookups} in branch${node.voidLookups > 0 ? `, ${node.voidLookups} void` : ''}]`;
  const detail = node.problem === undefined ? (node.record ?? '') : `(${node.problem})`;
  const line = `${'  '.repeat(depth)}${label} ${counts} ${detail}`.trimEnd();
  return [line, ...node.children.flatMap((child) => renderTree(child, depth + 1))];
}

export function renderEvidence(evidence: Evidence): string[] {
  switch (evidence.kind) {
    case 'dns': {
      const header = `${evidence.name} ${evidence.type} → ${evidence.outcome}${evidence.authenticated ? ' (DNSSEC-validated)' : ''}`;
      return [header, ...evidence.records.map((record) => `  ${record}`)];
    }
    case 'spf-tree':
      return renderTree(evidence.tree, 0);
    case 'text':
      return [`${evidence.label}: ${evidence.value}`];
  }
}

function renderFinding(finding: Finding, meta: CheckMeta | undefined, options: TextOptions): string[] {
  const { palette } = options;
  const status = paint(finding.status, statusLabel[finding.status], palette);
  const severity = finding.status === 'fail' || finding.status === 'warn' ? ` ${finding.severity}` : '';
  const head = `  ${status}${severity}  ${palette.bold(finding.checkId)}  ${palette.dim(neutralizeControls(finding.subject))}`;
  const lines = [head, ...indent([finding.message], '      ')];
  const problem = finding.status !== 'pass' && finding.status !== 'skipped';
  if ((problem || options.verbose) && finding.evidence.length > 0) {
    lines.push(palette.dim('      Evidence:'));
    lines.push(
      ...indent(finding.evidence.flatMap(renderEvidence), '        ').map((line) => palette.dim(line)),
    );
  }
  if (finding.status === 'fail' || finding.status === 'warn') {
    const fix = finding.fix ?? meta?.remediation;
    if (fix !== undefined) lines.push(...indent([`Fix: ${fix}`], '      '));
    const reference = meta?.references[0];
    if (reference !== undefined) lines.push(palette.dim(`      See: ${reference.title} <${reference.url}>`));
  }
  return lines;
}

/** Passing and skipped results in one line each per area: what is already right, without the noise. */
function quietSummary(findings: readonly Finding[], palette: Palette): string[] {
  const lines: string[] = [];
  for (const status of ['pass', 'skipped'] as const) {
    const ids = [
      ...new Set(findings.filter((finding) => finding.status === status).map((finding) => finding.checkId)),
    ];
    if (ids.length === 0) continue;
    const label =
      status === 'pass'
        ? `${statusLabel.pass} ${ids.length} passed:`
        : `${statusLabel.skipped} ${ids.length} skipped:`;
    lines.push(`  ${paint(status, label, palette)} ${palette.dim(ids.join(', '))}`);
  }
  return lines;
}

export function renderText(report: Report, options: TextOptions): string {
  const { palette } = options;
  const seconds = (report.durationMs / 1000).toFixed(1);
  const { summary } = report;
  const lines = [
    palette.bold(`telltale ${report.tool.version} — ${displayName(report.target)}`),
    palette.dim(
      `Scanned ${report.startedAt} in ${seconds} s · resolvers: ${report.resolvers.join(', ') || 'none'}`,
    ),
    `${paint('fail', `${summary.fail} fail`, palette)} · ${paint('error', `${summary.error} could not be checked`, palette)} · ${paint('warn', `${summary.warn} warn`, palette)} · ${paint('pass', `${summary.pass} pass`, palette)}`,
  ];
  for (const area of areas) {
    const inArea = report.findings.filter((finding) => report.checks[finding.checkId]?.area === area);
    if (inArea.length === 0) continue;
    lines.push('', palette.bold(areaTitles[area]));
    const sorted = [...inArea].sort(compareFindings);
    const shown = options.verbose
      ? sorted
      : sorted.filter((finding) => finding.status !== 'pass' && finding.status !== 'skipped');
    for (const finding of shown)
      lines.push(...renderFinding(finding, report.checks[finding.checkId], options));
    if (!options.verbose) lines.push(...quietSummary(sorted, palette));
  }
  if (summary.error > 0) {
    lines.push(
      '',
      palette.blue(
        `${summary.error} result(s) could not be checked (see ERROR above): they are unknown, not missing, and count neither for nor against the domain.`,
      ),
    );
  }
  return `${lines.join('\n')}\n`;
}
