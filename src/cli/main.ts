// The `telltale` command line: parses arguments, builds the ports, runs a command, renders, and exits with a documented code.

import { Command, CommanderError, Option } from 'commander';
import type { CheckOptions, DomainCheck } from '../checks/check.js';
import { allCheckMeta, builtinChecks } from '../checks/registry.js';
import { severities, severityRank } from '../model/finding.js';
import type { Report } from '../model/report.js';
import { ansiPalette, plainPalette, shouldColor } from '../report/colors.js';
import { formats, reporters } from '../report/reporters.js';
import { parseDomain } from '../scan/domain-name.js';
import { toolVersion } from '../version.js';
import { CannotRunError, type CliIo, exitCodes, UsageError } from './cli-io.js';
import { demoDomains, runDemo } from './demo.js';
import { type CommonOptions, type CommonOptionValues, collect, parseCommonOptions } from './options.js';
import { assertWritable, writeOutputFile } from './output.js';
import { openRuntime, type Runtime, type RuntimeFactory } from './runtime.js';
import { scanDomains } from './scan-domains.js';
import { evaluateSpfQuestion, parseSpfQuestion, renderSpfJson, renderSpfText } from './spf-command.js';

/** Replaceable services, so tests and the demo run the same commands against the lab. */
export interface CliServices {
  readonly openRuntime: RuntimeFactory;
  readonly checks: readonly DomainCheck[];
}

export const defaultServices: CliServices = { openRuntime, checks: builtinChecks };

function addCommonOptions(command: Command, withFailOn: boolean): Command {
  command
    .option(
      '--resolver <host[:port]>',
      'DNS resolver to use (repeatable); default: the system resolvers',
      collect,
    )
    .addOption(new Option('--format <format>', `output format: ${formats.join(', ')}`).default('text'))
    .option('--output <file>', 'write the result to FILE instead of standard output')
    .option('--timeout <ms>', 'time limit of each network operation, in milliseconds', '2500')
    .option('--verbose', 'show the evidence of passing results too');
  if (withFailOn) {
    command.option(
      '--fail-on <severity>',
      `exit with code 1 when a finding is at or above: ${severities.join(', ')}`,
    );
  }
  return command;
}

interface CommandResult {
  readonly output: string;
  readonly exitCode: number;
}

