// The ScanStore contract against SQLite in a temp dir, plus what only a file database shows: WAL,
// migrations recorded once across reopenings, and a refusal to open a newer schema.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { checkLogicOf } from '../../src/store/check-logic.js';
import { diffScans } from '../../src/store/diff.js';
import { fingerprintFindings } from '../../src/store/fingerprint.js';
import { latestSchemaVersion } from '../../src/store/migrations.js';
import { openStore } from '../../src/store/open-store.js';
import { SqliteStore } from '../../src/store/sqlite-store.js';
import { StoreVersionError } from '../../src/store/types.js';
import { hostileFinding, hostileTexts, sampleChecks, sampleReport, storeContract } from './store-contract.js';

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

  test('a hostile scan stored before NULs were replaced diffs as unchanged against one stored after', async () => {
    const path = join(dir, 'before-substitution.db');
    const logic = checkLogicOf(sampleChecks);
    const findings = hostileTexts.map(([text], index) => hostileFinding(text, index));
    await (await openStore(path)).close();
    // The rows exactly as the store wrote them before the substitution: NULs kept, fingerprints of the raw finding.
    const raw = new Database(path);
    try {
      const scanId = raw
        .prepare(
          `INSERT INTO scans (domain, started_at, finished_at, duration_ms, tool_version, check_logic_version,
             check_logic, resolvers, summary, grade)
           VALUES ('hostile.test', '2026-03-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z', 1, '0.1.0', ?, ?, '[]',
             '{"pass":0,"warn":0,"fail":12,"error":0,"skipped":0}', NULL)`,
        )
        .run(logic.version, JSON.stringify(logic)).lastInsertRowid;
      const insert = raw.prepare(
        `INSERT INTO findings (scan_id, ordinal, fingerprint, check_id, subject, status, severity, finding)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      const prints = fingerprintFindings(findings);
      for (const [ordinal, finding] of findings.entries()) {
        const { checkId, subject, status, severity } = finding;
        insert.run(
          scanId,
          ordinal,
          prints[ordinal],
          checkId,
          subject,
          status,
          severity,
          JSON.stringify(finding),
        );
      }
    } finally {
      raw.close();
    }
    const store = await openStore(path);
    try {
      await store.saveScan(sampleReport('hostile.test', '2026-03-02T00:00:00.000Z', findings), logic);
      const [to, from] = await store.latestScans('hostile.test', 2);
      assert.ok(to && from);
      assert.equal(from.findings[0]?.finding.subject.includes('\u0000'), true);
      assert.equal(to.findings[0]?.finding.subject.includes('\u0000'), false);
      const diff = diffScans(from, to);
      assert.deepEqual([diff.new.length, diff.fixed.length, diff.changed.length], [0, 0, 0]);
      assert.equal(diff.unchanged.length, findings.length);
    } finally {
      await store.close();
    }
  });
});
