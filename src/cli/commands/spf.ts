// `telltale spf DOMAIN --ip ADDRESS`: what a receiver's SPF check_host() decides for one sending address, with the trace.
// Only the options live here, so `telltale --help` stays light; the work is in ./spf-run.ts, loaded when the command runs.

import type { Command } from 'commander';
import { addCommonOptions, type CommandContext } from '../command-kit.js';
import type { SpfValues } from './spf-run.js';

export function registerSpfCommand(program: Command, context: CommandContext): void {
  const spf = program
    .command('spf')
    .description("evaluate SPF for one sending address, as a receiver's check_host() would, with the trace")
    .argument('<domain>', 'the domain whose SPF policy is evaluated')
    .option('--ip <address>', 'the sending IPv4 or IPv6 address (required)')
    .option('--sender <local@domain>', 'the envelope sender (MAIL FROM); default postmaster@DOMAIN')
    .option('--helo <name>', 'the HELO/EHLO name; default DOMAIN');
  addCommonOptions(spf, false);
  spf.action(async (domain: string, values: SpfValues) => {
    const { spfCommand } = await import('./spf-run.js');
    context.settle(await spfCommand(domain, values, context));
  });
}
