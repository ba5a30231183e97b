// The team history store: PostgreSQL (pg) behind the same ScanStore interface, migrated on open under an
// advisory lock so several telltale processes can start at once.

import pg from 'pg';
import type { Finding, Status } from '../model/finding.js';
import type { Report } from '../model/report.js';
import { storeMigrations } from './migrations.js';
import { inTransaction, migratePostgres } from './postgres-migrate.js';
import { redactUrl } from './redact-url.js';
import { findingRows, normalizeDomain, scanColumns, scanInsertColumns, scanRow, scanValues } from './rows.js';
import type {
  CheckLogic,
  ListOptions,
  MigrationState,
  ScanStore,
  ScanWithFindings,
  StoredFinding,
  StoredScan,
} from './types.js';

/** Any constant: the key of the advisory lock held while migrating. */
const migrationLockKey = 7_417_001;

interface ScanRecord {
  readonly id: string;
  readonly domain: string;
  readonly started_at: Date;
  readonly finished_at: Date;
  readonly duration_ms: number;
  readonly tool_version: string;
  readonly check_logic: CheckLogic;
  readonly resolvers: string[];
  readonly summary: Record<Status, number>;
  readonly grade: string | null;
}

function toScan(row: ScanRecord): StoredScan {
  return {
    id: Number(row.id),
    domain: row.domain,
    startedAt: row.started_at.toISOString(),
    finishedAt: row.finished_at.toISOString(),
    durationMs: row.duration_ms,
    toolVersion: row.tool_version,
    checkLogic: row.check_logic,
    resolvers: row.resolvers,
    summary: row.summary,
    ...(row.grade === null ? {} : { grade: row.grade }),
  };
}

export class PostgresStore implements ScanStore {
  readonly kind = 'postgres';

  private constructor(
    readonly location: string,
    private readonly pool: pg.Pool,
    readonly migrations: MigrationState,
  ) {}

  static async open(url: string, options: { maxConnections?: number } = {}): Promise<PostgresStore> {
    const pool = new pg.Pool({ connectionString: url, max: options.maxConnections ?? 4 });
    // An idle client's error (server restart) must not crash the process; the next query reports it.
    pool.on('error', () => undefined);
    try {
      return new PostgresStore(
        redactUrl(url),
        pool,
        await migratePostgres(pool, storeMigrations, migrationLockKey),
      );
    } catch (error) {
      await pool.end();
      throw error;
    }
  }

  async saveScan(report: Report, checkLogic: CheckLogic): Promise<StoredScan> {
    const [stored] = await this.saveScans([report], checkLogic);
    if (stored === undefined) throw new Error('saveScan: nothing stored');
    return stored;
  }

  async saveScans(reports: readonly Report[], checkLogic: CheckLogic): Promise<StoredScan[]> {
    return inTransaction(this.pool, async (client) => {
      const stored: StoredScan[] = [];
      for (const report of reports) {
        const row = scanRow(report, checkLogic);
        const inserted = await client.query<{ id: string }>(
          `INSERT INTO scans (${scanInsertColumns})
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
          scanValues(row),
        );
        const id = Number(inserted.rows[0]?.id);
        const rows = findingRows(report);
        if (rows.length > 0) {
          // One statement per scan: unnest keeps the round trips constant whatever the number of findings.
          await client.query(
            `INSERT INTO findings (scan_id, ordinal, fingerprint, check_id, subject, status, severity, finding)
             SELECT $1, * FROM unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::jsonb[])`,
            [
              id,
              rows.map((item) => item.ordinal),
              rows.map((item) => item.fingerprint),
              rows.map((item) => item.finding.checkId),
              rows.map((item) => item.finding.subject),
              rows.map((item) => item.finding.status),
              rows.map((item) => item.finding.severity),
              rows.map((item) => JSON.stringify(item.finding)),
            ],
          );
        }
        stored.push({ id, ...row });
      }
      return stored;
    });
  }

  async listScans(domain: string, options: ListOptions = {}): Promise<StoredScan[]> {
    const result = await this.pool.query<ScanRecord>(
      `SELECT ${scanColumns} FROM scans WHERE domain = $1 ORDER BY started_at DESC, id DESC LIMIT $2`,
      [normalizeDomain(domain), options.limit ?? null],
    );
    return result.rows.map(toScan);
  }

  async getScan(id: number): Promise<ScanWithFindings | undefined> {
    const result = await this.pool.query<ScanRecord>(`SELECT ${scanColumns} FROM scans WHERE id = $1`, [id]);
    const row = result.rows[0];
    if (row === undefined) return undefined;
    return { scan: toScan(row), findings: await this.findingsOf(id) };
  }

  async latestScans(domain: string, count: number): Promise<ScanWithFindings[]> {
    const scans = await this.listScans(domain, { limit: count });
    return Promise.all(scans.map(async (scan) => ({ scan, findings: await this.findingsOf(scan.id) })));
  }

  async fingerprints(scanId: number): Promise<Map<string, StoredFinding>> {
    return new Map((await this.findingsOf(scanId)).map((item) => [item.fingerprint, item]));
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  private async findingsOf(scanId: number): Promise<StoredFinding[]> {
    const result = await this.pool.query<{ fingerprint: string; finding: Finding }>(
      'SELECT fingerprint, finding FROM findings WHERE scan_id = $1 ORDER BY ordinal',
      [scanId],
    );
    return result.rows.map((row) => ({ fingerprint: row.fingerprint, finding: row.finding }));
  }
}
