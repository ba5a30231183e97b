// Transactions and migrations on PostgreSQL, shared by the history store and the alert log: a migration set
// is applied under a transaction-scoped advisory lock, so processes starting together migrate once.

import type pg from 'pg';
import { type MigrationSet, pendingMigrations, versionTableStatement } from './migrations.js';
import type { MigrationState } from './types.js';

export async function inTransaction<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** `lockKey`: any constant, one per migration set. */
export function migratePostgres(pool: pg.Pool, set: MigrationSet, lockKey: number): Promise<MigrationState> {
  return inTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [lockKey]);
    await client.query(versionTableStatement(set, 'postgres'));
    const result = await client.query<{ version: number | null }>(
      `SELECT MAX(version) AS version FROM ${set.table}`,
    );
    const current = result.rows[0]?.version ?? 0;
    const applied: number[] = [];
    for (const migration of pendingMigrations(set, current)) {
      for (const statement of migration.postgres) await client.query(statement);
      await client.query(`INSERT INTO ${set.table} (version, name, applied_at) VALUES ($1, $2, now())`, [
        migration.version,
        migration.name,
      ]);
      applied.push(migration.version);
    }
    return { schemaVersion: Math.max(current, ...applied), applied };
  });
}
