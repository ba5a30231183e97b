// The `telltale` command line: builds the program from the command registry, runs one command line,
// writes its result and returns a documented exit code.

import { Command, CommanderError } from 'commander';
import { toolVersion } from '../version.js';
import { CannotRunError, type CliIo, exitCodes, UsageError } from './cli-io.js';
import {
  type CliServices,
  type CommandResult,
  defaultServices,
  type RegisterCommand,
} from './command-kit.js';
import { registerChecksCommand } from './commands/checks.js';
import { registerDemoCommand } from './commands/demo.js';
import { registerDiffCommand } from './commands/diff.js';
import { registerExchangeCommand } from './commands/exchange.js';
import { registerFleetCommand } from './commands/fleet.js';
import { registerHistoryCommand } from './commands/history.js';
import { registerLogsCommand } from './commands/logs.js';
import { registerScanCommand } from './commands/scan.js';
import { registerSmtpCommand } from './commands/smtp.js';
import { registerSpfCommand } from './commands/spf.js';
import { registerWatchCommand } from './commands/watch.js';
import { writeOutputFile } from './output.js';

export { type CliServices, defaultServices } from './command-kit.js';

/** Every command, in the order `telltale --help` lists them. */
const commands: readonly RegisterCommand[] = [
  registerScanCommand,
  registerSpfCommand,
  registerSmtpCommand,
  registerExchangeCommand,
  registerDemoCommand,
  registerChecksCommand,
  registerLogsCommand,
  registerFleetCommand,
  registerHistoryCommand,
  registerDiffCommand,
  registerWatchCommand,
];

function buildProgram(services: CliServices, io: CliIo, settle: (result: CommandResult) => void): Command {
  const program = new Command('telltale')
    .description(
      'The warning light for a mail domain: audits its DNS, mail servers and Exchange exposure from the outside.',
    )
    .version(toolVersion)
    .exitOverride()
    .configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) })
    .showHelpAfterError('(run telltale --help for usage)');
  for (const register of commands) register(program, { services, io, settle });
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
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? exitCodes.ok : exitCodes.usage;
    if (error instanceof UsageError) {
      io.stderr.write(`telltale: ${error.message}\n`);
      return exitCodes.usage;
    }
    const prefix = error instanceof CannotRunError ? '' : 'unexpected error: ';
    io.stderr.write(`telltale: ${prefix}${errorMessage(error)}\n`);
    return exitCodes.cannotRun;
  }
  if (result === undefined) {
    io.stderr.write('telltale: no command given (run telltale --help)\n');
    return exitCodes.usage;
  }
  if (result.outputPath === undefined) {
    io.stdout.write(result.output);
    return result.exitCode;
  }
  try {
    await writeOutputFile(result.outputPath, result.output);
  } catch (error) {
    // Nothing lost: the result still goes to stdout.
    io.stderr.write(`telltale: could not write ${result.outputPath}: ${errorMessage(error)}\n`);
    io.stdout.write(result.output);
    return exitCodes.cannotRun;
  }
  return result.exitCode;
}
