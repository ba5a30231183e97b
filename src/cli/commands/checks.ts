// `telltale checks`: every check ID telltale can report, with its severity and title.

import type { Command } from 'commander';
import { Option } from 'commander';
import { allCheckMeta } from '../../checks/registry.js';
import { exitCodes, UsageError } from '../cli-io.js';
import type { CommandContext, CommandResult } from '../command-kit.js';

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

export function registerChecksCommand(program: Command, context: CommandContext): void {
  program
    .command('checks')
    .description('list every check ID telltale can report')
    .addOption(new Option('--format <format>', 'text or json').default('text'))
    .action((values: { format?: string }) => context.settle(checksCommand(values)));
}
