// `telltale scan DOMAIN`: every domain check, rendered in the chosen format.
// Only the options live here, so `telltale --help` stays light; the work is in ./scan-run.ts, loaded when the command runs.

import type { Command } from 'commander';
import { addCommonOptions, addDatabaseOption, type CommandContext } from '../command-kit.js';
import { collect } from '../options.js';
import type { ScanValues } from './scan-run.js';

export function registerScanCommand(program: Command, context: CommandContext): void {
  const scan = program
    .command('scan')
    .description(
      'audit a mail domain: its DNS (MX, SPF, DMARC, DKIM, MTA-STS, TLS-RPT, BIMI, DNSSEC), its mail servers (SMTP, TLS, DANE, PTR, blocklists) and Exchange exposure',
    )
    .argument('<domain>', 'the mail domain, e.g. example.com');
  addCommonOptions(scan, true).option(
    '--dkim-selector <selector>',
    'a DKIM selector to probe besides the built-in list (repeatable)',
    collect,
  );
  scan.option(
    '--host <host>',
    'another host to examine for Exchange besides MX, autodiscover., mail. and owa. (repeatable)',
    collect,
  );
  scan.option(
    '--no-relay-test',
    'do not run the open-relay test on the mail servers (RCPT TO only, never DATA)',
  );
  scan.option(
    '--checks <groups>',
    'which checks to run: dns, smtp, exchange or all (comma-separated; default all); dns connects to no mail or web server, except to fetch an MTA-STS policy or BIMI logo',
  );
  addDatabaseOption(scan, 'store the result in this history database');
  scan.action(async (domain: string, values: ScanValues) => {
    const { scanCommand } = await import('./scan-run.js');
    context.settle(await scanCommand(domain, values, context));
  });
}
