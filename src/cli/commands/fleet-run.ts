// `telltale fleet FILE|-`: scans a list of domains concurrently (one shared DNS client per scanning thread), streaming
// results (jsonl/csv, or into the history store) as they finish; resumable after an interruption.
// Loaded by ./fleet.ts only when the command runs (its options and --help live there).

import { setMaxListeners } from 'node:events';
import { createReadStream, existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import type { CheckOptions, DomainCheck } from '../../checks/check.js';
import { countDomainLines, OutputFile, readStateFile, StateFile } from '../../fleet/files.js';
import { type FleetFormat, fleetFormats, isFleetFormat } from '../../fleet/format-names.js';
import { fleetDomains } from '../../fleet/input.js';
import { progressLine } from '../../fleet/progress.js';
import { CompletionTracker, type ParsedState, type StateHeader } from '../../fleet/progress-state.js';
import { type FleetState, type FleetSummary, runFleet } from '../../fleet/runner.js';
import { parseChecksOption, selectChecks } from '../../fleet/select-checks.js';
import {
  type FleetSink,
  type RenderedResult,
  renderedSink,
  storeSink,
  type TextTarget,
  textSink,
} from '../../fleet/sinks.js';
import { exceedsThreshold } from '../../fleet/threshold.js';
import { FleetWorkerPool, NoScanningThreadError } from '../../fleet/worker-pool.js';
import type { WorkerOutput, WorkerResult, WorkerSetup } from '../../fleet/worker-protocol.js';
import type { Severity } from '../../model/finding.js';
import type { Report, ScanTarget } from '../../model/report.js';
import type { DnsClientStats } from '../../net/dns/client.js';
import { parseResolverOption } from '../../net/dns/resolvers.js';
import { checkLogicOf } from '../../store/check-logic.js';
import type { ScanStore } from '../../store/types.js';
import { CannotRunError, exitCodes, UsageError } from '../cli-io.js';
import { type CommandContext, type CommandResult, defaultServices } from '../command-kit.js';
import { parseSeverity, parseTimeout } from '../options.js';
import { assertWritable } from '../output.js';
import { assertResolverAnswers, databaseTarget, withStore } from '../run-kit.js';
import type { Runtime } from '../runtime.js';
import { scanDomains } from '../scan-domains.js';
import { defaultConcurrency, defaultWorkers } from './fleet.js';

const maxConcurrency = 4096;
const maxWorkers = 64;
/** The scanning thread's entry: the compiled fleet-worker.js, or its source when this runs under tsx. */
const workerScript = new URL(
  import.meta.url.endsWith('.ts') ? '../fleet-worker.ts' : '../fleet-worker.js',
  import.meta.url,
);
/**
 * A fleet's DNS cache: what is worth sharing across domains (providers' SPF includes, MX hosts) is asked
 * often and stays in the LRU; a domain's own answers are dead once it is scanned. 10 000 answers cover a few
 * hundred domains in flight and keep about 7 MB live instead of about 35 MB (50 000 at ~690 bytes each).
 */
export const fleetCacheEntries = 10_000;

export interface FleetValues {
  readonly resolver?: string[];
  readonly timeout?: string;
  readonly format?: string;
  readonly output?: string;
  readonly db?: string;
  readonly concurrency?: string;
  readonly workers?: string;
  readonly checks?: string;
  readonly resume?: boolean;
  readonly state?: string;
  readonly failOn?: string;
  readonly progress?: boolean;
}

function parseConcurrency(text: string | undefined): number {
  if (text === undefined) return defaultConcurrency;
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > maxConcurrency) {
    throw new UsageError(`--concurrency '${text}': give a whole number from 1 to ${maxConcurrency}`);
  }
  return Number(text);
}

/** `auto`: one thread per core the machine offers, up to 8 (each keeps its own DNS cache). */
function parseWorkers(text: string | undefined): number {
  if (text === undefined) return defaultWorkers;
  if (text === 'auto') return Math.min(availableParallelism(), 8);
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > maxWorkers) {
    throw new UsageError(`--workers '${text}': give auto or a whole number from 1 to ${maxWorkers}`);
  }
  return Number(text);
}

