// The record of alerts sent (and failed), kept in the history database beside the scans, so a restarted
// watch neither re-sends nor forgets; also the Exchange data version each watched scan used.

import type { AlertItem } from '../alert/types.js';
import type { Migration, MigrationSet } from '../store/migrations.js';
import { storableText, storableValue } from '../store/storable-text.js';
import type { MigrationState } from '../store/types.js';

export type DeliveryRecordOutcome = 'sent' | 'failed';

export interface AlertRecord {
  readonly channel: string;
  readonly domain: string;
  readonly scanId: number;
  readonly item: AlertItem;
  readonly outcome: DeliveryRecordOutcome;
  readonly attempts: number;
  readonly detail: string;
  readonly at: string;
}

/** Identity of one alert item on one channel: sent at most once. */
export function alertKey(scanId: number, item: Pick<AlertItem, 'fingerprint' | 'reason'>): string {
  return `${scanId}|${item.fingerprint}|${item.reason}`;
}

export interface AlertLog {
  /** The alert tables' schema version after opening, and what this open applied. */
  readonly migrations: MigrationState;
  /** Keys (see alertKey) already delivered on `channel` for these scans. */
  sentKeys(channel: string, scanIds: readonly number[]): Promise<Set<string>>;
  /**
   * Items whose delivery on some channel failed and that were never delivered there (the latest failed
   * record of each; by scan, then as recorded): a success at any time, even before a failure, means
   * "sent", and sent is at most once. Asked of the database by key, not filtered from the whole history.
   */
  undelivered(domain: string): Promise<AlertRecord[]>;
  record(records: readonly AlertRecord[]): Promise<void>;
  setDataVersion(scanId: number, dataVersion: string): Promise<void>;
  dataVersions(scanIds: readonly number[]): Promise<Map<number, string>>;
  /** Every record of a domain, oldest first (for tests and `--verbose`). */
  records(domain: string): Promise<AlertRecord[]>;
  close(): Promise<void>;
}

/**
 * The alert tables' own schema history, recorded in alert_log_migrations (apart from the store's
 * schema_migrations, so either can move on without the other). Never edit a released migration.
 * Version 1 keeps IF NOT EXISTS: databases written before this versioning have its tables but no
 * version row, and opening them just records version 1 over what is there.
 */
export const alertLogMigrations: readonly Migration[] = [
  {
    version: 1,
    name: 'alerts and watch scan data',
    sqlite: [
      `CREATE TABLE IF NOT EXISTS alerts (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      channel TEXT NOT NULL,
      domain TEXT NOT NULL,
      scan_id INTEGER NOT NULL,
      fingerprint TEXT NOT NULL,
      reason TEXT NOT NULL,
      outcome TEXT NOT NULL,
      attempts INTEGER NOT NULL,
      detail TEXT NOT NULL,
      item TEXT NOT NULL,
      at TEXT NOT NULL
    )`,
      'CREATE INDEX IF NOT EXISTS alerts_channel_scan ON alerts (channel, scan_id)',
      'CREATE INDEX IF NOT EXISTS alerts_domain ON alerts (domain, id)',
      'CREATE TABLE IF NOT EXISTS watch_scan_data (scan_id INTEGER PRIMARY KEY, exchange_data_version TEXT NOT NULL)',
    ],
    postgres: [
      `CREATE TABLE IF NOT EXISTS alerts (
      id BIGSERIAL PRIMARY KEY,
      channel TEXT NOT NULL,
      domain TEXT NOT NULL,
      scan_id BIGINT NOT NULL,
      fingerprint TEXT NOT NULL,
      reason TEXT NOT NULL,
      outcome TEXT NOT NULL,
      attempts INTEGER NOT NULL,
      detail TEXT NOT NULL,
      item JSONB NOT NULL,
      at TIMESTAMPTZ NOT NULL
    )`,
      'CREATE INDEX IF NOT EXISTS alerts_channel_scan ON alerts (channel, scan_id)',
      'CREATE INDEX IF NOT EXISTS alerts_domain ON alerts (domain, id)',
      'CREATE TABLE IF NOT EXISTS watch_scan_data (scan_id BIGINT PRIMARY KEY, exchange_data_version TEXT NOT NULL)',
    ],
  },
  {
    version: 2,
    name: 'pending failures by key',
    // undelivered() walks a domain's failed records and probes each key for a success or a later failure:
    // this index answers all three by seeks, so a round no longer reads the domain's whole alert history.
    sqlite: [
      'CREATE INDEX alerts_pending ON alerts (domain, outcome, channel, scan_id, fingerprint, reason, id)',
    ],
    postgres: [
      'CREATE INDEX alerts_pending ON alerts (domain, outcome, channel, scan_id, fingerprint, reason, id)',
    ],
  },
];

