// `telltale logs PATH…`: scans Exchange and IIS logs (files, folders, .gz) for the indicators of
// ProxyLogon, ProxyShell, ProxyNotShell, OWASSRF, ProxyToken and web shells.
// Loaded by ./logs.ts only when the command runs (its options and --help live there).

import { availableParallelism } from 'node:os';
import { logIndicatorDataset } from '../../knowledge/log-indicators.js';
import { logMessages } from '../../logs/messages.js';
import { formatProgress } from '../../logs/progress.js';
import { renderLogReportJson, renderLogReportText } from '../../logs/render.js';
import { buildLogReport, type LogScanReport } from '../../logs/report.js';
import { type Severity, severityRank } from '../../model/finding.js';
import { scanFiles } from '../../net/files/scan-files.js';
import { expandPaths } from '../../net/files/walk.js';
import { ansiPalette, plainPalette, shouldColor } from '../../report/colors.js';
import { toolVersion } from '../../version.js';
import { CannotRunError, type CliIo, exitCodes, UsageError } from '../cli-io.js';
import type { CommandResult } from '../command-kit.js';
import { parseSeverity } from '../options.js';
import { assertWritable } from '../output.js';
import { defaultLogsFailOn } from './logs.js';

export interface LogsValues {
  format?: string;
  output?: string;
  failOn?: string;
  verbose?: boolean;
  examples?: string;
  jobs?: string;
  maxLineLength?: string;
  thorough?: boolean;
  progress?: boolean;
}

export interface LogsOptions {
  readonly format: 'text' | 'json';
  readonly output?: string;
  readonly failOn: Severity;
  readonly verbose: boolean;
  readonly examples: number;
  readonly jobs: number;
  readonly maxLineLength: number;
  readonly thorough: boolean;
  readonly progress: boolean;
}

function integer(text: string | undefined, name: string, fallback: number, min: number, max: number): number {
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text.trim())) throw new UsageError(`${name} '${text}': give a whole number`);
  const value = Number(text);
  if (value < min || value > max) throw new UsageError(`${name} ${value}: choose between ${min} and ${max}`);
  return value;
}

export function parseLogsOptions(values: LogsValues): LogsOptions {
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json')
    throw new UsageError(`--format '${format}': choose text or json`);
  if (values.output !== undefined && values.output.trim() === '')
    throw new UsageError('--output needs a file name');
  return {
    format,
    ...(values.output === undefined ? {} : { output: values.output }),
    failOn: values.failOn === undefined ? defaultLogsFailOn : parseSeverity(values.failOn),
    verbose: values.verbose ?? false,
    examples: integer(values.examples, '--examples', 5, 0, 1000),
    jobs: integer(values.jobs, '--jobs', availableParallelism(), 1, 256),
    maxLineLength: integer(values.maxLineLength, '--max-line-length', 64 * 1024, 1024, 16 * 1024 * 1024),
    thorough: values.thorough ?? false,
    progress: values.progress ?? true,
  };
}

export function logsExitCode(report: LogScanReport, failOn: Severity): number {
  const hit = report.findings.some((finding) => severityRank(finding.severity) >= severityRank(failOn));
  return hit ? exitCodes.findings : exitCodes.ok;
}

function progressWriter(io: CliIo, total: number): { onBytes(count: number): void; finish(): void } {
  const started = Date.now();
  let done = 0;
  let drawnAt = 0;
  return {
    onBytes(count) {
      done += count;
      const now = Date.now();
      if (now - drawnAt < 150) return;
      drawnAt = now;
      io.stderr.write(`\r\u001b[2K${formatProgress({ done, total, elapsedMs: now - started })}`);
    },
    finish() {
      if (drawnAt > 0) io.stderr.write('\r\u001b[2K');
    },
  };
}

export async function runLogsCommand(
  paths: readonly string[],
  values: LogsValues,
  io: CliIo,
): Promise<CommandResult> {
  const options = parseLogsOptions(values);
  if (options.output !== undefined) await assertWritable(options.output);
  const startedAt = new Date();
  const walk = await expandPaths(paths);
  const firstMissing = walk.missing[0];
  if (firstMissing !== undefined) throw new UsageError(walk.missing.map(logMessages.missingPath).join('; '));
  const total = walk.files.reduce((sum, file) => sum + file.size, 0);
  const progress = options.progress && io.stderrIsTty ? progressWriter(io, total) : undefined;
  const result = await scanFiles(walk.files, {
    indicators: logIndicatorDataset.indicators,
    maxLineLength: options.maxLineLength,
    exampleLimit: options.examples,
    thorough: options.thorough,
    concurrency: options.jobs,
    workers: options.jobs,
    ...(progress === undefined ? {} : { onBytes: progress.onBytes }),
  });
  progress?.finish();
  const problemOutcomes = walk.problems.map((problem) => ({
    report: {
      path: problem.path,
      status: 'error' as const,
      compressed: false,
      bytes: 0,
      lines: 0,
      notes: [logMessages.readError(problem.message)],
    },
    tallies: new Map(),
    notEvaluable: [],
  }));
  const report = buildLogReport({
    dataset: logIndicatorDataset,
    inputs: paths,
    files: [...result.outcomes, ...problemOutcomes],
    tallies: result.tallies,
    startedAt,
    finishedAt: new Date(),
    toolVersion,
  });
  if (report.totals.scanned === 0) {
    const details = report.files.map((file) => `  ${file.path}: ${file.notes.join('; ')}`).join('\n');
    throw new CannotRunError(
      `${logMessages.nothingRecognised(report.totals.files)}${details === '' ? '' : `\n${details}`}`,
    );
  }
  const colored = options.output === undefined && shouldColor(io.stdoutIsTty, io.env);
  const output =
    options.format === 'json'
      ? renderLogReportJson(report)
      : renderLogReportText(report, colored ? ansiPalette : plainPalette, options.verbose);
  return {
    output,
    exitCode: logsExitCode(report, options.failOn),
    ...(options.output === undefined ? {} : { outputPath: options.output }),
  };
}
