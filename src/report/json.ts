// The machine-readable report: the Report object as documented in docs/json.md, plus its grades.

import { gradeReport } from '../grade/grade.js';
import type { Report } from '../model/report.js';

/** `grades` is computed from the findings at render time (docs/grading.md): an added field, never a changed one. */
export function renderJson(report: Report): string {
  return `${JSON.stringify({ ...report, grades: gradeReport(report) }, null, 2)}\n`;
}
