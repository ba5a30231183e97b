// What every command shares: the services it may replace in tests, common options, the runtime's life, rendering and exit codes.

import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import type { Command } from 'commander';
import { Option } from 'commander';
import type { DomainCheck } from '../checks/check.js';
import { builtinChecks } from '../checks/registry.js';
import { langs } from '../i18n/lang.js';
import { createTranslator } from '../i18n/translator.js';
import { severities, severityRank } from '../model/finding.js';
import type { Report } from '../model/report.js';
import { ansiPalette, plainPalette, shouldColor } from '../report/colors.js';
import { formats, type RenderOptions, reporters } from '../report/reporters.js';
import { defaultDatabasePath, isPostgresUrl, openStore, resolveDatabaseTarget } from '../store/open-store.js';
import { redactUrl } from '../store/redact-url.js';
import type { ScanStore } from '../store/types.js';
import { CannotRunError, type CliIo, exitCodes, UsageError } from './cli-io.js';
import { type CommonOptions, collect } from './options.js';
import { openRuntime, type Runtime, type RuntimeFactory } from './runtime.js';

/** Replaceable services, so tests and the demo run the same commands against the lab. */
export interface CliServices {
  readonly openRuntime: RuntimeFactory;
  readonly checks: readonly DomainCheck[];
}

export const defaultServices: CliServices = { openRuntime, checks: builtinChecks };

/** What a command hands back: the text for stdout (or --output FILE) and the exit code. */
export interface CommandResult {
  readonly output: string;
  readonly exitCode: number;
  /** Where `output` goes instead of stdout (--output). */
  readonly outputPath?: string;
}

/** Given to each command's register function. */
export interface CommandContext {
  readonly services: CliServices;
  readonly io: CliIo;
  /** A command's action calls this once with its result. */
  settle(result: CommandResult): void;
}

export type RegisterCommand = (program: Command, context: CommandContext) => void;

export function addCommonOptions(command: Command, withFailOn: boolean): Command {
  command
    .option(
      '--resolver <host[:port]>',
      'DNS resolver to use (repeatable); default: the system resolvers',
      collect,
    )
    .addOption(new Option('--format <format>', `output format: ${formats.join(', ')}`).default('text'))
    .option('--output <file>', 'write the result to FILE instead of standard output')
    .option('--timeout <ms>', 'time limit of each network operation, in milliseconds', '2500')
    .option('--verbose', 'show the evidence of passing results too')
    .addOption(new Option('--lang <lang>', `report language: ${langs.join(', ')}`).default('en'));
  if (withFailOn) {
    command.option(
      '--fail-on <severity>',
      `exit with code 1 when a finding is at or above: ${severities.join(', ')}`,
    );
  }
  return command;
}

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

export function renderReports(reports: readonly Report[], options: CommonOptions, io: CliIo): string {
  const colored = options.output === undefined && shouldColor(io.stdoutIsTty, io.env);
  const renderOptions: RenderOptions = {
    palette: colored ? ansiPalette : plainPalette,
    verbose: options.verbose,
    translator: createTranslator(options.lang),
  };
  return reporters[options.format](reports, renderOptions);
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

/** `--db` of the commands that use the history store. */
export function addDatabaseOption(command: Command, purpose: string): Command {
  return command.option(
    '--db <path|url>',
    `${purpose}: a SQLite file, 'default' (${defaultDatabasePath({}).replace(homedir(), '~')}), or postgres://user@host/db; default: $TELLTALE_DB`,
  );
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
