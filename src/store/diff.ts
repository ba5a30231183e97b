// What changed between two stored scans of a domain, finding by fingerprint, and whether the check logic
// or the tool changed in between (so a new finding may come from a new check, not from the infrastructure).

import type { Finding, Status } from '../model/finding.js';
import { severityRank } from '../model/finding.js';
import { type CheckLogicChange, compareCheckLogic, unitOfCheckId } from './check-logic.js';
import type { ScanWithFindings, StoredScan } from './types.js';

export type Direction = 'worsened' | 'improved' | 'same-rank';

export type DiffEntry =
  | {
      readonly kind: 'new';
      readonly fingerprint: string;
      readonly after: Finding;
      readonly byCheckLogic: boolean;
    }
  | {
      readonly kind: 'fixed';
      readonly fingerprint: string;
      readonly before: Finding;
      readonly byCheckLogic: boolean;
    }
  | {
      readonly kind: 'changed';
      readonly fingerprint: string;
      readonly before: Finding;
      readonly after: Finding;
      readonly direction: Direction;
      readonly byCheckLogic: boolean;
    }
  | { readonly kind: 'unchanged'; readonly fingerprint: string; readonly after: Finding };

export interface ScanDiff {
  readonly from: StoredScan;
  readonly to: StoredScan;
  /** Set when the two scans were made by different telltale versions. */
  readonly toolChange?: { readonly from: string; readonly to: string };
  /** Units added, removed or changed between the scans; all empty when the same check logic ran. */
  readonly checkLogic: CheckLogicChange;
  readonly new: readonly DiffEntry[];
  readonly fixed: readonly DiffEntry[];
  readonly changed: readonly DiffEntry[];
  readonly unchanged: readonly DiffEntry[];
}

/** How bad a status is: a result that could not be checked ranks between a pass and a warning. */
export function statusRank(status: Status): number {
  switch (status) {
    case 'pass':
    case 'skipped':
      return 0;
    case 'error':
      return 1;
    case 'warn':
      return 2;
    case 'fail':
      return 3;
  }
}

/** A finding a user must act on. */
export function isProblem(finding: Finding): boolean {
  return finding.status === 'fail' || finding.status === 'warn';
}

export function direction(before: Finding, after: Finding): Direction {
  const byStatus = statusRank(after.status) - statusRank(before.status);
  const delta = byStatus !== 0 ? byStatus : severityRank(after.severity) - severityRank(before.severity);
  if (delta > 0) return 'worsened';
  if (delta < 0) return 'improved';
  return 'same-rank';
}

export function diffScans(from: ScanWithFindings, to: ScanWithFindings): ScanDiff {
  const logic = compareCheckLogic(from.scan.checkLogic, to.scan.checkLogic);
  const touched = new Set([...logic.added, ...logic.removed, ...logic.changed]);
  /** A check ID whose unit changed, or that the other scan's logic could not report at all. */
  const byCheckLogic = (finding: Finding): boolean => {
    const before = unitOfCheckId(from.scan.checkLogic, finding.checkId);
    const after = unitOfCheckId(to.scan.checkLogic, finding.checkId);
    if (before === undefined || after === undefined) return true;
    return touched.has(before) || touched.has(after);
  };
  const previous = new Map(from.findings.map((item) => [item.fingerprint, item.finding]));
  const result = {
    new: [] as DiffEntry[],
    fixed: [] as DiffEntry[],
    changed: [] as DiffEntry[],
    unchanged: [] as DiffEntry[],
  };
  const current = new Set<string>();
  for (const { fingerprint, finding: after } of to.findings) {
    current.add(fingerprint);
    const before = previous.get(fingerprint);
    if (before === undefined) {
      result.new.push({ kind: 'new', fingerprint, after, byCheckLogic: byCheckLogic(after) });
    } else if (before.status !== after.status || before.severity !== after.severity) {
      result.changed.push({
        kind: 'changed',
        fingerprint,
        before,
        after,
        direction: direction(before, after),
        byCheckLogic: byCheckLogic(after),
      });
    } else {
      result.unchanged.push({ kind: 'unchanged', fingerprint, after });
    }
  }
  for (const { fingerprint, finding: before } of from.findings) {
    if (!current.has(fingerprint)) {
      result.fixed.push({ kind: 'fixed', fingerprint, before, byCheckLogic: byCheckLogic(before) });
    }
  }
  const toolChange =
    from.scan.toolVersion === to.scan.toolVersion
      ? undefined
      : { from: from.scan.toolVersion, to: to.scan.toolVersion };
  return {
    from: from.scan,
    to: to.scan,
    ...(toolChange === undefined ? {} : { toolChange }),
    checkLogic: logic,
    ...result,
  };
}