export const latestAlertLogVersion = alertLogMigrations.reduce(
  (max, migration) => Math.max(max, migration.version),
  0,
);

/** Versioned apart from the store's schema, in their own table, so the two change independently. */
export const alertLogMigrationSet: MigrationSet = {
  table: 'alert_log_migrations',
  subjectIs: 'the alert tables of the history database are',
  migrations: alertLogMigrations,
};

/** The columns an alert is inserted with, in the order alertValues lists them. */
export const alertInsertColumns =
  'channel, domain, scan_id, fingerprint, reason, outcome, attempts, detail, item, at';

/** A record as insert parameters (the item as JSON text), in alertInsertColumns order, for either driver. */
export function alertValues(record: AlertRecord): (string | number)[] {
  return [
    record.channel,
    record.domain,
    record.scanId,
    record.item.fingerprint,
    record.item.reason,
    record.outcome,
    record.attempts,
    // PostgreSQL cannot hold NUL or lone surrogates (the store's rule, shared); a reply or finding text
    // that carried one must not stop a delivery being recorded (an unrecorded success is sent again).
    storableText(record.detail),
    JSON.stringify(storableValue(record.item)),
    canonicalInstant(record.at),
  ];
}

/** PostgreSQL keeps an instant, not its text: SQLite stores the same canonical UTC form, so both read alike. */
function canonicalInstant(at: string): string {
  const time = Date.parse(at);
  if (Number.isNaN(time)) throw new RangeError(`alert record: '${at}' is not an ISO 8601 timestamp`);
  return new Date(time).toISOString();
}

/** Another record of the same key as `failed` (same domain, channel, scan, fingerprint and reason). */
const sameKey = (alias: string): string =>
  `${alias}.domain = failed.domain AND ${alias}.channel = failed.channel AND ${alias}.scan_id = failed.scan_id
        AND ${alias}.fingerprint = failed.fingerprint AND ${alias}.reason = failed.reason`;

/**
 * The pending failures of a domain (see AlertLog.undelivered), in either dialect (`domain`: its parameter):
 * for each key its latest failed record, unless the key was ever sent. Every probe is a seek on
 * alerts_pending, so the cost follows the domain's failed records, not all of its history. Ordered by
 * scan then id, not by id alone: SQLite would then walk alerts_domain (every record) to skip a sort.
 */
export function pendingFailuresQuery(domain: '?' | '$1'): string {
  return `SELECT failed.channel, failed.domain, failed.scan_id, failed.outcome, failed.attempts,
      failed.detail, failed.item, failed.at
    FROM alerts failed
    WHERE failed.domain = ${domain} AND failed.outcome = 'failed'
      AND NOT EXISTS (SELECT 1 FROM alerts sent WHERE ${sameKey('sent')} AND sent.outcome = 'sent')
      AND NOT EXISTS (SELECT 1 FROM alerts later WHERE ${sameKey('later')} AND later.outcome = 'failed'
        AND later.id > failed.id)
    ORDER BY failed.scan_id, failed.id`;
}
