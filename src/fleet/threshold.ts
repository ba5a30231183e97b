// `--fail-on` for a fleet: whether one domain's report has a failed or warned finding at or above a severity.

import { type Severity, severityRank } from '../model/finding.js';
import type { Report } from '../model/report.js';

export function exceedsThreshold(report: Report, threshold: Severity | undefined): boolean {
  if (threshold === undefined) return false;
  const floor = severityRank(threshold);
  return report.findings.some(
    (finding) =>
      (finding.status === 'fail' || finding.status === 'warn') && severityRank(finding.severity) >= floor,
  );
}
