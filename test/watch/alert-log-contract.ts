// The AlertLog contract, run against every implementation: SQLite in the unit tier, PostgreSQL in the
// interop tier. A watch trusts it to never send an item twice and never forget one that failed.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AlertItem } from '../../src/alert/types.js';
import {
  type AlertLog,
  type AlertRecord,
  alertKey,
  alertLogMigrations,
  latestAlertLogVersion,
} from '../../src/watch/alert-log.js';

export function sampleItem(fingerprint: string, extra: Partial<AlertItem> = {}): AlertItem {
  return {
    reason: 'new',
    fingerprint,
    checkId: 'spf.missing',
    title: 'No SPF record',
    subject: 'contract.test',
    status: 'fail',
    severity: 'high',
    message: `finding ${fingerprint}`,
    byCheckLogic: false,
    ...extra,
  };
}

export function sampleRecord(
  channel: string,
  scanId: number,
  item: AlertItem,
  outcome: AlertRecord['outcome'],
  extra: Partial<AlertRecord> = {},
): AlertRecord {
  return {
    channel,
    domain: 'contract.test',
    scanId,
    item,
    outcome,
    attempts: outcome === 'sent' ? 1 : 5,
    detail: outcome === 'sent' ? 'hooks.example answered 200' : 'hooks.example answered 503',
    at: '2026-03-01T06:00:00.000Z',
    ...extra,
  };
}

const allVersions = alertLogMigrations.map((migration) => migration.version).sort((a, b) => a - b);

/**
 * Registers the contract's tests. `freshDatabase` makes a new empty database and names it; `open`
 * opens a log on a named database, so reopening and two logs at once can be tested.
 */