function parseFormat(text: string | undefined): FleetFormat {
  const format = text ?? 'jsonl';
  if (!isFleetFormat(format))
    throw new UsageError(`--format '${format}': choose one of ${fleetFormats.join(', ')}`);
  return format;
}

/** Where finished domains are recorded: --state, else beside --output, else beside the input file. */
function statePath(values: FleetValues, file: string): string | undefined {
  if (values.state !== undefined) return resolve(values.state);
  if (values.output !== undefined) return `${resolve(values.output)}.state`;
  if (values.db !== undefined || file === '-') return file === '-' ? undefined : `${resolve(file)}.state`;
  return undefined;
}

interface Plan {
  readonly file: string;
  readonly format: FleetFormat;
  readonly concurrency: number;
  readonly workers: number;
  readonly checksText: string;
  readonly failOn?: Severity;
  readonly database?: string;
  readonly output?: string;
  readonly state?: string;
  readonly resume: boolean;
}

function plan(file: string, values: FleetValues, env: Readonly<Record<string, string | undefined>>): Plan {
  const database = databaseTarget(values.db, env, false);
  const output = values.output === undefined ? undefined : resolve(values.output);
  if (database !== undefined && output !== undefined) {
    throw new UsageError('give either --db (results into the history store) or --output/--format, not both');
  }
  const state = statePath({ ...values, ...(database === undefined ? {} : { db: database }) }, file);
  if (values.resume === true && state === undefined) {
    throw new UsageError(
      '--resume needs somewhere results are kept: --output FILE or --db, and --state FILE when the list comes from standard input',
    );
  }
  if (file !== '-' && !existsSync(file))
    throw new UsageError(`${file}: no such file (give a file of domains, or - for standard input)`);
  return {
    file,
    format: parseFormat(values.format),
    concurrency: parseConcurrency(values.concurrency),
    workers: parseWorkers(values.workers),
    checksText: values.checks ?? 'dns',
    ...(values.failOn === undefined ? {} : { failOn: parseSeverity(values.failOn) }),
    ...(database === undefined ? {} : { database }),
    ...(output === undefined ? {} : { output }),
    ...(state === undefined ? {} : { state }),
    resume: values.resume === true,
  };
}

/** The previous run's record when resuming (checked to be the same kind of run), else nothing. */
async function previousState(
  plan: Plan,
  header: StateHeader,
  note: (text: string) => void,
): Promise<ParsedState | undefined> {
  if (!plan.resume || plan.state === undefined) return undefined;
  const previous = await readStateFile(plan.state);
  if (previous === undefined) {
    note(`no state file at ${plan.state}: starting from the beginning`);
    return undefined;
  }
  if (previous.header === undefined) throw new UsageError(`${plan.state} is not a telltale fleet state file`);
  if (previous.header.sink !== header.sink || previous.header.checks !== header.checks) {
    throw new UsageError(
      `${plan.state} belongs to a run with ${previous.header.sink} output and --checks ${previous.header.checks}; resume with the same options, or start afresh without --resume`,
    );
  }
  note(`resuming: ${previous.completed} domains already done (${plan.state})`);
  return previous;
}

