// `telltale demo`: starts the built-in lab, scans its two fictitious companies with every check, and stops it.
// Only the options live here, so `telltale --help` stays light; the work is in ./demo-run.ts, loaded when the command runs.

import { type Command, Option } from 'commander';
import { langs } from '../../i18n/lang.js';
import type { CommandContext } from '../command-kit.js';
import type { DemoValues } from './demo-run.js';

/** The well-configured company first, then the one with the classic mistakes. */
export const demoDomains = ['brightwater.test', 'oldmill.test'] as const;

/** Where the demo's HTML report goes unless --html-output says otherwise. */
export const defaultDemoHtmlPath = 'telltale-demo-report.html';

export function registerDemoCommand(program: Command, context: CommandContext): void {
  program
    .command('demo')
    .description(
      `start the built-in lab and scan its two fictitious companies (${demoDomains.join(', ')}); no internet needed`,
    )
    .option('--timeout <ms>', 'time limit of each network operation, in milliseconds', '2500')
    .option('--verbose', 'show the evidence of passing results too')
    .addOption(new Option('--lang <lang>', `report language: ${langs.join(', ')}`).default('en'))
    .option('--html-output <file>', `where to write the HTML report (default: ./${defaultDemoHtmlPath})`)
    .action(async (values: DemoValues) => {
      const { demoCommand } = await import('./demo-run.js');
      context.settle(await demoCommand(values, context));
    });
}
