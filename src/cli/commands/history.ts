// `telltale history DOMAIN`: the stored scans of a domain, newest first, as text or JSON.
// Only the options live here, so `telltale --help` stays light; the work is in ./history-run.ts, loaded when the command runs.

import type { Command } from 'commander';
import { Option } from 'commander';
import { addDatabaseOption, type CommandContext } from '../command-kit.js';
import type { HistoryValues } from './history-run.js';

export function registerHistoryCommand(program: Command, context: CommandContext): void {
  const history = program
    .command('history')
    .description('list the stored scans of a domain (see docs/history.md)')
    .argument('<domain>', 'the mail domain, e.g. example.com');
  addDatabaseOption(history, 'history database to read');
  history
    .addOption(new Option('--format <format>', 'output format: text, json').default('text'))
    .option('--limit <n>', 'show at most N scans');
  history.action(async (domain: string, values: HistoryValues) => {
    const { historyCommand } = await import('./history-run.js');
    context.settle(await historyCommand(domain, values, context));
  });
}
