// The AlertLog contract, run against every implementation: SQLite in the unit tier, PostgreSQL in the
// interop tier. A watch trusts it to never send an item twice and never forget one that failed.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { AlertItem } from '../../src/alert/types.js';
import {
  type AlertLog,
  type AlertRecord,
  alertKey,
  alertLogMigrations,
  latestAlertLogVersion,
} from '../../src/watch/alert-log.js';
import { alertIndexes, writeAtVersion } from './alert-log-databases.js';

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

/**
 * The meaning of undelivered(), as a model over every record of a domain (what the implementations once
 * computed in memory): per key and channel, the latest failed record when the key was never sent.
 */
export function pendingFailures(records: readonly AlertRecord[]): AlertRecord[] {
  const latest = new Map<string, AlertRecord>();
  const delivered = new Set<string>();
  for (const record of records) {
    const key = `${record.channel}#${alertKey(record.scanId, record.item)}`;
    if (record.outcome === 'sent') delivered.add(key);
    latest.set(key, record);
  }
  return [...latest.entries()]
    .filter(([key, record]) => record.outcome === 'failed' && !delivered.has(key))
    .map(([, record]) => record);
}

/** A record in one line, so a failed comparison says which records differ. */
const line = (record: AlertRecord): string =>
  `${record.domain} ${record.channel} ${record.scanId} ${record.item.fingerprint} ${record.item.reason} ${record.outcome} ${record.attempts} ${record.detail} ${record.at}`;

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

  test('undelivered: a failure then a success of the same key is not pending', async () => {
    await withLog(async (log) => {
      const a = sampleItem('fp-a');
      await log.record([sampleRecord('slack', 1, a, 'failed', { at: '2026-03-01T06:00:00.000Z' })]);
      assert.deepEqual((await log.undelivered('contract.test')).map(line), [
        line(sampleRecord('slack', 1, a, 'failed', { at: '2026-03-01T06:00:00.000Z' })),
      ]);
      await log.record([sampleRecord('slack', 1, a, 'sent', { at: '2026-03-02T06:00:00.000Z' })]);
      assert.deepEqual(await log.undelivered('contract.test'), []);
    });
  });

  test('undelivered: of two failures of a key, the later one, with its own attempts and detail', async () => {
    await withLog(async (log) => {
      const a = sampleItem('fp-a');
      const first = sampleRecord('slack', 1, a, 'failed', {
        attempts: 5,
        detail: 'hooks.example answered 503',
        at: '2026-03-01T06:00:00.000Z',
      });
      const second = sampleRecord('slack', 1, a, 'failed', {
        attempts: 2,
        detail: 'hooks.example: connect ECONNREFUSED 127.0.0.1:9',
        at: '2026-03-02T06:00:00.000Z',
      });
      await log.record([first]);
      await log.record([second]);
      assert.deepEqual(await log.undelivered('contract.test'), [second]);
      // Recorded in one batch, the later of the two is still the one returned.
      const third = { ...second, attempts: 4, detail: 'third', at: '2026-03-03T06:00:00.000Z' };
      const fourth = { ...second, attempts: 1, detail: 'fourth', at: '2026-03-03T06:00:00.000Z' };
      await log.record([third, fourth]);
      assert.deepEqual(await log.undelivered('contract.test'), [fourth]);
    });
  });

  test('undelivered: the same key on two channels is pending on each until sent on each', async () => {
    await withLog(async (log) => {
      const a = sampleItem('fp-a');
      await log.record([sampleRecord('slack', 1, a, 'failed'), sampleRecord('mail', 1, a, 'failed')]);
      assert.deepEqual((await log.undelivered('contract.test')).map((record) => record.channel).sort(), [
        'mail',
        'slack',
      ]);
      await log.record([sampleRecord('slack', 1, a, 'sent')]);
      assert.deepEqual(
        (await log.undelivered('contract.test')).map((record) => record.channel),
        ['mail'],
      );
      await log.record([sampleRecord('mail', 1, a, 'sent')]);
      assert.deepEqual(await log.undelivered('contract.test'), []);
    });
  });

  test('undelivered: a key differs by scan, fingerprint and reason; each is pending on its own', async () => {
    await withLog(async (log) => {
      const a = sampleItem('fp-a');
      const aWorsened = sampleItem('fp-a', { reason: 'worsened' });
      const b = sampleItem('fp-b');
      await log.record([
        sampleRecord('slack', 1, a, 'failed'),
        sampleRecord('slack', 2, a, 'failed'),
        sampleRecord('slack', 1, aWorsened, 'failed'),
        sampleRecord('slack', 1, b, 'failed'),
      ]);
      // Sending one key clears none of the others.
      await log.record([sampleRecord('slack', 1, a, 'sent')]);
      assert.deepEqual(
        (await log.undelivered('contract.test'))
          .map((record) => `${record.scanId} ${record.item.fingerprint} ${record.item.reason}`)
          .sort(),
        ['1 fp-a worsened', '1 fp-b new', '2 fp-a new'],
      );
    });
  });

  test("undelivered: another domain's records are neither returned nor counted", async () => {
    await withLog(async (log) => {
      const a = sampleItem('fp-a');
      const here = sampleRecord('slack', 1, a, 'failed', { at: '2026-03-01T06:00:00.000Z' });
      await log.record([here]);
      // The same key elsewhere: a later failure must not replace ours, a success must not clear it.
      await log.record([
        sampleRecord('slack', 1, a, 'failed', { domain: 'other.test', at: '2026-03-02T06:00:00.000Z' }),
        sampleRecord('slack', 9, sampleItem('fp-z'), 'failed', { domain: 'other.test' }),
      ]);
      assert.deepEqual(await log.undelivered('contract.test'), [here]);
      await log.record([sampleRecord('slack', 1, a, 'sent', { domain: 'other.test' })]);
      assert.deepEqual(await log.undelivered('contract.test'), [here]);
      assert.deepEqual(
        (await log.undelivered('other.test')).map((record) => `${record.domain} ${record.scanId}`),
        ['other.test 9'],
      );
    });
  });

  test('undelivered agrees with the model over every record, for any sequence of deliveries', async () => {
    const database = await freshDatabase();
    const log = await open(database);
    let run = 0;
    try {
      const recordArbitrary = fc.record({
        domain: fc.constantFrom('a.test', 'b.test'),
        channel: fc.constantFrom('slack', 'mail'),
        scanId: fc.integer({ min: 1, max: 3 }),
        fingerprint: fc.constantFrom('fp-1', 'fp-2'),
        reason: fc.constantFrom('new' as const, 'worsened' as const),
        outcome: fc.constantFrom('sent' as const, 'failed' as const, 'failed' as const),
        attempts: fc.integer({ min: 1, max: 5 }),
      });
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.array(recordArbitrary, { maxLength: 4 }), { maxLength: 8 }),
          async (batches) => {
            // Each run has domains of its own in the one database, so runs do not see each other.
            run += 1;
            let sequence = 0;
            const recorded = batches.map((batch) =>
              batch.map((spec) =>
                sampleRecord(
                  spec.channel,
                  spec.scanId,
                  sampleItem(spec.fingerprint, { reason: spec.reason }),
                  spec.outcome,
                  {
                    domain: `run${run}-${spec.domain}`,
                    attempts: spec.attempts,
                    detail: `record ${++sequence}`,
                  },
                ),
              ),
            );
            for (const batch of recorded) await log.record(batch);
            for (const domain of ['a.test', 'b.test']) {
              const name = `run${run}-${domain}`;
              const all = recorded.flat().filter((record) => record.domain === name);
              const expected = pendingFailures(all).map(line).sort();
              assert.deepEqual((await log.undelivered(name)).map(line).sort(), expected);
            }
          },
        ),
        { numRuns: 60 },
      );
    } finally {
      await log.close();
    }
  });

  test('a database at alert tables version 1 is brought to the latest version, its records intact', async () => {
    const database = await freshDatabase();
    const a = sampleItem('fp-a', { fix: 'v=spf1 mx -all' });
    const b = sampleItem('fp-b');
    const old = [
      sampleRecord('slack', 4, a, 'failed', { attempts: 5, at: '2025-12-01T06:00:00.000Z' }),
      sampleRecord('mail', 4, a, 'sent', { at: '2025-12-01T06:00:01.000Z' }),
      sampleRecord('slack', 4, b, 'failed', { at: '2025-12-01T06:00:00.000Z' }),
      sampleRecord('slack', 4, b, 'sent', { at: '2025-12-02T06:00:00.000Z' }),
      sampleRecord('slack', 4, a, 'failed', { attempts: 2, detail: 'later', at: '2025-12-02T06:00:00.000Z' }),
    ];
    await writeAtVersion(database, 1, { records: old, dataVersions: [[4, '2025-11-30']] });
    const before = await alertIndexes(database);
    const log = await open(database);
    try {
      assert.deepEqual(log.migrations, {
        schemaVersion: latestAlertLogVersion,
        applied: allVersions.filter((version) => version > 1),
      });
      assert.deepEqual(await log.records('contract.test'), old);
      assert.deepEqual(await log.undelivered('contract.test'), [old[4]]);
      assert.deepEqual(await log.sentKeys('slack', [4]), new Set([alertKey(4, b)]));
      assert.deepEqual(await log.dataVersions([4]), new Map([[4, '2025-11-30']]));
    } finally {
      await log.close();
    }
    assert.ok(!before.includes('alerts_pending'), before.join(', '));
    assert.deepEqual(
      (await alertIndexes(database)).filter((name) => !before.includes(name)),
      ['alerts_pending'],
    );
    const again = await open(database);
    try {
      assert.deepEqual(again.migrations.applied, []);
    } finally {
      await again.close();
    }
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
