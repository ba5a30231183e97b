// The machine-readable report: the Report object as documented in docs/json.md.

import type { Report } from '../model/report.js';

export function renderJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
