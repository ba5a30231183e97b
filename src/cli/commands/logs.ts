// `telltale logs PATH…`: scans Exchange and IIS logs (files, folders, .gz) for the indicators of
// ProxyLogon, ProxyShell, ProxyNotShell, OWASSRF, ProxyToken and web shells.
// Only the options live here, so `telltale --help` stays light; the work is in ./logs-run.ts, loaded when the command runs.

import type { Command } from 'commander';
import type { Severity } from '../../model/finding.js';
import type { CommandContext } from '../command-kit.js';
import type { LogsValues } from './logs-run.js';

/** Findings at or above this severity exit 1 unless --fail-on says otherwise; failed attempts are `low`. */
export const defaultLogsFailOn: Severity = 'medium';

export function registerLogsCommand(program: Command, context: CommandContext): void {
  program
    .command('logs')
    .description(
      'scan Exchange and IIS logs (files, folders, .gz) for signs of ProxyLogon, ProxyShell, ProxyNotShell, OWASSRF, ProxyToken and web shells',
    )
    .argument('<paths...>', 'log files or folders (walked recursively); gzip is detected from the content')
    .option('--format <format>', 'output format: text, json', 'text')
    .option('--output <file>', 'write the result to FILE instead of standard output')
    .option(
      '--fail-on <severity>',
      `exit with code 1 when a finding is at or above this severity (default ${defaultLogsFailOn}; failed attempts are low)`,
    )
    .option('--examples <n>', 'example lines shown per indicator', '5')
    .option('--jobs <n>', 'threads parsing files at the same time (default: the number of CPU cores)')
    .option('--max-line-length <chars>', 'longer lines are cut (bounds memory)', String(64 * 1024))
    .option('--thorough', 'parse every line instead of prefiltering (slower; audits the prefilter)')
    .option('--no-progress', 'no progress bar on standard error')
    .option('--verbose', 'list every file read')
    .action(async (paths: string[], values: LogsValues) => {
      const { runLogsCommand } = await import('./logs-run.js');
      context.settle(await runLogsCommand(paths, values, context.io));
    });
}
