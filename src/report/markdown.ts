// The report for tickets and wikis (CommonMark/GFM): the summary, the grades table, then every problem with
// its evidence and fix; remote data only ever inside code spans and fences, so it cannot become markup.

import type { Grade, Light, ReportGrades } from '../grade/grade.js';
import { gradeReport } from '../grade/grade.js';
import type { Translator } from '../i18n/translator.js';
import type { Finding } from '../model/finding.js';
import type { Report } from '../model/report.js';
import { displayName } from '../scan/domain-name.js';
import { evidenceLines } from './evidence-lines.js';
import { findingsByArea, isQuiet } from './order.js';
import { neutralizeControls } from './sanitize.js';
import { buildSummary, summaryText } from './summary.js';

/** Prose and table cells: Markdown and HTML punctuation escaped, line breaks folded. */
export function escapeMarkdown(text: string): string {
  return neutralizeControls(text)
    .replace(/[\\`*_{}[\]()#+\-.!|<>&~]/g, (char) => `\\${char}`)
    .replace(/\r?\n/g, ' ');
}

/** A code span whose fence is longer than any backtick run inside (CommonMark §6.1). */
export function codeSpan(text: string): string {
  const clean = neutralizeControls(text).replace(/\r?\n/g, ' ');
  const longest = Math.max(0, ...[...clean.matchAll(/`+/g)].map((match) => match[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = clean.startsWith('`') || clean.endsWith('`') || clean === '' ? ' ' : '';
  return `${fence}${pad}${clean}${pad}${fence}`;
}

/** A fenced block whose fence is longer than any backtick run inside (CommonMark §4.5). */
export function codeBlock(lines: readonly string[]): string[] {
  const clean = lines.flatMap((line) => neutralizeControls(line).split(/\r?\n/));
  const longest = Math.max(
    2,
    ...clean.flatMap((line) => [...line.matchAll(/`+/g)].map((match) => match[0].length)),
  );
  const fence = '`'.repeat(longest + 1);
  return [`${fence}text`, ...clean, fence];
}

function gradesTable(grades: ReportGrades, tr: Translator): string[] {
  const row = (titleMarkdown: string, grade: Grade | undefined, light: string): string =>
    `| ${titleMarkdown} | ${grade ?? '–'} | ${escapeMarkdown(light)} |`;
  const lightWord = (light: Light | undefined): string =>
    light === undefined ? tr.t('grade.notChecked') : tr.t(`light.${light}`);
  return [
    `| ${tr.t('grade.area')} | ${tr.t('grade.grade')} | ${tr.t('grade.light')} |`,
    '| --- | --- | --- |',
    row(
      `**${escapeMarkdown(tr.t('grade.overall'))}**`,
      grades.overall.grade,
      lightWord(grades.overall.light),
    ),
    ...grades.areas.map((area) =>
      row(escapeMarkdown(tr.gradeAreaTitle(area.area)), area.grade, lightWord(area.light)),
    ),
  ];
}

/** "Evidence:" with the language's own spacing before the colon. */
function labelOnly(tr: Translator, key: 'finding.evidence' | 'finding.fix'): string {
  return tr.t('finding.labelled', { label: tr.t(key), value: '' }).trimEnd();
}

function findingBlock(report: Report, finding: Finding, tr: Translator): string[] {
  const meta = report.checks[finding.checkId];
  const status = tr.t(`statusWord.${finding.status}`);
  const severity =
    isQuiet(finding) || finding.status === 'error' ? '' : ` · ${tr.t(`severity.${finding.severity}`)}`;
  const lines = [
    `#### ${escapeMarkdown(tr.checkTitle(meta, finding.checkId))}`,
    '',
    `**${escapeMarkdown(status)}**${escapeMarkdown(severity)} · ${codeSpan(finding.checkId)} · ${codeSpan(finding.subject)}`,
    '',
    escapeMarkdown(tr.findingMessage(finding)),
    '',
  ];
  if (finding.evidence.length > 0) {
    lines.push(
      escapeMarkdown(labelOnly(tr, 'finding.evidence')),
      '',
      ...codeBlock(finding.evidence.flatMap((item) => evidenceLines(item, tr))),
      '',
    );
  }
  if (finding.status === 'fail' || finding.status === 'warn') {
    const fix = tr.findingFix(finding, meta);
    if (fix !== undefined)
      lines.push(escapeMarkdown(labelOnly(tr, 'finding.fix')), '', ...codeBlock(fix.split('\n')), '');
    for (const reference of meta?.references ?? [])
      lines.push(`- ${escapeMarkdown(reference.title)}: <${encodeURI(reference.url)}>`);
    if ((meta?.references.length ?? 0) > 0) lines.push('');
  }
  return lines;
}

function renderOne(report: Report, tr: Translator, verbose: boolean): string[] {
  const grades = gradeReport(report);
  const text = summaryText(report, buildSummary(report, grades), tr);
  const lines = [
    `# ${escapeMarkdown(tr.t('report.heading', { version: report.tool.version, domain: displayName(report.target) }))}`,
    '',
    escapeMarkdown(
      tr.t('report.scanned', {
        startedAt: report.startedAt,
        seconds: (report.durationMs / 1000).toFixed(1),
        resolvers: report.resolvers.join(', ') || tr.t('report.resolversNone'),
      }),
    ),
    '',
    `## ${escapeMarkdown(text.title)}`,
    '',
    `**${escapeMarkdown(text.overall)}**`,
    '',
    ...(text.cap === undefined ? [] : [`> ${escapeMarkdown(text.cap)}`, '']),
    ...gradesTable(grades, tr),
    '',
    `### ${escapeMarkdown(text.todoTitle)}`,
    '',
    ...text.actions.flatMap((action, index) => [
      `${index + 1}. **${escapeMarkdown(action.title)}** (${codeSpan(action.subject)})`,
      `   - ${escapeMarkdown(text.labels.attack)}: ${escapeMarkdown(action.attack)}`,
      `   - ${escapeMarkdown(text.labels.cost)}: ${escapeMarkdown(action.cost)}`,
      `   - ${escapeMarkdown(text.labels.owner)}: ${escapeMarkdown(action.owner)}`,
      `   - ${escapeMarkdown(text.labels.effort)}: ${escapeMarkdown(action.effort)}`,
    ]),
    '',
    `### ${escapeMarkdown(text.rightTitle)}`,
    '',
    ...text.right.map((line) => `- ${escapeMarkdown(line)}`),
    '',
    `### ${escapeMarkdown(text.uncheckedTitle)}`,
    '',
    ...text.unchecked.map((line) => `- ${escapeMarkdown(line)}`),
    '',
    `### ${escapeMarkdown(text.legalTitle)}`,
    '',
    ...text.legal.map((line) => `- ${escapeMarkdown(line)}`),
    '',
    `*${escapeMarkdown(text.disclaimer)}*`,
    '',
    `## ${escapeMarkdown(tr.t('doc.findings'))}`,
  ];
  for (const { area, findings } of findingsByArea(report)) {
    lines.push('', `### ${escapeMarkdown(tr.areaTitle(area))}`, '');
    const shown = verbose ? findings : findings.filter((finding) => !isQuiet(finding));
    if (shown.length === 0) lines.push(escapeMarkdown(tr.t('doc.noProblems')), '');
    for (const finding of shown) lines.push(...findingBlock(report, finding, tr));
    const passed = [
      ...new Set(findings.filter((finding) => finding.status === 'pass').map((finding) => finding.checkId)),
    ];
    if (!verbose && passed.length > 0)
      lines.push(tr.t('doc.passedChecks', { ids: passed.map(codeSpan).join(', ') }), '');
  }
  return lines;
}

export function renderMarkdown(reports: readonly Report[], tr: Translator, verbose: boolean): string {
  const body = reports.flatMap((report, index) => [
    ...(index > 0 ? ['', '---', ''] : []),
    ...renderOne(report, tr, verbose),
  ]);
  const untranslated = tr.untranslated().length;
  if (untranslated > 0)
    body.push('', `*${escapeMarkdown(tr.t('report.untranslatedNote', { count: untranslated }))}*`);
  return `${body
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}
