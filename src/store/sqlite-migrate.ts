// Brings a SQLite database to the latest version of a migration set, in one IMMEDIATE transaction so two
// processes opening a new database at once do not both migrate it.

import type Database from 'better-sqlite3';
import { type MigrationSet, pendingMigrations, versionTableStatement } from './migrations.js';
import type { MigrationState } from './types.js';

export function migrateSqlite(db: Database.Database, set: MigrationSet): MigrationState {
  const run = db.transaction((): MigrationState => {
    db.exec(versionTableStatement(set, 'sqlite'));
    const row = db.prepare(`SELECT MAX(version) AS version FROM ${set.table}`).get() as {
      version: number | null;
    };
    const current = row.version ?? 0;
    const record = db.prepare(`INSERT INTO ${set.table} (version, name, applied_at) VALUES (?, ?, ?)`);
    const applied: number[] = [];
    for (const migration of pendingMigrations(set, current)) {
      for (const statement of migration.sqlite) db.exec(statement);
      record.run(migration.version, migration.name, new Date().toISOString());
      applied.push(migration.version);
    }
    return { schemaVersion: Math.max(current, ...applied), applied };
  });
  return run.immediate();
}
