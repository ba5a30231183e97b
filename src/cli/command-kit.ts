// What every command shares: the services it may replace in tests, common options, the runtime's life, rendering and exit codes.

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
import { CannotRunError, type CliIo, exitCodes } from './cli-io.js';
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
