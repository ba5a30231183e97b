// `telltale watch CONFIG.yaml [--once]`: rescans the configured domains on a cron schedule, stores every
// result and alerts (webhook, e-mail) on regressions only; see docs/watch.md.
// Only the options live here, so `telltale --help` stays light; the work is in ./watch-run.ts, loaded when the command runs.

import type { Command } from 'commander';
import { addDatabaseOption, type CommandContext } from '../command-kit.js';
import { collect } from '../options.js';
import type { WatchValues } from './watch-run.js';

export const defaultWatchConcurrency = 8;

export function registerWatchCommand(program: Command, context: CommandContext): void {
  const watch = program
    .command('watch')
    .description(
      'rescan domains on a schedule and alert on regressions by webhook or e-mail (see docs/watch.md)',
    )
    .argument('<config>', 'the watch configuration (YAML)')
    .option('--once', 'run one round now and exit (for cron, CI and tests)')
    .option('--alert-on-baseline', "also alert on a domain's first scan (normally a silent baseline)")
    .option('--resolver <host[:port]>', 'DNS resolver to use (repeatable); overrides the config', collect)
    .option('--timeout <ms>', 'time limit of each network operation, in milliseconds (overrides the config)')
    .option('--concurrency <n>', `domains scanned at once (default ${defaultWatchConcurrency})`)
    .option(
      '--alert-ca <file>',
      'PEM file of an extra CA to trust when delivering alerts (repeatable)',
      collect,
    );
  addDatabaseOption(watch, 'where scans and sent alerts are kept (overrides the config)');
  watch.action(async (config: string, values: WatchValues) => {
    const { watchCommand } = await import('./watch-run.js');
    context.settle(await watchCommand(config, values, context));
  });
}
