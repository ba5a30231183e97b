// Raw access to an alert log's database for the contract, in the dialect its name says (a postgres:// URL
// or a SQLite path): builds a database as an older telltale left it, and lists the alert tables' indexes.

import Database from 'better-sqlite3';
import pg from 'pg';
import { isPostgresUrl } from '../../src/store/open-store.js';
import { migratePostgres } from '../../src/store/postgres-migrate.js';
import { migrateSqlite } from '../../src/store/sqlite-migrate.js';
import {
  type AlertRecord,
  alertInsertColumns,
  alertLogMigrationSet,
  alertValues,
} from '../../src/watch/alert-log.js';

export interface OldContent {
  readonly records: readonly AlertRecord[];
  readonly dataVersions: readonly (readonly [scanId: number, version: string])[];
}

/** The alert log's own advisory lock (postgres-alert-log.ts), so an open at the same time waits for this. */
const alertLogLockKey = 7_417_002;

/** The shared runner with the migrations up to `version` only: the schema that telltale release wrote. */
function setUpTo(version: number) {
  return {
    ...alertLogMigrationSet,
    migrations: alertLogMigrationSet.migrations.filter((migration) => migration.version <= version),
  };
}

/** Migrates a fresh database to `version` of the alert tables only and writes `content` as it would have. */
export async function writeAtVersion(database: string, version: number, content: OldContent): Promise<void> {
  if (isPostgresUrl(database)) {
    const pool = new pg.Pool({ connectionString: database, max: 1 });
    try {
      await migratePostgres(pool, setUpTo(version), alertLogLockKey);
      for (const record of content.records) {
        await pool.query(
          `INSERT INTO alerts (${alertInsertColumns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
          alertValues(record),
        );
      }
      for (const [scanId, dataVersion] of content.dataVersions) {
        await pool.query('INSERT INTO watch_scan_data VALUES ($1, $2)', [scanId, dataVersion]);
      }
    } finally {
      await pool.end();
    }
    return;
  }
  const db = new Database(database);
  try {
    migrateSqlite(db, setUpTo(version));
    const insert = db.prepare(
      `INSERT INTO alerts (${alertInsertColumns}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const record of content.records) insert.run(...alertValues(record));
    const data = db.prepare('INSERT INTO watch_scan_data VALUES (?, ?)');
    for (const [scanId, dataVersion] of content.dataVersions) data.run(scanId, dataVersion);
  } finally {
    db.close();
  }
}

/** Names of the indexes on the alerts table (the primary key's excepted), sorted. */
export async function alertIndexes(database: string): Promise<string[]> {
  if (isPostgresUrl(database)) {
    const client = new pg.Client({ connectionString: database });
    await client.connect();
    try {
      const result = await client.query<{ name: string }>(
        "SELECT indexname AS name FROM pg_indexes WHERE tablename = 'alerts' AND indexname <> 'alerts_pkey'",
      );
      return result.rows.map((row) => row.name).sort();
    } finally {
      await client.end();
    }
  }
  const db = new Database(database, { readonly: true });
  try {
    const rows = db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'alerts' AND sql IS NOT NULL",
      )
      .all() as { name: string }[];
    return rows.map((row) => row.name).sort();
  } finally {
    db.close();
  }
}
