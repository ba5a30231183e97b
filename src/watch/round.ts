// One watch round: scan each domain, store the result, find its regressions against the previous scan and
// deliver each channel's alert once (retried with backoff, recorded). Also delivers what a crash or a
// failing receiver left undelivered, so a restart neither re-sends nor loses an alert.

import { deliverWithRetry, type RetryPolicy } from '../alert/retry.js';
import type { AlertTransport } from '../alert/transport.js';
import type { AlertChannel, AlertItem, AlertMessage } from '../alert/types.js';
import type { Severity } from '../model/finding.js';
import type { Report } from '../model/report.js';
import type { CheckLogic, ScanStore, StoredScan } from '../store/types.js';
import { type AlertLog, type AlertRecord, alertKey } from './alert-log.js';
import { regressions } from './regressions.js';

export interface WatchDeps {
  readonly store: ScanStore;
  readonly log: AlertLog;
  readonly transport: AlertTransport;
  readonly scan: (domain: string) => Promise<Report>;
  readonly checkLogic: CheckLogic;
  /** The Exchange vulnerability data version scans use now (recorded per scan to spot a refresh). */
  /** The Exchange CVE data version a scan used, from its report: tells a newly published CVE apart. */
  readonly dataVersion: (report: Report) => string | undefined;
  readonly titleOf: (checkId: string) => string;
  readonly channels: readonly AlertChannel[];
  readonly minSeverity: Severity;
  readonly alertOnBaseline: boolean;
  readonly retry: RetryPolicy;
  readonly sleep: (ms: number) => Promise<void>;
  readonly now: () => Date;
  /** Domains scanned at once. */
  readonly concurrency: number;
  readonly events?: WatchEvents;
}

export interface WatchEvents {
  onScanned?(domain: string, scan: StoredScan, baseline: boolean, regressions: number): void;
  onScanError?(domain: string, error: unknown): void;
  onDelivery?(
    channel: AlertChannel,
    message: AlertMessage,
    ok: boolean,
    attempts: number,
    detail: string,
  ): void;
}

export interface RoundSummary {
  readonly scanned: number;
  readonly failed: number;
  readonly baselines: number;
  /** Alert items found this round, over all domains (before channels). */
  readonly regressions: number;
  /** Messages delivered / failed after their retries, over all channels. */
  readonly delivered: number;
  readonly undelivered: number;
}

/** How many older scans a regression looks back through (to see past a flaky "could not check"). */
const historyDepth = 6;

interface Tally {
  delivered: number;
  undelivered: number;
}

async function deliver(
  deps: WatchDeps,
  channel: AlertChannel,
  message: AlertMessage,
  tally: Tally,
): Promise<void> {
  const result = await deliverWithRetry(() => deps.transport.send(channel, message), deps.retry, deps.sleep);
  const at = deps.now().toISOString();
  const records: AlertRecord[] = message.items.map((item) => ({
    channel: channel.name,
    domain: message.domain,
    scanId: message.scanId,
    item,
    outcome: result.outcome.ok ? 'sent' : 'failed',
    attempts: result.attempts,
    detail: result.outcome.detail,
    at,
  }));
  await deps.log.record(records);
  if (result.outcome.ok) tally.delivered += 1;
  else tally.undelivered += 1;
  deps.events?.onDelivery?.(channel, message, result.outcome.ok, result.attempts, result.outcome.detail);
}

/** Regressions of the domain's newest stored scan (none for a baseline unless asked). */
async function latestRegressions(
  deps: WatchDeps,
  domain: string,
): Promise<{ scan?: StoredScan; previous?: StoredScan; items: AlertItem[]; recent: StoredScan[] }> {
  const history = await deps.store.latestScans(domain, historyDepth);
  const [current, previous] = history;
  if (current === undefined) return { items: [], recent: [] };
  const dataVersions = await deps.log.dataVersions(history.map((entry) => entry.scan.id));
  const items = regressions({
    history,
    dataVersions,
    minSeverity: deps.minSeverity,
    alertOnBaseline: deps.alertOnBaseline,
    titleOf: deps.titleOf,
  });
  return {
    scan: current.scan,
    ...(previous === undefined ? {} : { previous: previous.scan }),
    items,
    recent: history.map((entry) => entry.scan),
  };
}