export async function fleetCommand(
  file: string,
  values: FleetValues,
  { services, io }: CommandContext,
): Promise<CommandResult> {
  const chosen = plan(file, values, io.env);
  // An empty list is an input error, told before any DNS is asked.
  if (chosen.file !== '-' && (await countDomainLines(chosen.file)) === 0) {
    throw new UsageError(`${chosen.file} lists no domain: give one domain per line (# starts a comment)`);
  }
  const choice = parseChecksOption(chosen.checksText);
  if (!choice.ok) throw new UsageError(choice.error);
  const checks = selectChecks(services.checks, choice.groups);
  if (checks.length === 0)
    throw new UsageError(`--checks ${chosen.checksText}: no check of that kind is available yet`);
  // One scanner runs on this thread: handing every result across threads cost more CPU than it freed
  // (docs/performance.md). More than one run on threads, which open the real runtime and built-in checks.
  const onThreads = chosen.workers > 1;
  if (onThreads && !threadable(services, checks)) {
    throw new UsageError('--workers: this runtime cannot be opened in another thread; use --workers 1');
  }
  const resolvers = (values.resolver ?? []).map((text) => {
    const parsed = parseResolverOption(text);
    if (!parsed.ok) throw new UsageError(`--resolver ${parsed.error}`);
    return parsed.resolver;
  });
  const timeoutMs = parseTimeout(values.timeout);
  if (chosen.output !== undefined) await assertWritable(chosen.output);
  if (chosen.state !== undefined) await assertWritable(chosen.state);
  const note = (text: string): void => void io.stderr.write(`telltale: ${text}\n`);
  const header: StateHeader = {
    telltale: 'fleet-state',
    version: 1,
    sink: chosen.database === undefined ? chosen.format : 'db',
    checks: [...choice.groups].sort().join(','),
  };
  const previous = await previousState(chosen, header, note);

  const run = async (store: ScanStore | undefined): Promise<CommandResult> => {
    const runtime = await services.openRuntime({ resolvers, timeoutMs, cacheEntries: fleetCacheEntries });
    for (const text of runtime.notes) note(text);
    let outputFile: OutputFile | undefined;
    let stateFile: StateFile | undefined;
    // Closed by the run's end (for its DNS counters) or here when the run fails; closing twice is harmless.
    let closePool: (() => Promise<unknown>) | undefined;
    try {
      await assertResolverAnswers(runtime);
      let destination: Destination;
      if (store !== undefined) {
        destination = { kind: 'store', store };
      } else if (chosen.output !== undefined) {
        const file = OutputFile.open(chosen.output, previous?.offset ?? 0);
        outputFile = file;
        const target = { write: (bytes: Uint8Array) => file.write(bytes), sync: () => file.sync() };
        destination = { kind: 'text', target, fresh: file.offset === 0 };
      } else {
        // Whole lines only (the sink writes line by line), so decoding cannot split a character.
        const target = {
          write: (bytes: Uint8Array) => void io.stdout.write(Buffer.from(bytes).toString('utf8')),
          sync: () => undefined,
        };
        destination = { kind: 'text', target, fresh: true };
      }
      if (chosen.state !== undefined)
        stateFile = StateFile.open(chosen.state, header, previous === undefined);
      const checkOptions: CheckOptions = { dkimSelectors: [] };
      const common = { chosen, stateFile, previous, io };
      if (!onThreads) {
        const scanner = inProcessScanner(runtime, checks, checkOptions, chosen.failOn);
        const sink =
          destination.kind === 'store'
            ? storeSink(destination.store, checkLogicOf(checks))
            : textSink(destination.target, chosen.format, destination.fresh);
        return await execute({ ...common, scanner, sink });
      }
      // The threads open their own runtimes; this one only proved the resolver answers.
      await runtime.close();
      const setup = (output: WorkerOutput): WorkerSetup => ({
        resolvers,
        timeoutMs,
        cacheEntries: fleetCacheEntries,
        checkNames: checks.map((check) => check.name),
        checkOptions,
        output,
      });
      switch (destination.kind) {
        case 'store': {
          const pool = await FleetWorkerPool.start<Report>(
            chosen.workers,
            workerScript,
            setup({ kind: 'report' }),
          );
          closePool = () => pool.close();
          const scanner = pooledScanner(pool, (report) => exceedsThreshold(report, chosen.failOn));
          return await execute({
            ...common,
            scanner,
            sink: storeSink(destination.store, checkLogicOf(checks)),
          });
        }
        case 'text': {
          const output: WorkerOutput = {
            kind: 'text',
            format: chosen.format,
            ...(chosen.failOn === undefined ? {} : { failOn: chosen.failOn }),
          };
          const pool = await FleetWorkerPool.start<RenderedResult>(
            chosen.workers,
            workerScript,
            setup(output),
          );
          closePool = () => pool.close();
          const scanner = pooledScanner(pool, (result) => result.exceedsThreshold);
          const sink = renderedSink(destination.target, chosen.format, destination.fresh);
          return await execute({ ...common, scanner, sink });
        }
      }
    } finally {
      await closePool?.();
      outputFile?.close();
      stateFile?.close();
      await runtime.close();
    }
  };
  return chosen.database === undefined
    ? run(undefined)
    : withStore(chosen.database, { mustExist: false }, run);
}

