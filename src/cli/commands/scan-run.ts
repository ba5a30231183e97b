// `telltale scan DOMAIN`: every domain check, rendered in the chosen format.
// Loaded by ./scan.ts only when the command runs (its options and --help live there).

import type { CheckOptions } from '../../checks/check.js';
import { parseChecksOption, selectChecks } from '../../fleet/select-checks.js';
import { parseDomain } from '../../scan/domain-name.js';
import { checkLogicOf } from '../../store/check-logic.js';
import { UsageError } from '../cli-io.js';
import type { CommandContext, CommandResult } from '../command-kit.js';
import { type CommonOptionValues, parseCommonOptions } from '../options.js';
import { assertWritable } from '../output.js';
import { renderReports } from '../render-reports.js';
import { assertDnsAnswered, databaseTarget, failOnExitCode, withRuntime, withStore } from '../run-kit.js';
import { scanDomains } from '../scan-domains.js';

export type ScanValues = CommonOptionValues & {
  dkimSelector?: string[];
  db?: string;
  host?: string[];
  relayTest?: boolean;
  checks?: string;
};

export async function scanCommand(
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
