// Which findings of a new scan deserve an alert: regressions against the previous scan of the same domain
// (by the store's fingerprints and diff), never what merely persists. Pure.

import type { AlertItem, AlertReason } from '../alert/types.js';
import { type Finding, type Severity, severityRank } from '../model/finding.js';
import { type DiffEntry, diffScans, isProblem, statusRank } from '../store/diff.js';
import type { ScanWithFindings } from '../store/types.js';

export interface RegressionInput {
  /** Scans of one domain, newest first: [current, previous, older…]. */
  readonly history: readonly ScanWithFindings[];
  /** Exchange vulnerability data version used by each scan (by scan id), when known. */
  readonly dataVersions: ReadonlyMap<number, string>;
  readonly minSeverity: Severity;
  readonly alertOnBaseline: boolean;
  readonly titleOf: (checkId: string) => string;
}

const cveCheckIds: ReadonlySet<string> = new Set(['exchange.vulnerable', 'exchange.possibly-vulnerable']);

export function isCertExpiring(checkId: string): boolean {
  return checkId.endsWith('cert-expiring');
}

function item(
  reason: AlertReason,
  fingerprint: string,
  after: Finding,
  byCheckLogic: boolean,
  titleOf: (checkId: string) => string,
  before?: Finding,
): AlertItem {
  return {
    reason,
    fingerprint,
    checkId: after.checkId,
    title: titleOf(after.checkId),
    subject: after.subject,
    status: after.status,
    severity: after.severity,
    message: after.message,
    ...(after.fix === undefined ? {} : { fix: after.fix }),
    ...(before === undefined ? {} : { before: { status: before.status, severity: before.severity } }),
    byCheckLogic,
  };
}

/**
 * A finding whose previous verdict was "could not check" is compared with the last verdict that was
 * known: a flaky round (timeout) followed by the same failure as before is not a regression.
 */
function lastKnown(history: readonly ScanWithFindings[], fingerprint: string): Finding | undefined {
  for (const scan of history.slice(2)) {
    const found = scan.findings.find((stored) => stored.fingerprint === fingerprint)?.finding;
    if (found !== undefined && found.status !== 'error') return found;
  }
  return undefined;
}

function notWorseThan(after: Finding, known: Finding): boolean {
  const byStatus = statusRank(after.status) - statusRank(known.status);
  if (byStatus !== 0) return byStatus < 0;
  return severityRank(after.severity) <= severityRank(known.severity);
}

export function regressions(input: RegressionInput): AlertItem[] {
  const [current, previous] = input.history;
  if (current === undefined) return [];
  const atThreshold = (finding: Finding): boolean =>
    isProblem(finding) && severityRank(finding.severity) >= severityRank(input.minSeverity);
  if (previous === undefined) {
    if (!input.alertOnBaseline) return [];
    return current.findings
      .filter((stored) => atThreshold(stored.finding))
      .map((stored) => item('baseline', stored.fingerprint, stored.finding, false, input.titleOf));
  }
  const before = input.dataVersions.get(previous.scan.id);
  const now = input.dataVersions.get(current.scan.id);
  const dataRefreshed = before !== undefined && now !== undefined && before !== now;
  const diff = diffScans(previous, current);
  const items: AlertItem[] = [];
  const consider = (entry: DiffEntry): void => {
    if (entry.kind !== 'new' && entry.kind !== 'changed') return;
    const after = entry.after;
    if (!atThreshold(after)) return;
    const previousFinding = entry.kind === 'changed' ? entry.before : undefined;
    if (entry.kind === 'changed') {
      if (entry.direction !== 'worsened') return;
      if (entry.before.status === 'error') {
        const known = lastKnown(input.history, entry.fingerprint);
        if (known !== undefined && notWorseThan(after, known)) return;
      }
    }
    let reason: AlertReason = entry.kind === 'new' ? 'new' : 'worsened';
    if (cveCheckIds.has(after.checkId) && dataRefreshed) reason = 'newly-published-cve';
    else if (isCertExpiring(after.checkId) && after.status === 'fail') reason = 'cert-expiring';
    items.push(item(reason, entry.fingerprint, after, entry.byCheckLogic, input.titleOf, previousFinding));
  };
  for (const entry of diff.new) consider(entry);
  for (const entry of diff.changed) consider(entry);
  return items;
}
