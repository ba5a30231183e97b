// What the commands' implementations share once they run: the runtime's life, the history store and exit
// codes. Loaded by the *-run.ts modules only (rendering is in render-reports.ts).

import { existsSync } from 'node:fs';
import { severityRank } from '../model/finding.js';
import type { Report } from '../model/report.js';
import { defaultDatabasePath, isPostgresUrl, openStore, resolveDatabaseTarget } from '../store/open-store.js';
import { redactUrl } from '../store/redact-url.js';
import type { ScanStore } from '../store/types.js';
import { CannotRunError, type CliIo, exitCodes, UsageError } from './cli-io.js';
import type { CliServices } from './command-kit.js';
import type { CommonOptions } from './options.js';
import type { Runtime } from './runtime.js';

export function failOnExitCode(reports: readonly Report[], options: CommonOptions): number {
  const threshold = options.failOn;
  if (threshold === undefined) return exitCodes.ok;
  const hit = reports.some((report) =>
    report.findings.some(
      (finding) =>
        (finding.status === 'fail' || finding.status === 'warn') &&
        severityRank(finding.severity) >= severityRank(threshold),
    ),
  );
  return hit ? exitCodes.findings : exitCodes.ok;
}

/**
 * When every result is unknown, ask the resolver about the root zone: if it cannot answer that
 * either, DNS itself is unreachable and the scan did not really run (exit 3). A domain whose own
 * servers fail is a real result, reported as such.
 */
export async function assertDnsAnswered(reports: readonly Report[], runtime: Runtime): Promise<void> {
  const allUnknown = reports.every(
    (report) => report.findings.length > 0 && report.findings.every((finding) => finding.status === 'error'),
  );
  if (allUnknown) await assertResolverAnswers(runtime);
}

export async function assertResolverAnswers(runtime: Runtime): Promise<void> {
  const probe = await runtime.dns.query('.', 'NS');
  if (probe.kind !== 'error') return;
  throw new CannotRunError(
    `no DNS answer from ${runtime.resolvers.join(', ')} (${probe.detail}). Is DNS reachable from here? Choose a working resolver with --resolver HOST[:PORT].`,
  );
}

export async function withRuntime<T>(
  services: CliServices,
  options: CommonOptions,
  io: CliIo,
  work: (runtime: Runtime) => Promise<T>,
): Promise<T> {
  const runtime = await services.openRuntime({ resolvers: options.resolvers, timeoutMs: options.timeoutMs });
  for (const note of runtime.notes) io.stderr.write(`telltale: ${note}\n`);
  try {
    return await work(runtime);
  } finally {
    await runtime.close();
  }
}

/**
 * The history database a command uses: --db, else TELLTALE_DB, else (for commands that only read
 * history) the default path. Undefined: do not store.
 */
export function databaseTarget(
  value: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
  fallbackToDefault: boolean,
): string | undefined {
  const given = value ?? (env.TELLTALE_DB === '' ? undefined : env.TELLTALE_DB);
  if (given !== undefined) {
    if (given.trim() === '') throw new UsageError('--db needs a file path or a postgres:// URL');
    return resolveDatabaseTarget(given, env);
  }
  return fallbackToDefault ? defaultDatabasePath(env) : undefined;
}

/** Opens the store, runs `work`, closes it; a store that cannot open is exit 3 with the reason. */
export async function withStore<T>(
  target: string,
  options: { mustExist: boolean },
  work: (store: ScanStore) => Promise<T>,
): Promise<T> {
  if (options.mustExist && !isPostgresUrl(target) && !existsSync(target)) {
    throw new UsageError(
      `no history at ${target}: store scans first with telltale scan DOMAIN --db ${target} (or set TELLTALE_DB)`,
    );
  }
  let store: ScanStore;
  try {
    store = await openStore(target);
  } catch (error) {
    const where = isPostgresUrl(target) ? redactUrl(target) : target;
    throw new CannotRunError(`cannot open the history database ${where}: ${errorText(error)}`);
  }
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
