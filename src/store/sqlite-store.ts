// The default history store: one SQLite file (better-sqlite3) in WAL mode, migrated on open.

import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { Finding, Status } from '../model/finding.js';
import type { Report } from '../model/report.js';
import { storeMigrations } from './migrations.js';
import { findingRows, normalizeDomain, scanColumns, scanInsertColumns, scanRow, scanValues } from './rows.js';
import { migrateSqlite } from './sqlite-migrate.js';
import type {
  CheckLogic,
  ListOptions,
  MigrationState,
  ScanStore,
  ScanWithFindings,
  StoredFinding,
  StoredScan,
} from './types.js';

interface ScanRecord {
  readonly id: number;
  readonly domain: string;
  readonly started_at: string;
  readonly finished_at: string;
  readonly duration_ms: number;
  readonly tool_version: string;
  readonly check_logic: string;
  readonly resolvers: string;
  readonly summary: string;
  readonly grade: string | null;
}

interface FindingRecord {
  readonly fingerprint: string;
  readonly finding: string;
}

function toScan(row: ScanRecord): StoredScan {
  return {
    id: row.id,
    domain: row.domain,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    durationMs: row.duration_ms,
    toolVersion: row.tool_version,
    checkLogic: JSON.parse(row.check_logic) as CheckLogic,
    resolvers: JSON.parse(row.resolvers) as string[],
    summary: JSON.parse(row.summary) as Record<Status, number>,
    ...(row.grade === null ? {} : { grade: row.grade }),
  };
}

export class SqliteStore implements ScanStore {
  readonly kind = 'sqlite';
  readonly migrations: MigrationState;
  private readonly db: Database.Database;

  private constructor(
    readonly location: string,
    db: Database.Database,
  ) {
    this.db = db;
    this.migrations = migrateSqlite(db, storeMigrations);
  }

  /** Opens (creating the file and its folder if needed) and migrates. `:memory:` works for tests. */
  static open(path: string): SqliteStore {
    const location = path === ':memory:' ? path : resolve(path);
    if (location !== ':memory:') mkdirSync(dirname(location), { recursive: true });
    const db = new Database(location, { timeout: 10_000 });
    try {
      db.pragma('journal_mode = WAL');
      // FULL: a scan reported stored survives a power loss too (fleets batch their writes to pay this once).
      db.pragma('synchronous = FULL');
      db.pragma('foreign_keys = ON');
      return new SqliteStore(location, db);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  async saveScan(report: Report, checkLogic: CheckLogic): Promise<StoredScan> {
    const [stored] = await this.saveScans([report], checkLogic);
    if (stored === undefined) throw new Error('saveScan: nothing stored');
    return stored;
  }

  async saveScans(reports: readonly Report[], checkLogic: CheckLogic): Promise<StoredScan[]> {
    const insertScan = this.db.prepare(
      `INSERT INTO scans (${scanInsertColumns})
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertFinding = this.db.prepare(
      `INSERT INTO findings (scan_id, ordinal, fingerprint, check_id, subject, status, severity, finding)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const save = this.db.transaction((): StoredScan[] =>
      reports.map((report) => {
        const row = scanRow(report, checkLogic);
        const info = insertScan.run(...scanValues(row));
        const id = Number(info.lastInsertRowid);
        for (const item of findingRows(report)) {
          const { finding } = item;
          insertFinding.run(
            id,
            item.ordinal,
            item.fingerprint,
            finding.checkId,
            finding.subject,
            finding.status,
            finding.severity,
            JSON.stringify(finding),
          );
        }
        return { id, ...row };
      }),
    );
    return save.immediate();
  }

  async listScans(domain: string, options: ListOptions = {}): Promise<StoredScan[]> {
    const limit = options.limit ?? -1;
    const rows = this.db
      .prepare(`SELECT ${scanColumns} FROM scans WHERE domain = ? ORDER BY started_at DESC, id DESC LIMIT ?`)
      .all(normalizeDomain(domain), limit) as ScanRecord[];
    return rows.map(toScan);
  }

  async getScan(id: number): Promise<ScanWithFindings | undefined> {
    const row = this.db.prepare(`SELECT ${scanColumns} FROM scans WHERE id = ?`).get(id) as
      | ScanRecord
      | undefined;
    if (row === undefined) return undefined;
    return { scan: toScan(row), findings: this.findingsOf(id) };
  }

  async latestScans(domain: string, count: number): Promise<ScanWithFindings[]> {
    const scans = await this.listScans(domain, { limit: count });
    return scans.map((scan) => ({ scan, findings: this.findingsOf(scan.id) }));
  }

  async fingerprints(scanId: number): Promise<Map<string, StoredFinding>> {
    return new Map(this.findingsOf(scanId).map((item) => [item.fingerprint, item]));
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  private findingsOf(scanId: number): StoredFinding[] {
    const rows = this.db
      .prepare('SELECT fingerprint, finding FROM findings WHERE scan_id = ? ORDER BY ordinal')
      .all(scanId) as FindingRecord[];
    return rows.map((row) => ({ fingerprint: row.fingerprint, finding: JSON.parse(row.finding) as Finding }));
  }
}