function failOnExitCode(reports: readonly Report[], options: CommonOptions): number {
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
async function assertDnsAnswered(reports: readonly Report[], runtime: Runtime): Promise<void> {
  const allUnknown = reports.every(
    (report) => report.findings.length > 0 && report.findings.every((finding) => finding.status === 'error'),
  );
  if (allUnknown) await assertResolverAnswers(runtime);
}

async function assertResolverAnswers(runtime: Runtime): Promise<void> {
  const probe = await runtime.dns.query('.', 'NS');
  if (probe.kind !== 'error') return;
  throw new CannotRunError(
    `no DNS answer from ${runtime.resolvers.join(', ')} (${probe.detail}). Is DNS reachable from here? Choose a working resolver with --resolver HOST[:PORT].`,
  );
}

function render(reports: readonly Report[], options: CommonOptions, io: CliIo): string {
  const colored = options.output === undefined && shouldColor(io.stdoutIsTty, io.env);
  const renderOptions = { palette: colored ? ansiPalette : plainPalette, verbose: options.verbose };
  if (options.format === 'json' && reports.length === 1 && reports[0] !== undefined) {
    return reporters.json(reports[0], renderOptions);
  }
  return reports.map((report) => reporters[options.format](report, renderOptions)).join('\n');
}

async function withRuntime<T>(
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

async function scanCommand(
  domain: string,
  values: CommonOptionValues & { dkimSelector?: string[] },
  services: CliServices,
  io: CliIo,
): Promise<CommandResult> {
  const options = parseCommonOptions(values);
  const parsed = parseDomain(domain);
  if (!parsed.ok) throw new UsageError(parsed.error);
  if (options.output !== undefined) await assertWritable(options.output);
  const checkOptions: CheckOptions = { dkimSelectors: values.dkimSelector ?? [] };
  const reports = await withRuntime(services, options, io, async (runtime) => {
    const scanned = await scanDomains([parsed.target.domain], runtime, services.checks, checkOptions);
    await assertDnsAnswered(scanned, runtime);
    return scanned;
  });
  return { output: render(reports, options, io), exitCode: failOnExitCode(reports, options) };
}

async function spfCommand(
  domain: string,
  values: CommonOptionValues & { ip?: string; sender?: string; helo?: string },
  services: CliServices,
  io: CliIo,
): Promise<CommandResult> {
  const options = parseCommonOptions(values);
  const question = parseSpfQuestion({ domain, ...values });
  if (options.output !== undefined) await assertWritable(options.output);
  const evaluation = await withRuntime(services, options, io, async (runtime) => {
    const result = await evaluateSpfQuestion(question, runtime);
    if (result.result === 'temperror') await assertResolverAnswers(runtime);
    return result;
  });
  const output = options.format === 'json' ? renderSpfJson(evaluation) : renderSpfText(evaluation);
  return { output, exitCode: exitCodes.ok };
}

async function demoCommand(
  values: CommonOptionValues,
  services: CliServices,
  io: CliIo,
): Promise<CommandResult> {
  const options = parseCommonOptions(values);
  io.stderr.write(
    `telltale demo: starting the lab (DNS and HTTPS on 127.0.0.1) and scanning ${demoDomains.join(' and ')}…\n`,
  );
  const reports = await runDemo(services.checks, options.timeoutMs);
  return { output: render(reports, options, io), exitCode: exitCodes.ok };
}

function checksCommand(values: { format?: string }): CommandResult {
  const metas = allCheckMeta();
  if (values.format === 'json')
    return { output: `${JSON.stringify(metas, null, 2)}\n`, exitCode: exitCodes.ok };
  if (values.format !== undefined && values.format !== 'text')
    throw new UsageError(`--format '${values.format}': choose text or json`);
  const width = Math.max(...metas.map((meta) => meta.id.length));
  const lines = metas.map((meta) => `${meta.id.padEnd(width)}  ${meta.severity.padEnd(8)}  ${meta.title}`);
  return { output: `${lines.join('\n')}\n`, exitCode: exitCodes.ok };
}

function buildProgram(services: CliServices, io: CliIo, settle: (result: CommandResult) => void): Command {
  const program = new Command('telltale')
    .description(
      'The warning light for a mail domain: audits its DNS, mail servers and Exchange exposure from the outside.',
    )
    .version(toolVersion)
    .exitOverride()
    .configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) })
    .showHelpAfterError('(run telltale --help for usage)');

  const scan = program
    .command('scan')
    .description('audit a mail domain: MX, SPF, DMARC, DKIM, MTA-STS, TLS-RPT, BIMI, DNSSEC')
    .argument('<domain>', 'the mail domain, e.g. example.com');
  addCommonOptions(scan, true).option(
    '--dkim-selector <selector>',
    'a DKIM selector to probe besides the built-in list (repeatable)',
    collect,
  );
  scan.action(async (domain: string, values) => settle(await scanCommand(domain, values, services, io)));

  const spf = program
    .command('spf')
    .description("evaluate SPF for one sending address, as a receiver's check_host() would, with the trace")
    .argument('<domain>', 'the domain whose SPF policy is evaluated')
    .option('--ip <address>', 'the sending IPv4 or IPv6 address (required)')
    .option('--sender <local@domain>', 'the envelope sender (MAIL FROM); default postmaster@DOMAIN')
    .option('--helo <name>', 'the HELO/EHLO name; default DOMAIN');
  addCommonOptions(spf, false);
  spf.action(async (domain: string, values) => settle(await spfCommand(domain, values, services, io)));

  program
    .command('demo')
    .description(
      `start the built-in lab and scan its two fictitious companies (${demoDomains.join(', ')}); no internet needed`,
    )
    .option('--timeout <ms>', 'time limit of each network operation, in milliseconds', '2500')
    .option('--verbose', 'show the evidence of passing results too')
    .action(async (values: CommonOptionValues) => settle(await demoCommand(values, services, io)));

  program
    .command('checks')
    .description('list every check ID telltale can report')
    .addOption(new Option('--format <format>', 'text or json').default('text'))
    .action((values) => settle(checksCommand(values)));

  return program;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Runs one command line; returns the process exit code. Never throws. */
export async function runCli(
  argv: readonly string[],
  io: CliIo,
  services: CliServices = defaultServices,
): Promise<number> {
  let result: CommandResult | undefined;
  const program = buildProgram(services, io, (value) => {
    result = value;
  });
  let values: CommonOptionValues = {};
  try {
    await program.parseAsync([...argv], { from: 'user' });
    values = (program.commands.find((command) => command.name() === argv[0])?.opts() ??
      {}) as CommonOptionValues;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? exitCodes.ok : exitCodes.usage;
    }
    if (error instanceof UsageError) {
      io.stderr.write(`telltale: ${error.message}\n`);
      return exitCodes.usage;
    }
    io.stderr.write(
      `telltale: ${error instanceof CannotRunError ? '' : 'unexpected error: '}${errorMessage(error)}\n`,
    );
    return exitCodes.cannotRun;
  }
  if (result === undefined) {
    io.stderr.write('telltale: no command given (run telltale --help)\n');
    return exitCodes.usage;
  }
  if (values.output !== undefined) {
    try {
      await writeOutputFile(values.output, result.output);
    } catch (error) {
      io.stderr.write(`telltale: could not write ${values.output}: ${errorMessage(error)}\n`);
      io.stdout.write(result.output);
      return exitCodes.cannotRun;
    }
  } else {
    io.stdout.write(result.output);
  }
  return result.exitCode;
}
