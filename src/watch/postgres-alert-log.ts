// The alert record in the PostgreSQL history database (tables created if missing, beside the store's).

import pg from 'pg';
import type { AlertItem, AlertReason } from '../alert/types.js';
import {
  type AlertLog,
  type AlertRecord,
  alertInsertColumns,
  alertKey,
  alertLogSchema,
  alertValues,
  pendingFailures,
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

/** Any constant: serialises table creation when several watches start at once. */
const schemaLockKey = 7_417_002;

export class PostgresAlertLog implements AlertLog {
  private constructor(private readonly pool: pg.Pool) {}

  static async open(url: string): Promise<PostgresAlertLog> {
    const pool = new pg.Pool({ connectionString: url, max: 2 });
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1)', [schemaLockKey]);
      for (const statement of alertLogSchema.postgres) await client.query(statement);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      client.release();
      await pool.end();
      throw error;
    }
    client.release();
    return new PostgresAlertLog(pool);
  }

  async sentKeys(channel: string, scanIds: readonly number[]): Promise<Set<string>> {
    const result = await this.pool.query<{ scan_id: string; fingerprint: string; reason: AlertReason }>(
      "SELECT scan_id, fingerprint, reason FROM alerts WHERE channel = $1 AND scan_id = ANY($2::bigint[]) AND outcome = 'sent'",
      [channel, scanIds],
    );
    return new Set(result.rows.map((row) => alertKey(Number(row.scan_id), row)));
  }

  async undelivered(domain: string): Promise<AlertRecord[]> {
    return pendingFailures(await this.records(domain));
  }

  async record(records: readonly AlertRecord[]): Promise<void> {
    for (const record of records) {
      await this.pool.query(
        `INSERT INTO alerts (${alertInsertColumns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        alertValues(record),
      );
    }
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
    return result.rows.map((row) => ({
      channel: row.channel,
      domain: row.domain,
      scanId: Number(row.scan_id),
      item: row.item,
      outcome: row.outcome,
      attempts: row.attempts,
      detail: row.detail,
      at: row.at.toISOString(),
    }));
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
