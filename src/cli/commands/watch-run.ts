// `telltale watch CONFIG.yaml [--once]`: rescans the configured domains on a cron schedule, stores every
// result and alerts (webhook, e-mail) on regressions only; see docs/watch.md.
// Loaded by ./watch.ts only when the command runs (its options and --help live there).

import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import { createAlertTransport } from '../../alert/transport.js';
import { webhookLabel } from '../../alert/webhook-sender.js';
import { defaultCheckOptions } from '../../checks/check.js';
import { parseFleetLine } from '../../fleet/input.js';
import { selectChecks } from '../../fleet/select-checks.js';
import { parseResolverOption } from '../../net/dns/resolvers.js';
import { checkLogicOf } from '../../store/check-logic.js';
import { isPostgresUrl } from '../../store/open-store.js';
import type { ScanStore } from '../../store/types.js';
import type { AlertLog } from '../../watch/alert-log.js';
import { formatProblem, parseWatchConfig, type WatchConfig } from '../../watch/config.js';
import { catchUp, type RoundSummary, runRound, type WatchDeps } from '../../watch/round.js';
import { nextRun } from '../../watch/schedule.js';
import { exitCodes, UsageError } from '../cli-io.js';
import type { CommandContext, CommandResult } from '../command-kit.js';
import { parseTimeout } from '../options.js';
import { assertResolverAnswers, databaseTarget, withStore } from '../run-kit.js';
import { scanDomains } from '../scan-domains.js';
import { defaultWatchConcurrency } from './watch.js';

export interface WatchValues {
  readonly once?: boolean;
  readonly db?: string;
  readonly alertOnBaseline?: boolean;
  readonly resolver?: string[];
  readonly timeout?: string;
  readonly concurrency?: string;
  readonly alertCa?: string[];
}

async function readText(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new UsageError(`${what} ${path}: ${code === 'ENOENT' ? 'no such file' : String(error)}`);
  }
}

async function loadConfig(path: string): Promise<WatchConfig> {
  const parsed = parseWatchConfig(await readText(path, 'watch config'));
  if (!parsed.ok) {
    const lines = parsed.problems.map((problem) => formatProblem(path, problem));
    throw new UsageError(
      `the watch config has ${lines.length} problem${lines.length === 1 ? '' : 's'}:\n${lines.join('\n')}`,
    );
  }
  return parsed.config;
}

/** The config's domains, then the domains file's (resolved beside the config), without duplicates. */
async function watchedDomains(config: WatchConfig, configPath: string): Promise<string[]> {
  const domains = [...config.domains];
  if (config.domainsFile !== undefined) {
    const file = resolve(dirname(configPath), config.domainsFile);
    const text = await readText(file, 'domains file');
    const problems: string[] = [];
    text.split('\n').forEach((line, index) => {
      const parsed = parseFleetLine(line, index + 1);
      if (parsed.kind === 'bad') problems.push(`${file}:${parsed.line}: ${parsed.reason}`);
      else if (parsed.kind === 'domain' && !domains.includes(parsed.target.domain))
        domains.push(parsed.target.domain);
    });
    if (problems.length > 0) throw new UsageError(problems.join('\n'));
  }
  if (domains.length === 0) throw new UsageError(`${configPath}: no domain to watch`);
  return domains;
}

/** --db, else the config's db (a relative path is beside the config), else TELLTALE_DB, else the default. */
function storeTarget(
  values: WatchValues,
  config: WatchConfig,
  configPath: string,
  env: Readonly<Record<string, string | undefined>>,
): string {
  const fromConfig =
    config.db === undefined || isPostgresUrl(config.db) || isAbsolute(config.db) || config.db === 'default'
      ? config.db
      : resolve(dirname(configPath), config.db);
  return databaseTarget(values.db ?? fromConfig, env, true) as string;
}

async function openAlertLog(target: string): Promise<AlertLog> {
  if (isPostgresUrl(target)) {
    const { PostgresAlertLog } = await import('../../watch/postgres-alert-log.js');
    return PostgresAlertLog.open(target);
  }
  const { SqliteAlertLog } = await import('../../watch/sqlite-alert-log.js');
  return SqliteAlertLog.open(target);
}

function missingPasswords(config: WatchConfig, env: Readonly<Record<string, string | undefined>>): string[] {
  return config.channels.flatMap((channel) =>
    channel.kind === 'email' && channel.auth !== undefined && (env[channel.auth.passwordEnv] ?? '') === ''
      ? [
          `alert channel ${channel.name}: environment variable ${channel.auth.passwordEnv} (SMTP password for ${channel.host}) is not set`,
        ]
      : [],
  );
}

function parseConcurrency(text: string | undefined): number {
  if (text === undefined) return defaultWatchConcurrency;
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > 256)
    throw new UsageError(`--concurrency '${text}': give a whole number from 1 to 256`);
  return Number(text);
}

function roundLine(summary: RoundSummary): string {
  return (
    `watch round: ${summary.scanned} scanned (${summary.baselines} baseline${summary.baselines === 1 ? '' : 's'}: no alert on a first scan)` +
    `${summary.failed > 0 ? `, ${summary.failed} failed` : ''}; ${summary.regressions} regression${summary.regressions === 1 ? '' : 's'}; ` +
    `${summary.delivered} alert${summary.delivered === 1 ? '' : 's'} delivered${summary.undelivered > 0 ? `, ${summary.undelivered} NOT delivered (kept, retried next round)` : ''}`
  );
}