/**
 * When a scan ran, for a retried alert: from the scans the round read, else from the store. The failed
 * record's own time is when delivery was tried, so it serves only if the scan is gone from the history.
 */
function scanTimes(
  deps: WatchDeps,
  recent: readonly StoredScan[],
): (failure: AlertRecord) => Promise<string> {
  const known = new Map<number, string | undefined>(recent.map((scan) => [scan.id, scan.startedAt]));
  return async (failure: AlertRecord): Promise<string> => {
    if (!known.has(failure.scanId)) {
      known.set(failure.scanId, (await deps.store.getScan(failure.scanId))?.scan.startedAt);
    }
    return known.get(failure.scanId) ?? failure.at;
  };
}

/** Delivers, per channel, the items of the newest scan not yet sent there, then retries older failures. */
async function deliverPending(deps: WatchDeps, domain: string, tally: Tally): Promise<number> {
  const latest = await latestRegressions(deps, domain);
  const failures = await deps.log.undelivered(domain);
  const scannedAt = scanTimes(deps, latest.recent);
  for (const channel of deps.channels) {
    const messages = new Map<number, AlertMessage>();
    if (latest.scan !== undefined && latest.items.length > 0) {
      const sent = await deps.log.sentKeys(channel.name, [latest.scan.id]);
      const items = latest.items.filter((item) => !sent.has(alertKey(latest.scan?.id ?? 0, item)));
      if (items.length > 0) {
        messages.set(latest.scan.id, {
          domain,
          scanId: latest.scan.id,
          scannedAt: latest.scan.startedAt,
          ...(latest.previous === undefined ? {} : { previousScanId: latest.previous.id }),
          items,
        });
      }
    }
    for (const failure of failures.filter((record) => record.channel === channel.name)) {
      const existing = messages.get(failure.scanId);
      if (existing?.items.some((item) => alertKey(0, item) === alertKey(0, failure.item)) === true) continue;
      messages.set(failure.scanId, {
        domain,
        scanId: failure.scanId,
        scannedAt: existing?.scannedAt ?? (await scannedAt(failure)),
        items: [...(existing?.items ?? []), failure.item],
      });
    }
    for (const message of [...messages.values()].sort((a, b) => a.scanId - b.scanId)) {
      await deliver(deps, channel, message, tally);
    }
  }
  return latest.items.length;
}

async function pool<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
}

/** Before the first round: what an interrupted run had stored but not yet delivered. */
export async function catchUp(deps: WatchDeps, domains: readonly string[]): Promise<Tally> {
  const tally: Tally = { delivered: 0, undelivered: 0 };
  await pool(domains, deps.concurrency, async (domain) => {
    await deliverPending(deps, domain, tally);
  });
  return tally;
}

export async function runRound(
  deps: WatchDeps,
  domains: readonly string[],
  signal?: AbortSignal,
): Promise<RoundSummary> {
  const counts = { scanned: 0, failed: 0, baselines: 0, regressions: 0 };
  const tally: Tally = { delivered: 0, undelivered: 0 };
  await pool(domains, deps.concurrency, async (domain) => {
    if (signal?.aborted === true) return;
    let stored: StoredScan;
    let report: Report;
    try {
      report = await deps.scan(domain);
      stored = await deps.store.saveScan(report, deps.checkLogic);
    } catch (error) {
      counts.failed += 1;
      deps.events?.onScanError?.(domain, error);
      return;
    }
    const version = deps.dataVersion(report);
    if (version !== undefined) await deps.log.setDataVersion(stored.id, version);
    counts.scanned += 1;
    const baseline = (await deps.store.listScans(domain, { limit: 2 })).length < 2;
    if (baseline) counts.baselines += 1;
    const found = await deliverPending(deps, domain, tally);
    counts.regressions += found;
    deps.events?.onScanned?.(domain, stored, baseline, found);
  });
  return { ...counts, ...tally };
}