/** Threads build their own real runtime and take their checks from the built-in registry by name. */
function threadable(services: CommandContext['services'], checks: readonly DomainCheck[]): boolean {
  const builtin = new Map(defaultServices.checks.map((check) => [check.name, check]));
  return (
    services.openRuntime === defaultServices.openRuntime &&
    checks.every((check) => builtin.get(check.name) === check)
  );
}

/** Where results go: the history store, or text appended to a file or standard output. */
type Destination =
  | { readonly kind: 'store'; readonly store: ScanStore }
  | { readonly kind: 'text'; readonly target: TextTarget; readonly fresh: boolean };

/** Where the domains are scanned: on this thread over one runtime, or by the pool's threads. */
interface Scanner<R> {
  scan(target: ScanTarget, signal: AbortSignal): Promise<R>;
  exceeds(result: R): boolean;
  /** Ctrl-C: tell the scans in flight to stop waiting. */
  abort(): void;
  /** The error means the scanner is gone, not that one domain failed. */
  isFatal(error: unknown): boolean;
  /** The DNS counters so far (all threads' added up once the pool is closed). */
  stats(): Promise<DnsClientStats | undefined>;
}

function inProcessScanner(
  runtime: Runtime,
  checks: Parameters<typeof scanDomains>[2],
  checkOptions: CheckOptions,
  failOn: Severity | undefined,
): Scanner<Report> {
  return {
    async scan(target, signal) {
      const [report] = await scanDomains([target.domain], runtime, checks, checkOptions, signal);
      if (report === undefined) throw new Error('no report');
      return report;
    },
    exceeds: (report) => exceedsThreshold(report, failOn),
    abort: () => undefined,
    isFatal: () => false,
    stats: async () => runtime.dnsStats?.(),
  };
}

function pooledScanner<R extends WorkerResult>(
  pool: FleetWorkerPool<R>,
  exceeds: (result: R) => boolean,
): Scanner<R> {
  return {
    scan: (target) => pool.scan(target.domain),
    exceeds,
    abort: () => pool.abort(),
    isFatal: (error) => error instanceof NoScanningThreadError,
    stats: () => pool.close(),
  };
}

/** The DNS client's own counts, so queries per domain need not come from the resolver's statistics. */
export function dnsStatsLine(stats: DnsClientStats, domains: number): string {
  const perDomain = domains > 0 ? (stats.queriesSent / domains).toFixed(1) : '0';
  return (
    `dns: ${stats.queriesSent} queries sent, ${perDomain} per domain; ${stats.cacheHits} cache hits, ` +
    `${stats.inFlightJoins} in-flight joins, ${stats.timeouts} timeouts, ${stats.tcpFallbacks} TCP fallbacks, ` +
    `${stats.responsesIgnored} responses ignored, ${stats.cacheEntries} cached answers at the end`
  );
}

interface Execution<R> {
  readonly chosen: Plan;
  readonly scanner: Scanner<R>;
  readonly sink: FleetSink<R>;
  readonly stateFile: StateFile | undefined;
  readonly previous: ParsedState | undefined;
  readonly io: CommandContext['io'];
}

