// The alert record in the PostgreSQL history database, beside the store's tables; its own schema version, migrated on open.

import pg from 'pg';
import type { AlertItem, AlertReason } from '../alert/types.js';
import { inTransaction, migratePostgres } from '../store/postgres-migrate.js';
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
  readonly scan_id: string;
  readonly outcome: 'sent' | 'failed';
  readonly attempts: number;
  readonly detail: string;
  readonly item: AlertItem;
  readonly at: Date;
}

function toRecord(row: Row): AlertRecord {
  return {
    channel: row.channel,
    domain: row.domain,
    scanId: Number(row.scan_id),
    item: row.item,
    outcome: row.outcome,
    attempts: row.attempts,
    detail: row.detail,
    at: row.at.toISOString(),
  };
}

/** Any constant (the store's is 7_417_001): serialises migrating when several watches start at once. */
const schemaLockKey = 7_417_002;

export class PostgresAlertLog implements AlertLog {
  private closed = false;

  private constructor(
    private readonly pool: pg.Pool,
    readonly migrations: MigrationState,
  ) {}

  static async open(url: string): Promise<PostgresAlertLog> {
    const pool = new pg.Pool({ connectionString: url, max: 2 });
    // An idle client's error (server restart) must not crash the process; the next query reports it.
    pool.on('error', () => undefined);
    try {
      return new PostgresAlertLog(pool, await migratePostgres(pool, alertLogMigrationSet, schemaLockKey));
    } catch (error) {
      await pool.end();
      throw error;
    }
  }

  async sentKeys(channel: string, scanIds: readonly number[]): Promise<Set<string>> {
    const result = await this.pool.query<{ scan_id: string; fingerprint: string; reason: AlertReason }>(
      "SELECT scan_id, fingerprint, reason FROM alerts WHERE channel = $1 AND scan_id = ANY($2::bigint[]) AND outcome = 'sent'",
      [channel, scanIds],
    );
    return new Set(result.rows.map((row) => alertKey(Number(row.scan_id), row)));
  }

  async undelivered(domain: string): Promise<AlertRecord[]> {
    const result = await this.pool.query<Row>(pendingFailuresQuery('$1'), [domain]);
    return result.rows.map(toRecord);
  }

  /** All or none, as in SQLite: a half-recorded delivery would re-send or forget part of an alert. */
  async record(records: readonly AlertRecord[]): Promise<void> {
    if (records.length === 0) return;
    await inTransaction(this.pool, async (client) => {
      for (const record of records) {
        await client.query(
          `INSERT INTO alerts (${alertInsertColumns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
          alertValues(record),
        );
      }
    });
  }

  async setDataVersion(scanId: number, dataVersion: string): Promise<void> {
    await this.pool.query(
      `INSERT INTO watch_scan_data (scan_id, exchange_data_version) VALUES ($1, $2)
       ON CONFLICT (scan_id) DO UPDATE SET exchange_data_version = EXCLUDED.exchange_data_version`,
      [scanId, dataVersion],
    );
  }

  async dataVersions(scanIds: readonly number[]): Promise<Map<number, string>> {
    const result = await this.pool.query<{ scan_id: string; v: string }>(
      'SELECT scan_id, exchange_data_version AS v FROM watch_scan_data WHERE scan_id = ANY($1::bigint[])',
      [scanIds],
    );
    return new Map(result.rows.map((row) => [Number(row.scan_id), row.v]));
  }

  async records(domain: string): Promise<AlertRecord[]> {
    const result = await this.pool.query<Row>(
      'SELECT channel, domain, scan_id, outcome, attempts, detail, item, at FROM alerts WHERE domain = $1 ORDER BY id',
      [domain],
    );
    return result.rows.map(toRecord);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }
}