function sleepUntil(when: Date, signal: AbortSignal): Promise<void> {
  return new Promise((done) => {
    // setTimeout is limited to 2^31-1 ms; a far-off run wakes up early and sleeps again.
    const delay = Math.min(Math.max(0, when.getTime() - Date.now()), 2_000_000_000);
    const timer = setTimeout(finish, delay);
    function finish(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', finish);
      done();
    }
    signal.addEventListener('abort', finish, { once: true });
  });
}

export async function watchCommand(
  configPath: string,
  values: WatchValues,
  context: CommandContext,
): Promise<CommandResult> {
  const { services, io } = context;
  const path = resolve(configPath);
  const config = await loadConfig(path);
  const domains = await watchedDomains(config, path);
  const missing = missingPasswords(config, io.env);
  if (missing.length > 0) throw new UsageError(missing.join('\n'));
  const target = storeTarget(values, config, path, io.env);
  const flagResolvers = (values.resolver ?? []).map((text) => {
    const parsed = parseResolverOption(text);
    if (!parsed.ok) throw new UsageError(`--resolver ${parsed.error}`);
    return parsed.resolver;
  });
  const resolvers = flagResolvers.length > 0 ? flagResolvers : config.resolvers;
  const timeoutMs =
    values.timeout === undefined
      ? (config.timeoutMs ?? parseTimeout(undefined))
      : parseTimeout(values.timeout);
  const concurrency = parseConcurrency(values.concurrency);
  const ca = await Promise.all((values.alertCa ?? []).map((file) => readText(resolve(file), '--alert-ca')));
  const checks = selectChecks(services.checks, config.checks);
  if (checks.length === 0)
    throw new UsageError(`checks: ${config.checksText}: no check of that kind is available yet`);
  const titles = new Map(
    services.checks.flatMap((check) => check.meta.map((meta) => [meta.id, meta.title] as const)),
  );
  const note = (text: string): void => void io.stderr.write(`telltale: ${text}\n`);

  return withStore(target, { mustExist: false }, async (store: ScanStore) => {
    const log = await openAlertLog(target);
    const runtime = await services.openRuntime({ resolvers, timeoutMs });
    for (const text of runtime.notes) note(text);
    const transport = createAlertTransport({ timeoutMs: Math.max(timeoutMs, 10_000), env: io.env, ca });
    const controller = new AbortController();
    const stop = (): void => {
      note('stopping after the current round');
      controller.abort();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    try {
      await assertResolverAnswers(runtime);
      const deps: WatchDeps = {
        store,
        log,
        transport,
        scan: async (domain) => {
          const [report] = await scanDomains([domain], runtime, checks, defaultCheckOptions);
          if (report === undefined) throw new Error('no report');
          return report;
        },
        checkLogic: checkLogicOf(checks),
        dataVersion: (report) =>
          report.datasets?.find((dataset) => dataset.name === 'exchange-cves')?.dataVersion,
        titleOf: (checkId) => titles.get(checkId) ?? checkId,
        channels: config.channels,
        minSeverity: config.minSeverity,
        alertOnBaseline: values.alertOnBaseline === true || config.alertOnBaseline,
        retry: config.retry,
        sleep: (ms) => new Promise((done) => setTimeout(done, ms)),
        now: () => new Date(),
        concurrency,
        events: {
          onScanError: (domain, error) =>
            note(`${domain}: scan failed: ${error instanceof Error ? error.message : String(error)}`),
          onDelivery: (channel, message, ok, attempts, detail) => {
            const where =
              channel.kind === 'webhook' ? webhookLabel(channel.url) : `e-mail via ${channel.host}`;
            note(
              `${message.domain}: alert (${message.items.length} item${message.items.length === 1 ? '' : 's'}) to ${channel.name} (${where}): ${ok ? 'delivered' : 'NOT delivered'} after ${attempts} attempt${attempts === 1 ? '' : 's'}${ok ? '' : `: ${detail}`}`,
            );
          },
        },
      };
      note(
        `watching ${domains.length} domain${domains.length === 1 ? '' : 's'}; history in ${store.location}`,
      );
      const pending = await catchUp(deps, domains);
      if (pending.delivered + pending.undelivered > 0)
        note(
          `delivered what an earlier run left pending: ${pending.delivered} delivered, ${pending.undelivered} not`,
        );
      if (values.once === true) {
        const summary = await runRound(deps, domains, controller.signal);
        note(roundLine(summary));
        return {
          output: '',
          exitCode: summary.undelivered > 0 || summary.failed > 0 ? exitCodes.cannotRun : exitCodes.ok,
        };
      }
      while (!controller.signal.aborted) {
        const when = nextRun(config.schedule, config.timezone, new Date());
        note(`next round at ${when.toISOString()}`);
        await sleepUntil(when, controller.signal);
        if (controller.signal.aborted || Date.now() < when.getTime()) continue;
        note(roundLine(await runRound(deps, domains, controller.signal)));
      }
      return { output: '', exitCode: exitCodes.ok };
    } finally {
      process.removeListener('SIGINT', stop);
      process.removeListener('SIGTERM', stop);
      await transport.close();
      await runtime.close();
      await log.close();
    }
  });
}