async function execute<R>({
  chosen,
  scanner,
  sink,
  stateFile,
  previous,
  io,
}: Execution<R>): Promise<CommandResult> {
  const input = chosen.file === '-' ? process.stdin : createReadStream(chosen.file);
  const total = chosen.file === '-' ? undefined : await countDomainLines(chosen.file);
  const started = Date.now();
  const controller = new AbortController();
  // Every domain in flight listens on it (--concurrency of them), and removes its listener when done.
  setMaxListeners(0, controller.signal);
  const live = { done: previous?.completed ?? 0, failed: 0, bad: 0, duplicates: 0, hit: false };
  const showProgress = io.stderrIsTty;
  const draw = (): void => {
    const line = progressLine({
      done: live.done,
      ...(total === undefined ? {} : { total }),
      elapsedMs: Date.now() - started,
      failed: live.failed,
      badLines: live.bad,
    });
    io.stderr.write(`\r${line}\u001b[K`);
  };
  const progressTimer = showProgress ? setInterval(draw, 250) : undefined;
  const clearLine = (): void => {
    if (showProgress) io.stderr.write('\r\u001b[K');
  };
  const stop = (): void => {
    clearLine();
    io.stderr.write(
      'telltale: stopping: finishing the domains in flight; press Ctrl-C again to quit at once\n',
    );
    controller.abort();
    scanner.abort();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const state: FleetState | undefined =
    stateFile === undefined
      ? undefined
      : {
          tracker: previous?.tracker ?? new CompletionTracker(),
          record: (line) => stateFile.record(line),
          sync: () => stateFile.sync(),
        };
  let summary: FleetSummary;
  try {
    summary = await runFleet({
      lines: fleetDomains(input, (line, domain) => {
        live.duplicates += 1;
        clearLine();
        io.stderr.write(`telltale: line ${line}: ${domain} again, skipped\n`);
      }),
      // --concurrency is per thread: the pool gives each thread its share.
      concurrency: chosen.concurrency * chosen.workers,
      scan: (target) => scanner.scan(target, controller.signal),
      isFatal: (error) => scanner.isFatal(error),
      sink,
      ...(state === undefined ? {} : { state }),
      signal: controller.signal,
      events: {
        onBadLine: (line, reason) => {
          live.bad += 1;
          clearLine();
          io.stderr.write(`telltale: line ${line}: ${reason}\n`);
        },
        onResult: (result) => {
          live.done += 1;
          if (scanner.exceeds(result)) live.hit = true;
        },
        onScanError: (domain, error) => {
          live.failed += 1;
          clearLine();
          io.stderr.write(
            `telltale: ${domain}: scan failed: ${error instanceof Error ? error.message : String(error)}\n`,
          );
        },
      },
    });
  } catch (error) {
    throw new CannotRunError(`fleet stopped: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    process.removeListener('SIGINT', stop);
    process.removeListener('SIGTERM', stop);
    if (progressTimer !== undefined) clearInterval(progressTimer);
    if (showProgress) {
      draw();
      io.stderr.write('\n');
    }
  }
  const seconds = (Date.now() - started) / 1000;
  const rate = seconds > 0 ? summary.scanned / seconds : 0;
  const where = chosen.database ?? chosen.output ?? 'standard output';
  const extras = [
    summary.alreadyDone > 0 ? `${summary.alreadyDone} already done` : '',
    summary.badLines > 0 ? `${summary.badLines} bad line${summary.badLines === 1 ? '' : 's'}` : '',
    live.duplicates > 0 ? `${live.duplicates} duplicate${live.duplicates === 1 ? '' : 's'}` : '',
    summary.failed > 0 ? `${summary.failed} failed` : '',
  ].filter((text) => text !== '');
  io.stderr.write(
    `telltale: fleet: ${summary.scanned} domain${summary.scanned === 1 ? '' : 's'} scanned in ${seconds.toFixed(1)} s (${rate.toFixed(1)}/s)${extras.length > 0 ? `; ${extras.join(', ')}` : ''}; results: ${where}\n`,
  );
  const stats = await scanner.stats();
  if (stats !== undefined) io.stderr.write(`telltale: ${dnsStatsLine(stats, summary.scanned)}\n`);
  if (summary.interrupted) {
    io.stderr.write(
      `telltale: interrupted; every finished domain is kept: run the same command with --resume to go on\n`,
    );
    return { output: '', exitCode: exitCodes.cannotRun };
  }
  return { output: '', exitCode: live.hit ? exitCodes.findings : exitCodes.ok };
}
