// The ScanStore contract against SQLite in a temp dir, plus what only a file database shows: WAL,
// migrations recorded once across reopenings, and a refusal to open a newer schema.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { latestSchemaVersion } from '../../src/store/migrations.js';
import { openStore } from '../../src/store/open-store.js';
import { SqliteStore } from '../../src/store/sqlite-store.js';
import { StoreVersionError } from '../../src/store/types.js';
import { storeContract } from './store-contract.js';

const dir = mkdtempSync(join(tmpdir(), 'telltale-store-'));
let counter = 0;
after(() => rmSync(dir, { recursive: true, force: true }));

describe('SQLite store: the contract', () => {
  storeContract(async () => openStore(join(dir, `contract-${++counter}`, 'history.db')));
});

describe('SQLite store: the file', () => {
  test('WAL mode, migrations recorded once, reopening applies nothing', async () => {
    const path = join(dir, 'reopen.db');
    const first = SqliteStore.open(path);
    assert.deepEqual(first.migrations.applied, [1]);
    await first.close();
    const second = SqliteStore.open(path);
    assert.deepEqual(second.migrations, { schemaVersion: latestSchemaVersion, applied: [] });
    await second.close();
    const raw = new Database(path, { readonly: true });
    try {
      assert.equal(raw.pragma('journal_mode', { simple: true }), 'wal');
      const rows = raw.prepare('SELECT version FROM schema_migrations').all();
      assert.deepEqual(rows, [{ version: 1 }]);
    } finally {
      raw.close();
    }
  });

  test('a database from a newer telltale is refused, not altered', async () => {
    const path = join(dir, 'newer.db');
    await (await openStore(path)).close();
    const raw = new Database(path);
    raw
      .prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', 'x')")
      .run();
    raw.close();
    assert.throws(() => SqliteStore.open(path), StoreVersionError);
  });
});
