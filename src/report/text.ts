// The default report: lights and grades first, then grouped by area, worst first, each problem with its
// evidence and its fix; remote data neutralised before any colour is added.

import type { AreaGrade, Light, OverallGrade, ReportGrades } from '../grade/grade.js';
import { gradeReport } from '../grade/grade.js';
import type { Translator } from '../i18n/translator.js';
import type { CheckMeta, Finding, Status } from '../model/finding.js';
import type { Report } from '../model/report.js';
import { displayName } from '../scan/domain-name.js';
import type { Palette } from './colors.js';
import { evidenceLines } from './evidence-lines.js';
import { findingsByArea, isQuiet } from './order.js';
import { neutralizeControls } from './sanitize.js';
import { buildSummary, summaryText } from './summary.js';

export interface TextOptions {
  readonly palette: Palette;
  /** Show evidence for passing results too. */
  readonly verbose: boolean;
  readonly translator: Translator;
}

const statusSymbol: Readonly<Record<Status, string>> = {
  fail: '✗',
  error: '?',
  warn: '!',
  pass: '✓',
  skipped: '-',
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

function paintLight(light: Light | undefined, text: string, palette: Palette): string {
  switch (light) {
    case 'green':
      return palette.green(text);
    case 'amber':
      return palette.yellow(text);
    case 'red':
      return palette.red(text);
    case undefined:
      return palette.dim(text);
  }
}

/** Every status label padded to the widest in this language, so the columns line up. */
function statusLabels(tr: Translator): Readonly<Record<Status, string>> {
  const words = {
    fail: tr.t('status.fail'),
    error: tr.t('status.error'),
    warn: tr.t('status.warn'),
    pass: tr.t('status.pass'),
    skipped: tr.t('status.skipped'),
  };
  const width = Math.max(...Object.values(words).map((word) => word.length));
  const label = (status: Status): string => `${statusSymbol[status]} ${words[status].padEnd(width)}`;
  return {
    fail: label('fail'),
    error: label('error'),
    warn: label('warn'),
    pass: label('pass'),
    skipped: label('skipped'),
  };
}

function clean(lines: readonly string[], prefix: string): string[] {
  return lines.flatMap((line) => neutralizeControls(line).split('\n')).map((line) => `${prefix}${line}`);
}

function lightWord(light: Light | undefined, tr: Translator): string {
  return light === undefined ? tr.t('light.none') : tr.t(`light.${light}`);
}

function gradeLine(title: string, grade: AreaGrade | OverallGrade, tr: Translator, palette: Palette): string {
  const light = grade.grade === undefined ? tr.t('grade.notChecked') : lightWord(grade.light, tr);
  const letter = grade.grade ?? '–';
  const mark = paintLight(grade.light, `● ${letter}`, palette);
  const confidence =
    grade.confidence === 'full' || grade.unchecked === 0
      ? ''
      : ` · ${tr.t(`confidence.${grade.confidence}`, { count: grade.unchecked })}`;
  return `${mark}  ${title} (${light})${palette.dim(confidence)}`;
}

function gradesHeader(grades: ReportGrades, tr: Translator, palette: Palette): string[] {
  const lines = [palette.bold(gradeLine(tr.t('grade.overall'), grades.overall, tr, palette))];
  if (grades.overall.cap !== undefined) {
    const { reason, checkId, subject } = grades.overall.cap;
    lines.push(palette.red(`   ${neutralizeControls(tr.t(`grade.cap.${reason}`, { checkId, subject }))}`));
  }
  for (const area of grades.areas) {
    lines.push(`  ${gradeLine(tr.gradeAreaTitle(area.area), area, tr, palette)}`);
  }
  return lines;
}

function renderFinding(
  finding: Finding,
  meta: CheckMeta | undefined,
  options: TextOptions,
  labels: Readonly<Record<Status, string>>,
): string[] {
  const { palette, translator: tr } = options;
  const status = paint(finding.status, labels[finding.status], palette);
  const severity =
    finding.status === 'fail' || finding.status === 'warn' ? ` ${tr.t(`severity.${finding.severity}`)}` : '';
  const head = `  ${status}${severity}  ${palette.bold(finding.checkId)}  ${palette.dim(neutralizeControls(finding.subject))}`;
  const lines = [head, ...clean([tr.checkTitle(meta, finding.checkId)], '      ').map(palette.bold)];
  lines.push(...clean([tr.findingMessage(finding)], '      '));
  if ((!isQuiet(finding) || options.verbose) && finding.evidence.length > 0) {
    lines.push(
      palette.dim(
        `      ${tr.t('finding.labelled', { label: tr.t('finding.evidence'), value: '' }).trimEnd()}`,
      ),
    );
    lines.push(
      ...clean(
        finding.evidence.flatMap((item) => evidenceLines(item, tr)),
        '        ',
      ).map(palette.dim),
    );
  }
  if (finding.status === 'fail' || finding.status === 'warn') {
    const fix = tr.findingFix(finding, meta);
    if (fix !== undefined)
      lines.push(...clean([tr.t('finding.labelled', { label: tr.t('finding.fix'), value: fix })], '      '));
    const reference = meta?.references[0];
    if (reference !== undefined)
      lines.push(
        palette.dim(
          clean(
            [
              tr.t('finding.labelled', {
                label: tr.t('finding.see'),
                value: `${reference.title} <${reference.url}>`,
              }),
            ],
            '      ',
          ).join('\n'),
        ),
      );
  }
  return lines;
}

/** Passing and skipped results in one line each per area: what is already right, without the noise. */
function quietSummary(
  findings: readonly Finding[],
  palette: Palette,
  tr: Translator,
  labels: Readonly<Record<Status, string>>,
): string[] {
  const lines: string[] = [];
  for (const status of ['pass', 'skipped'] as const) {
    const ids = [
      ...new Set(findings.filter((finding) => finding.status === status).map((finding) => finding.checkId)),
    ];
    if (ids.length === 0) continue;
    const count = tr.t(status === 'pass' ? 'quiet.passed' : 'quiet.skipped', { count: ids.length });
    lines.push(`  ${paint(status, `${labels[status]} ${count}`, palette)} ${palette.dim(ids.join(', '))}`);
  }
  return lines;
}

function todoLines(report: Report, grades: ReportGrades, tr: Translator, palette: Palette): string[] {
  const text = summaryText(report, buildSummary(report, grades), tr);
  if (text.actions.length === 0) return [];
  return [
    '',
    palette.bold(text.todoTitle),
    ...text.actions.flatMap((action, index) =>
      clean([`${index + 1}. ${action.title} (${action.subject}) · ${action.owner} · ${action.effort}`], '  '),
    ),
  ];
}

export function renderText(report: Report, options: TextOptions): string {
  const { palette, translator: tr } = options;
  const labels = statusLabels(tr);
  const seconds = new Intl.NumberFormat(tr.locale, {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(report.durationMs / 1000);
  const { summary } = report;
  const grades = gradeReport(report);
  const lines = [
    palette.bold(
      neutralizeControls(
        tr.t('report.heading', { version: report.tool.version, domain: displayName(report.target) }),
      ),
    ),
    palette.dim(
      tr.t('report.scanned', {
        startedAt: report.startedAt,
        seconds,
        resolvers: report.resolvers.join(', ') || tr.t('report.resolversNone'),
      }),
    ),
    ...gradesHeader(grades, tr, palette),
    [
      paint('fail', tr.t('count.fail', { count: summary.fail }), palette),
      paint('error', tr.t('count.error', { count: summary.error }), palette),
      paint('warn', tr.t('count.warn', { count: summary.warn }), palette),
      paint('pass', tr.t('count.pass', { count: summary.pass }), palette),
    ].join(' · '),
    ...todoLines(report, grades, tr, palette),
    ...(report.datasets ?? [])
      .filter((dataset) => dataset.stale)
      .map(({ name, dataVersion, reviewBy }) =>
        palette.yellow(tr.t('report.staleDataset', { name, dataVersion, reviewBy })),
      ),
  ];
  for (const { area, findings } of findingsByArea(report)) {
    lines.push('', palette.bold(tr.areaTitle(area)));
    const shown = options.verbose ? findings : findings.filter((finding) => !isQuiet(finding));
    for (const finding of shown)
      lines.push(...renderFinding(finding, report.checks[finding.checkId], options, labels));
    if (!options.verbose) lines.push(...quietSummary(findings, palette, tr, labels));
  }
  if (summary.error > 0) lines.push('', palette.blue(tr.t('report.uncheckedNote', { count: summary.error })));
  const untranslated = tr.untranslated().length;
  if (untranslated > 0) lines.push('', palette.dim(tr.t('report.untranslatedNote', { count: untranslated })));
  return `${lines.join('\n')}\n`;
}
