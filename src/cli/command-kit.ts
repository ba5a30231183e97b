// What every command's registration shares: the services tests may replace, the result and context types,
// and the common options. Kept light: `telltale --help` loads this and each command's options, nothing more.

import { homedir } from 'node:os';
import type { Command } from 'commander';
import { Option } from 'commander';
import type { DomainCheck } from '../checks/check.js';
import { builtinChecks } from '../checks/registry.js';
import { langs } from '../i18n/lang.js';
import { severities } from '../model/finding.js';
import { defaultDatabasePath } from '../store/open-store.js';
import type { CliIo } from './cli-io.js';
import { formats } from './format-names.js';
import { collect } from './options.js';
import type { RuntimeFactory } from './runtime.js';

/** Replaceable services, so tests and the demo run the same commands against the lab. */
export interface CliServices {
  readonly openRuntime: RuntimeFactory;
  readonly checks: readonly DomainCheck[];
}

/** The real ports are built by runtime.ts, loaded only when a command opens them (not for --help). */
const openRealRuntime: RuntimeFactory = async (settings) => {
  const { openRuntime } = await import('./runtime.js');
  return openRuntime(settings);
};

export const defaultServices: CliServices = { openRuntime: openRealRuntime, checks: builtinChecks };

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

/** `--db` of the commands that use the history store. */
export function addDatabaseOption(command: Command, purpose: string): Command {
  return command.option(
    '--db <path|url>',
    `${purpose}: a SQLite file, 'default' (${defaultDatabasePath({}).replace(homedir(), '~')}), or postgres://user@host/db; default: $TELLTALE_DB`,
  );
}
