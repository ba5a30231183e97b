// The order every format shows findings in: by area, worst first.

import type { Area, Finding, Status } from '../model/finding.js';
import { areas, severityRank } from '../model/finding.js';
import type { Report } from '../model/report.js';

const statusOrder: Readonly<Record<Status, number>> = { fail: 0, error: 1, warn: 2, pass: 3, skipped: 4 };

export function compareFindings(a: Finding, b: Finding): number {
  return statusOrder[a.status] - statusOrder[b.status] || severityRank(b.severity) - severityRank(a.severity);
}

export interface AreaFindings {
  readonly area: Area;
  readonly findings: readonly Finding[];
}

/** Areas in report order, each with its findings worst first; empty areas left out. */
export function findingsByArea(report: Report): AreaFindings[] {
  return areas.flatMap((area) => {
    const inArea = report.findings.filter((finding) => report.checks[finding.checkId]?.area === area);
    return inArea.length === 0 ? [] : [{ area, findings: [...inArea].sort(compareFindings) }];
  });
}

export function isQuiet(finding: Finding): boolean {
  return finding.status === 'pass' || finding.status === 'skipped';
}
