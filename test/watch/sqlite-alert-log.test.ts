// The AlertLog contract against SQLite files in a temp dir, plus the versioning of the alert tables:
// a database written before versioning is recognised as version 1, a newer one is refused.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { openStore } from '../../src/store/open-store.js';
import { StoreVersionError } from '../../src/store/types.js';
import {
  alertLogMigrations,
  latestAlertLogVersion,
  pendingFailuresQuery,
} from '../../src/watch/alert-log.js';
import { SqliteAlertLog } from '../../src/watch/sqlite-alert-log.js';
import { alertLogContract, sampleItem, sampleRecord } from './alert-log-contract.js';

const allVersions = alertLogMigrations.map((migration) => migration.version).sort((a, b) => a - b);

const dir = mkdtempSync(join(tmpdir(), 'telltale-alert-log-'));
let counter = 0;
after(() => rmSync(dir, { recursive: true, force: true }));

/** The alert tables exactly as telltale created them before they were versioned (frozen: do not update). */
const unversionedSchema = [
  `CREATE TABLE IF NOT EXISTS alerts (
    id INTEGER PRIMARY KEY AUTOINCREMENT, channel TEXT NOT NULL, domain TEXT NOT NULL,
    scan_id INTEGER NOT NULL, fingerprint TEXT NOT NULL, reason TEXT NOT NULL, outcome TEXT NOT NULL,
    attempts INTEGER NOT NULL, detail TEXT NOT NULL, item TEXT NOT NULL, at TEXT NOT NULL)`,
  'CREATE INDEX IF NOT EXISTS alerts_channel_scan ON alerts (channel, scan_id)',
  'CREATE INDEX IF NOT EXISTS alerts_domain ON alerts (domain, id)',
  'CREATE TABLE IF NOT EXISTS watch_scan_data (scan_id INTEGER PRIMARY KEY, exchange_data_version TEXT NOT NULL)',
];

describe('SQLite alert log: the contract', () => {
  alertLogContract(
    async () => join(dir, `contract-${++counter}.db`),
    async (path) => SqliteAlertLog.open(path),
  );
});

describe('SQLite alert log: versions', () => {
  test('tables written before versioning are recognised as version 1, then migrated on, and keep their rows', async () => {
    const path = join(dir, 'unversioned.db');
    const raw = new Database(path);
    for (const statement of unversionedSchema) raw.exec(statement);
    const item = sampleItem('fp-old');
    raw
      .prepare(
        `INSERT INTO alerts (channel, domain, scan_id, fingerprint, reason, outcome, attempts, detail, item, at)
         VALUES ('slack', 'contract.test', 4, 'fp-old', 'new', 'sent', 1, 'ok', ?, '2025-12-01T06:00:00.000Z')`,
      )
      .run(JSON.stringify(item));
    raw.prepare("INSERT INTO watch_scan_data VALUES (4, '2025-11-30')").run();
    raw.close();

    const log = SqliteAlertLog.open(path);
    try {
      assert.deepEqual(log.migrations, { schemaVersion: latestAlertLogVersion, applied: allVersions });
      assert.deepEqual(await log.records('contract.test'), [
        sampleRecord('slack', 4, item, 'sent', { detail: 'ok', at: '2025-12-01T06:00:00.000Z' }),
      ]);
      assert.deepEqual(await log.dataVersions([4]), new Map([[4, '2025-11-30']]));
    } finally {
      await log.close();
    }
    const check = new Database(path, { readonly: true });
    try {
      assert.deepEqual(
        check.prepare('SELECT version FROM alert_log_migrations ORDER BY version').all(),
        allVersions.map((version) => ({ version })),
      );
    } finally {
      check.close();
    }
  });

  test('alert tables from a newer telltale are refused, not altered', async () => {
    const path = join(dir, 'newer.db');
    await SqliteAlertLog.open(path).close();
    const raw = new Database(path);
    raw
      .prepare("INSERT INTO alert_log_migrations (version, name, applied_at) VALUES (999, 'future', 'x')")
      .run();
    raw.close();
    assert.throws(() => SqliteAlertLog.open(path), StoreVersionError);
  });

  test('beside the history store in one file, each keeps its own schema version', async () => {
    const path = join(dir, 'history.db');
    const store = await openStore(path);
    const log = SqliteAlertLog.open(path);
    try {
      assert.deepEqual(store.migrations.applied, [1]);
      assert.deepEqual(log.migrations.applied, allVersions);
      await log.record([sampleRecord('slack', 1, sampleItem('fp'), 'sent')]);
      assert.equal((await log.records('contract.test')).length, 1);
    } finally {
      await Promise.all([log.close(), store.close()]);
    }
    const again = await openStore(path);
    assert.deepEqual(again.migrations.applied, []);
    await again.close();
  });

  test('pending failures are found by seeks on alerts_pending, never by reading all of a domain', async () => {
    const path = join(dir, 'plan.db');
    await SqliteAlertLog.open(path).close();
    const db = new Database(path, { readonly: true });
    try {
      const steps = (
        db.prepare(`EXPLAIN QUERY PLAN ${pendingFailuresQuery('?')}`).all('contract.test') as {
          detail: string;
        }[]
      )
        .map((step) => step.detail)
        .filter((detail) => /^(SCAN|SEARCH) /.test(detail));
      // The outer walk over the domain's failed records, then one probe each for a success and a later failure.
      assert.equal(steps.length, 3, steps.join('\n'));
      for (const step of steps) {
        assert.match(step, /^SEARCH \w+ USING (COVERING )?INDEX alerts_pending \(domain=\? AND outcome=\?/);
      }
    } finally {
      db.close();
    }
  });
});
