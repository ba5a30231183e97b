// Opens the history store a `--db` value or TELLTALE_DB names: a postgres:// URL, or a SQLite file path.

import { homedir } from 'node:os';
import { join } from 'node:path';
import type { ScanStore } from './types.js';

export function isPostgresUrl(target: string): boolean {
  return /^postgres(ql)?:\/\//i.test(target);
}

/** $XDG_DATA_HOME/telltale/history.db, or ~/.local/share/telltale/history.db. */
export function defaultDatabasePath(env: Readonly<Record<string, string | undefined>>): string {
  const dataHome = env.XDG_DATA_HOME;
  const base = dataHome?.startsWith('/') ? dataHome : join(homedir(), '.local', 'share');
  return join(base, 'telltale', 'history.db');
}

/** `default` stands for the default path, so `--db default` needs no typing of it. */
export function resolveDatabaseTarget(
  target: string,
  env: Readonly<Record<string, string | undefined>>,
): string {
  return target === 'default' ? defaultDatabasePath(env) : target;
}

/** Opens and migrates; each driver is loaded only when used, so commands without --db never load them. */
export async function openStore(target: string): Promise<ScanStore> {
  if (isPostgresUrl(target)) {
    const { PostgresStore } = await import('./postgres-store.js');
    return PostgresStore.open(target);
  }
  const { SqliteStore } = await import('./sqlite-store.js');
  return SqliteStore.open(target);
}
