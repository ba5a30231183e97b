// Watch rounds over a real SQLite history and alert log, with a scripted scanner, receiver and clock: an
// alert retried in a later round still says which scan found the regression and when that scan ran.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import type { AlertTransport } from '../../src/alert/transport.js';
import type { AlertChannel, AlertMessage, DeliveryOutcome } from '../../src/alert/types.js';
import type { Finding } from '../../src/model/finding.js';
import { checkLogicOf } from '../../src/store/check-logic.js';
import { openStore } from '../../src/store/open-store.js';
import type { ScanStore } from '../../src/store/types.js';
import { runRound, type WatchDeps } from '../../src/watch/round.js';
import { SqliteAlertLog } from '../../src/watch/sqlite-alert-log.js';
import { sampleChecks, sampleFinding, sampleReport } from '../store/store-contract.js';

const dir = mkdtempSync(join(tmpdir(), 'telltale-round-'));
let counter = 0;
after(() => rmSync(dir, { recursive: true, force: true }));

const domain = 'contract.test';
const channel: AlertChannel = {
  kind: 'webhook',
  name: 'hook',
  url: 'https://hooks.example/x',
  style: 'generic',
};

/** A receiver that answers each delivery with the next scripted outcome (then accepts), keeping what it got. */
function scriptedTransport(failures: number): AlertTransport & { readonly received: AlertMessage[] } {
  const received: AlertMessage[] = [];
  let left = failures;
  return {
    received,
    async send(_channel: AlertChannel, message: AlertMessage): Promise<DeliveryOutcome> {
      received.push(message);
      if (left > 0) {
        left -= 1;
        return { ok: false, retryable: false, detail: 'hooks.example answered 410' };
      }
      return { ok: true, detail: 'hooks.example answered 200' };
    },
    close: async () => undefined,
  };
}

/**
 * Day `day`'s round: the scan starts at 06:00 that day and the deliveries happen at 06:30, so a message's
 * scan time and the time a delivery was recorded can be told apart.
 */
const scanTime = (day: number): string => `2026-03-${String(day).padStart(2, '0')}T06:00:00.000Z`;
const deliveryTime = (day: number): string => `2026-03-${String(day).padStart(2, '0')}T06:30:00.000Z`;

async function watch(transport: AlertTransport) {
  const path = join(dir, `round-${++counter}.db`);
  const store: ScanStore = await openStore(path);
  const log = SqliteAlertLog.open(path);
  let day = 0;
  let findings: readonly Finding[] = [];
  const deps: WatchDeps = {
    store,
    log,
    transport,
    scan: async () => sampleReport(domain, scanTime(day), findings),
    checkLogic: checkLogicOf(sampleChecks),
    dataVersion: () => undefined,
    titleOf: (checkId) => checkId,
    channels: [channel],
    minSeverity: 'low',
    alertOnBaseline: false,
    retry: { attempts: 1, baseDelayMs: 0, maxDelayMs: 0 },
    sleep: async () => undefined,
    now: () => new Date(deliveryTime(day)),
    concurrency: 1,
  };
  return {
    store,
    /** Runs the round of `roundDay`, the scan finding `found`. */
    async round(roundDay: number, found: readonly Finding[]) {
      day = roundDay;
      findings = found;
      return runRound(deps, [domain]);
    },
    close: () => Promise.all([log.close(), store.close()]),
  };
}

const healthy = [sampleFinding('spf.missing', 'pass')];
const broken = [sampleFinding('spf.missing', 'fail')];

describe('watch round: retrying a failed alert', () => {
  test('a retry in a later round names the scan that found the regression and when it ran', async () => {
    const transport = scriptedTransport(1);
    const run = await watch(transport);
    try {
      await run.round(1, healthy);
      const failed = await run.round(2, broken);
      assert.deepEqual([failed.regressions, failed.delivered, failed.undelivered], [1, 0, 1]);
      // Day 3 finds nothing new: its only delivery is day 2's alert, tried again.
      const retried = await run.round(3, broken);
      assert.deepEqual([retried.regressions, retried.delivered, retried.undelivered], [0, 1, 0]);
      const [first, again] = transport.received;
      assert.equal(transport.received.length, 2);
      const [, secondScan] = (await run.store.listScans(domain)).slice().reverse();
      assert.equal(first?.scanId, secondScan?.id);
      assert.equal(first?.scannedAt, scanTime(2));
      assert.equal(again?.scanId, secondScan?.id);
      assert.equal(again?.scannedAt, scanTime(2), 'when the scan ran, not when its delivery failed');
      assert.deepEqual(again?.items, first?.items);
    } finally {
      await run.close();
    }
  });

  test('also once that scan is older than the history a round reads (six scans)', async () => {
    // Fails on day 2 and in the retries of days 3 to 9; delivered on day 10, when the newest six scans are
    // days 5 to 10, so day 2's scan is known only to the store.
    const transport = scriptedTransport(8);
    const run = await watch(transport);
    try {
      await run.round(1, healthy);
      for (let day = 2; day <= 9; day++) {
        const summary = await run.round(day, broken);
        assert.equal(summary.undelivered, 1, `day ${day}`);
      }
      const last = await run.round(10, broken);
      assert.deepEqual([last.delivered, last.undelivered], [1, 0]);
      assert.equal(transport.received.length, 9);
      assert.deepEqual(
        new Set(transport.received.map((message) => message.scanId)),
        new Set([transport.received[0]?.scanId]),
      );
      assert.deepEqual(
        transport.received.map((message) => message.scannedAt),
        Array.from({ length: 9 }, () => scanTime(2)),
      );
    } finally {
      await run.close();
    }
  });
});
