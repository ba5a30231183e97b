// The history schema, versioned in code: each migration runs once, in order, in its own transaction, and
// is recorded in schema_migrations. Never edit a released migration; add the next one.

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

/** Migrations still to apply over a database at `current`, in order. */
export function pendingMigrations(current: number): Migration[] {
  return migrations.filter((migration) => migration.version > current).sort((a, b) => a.version - b.version);
}
