// `telltale fleet FILE|-`: scans a list of domains concurrently over one shared DNS client, streaming
// results (jsonl/csv, or into the history store) as they finish; resumable after an interruption.
// Only the options live here, so `telltale --help` stays light; the work is in ./fleet-run.ts, loaded when the command runs.

import type { Command } from 'commander';
import { Option } from 'commander';
import { fleetFormats } from '../../fleet/format-names.js';
import { addDatabaseOption, type CommandContext } from '../command-kit.js';
import { collect } from '../options.js';
import type { FleetValues } from './fleet-run.js';

export const defaultConcurrency = 32;
/** One scanning thread: one DNS cache shared by every domain; `--workers` spreads a big list over more cores. */
export const defaultWorkers = 1;

export function registerFleetCommand(program: Command, context: CommandContext): void {
  const fleet = program
    .command('fleet')
    .description(
      'scan a list of domains (one per line, or - for standard input) concurrently (see docs/fleet.md)',
    )
    .argument(
      '<file>',
      'file of domains, one per line; # comments and blank lines allowed; - reads standard input',
    );
  fleet
    .option(
      '--resolver <host[:port]>',
      'DNS resolver to use (repeatable); default: the system resolvers',
      collect,
    )
    .option('--timeout <ms>', 'time limit of each network operation, in milliseconds', '2500')
    .option('--concurrency <n>', `domains scanned at once, per thread (default ${defaultConcurrency})`)
    .option(
      '--workers <n|auto>',
      `threads scanning in parallel, each with its own DNS cache; auto: one per core, up to 8 (default ${defaultWorkers})`,
    )
    .addOption(
      new Option('--checks <groups>', 'which checks: dns, smtp, exchange or all (comma-separated)').default(
        'dns',
      ),
    )
    .addOption(
      new Option('--format <format>', `streamed output format: ${fleetFormats.join(', ')}`).default('jsonl'),
    )
    .option('--output <file>', 'append results to FILE instead of standard output')
    .option('--resume', 'go on where an interrupted run with the same options stopped')
    .option(
      '--state <file>',
      'where finished domains are recorded (default: OUTPUT.state, or FILE.state with --db)',
    )
    .option(
      '--fail-on <severity>',
      'exit with code 1 when any domain has a finding at or above this severity',
    );
  addDatabaseOption(fleet, 'store every result in this history database instead of streaming it');
  fleet.action(async (file: string, values: FleetValues) => {
    const { fleetCommand } = await import('./fleet-run.js');
    context.settle(await fleetCommand(file, values, context));
  });
}
