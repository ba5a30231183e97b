// `telltale scan DOMAIN`: every domain check, rendered in the chosen format.

import type { Command } from 'commander';
import type { CheckOptions } from '../../checks/check.js';
import { parseChecksOption, selectChecks } from '../../fleet/select-checks.js';
import { parseDomain } from '../../scan/domain-name.js';
import { checkLogicOf } from '../../store/check-logic.js';
import { UsageError } from '../cli-io.js';
import {
  addCommonOptions,
  addDatabaseOption,
  assertDnsAnswered,
  type CommandContext,
  type CommandResult,
  databaseTarget,
  failOnExitCode,
  renderReports,
  withRuntime,
  withStore,
} from '../command-kit.js';
import { type CommonOptionValues, collect, parseCommonOptions } from '../options.js';
import { assertWritable } from '../output.js';
import { scanDomains } from '../scan-domains.js';

type ScanValues = CommonOptionValues & {
  dkimSelector?: string[];
  db?: string;
  host?: string[];
  relayTest?: boolean;
  checks?: string;
};

async function scanCommand(
  domain: string,
  values: ScanValues,
  { services, io }: CommandContext,
): Promise<CommandResult> {
  const options = parseCommonOptions(values);
  const parsed = parseDomain(domain);
  if (!parsed.ok) throw new UsageError(parsed.error);
  if (options.output !== undefined) await assertWritable(options.output);
  const choice = parseChecksOption(values.checks ?? 'all');
  if (!choice.ok) throw new UsageError(choice.error);
  const checks = selectChecks(services.checks, choice.groups);
  const checkOptions: CheckOptions = {
    dkimSelectors: values.dkimSelector ?? [],
    exchangeHosts: values.host ?? [],
    relayTest: values.relayTest !== false,
  };
  const database = databaseTarget(values.db, io.env, false);
  const run = () =>
    withRuntime(services, options, io, async (runtime) => {
      const scanned = await scanDomains([parsed.target.domain], runtime, checks, checkOptions);
      await assertDnsAnswered(scanned, runtime);
      return scanned;
    });
  // The store is opened before the scan, so a wrong --db fails at once rather than after the scan.
  const reports =
    database === undefined
      ? await run()
      : await withStore(database, { mustExist: false }, async (store) => {
          const scanned = await run();
          const stored = await store.saveScans(scanned, checkLogicOf(checks));
          for (const scan of stored)
            io.stderr.write(`telltale: stored scan ${scan.id} of ${scan.domain} in ${store.location}\n`);
          return scanned;
        });
  return {
    output: renderReports(reports, options, io),
    exitCode: failOnExitCode(reports, options),
    ...(options.output === undefined ? {} : { outputPath: options.output }),
  };
}

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
  scan.action(async (domain: string, values: ScanValues) =>
    context.settle(await scanCommand(domain, values, context)),
  );
}