export function alertLogContract(
  freshDatabase: () => Promise<string>,
  open: (database: string) => Promise<AlertLog>,
): void {
  async function withLog(work: (log: AlertLog) => Promise<void>): Promise<void> {
    const log = await open(await freshDatabase());
    try {
      await work(log);
    } finally {
      await log.close();
    }
  }

  test('a new database gets every alert table migration, recorded at the latest version', async () => {
    await withLog(async (log) => {
      assert.deepEqual(log.migrations, { schemaVersion: latestAlertLogVersion, applied: allVersions });
    });
  });

  test('records come back whole and in the order they were recorded', async () => {
    await withLog(async (log) => {
      const full = sampleItem('fp-full', {
        reason: 'worsened',
        status: 'fail',
        severity: 'critical',
        message: 'Ünïcode "quotes" \'and\' back\\slash\nnew line, <tags> & emoji 📮',
        fix: 'v=spf1 mx -all',
        before: { status: 'warn', severity: 'medium' },
        byCheckLogic: true,
      });
      const minimal = sampleItem('fp-minimal');
      const first = [
        sampleRecord('slack', 3_000_000_001, full, 'failed', {
          attempts: 5,
          detail: 'hooks.example: connect ECONNREFUSED 127.0.0.1:9',
          at: '2026-03-01T06:00:00.123Z',
        }),
        sampleRecord('slack', 3_000_000_001, minimal, 'failed', { at: '2026-03-01T06:00:00.123Z' }),
      ];
      const second = [
        sampleRecord('mail', 7, minimal, 'sent', { attempts: 2, at: '2026-03-01T06:05:00.000Z' }),
      ];
      await log.record(first);
      await log.record(second);
      await log.record([]);
      assert.deepEqual(await log.records('contract.test'), [...first, ...second]);
    });
  });

  test('a timestamp comes back as the same instant, in UTC with milliseconds', async () => {
    await withLog(async (log) => {
      await log.record([
        sampleRecord('slack', 1, sampleItem('a'), 'sent', { at: '2026-03-01T06:00:00Z' }),
        sampleRecord('slack', 1, sampleItem('b'), 'sent', { at: '2026-03-01T08:00:00.250+02:00' }),
      ]);
      const ats = (await log.records('contract.test')).map((record) => record.at);
      assert.deepEqual(ats, ['2026-03-01T06:00:00.000Z', '2026-03-01T06:00:00.250Z']);
    });
  });

  test('a batch that cannot be recorded leaves nothing behind', async () => {
    await withLog(async (log) => {
      const good = sampleRecord('slack', 1, sampleItem('fp-good'), 'sent');
      const bad = sampleRecord('slack', 1, sampleItem('fp-bad'), 'sent', { at: 'not a time' });
      await assert.rejects(log.record([good, bad]), RangeError);
      assert.deepEqual(await log.records('contract.test'), []);
      assert.deepEqual(await log.sentKeys('slack', [1]), new Set());
    });
  });

  test("a server's reply with a NUL byte in the detail is recorded (the NUL as U+FFFD)", async () => {
    await withLog(async (log) => {
      await log.record([
        sampleRecord('mail', 1, sampleItem('fp'), 'sent', {
          detail: 'smtp.example accepted: 250 ok\u0000queued',
        }),
      ]);
      const [record] = await log.records('contract.test');
      assert.equal(record?.detail, 'smtp.example accepted: 250 ok\ufffdqueued');
    });
  });

  test('sentKeys: only items sent on that channel for those scans', async () => {
    await withLog(async (log) => {
      const a = sampleItem('fp-a');
      const aWorsened = sampleItem('fp-a', { reason: 'worsened' });
      const b = sampleItem('fp-b');
      await log.record([
        sampleRecord('slack', 1, a, 'sent'),
        sampleRecord('slack', 1, aWorsened, 'failed'),
        sampleRecord('slack', 2, b, 'sent'),
        sampleRecord('slack', 3, a, 'failed'),
        sampleRecord('mail', 3, b, 'sent'),
        sampleRecord('slack', 4, b, 'sent', { domain: 'other.test' }),
      ]);
      assert.deepEqual(await log.sentKeys('slack', [1, 3]), new Set([alertKey(1, a)]));
      assert.deepEqual(
        await log.sentKeys('slack', [1, 2, 4]),
        new Set([alertKey(1, a), alertKey(2, b), alertKey(4, b)]),
      );
      assert.deepEqual(await log.sentKeys('mail', [1, 2, 3]), new Set([alertKey(3, b)]));
      assert.deepEqual(await log.sentKeys('slack', []), new Set());
      assert.deepEqual(await log.sentKeys('teams', [1, 2, 3]), new Set());
    });
  });

  test('sentKeys works with scan ids beyond 32 bits', async () => {
    await withLog(async (log) => {
      const item = sampleItem('fp-big');
      await log.record([sampleRecord('slack', 2 ** 40 + 3, item, 'sent')]);
      assert.deepEqual(await log.sentKeys('slack', [2 ** 40 + 3]), new Set([alertKey(2 ** 40 + 3, item)]));
      assert.deepEqual(await log.sentKeys('slack', [3]), new Set());
    });
  });

  test('undelivered: failed on a channel and not delivered there since; a later success clears it', async () => {
    await withLog(async (log) => {
      const a = sampleItem('fp-a');
      const b = sampleItem('fp-b');
      const c = sampleItem('fp-c');
      await log.record([
        sampleRecord('slack', 1, a, 'failed', { attempts: 5, at: '2026-03-01T06:00:00.000Z' }),
      ]);
      await log.record([
        sampleRecord('slack', 1, a, 'failed', { attempts: 3, at: '2026-03-01T07:00:00.000Z' }),
      ]);
      await log.record([sampleRecord('slack', 1, b, 'failed'), sampleRecord('mail', 1, b, 'failed')]);
      await log.record([sampleRecord('slack', 1, b, 'sent', { at: '2026-03-01T07:00:00.000Z' })]);
      await log.record([sampleRecord('mail', 2, c, 'sent'), sampleRecord('slack', 2, c, 'failed')]);
      const pending = await log.undelivered('contract.test');
      const summary = pending
        .map(
          (record) =>
            `${record.channel} ${record.scanId} ${record.item.fingerprint} ${record.attempts} ${record.at}`,
        )
        .sort();
      assert.deepEqual(summary, [
        'mail 1 fp-b 5 2026-03-01T06:00:00.000Z',
        'slack 1 fp-a 3 2026-03-01T07:00:00.000Z',
        'slack 2 fp-c 5 2026-03-01T06:00:00.000Z',
      ]);
      const latestA = pending.find((record) => record.item.fingerprint === 'fp-a');
      assert.deepEqual(latestA?.item, a);
      assert.equal(latestA?.outcome, 'failed');
      await log.record([sampleRecord('slack', 1, a, 'sent'), sampleRecord('slack', 2, c, 'sent')]);
      await log.record([sampleRecord('mail', 1, b, 'sent')]);
      assert.deepEqual(await log.undelivered('contract.test'), []);
    });
  });

  test('the same item in another scan is another delivery', async () => {
    await withLog(async (log) => {
      const a = sampleItem('fp-a');
      await log.record([sampleRecord('slack', 1, a, 'failed'), sampleRecord('slack', 2, a, 'sent')]);
      const pending = await log.undelivered('contract.test');
      assert.deepEqual(
        pending.map((record) => record.scanId),
        [1],
      );
    });
  });

  test('a failure after a success on the same channel is not undelivered: an item is sent at most once', async () => {
    await withLog(async (log) => {
      const a = sampleItem('fp-a');
      // Two watches on one database: one delivered, the other (which had not seen that yet) failed.
      await log.record([sampleRecord('slack', 1, a, 'sent')]);
      await log.record([sampleRecord('slack', 1, a, 'failed')]);
      assert.deepEqual(await log.undelivered('contract.test'), []);
      assert.deepEqual(await log.sentKeys('slack', [1]), new Set([alertKey(1, a)]));
    });
  });

  test('data versions: set, read, overwritten; unknown scans absent', async () => {
    await withLog(async (log) => {
      assert.deepEqual(await log.dataVersions([1, 2]), new Map());
      await log.setDataVersion(1, '2026-02-10');
      await log.setDataVersion(2 ** 40, '2026-02-11');
      await log.setDataVersion(1, '2026-03-01');
      assert.deepEqual(
        await log.dataVersions([1, 2, 2 ** 40]),
        new Map([
          [1, '2026-03-01'],
          [2 ** 40, '2026-02-11'],
        ]),
      );
      assert.deepEqual(await log.dataVersions([]), new Map());
    });
  });

  test('domains are kept apart', async () => {
    await withLog(async (log) => {
      const here = sampleRecord('slack', 1, sampleItem('fp-a'), 'failed');
      const there = sampleRecord('slack', 2, sampleItem('fp-a'), 'failed', { domain: 'other.test' });
      await log.record([here, there]);
      assert.deepEqual(await log.records('contract.test'), [here]);
      assert.deepEqual(await log.records('other.test'), [there]);
      assert.deepEqual(await log.undelivered('other.test'), [there]);
      assert.deepEqual(await log.records('nobody.test'), []);
      assert.deepEqual(await log.undelivered('nobody.test'), []);
    });
  });

  test('reopening the database keeps everything and applies no migration', async () => {
    const database = await freshDatabase();
    const sent = sampleRecord('slack', 5, sampleItem('fp-a'), 'sent');
    const failed = sampleRecord('mail', 5, sampleItem('fp-b'), 'failed');
    const first = await open(database);
    try {
      await first.record([sent, failed]);
      await first.setDataVersion(5, '2026-02-10');
    } finally {
      await first.close();
    }
    const again = await open(database);
    try {
      assert.deepEqual(again.migrations, { schemaVersion: latestAlertLogVersion, applied: [] });
      assert.deepEqual(await again.records('contract.test'), [sent, failed]);
      assert.deepEqual(await again.sentKeys('slack', [5]), new Set([alertKey(5, sent.item)]));
      assert.deepEqual(await again.undelivered('contract.test'), [failed]);
      assert.deepEqual(await again.dataVersions([5]), new Map([[5, '2026-02-10']]));
    } finally {
      await again.close();
    }
  });

  test('two logs opened at once on a new database: migrated once, both work, each sees the other', async () => {
    const database = await freshDatabase();
    const [one, two] = await Promise.all([open(database), open(database)]);
    try {
      assert.deepEqual([...one.migrations.applied, ...two.migrations.applied].sort(), allVersions);
      assert.equal(one.migrations.schemaVersion, latestAlertLogVersion);
      assert.equal(two.migrations.schemaVersion, latestAlertLogVersion);
      const fromOne = sampleRecord('slack', 1, sampleItem('fp-one'), 'sent');
      const fromTwo = sampleRecord('slack', 1, sampleItem('fp-two'), 'sent');
      await Promise.all([one.record([fromOne]), two.record([fromTwo])]);
      await one.setDataVersion(1, 'v1');
      assert.deepEqual(
        await two.sentKeys('slack', [1]),
        new Set([alertKey(1, fromOne.item), alertKey(1, fromTwo.item)]),
      );
      assert.deepEqual(await two.dataVersions([1]), new Map([[1, 'v1']]));
      assert.equal((await one.records('contract.test')).length, 2);
    } finally {
      await Promise.all([one.close(), two.close()]);
    }
  });

  test('closing twice is harmless', async () => {
    const log = await open(await freshDatabase());
    await log.close();
    await log.close();
  });
}
