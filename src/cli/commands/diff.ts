// `telltale diff DOMAIN`: what changed between two stored scans (new, fixed, changed, unchanged findings),
// and whether telltale's own check logic changed in between.
// Only the options live here, so `telltale --help` stays light; the work is in ./diff-run.ts, loaded when the command runs.

import type { Command } from 'commander';
import { Option } from 'commander';
import { addDatabaseOption, type CommandContext } from '../command-kit.js';
import type { DiffValues } from './diff-run.js';

export function registerDiffCommand(program: Command, context: CommandContext): void {
  const diff = program
    .command('diff')
    .description('what changed between two stored scans of a domain (see docs/history.md)')
    .argument('<domain>', 'the mail domain, e.g. example.com');
  addDatabaseOption(diff, 'history database to read');
  diff
    .option('--from <scan-id>', 'the older scan (default: the one before --to)')
    .option('--to <scan-id>', 'the newer scan (default: the newest)')
    .addOption(new Option('--format <format>', 'output format: text, json').default('text'))
    .option('--verbose', 'list unchanged findings too');
  diff.action(async (domain: string, values: DiffValues) => {
    const { diffCommand } = await import('./diff-run.js');
    context.settle(await diffCommand(domain, values, context));
  });
}
