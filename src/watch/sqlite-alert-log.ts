// The alert record in the SQLite history file (its own connection; WAL lets it sit beside the store's).

import Database from 'better-sqlite3';
import type { AlertItem, AlertReason } from '../alert/types.js';
import { migrateSqlite } from '../store/sqlite-migrate.js';
import type { MigrationState } from '../store/types.js';
import {
  type AlertLog,
  type AlertRecord,
  alertInsertColumns,
  alertKey,
  alertLogMigrationSet,
  alertValues,
  pendingFailuresQuery,
} from './alert-log.js';

interface Row {
  readonly channel: string;
  readonly domain: string;
  readonly scan_id: number;
  readonly outcome: 'sent' | 'failed';
  readonly attempts: number;
  readonly detail: string;
  readonly item: string;
  readonly at: string;
}

function toRecord(row: Row): AlertRecord {
  return {
    channel: row.channel,
    domain: row.domain,
    scanId: row.scan_id,
    item: JSON.parse(row.item) as AlertItem,
    outcome: row.outcome,
    attempts: row.attempts,
    detail: row.detail,
    at: row.at,
  };
}

/** Brings the alert tables to the latest version; IMMEDIATE, so two processes opening at once do it once. */
export class SqliteAlertLog implements AlertLog {
  private constructor(
    private readonly db: Database.Database,
    readonly migrations: MigrationState,
  ) {}

  /** The same file the history store uses (it must exist: the store creates it). */
  static open(path: string): SqliteAlertLog {
    const db = new Database(path, { timeout: 10_000 });
    try {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      return new SqliteAlertLog(db, migrateSqlite(db, alertLogMigrationSet));
    } catch (error) {
      db.close();
      throw error;
    }
  }

  async sentKeys(channel: string, scanIds: readonly number[]): Promise<Set<string>> {
    const keys = new Set<string>();
    const query = this.db.prepare(
      "SELECT scan_id, fingerprint, reason FROM alerts WHERE channel = ? AND scan_id = ? AND outcome = 'sent'",
    );
    for (const scanId of scanIds) {
      for (const row of query.all(channel, scanId) as {
        scan_id: number;
        fingerprint: string;
        reason: AlertReason;
      }[]) {
        keys.add(alertKey(row.scan_id, row));
      }
    }
    return keys;
  }

  async undelivered(domain: string): Promise<AlertRecord[]> {
    return (this.db.prepare(pendingFailuresQuery('?')).all(domain) as Row[]).map(toRecord);
  }

  async record(records: readonly AlertRecord[]): Promise<void> {
    const insert = this.db.prepare(
      `INSERT INTO alerts (${alertInsertColumns}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.db
      .transaction(() => {
        for (const record of records) {
          insert.run(...alertValues(record));
        }
      })
      .immediate();
  }

  async setDataVersion(scanId: number, dataVersion: string): Promise<void> {
    this.db
      .prepare('INSERT OR REPLACE INTO watch_scan_data (scan_id, exchange_data_version) VALUES (?, ?)')
      .run(scanId, dataVersion);
  }

  async dataVersions(scanIds: readonly number[]): Promise<Map<number, string>> {
    const query = this.db.prepare('SELECT exchange_data_version AS v FROM watch_scan_data WHERE scan_id = ?');
    const versions = new Map<number, string>();
    for (const id of scanIds) {
      const row = query.get(id) as { v: string } | undefined;
      if (row !== undefined) versions.set(id, row.v);
    }
    return versions;
  }

  async records(domain: string): Promise<AlertRecord[]> {
    const rows = this.db
      .prepare(
        'SELECT channel, domain, scan_id, outcome, attempts, detail, item, at FROM alerts WHERE domain = ? ORDER BY id',
      )
      .all(domain) as Row[];
    return rows.map(toRecord);
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
