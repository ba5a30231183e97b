// The one-page management summary: the overall light, the three things to do first in business words,
// what is already right and what could not be checked, with the GDPR/NIS2 framing; model then localised text.

import { gradeReport, isKnownExploited, isProblem, type ReportGrades } from '../grade/grade.js';
import { type GradeArea, gradeAreaOf } from '../grade/grade-areas.js';
import type { MessageKey } from '../i18n/en.js';
import type { Translator } from '../i18n/translator.js';
import type { Finding, Severity } from '../model/finding.js';
import { severityRank } from '../model/finding.js';
import type { Report } from '../model/report.js';
import { type BusinessImpact, businessImpact } from './business-impact.js';

export interface SummaryAction {
  readonly checkId: string;
  /** The first subject; `count` says how many findings of this check there are. */
  readonly subject: string;
  readonly count: number;
  readonly severity: Severity;
  readonly knownExploited: boolean;
  readonly area: GradeArea;
  readonly impact: BusinessImpact;
}

export interface ManagementSummary {
  readonly grades: ReportGrades;
  /** At most three, most urgent first. */
  readonly actions: readonly SummaryAction[];
  /** Areas checked in full and graded A. */
  readonly right: readonly GradeArea[];
}

function gradeAreaOfFinding(report: Report, finding: Finding): GradeArea | undefined {
  const area = report.checks[finding.checkId]?.area;
  if (area === undefined) return undefined;
  const graded = gradeAreaOf[area];
  return graded === 'ungraded' ? undefined : graded;
}

/** Known exploited first, then severity, then fail before warn; one action per check ID. */
export function topActions(report: Report, limit = 3): SummaryAction[] {
  const byCheck = new Map<string, { first: Finding; count: number; area: GradeArea; kev: boolean }>();
  for (const finding of report.findings) {
    if (!isProblem(finding)) continue;
    const area = gradeAreaOfFinding(report, finding);
    if (area === undefined) continue;
    const entry = byCheck.get(finding.checkId);
    if (entry === undefined) {
      byCheck.set(finding.checkId, { first: finding, count: 1, area, kev: isKnownExploited(finding) });
      continue;
    }
    entry.count += 1;
    entry.kev ||= isKnownExploited(finding);
    if (severityRank(finding.severity) > severityRank(entry.first.severity)) entry.first = finding;
  }
  const ranked = [...byCheck.values()].sort(
    (a, b) =>
      Number(b.kev) - Number(a.kev) ||
      severityRank(b.first.severity) - severityRank(a.first.severity) ||
      Number(b.first.status === 'fail') - Number(a.first.status === 'fail') ||
      a.first.checkId.localeCompare(b.first.checkId),
  );
  return ranked.slice(0, limit).map(({ first, count, area, kev }) => ({
    checkId: first.checkId,
    subject: first.subject,
    count,
    severity: first.severity,
    knownExploited: kev,
    area,
    impact: businessImpact(first.checkId, area, first.severity),
  }));
}

export function buildSummary(report: Report, grades: ReportGrades = gradeReport(report)): ManagementSummary {
  const right = grades.areas
    .filter((area) => area.grade === 'A' && area.confidence === 'full')
    .map((area) => area.area);
  return { grades, actions: topActions(report), right };
}

/** The summary in one language, ready for any format to lay out. */
export interface SummaryText {
  readonly title: string;
  readonly overall: string;
  readonly cap?: string;
  readonly todoTitle: string;
  readonly actions: readonly {
    readonly title: string;
    readonly subject: string;
    readonly attack: string;
    readonly cost: string;
    readonly owner: string;
    readonly effort: string;
  }[];
  readonly labels: {
    readonly attack: string;
    readonly cost: string;
    readonly owner: string;
    readonly effort: string;
  };
  readonly rightTitle: string;
  readonly right: readonly string[];
  readonly uncheckedTitle: string;
  readonly unchecked: readonly string[];
  readonly legalTitle: string;
  readonly legal: readonly string[];
  readonly disclaimer: string;
}

const legalKeys: readonly MessageKey[] = [
  'summary.art32',
  'summary.art33',
  'summary.art34',
  'summary.art83',
  'summary.nis2',
];

export function summaryText(report: Report, summary: ManagementSummary, tr: Translator): SummaryText {
  const { overall } = summary.grades;
  const overallLine =
    overall.grade === undefined || overall.light === undefined
      ? tr.t('summary.overallUnknown')
      : tr.t('summary.overall', { light: tr.t(`light.${overall.light}`), grade: overall.grade });
  const cap =
    overall.cap === undefined
      ? undefined
      : tr.t(`grade.cap.${overall.cap.reason}`, {
          checkId: overall.cap.checkId,
          subject: overall.cap.subject,
        });
  const actions = summary.actions.map((action) => {
    const suffix = action.count > 1 ? ` (+${action.count - 1})` : '';
    return {
      title: tr.checkTitle(report.checks[action.checkId], action.checkId),
      subject: `${action.subject}${suffix}`,
      attack: tr.t(`impact.${action.impact.scenario}.attack`),
      cost: tr.t(`impact.${action.impact.scenario}.cost`),
      owner: tr.t(`owner.${action.impact.owner}`),
      effort: tr.t(`effort.${action.impact.effort}`),
    };
  });
  const right = summary.right.map((area) => tr.t('summary.rightArea', { area: tr.gradeAreaTitle(area) }));
  const unchecked = summary.grades.unchecked.map(
    (item) => `${tr.checkTitle(report.checks[item.checkId], item.checkId)} (${item.subject})`,
  );
  return {
    title: tr.t('summary.title'),
    overall: overallLine,
    ...(cap === undefined ? {} : { cap }),
    todoTitle: tr.t('summary.todo', { count: actions.length }),
    actions,
    labels: {
      attack: tr.t('summary.attack'),
      cost: tr.t('summary.cost'),
      owner: tr.t('summary.owner'),
      effort: tr.t('summary.effort'),
    },
    rightTitle: tr.t('summary.right'),
    right: right.length > 0 ? right : [tr.t('summary.rightNone')],
    uncheckedTitle: tr.t('summary.unchecked'),
    unchecked: unchecked.length > 0 ? [...new Set(unchecked)] : [tr.t('summary.uncheckedNone')],
    legalTitle: tr.t('summary.legalTitle'),
    legal: legalKeys.map((key) => tr.t(key)),
    disclaimer: tr.t('summary.disclaimer'),
  };
}
