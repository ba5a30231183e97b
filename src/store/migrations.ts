// The history schema, versioned in code: each migration runs once, in order, in its own transaction, and
// is recorded in schema_migrations. Never edit a released migration; add the next one.

import { StoreVersionError } from './types.js';

export interface Migration {
  readonly version: number;
  readonly name: string;
  /** Statements for SQLite and for PostgreSQL: the same logical schema in each dialect. */
  readonly sqlite: readonly string[];
  readonly postgres: readonly string[];
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'scans and findings',
    sqlite: [
      `CREATE TABLE scans (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        domain TEXT NOT NULL,
        started_at TEXT NOT NULL,
        finished_at TEXT NOT NULL,
        duration_ms INTEGER NOT NULL,
        tool_version TEXT NOT NULL,
        check_logic_version TEXT NOT NULL,
        check_logic TEXT NOT NULL,
        resolvers TEXT NOT NULL,
        summary TEXT NOT NULL,
        grade TEXT
      )`,
      'CREATE INDEX scans_domain_started ON scans (domain, started_at, id)',
      `CREATE TABLE findings (
        scan_id INTEGER NOT NULL REFERENCES scans (id) ON DELETE CASCADE,
        ordinal INTEGER NOT NULL,
        fingerprint TEXT NOT NULL,
        check_id TEXT NOT NULL,
        subject TEXT NOT NULL,
        status TEXT NOT NULL,
        severity TEXT NOT NULL,
        finding TEXT NOT NULL,
        PRIMARY KEY (scan_id, ordinal)
      )`,
      'CREATE INDEX findings_fingerprint ON findings (fingerprint)',
      'CREATE INDEX findings_check ON findings (check_id, status)',
    ],
    postgres: [
      `CREATE TABLE scans (
        id BIGSERIAL PRIMARY KEY,
        domain TEXT NOT NULL,
        started_at TIMESTAMPTZ NOT NULL,
        finished_at TIMESTAMPTZ NOT NULL,
        duration_ms INTEGER NOT NULL,
        tool_version TEXT NOT NULL,
        check_logic_version TEXT NOT NULL,
        check_logic JSONB NOT NULL,
        resolvers JSONB NOT NULL,
        summary JSONB NOT NULL,
        grade TEXT
      )`,
      'CREATE INDEX scans_domain_started ON scans (domain, started_at, id)',
      `CREATE TABLE findings (
        scan_id BIGINT NOT NULL REFERENCES scans (id) ON DELETE CASCADE,
        ordinal INTEGER NOT NULL,
        fingerprint TEXT NOT NULL,
        check_id TEXT NOT NULL,
        subject TEXT NOT NULL,
        status TEXT NOT NULL,
        severity TEXT NOT NULL,
        finding JSONB NOT NULL,
        PRIMARY KEY (scan_id, ordinal)
      )`,
      'CREATE INDEX findings_fingerprint ON findings (fingerprint)',
      'CREATE INDEX findings_check ON findings (check_id, status)',
    ],
  },
];

export const latestSchemaVersion = migrations.reduce((max, migration) => Math.max(max, migration.version), 0);

/** A versioned schema (the store's, the alert log's) and the table that records which versions are applied. */
export interface MigrationSet {
  /** Table of applied versions: (version, name, applied_at). */
  readonly table: string;
  /** What the versions belong to, with its verb, for the error when a database is newer than this code. */
  readonly subjectIs: string;
  readonly migrations: readonly Migration[];
}

export const storeMigrations: MigrationSet = {
  table: 'schema_migrations',
  subjectIs: 'the history database is',
  migrations,
};

/** The version table, created if missing, in each dialect. */
export function versionTableStatement(set: MigrationSet, dialect: 'sqlite' | 'postgres'): string {
  const time = dialect === 'sqlite' ? 'TEXT' : 'TIMESTAMPTZ';
  return `CREATE TABLE IF NOT EXISTS ${set.table} (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at ${time} NOT NULL)`;
}

/** Migrations still to apply over a database at `current`, in order; a newer database is refused. */
export function pendingMigrations(set: MigrationSet, current: number): Migration[] {
  const latest = set.migrations.reduce((max, migration) => Math.max(max, migration.version), 0);
  if (current > latest) {
    throw new StoreVersionError(
      `${set.subjectIs} at schema version ${current}, newer than this telltale knows (${latest}): upgrade telltale`,
    );
  }
  return set.migrations
    .filter((migration) => migration.version > current)
    .sort((a, b) => a.version - b.version);
}
