// `telltale exchange HOST[:PORT]`: fingerprints one host's Exchange front-end and reports its build, the
// known exploited vulnerabilities that apply, lifecycle, leaks and exposed admin surfaces.
// Only the options live here, so `telltale --help` stays light; the work is in ./exchange-run.ts, loaded when the command runs.

import type { Command } from 'commander';
import { addCommonOptions, type CommandContext } from '../command-kit.js';
import type { CommonOptionValues } from '../options.js';

export function registerExchangeCommand(program: Command, context: CommandContext): void {
  const command = program
    .command('exchange')
    .description(
      'fingerprint one Microsoft Exchange host from outside: build, exploited CVEs, support status, leaks, exposed ECP/PowerShell',
    )
    .argument('<host>', 'the Exchange host name, e.g. mail.example.com or mail.example.com:8443');
  addCommonOptions(command, true);
  command.action(async (target: string, values: CommonOptionValues) => {
    const { exchangeCommand } = await import('./exchange-run.js');
    context.settle(await exchangeCommand(target, values, context));
  });
}
