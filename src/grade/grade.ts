// Grades and lights from a report's findings: pure rules, documented in docs/grading.md.

import type { Area, Finding, Severity } from '../model/finding.js';
import { severityRank } from '../model/finding.js';
import type { Report } from '../model/report.js';
import { type GradeArea, gradeAreaOf, gradeAreas } from './grade-areas.js';

export type Grade = 'A' | 'B' | 'C' | 'D' | 'E' | 'F';
export const grades: readonly Grade[] = ['A', 'B', 'C', 'D', 'E', 'F'];

export type Light = 'green' | 'amber' | 'red';

/** `full`: every result decided; `partial`: some could not be checked; `none`: nothing could be decided. */
export type Confidence = 'full' | 'partial' | 'none';

/** What made the overall grade F whatever else is right. */
export interface GradeCap {
  readonly reason: 'known-exploited' | 'critical';
  readonly checkId: string;
  readonly subject: string;
}

export interface AreaGrade {
  readonly area: GradeArea;
  /** Absent when nothing in the area could be decided (all errors) or nothing was checked. */
  readonly grade?: Grade;
  readonly light?: Light;
  readonly confidence: Confidence;
  /** Problems (fail or warn above info) counted by severity. */
  readonly problems: Readonly<Record<Severity, number>>;
  /** Results that could not be evaluated (status `error`). */
  readonly unchecked: number;
  readonly decided: number;
}

export interface OverallGrade {
  readonly grade?: Grade;
  readonly light?: Light;
  readonly confidence: Confidence;
  /** Results that could not be evaluated, in every area. */
  readonly unchecked: number;
  readonly cap?: GradeCap;
}

export interface UncheckedItem {
  readonly checkId: string;
  readonly subject: string;
  readonly message: string;
}

export interface ReportGrades {
  readonly overall: OverallGrade;
  /** Every grade area, in report order; those with nothing checked have no grade. */
  readonly areas: readonly AreaGrade[];
  /** What could not be checked: counted in confidence, never in the grade. */
  readonly unchecked: readonly UncheckedItem[];
}

/** A problem is a fail or warn that matters (above info); passes, skips and errors are not problems. */
export function isProblem(finding: Finding): boolean {
  return (finding.status === 'fail' || finding.status === 'warn') && finding.severity !== 'info';
}

/**
 * The CISA Known Exploited Vulnerabilities flag: an `exchange.vulnerable` finding whose evidence has a
 * text item labelled "CISA KEV" (or mentioning the KEV catalogue).
 */
export function isKnownExploited(finding: Finding): boolean {
  if (finding.checkId !== 'exchange.vulnerable' || !isProblem(finding)) return false;
  return finding.evidence.some(
    (item) =>
      item.kind === 'text' &&
      (/\bKEV\b/i.test(item.label) || /known exploited vulnerabilit/i.test(item.value)),
  );
}

/** The rule, worst problem first: critical → F; two or more high → E; high → D; medium → C; low → B; none → A. */
export function gradeFromProblems(problems: Readonly<Record<Severity, number>>): Grade {
  if (problems.critical > 0) return 'F';
  if (problems.high >= 2) return 'E';
  if (problems.high === 1) return 'D';
  if (problems.medium > 0) return 'C';
  if (problems.low > 0) return 'B';
  return 'A';
}

export function lightOf(grade: Grade): Light {
  switch (grade) {
    case 'A':
    case 'B':
      return 'green';
    case 'C':
      return 'amber';
    case 'D':
    case 'E':
    case 'F':
      return 'red';
  }
}

export function worstGrade(list: readonly Grade[]): Grade | undefined {
  let worst: Grade | undefined;
  for (const grade of list)
    if (worst === undefined || grades.indexOf(grade) > grades.indexOf(worst)) worst = grade;
  return worst;
}

function confidenceOf(decided: number, unchecked: number): Confidence {
  if (unchecked === 0) return decided > 0 ? 'full' : 'none';
  return decided === 0 ? 'none' : 'partial';
}

const emptyCounts = (): Record<Severity, number> => ({ info: 0, low: 0, medium: 0, high: 0, critical: 0 });

export function gradeArea(area: GradeArea, findings: readonly Finding[]): AreaGrade {
  const problems = emptyCounts();
  let unchecked = 0;
  let decided = 0;
  for (const finding of findings) {
    if (finding.status === 'error') unchecked += 1;
    else if (finding.status !== 'skipped') decided += 1;
    if (isProblem(finding)) problems[finding.severity] += 1;
  }
  const confidence = confidenceOf(decided, unchecked);
  if (decided === 0) return { area, confidence, problems, unchecked, decided };
  const grade = gradeFromProblems(problems);
  return { area, grade, light: lightOf(grade), confidence, problems, unchecked, decided };
}

function capOf(findings: readonly Finding[]): GradeCap | undefined {
  const kev = findings.find(isKnownExploited);
  if (kev !== undefined) return { reason: 'known-exploited', checkId: kev.checkId, subject: kev.subject };
  const critical = findings.find((finding) => isProblem(finding) && finding.severity === 'critical');
  if (critical !== undefined)
    return { reason: 'critical', checkId: critical.checkId, subject: critical.subject };
  return undefined;
}

/**
 * Overall = the weakest area's grade (an attacker picks the weakest door), and F whenever a known
 * exploited vulnerability or a critical problem is present, whatever else is right.
 */
export function gradeFindings(
  findings: readonly Finding[],
  areaOf: (finding: Finding) => Area | undefined,
): ReportGrades {
  const byArea = new Map<GradeArea, Finding[]>(gradeAreas.map((area) => [area, []]));
  let anyUnchecked = 0;
  let anyDecided = 0;
  const unchecked: UncheckedItem[] = [];
  for (const finding of findings) {
    if (finding.status === 'error') {
      anyUnchecked += 1;
      unchecked.push({ checkId: finding.checkId, subject: finding.subject, message: finding.message });
    } else if (finding.status !== 'skipped') anyDecided += 1;
    const area = areaOf(finding);
    const gradeArea = area === undefined ? 'ungraded' : gradeAreaOf[area];
    if (gradeArea !== 'ungraded') byArea.get(gradeArea)?.push(finding);
  }
  const areaGrades = gradeAreas.map((area) => gradeArea(area, byArea.get(area) ?? []));
  const cap = capOf(findings);
  const worst = worstGrade(areaGrades.flatMap((area) => (area.grade === undefined ? [] : [area.grade])));
  const grade = cap === undefined ? worst : 'F';
  const confidence = confidenceOf(anyDecided, anyUnchecked);
  const overall: OverallGrade = {
    ...(grade === undefined ? {} : { grade, light: lightOf(grade) }),
    confidence,
    unchecked: anyUnchecked,
    ...(cap === undefined ? {} : { cap }),
  };
  return { overall, areas: areaGrades, unchecked };
}

export function gradeReport(report: Report): ReportGrades {
  return gradeFindings(report.findings, (finding) => report.checks[finding.checkId]?.area);
}

/** Convenience for renderers: problems of a given severity or worse. */
export function problemsAtLeast(area: AreaGrade, severity: Severity): number {
  return (Object.entries(area.problems) as [Severity, number][])
    .filter(([level]) => severityRank(level) >= severityRank(severity))
    .reduce((sum, [, count]) => sum + count, 0);
}
