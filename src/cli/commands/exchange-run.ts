// `telltale exchange HOST[:PORT]`: fingerprints one host's Exchange front-end and reports its build, the
// known exploited vulnerabilities that apply, lifecycle, leaks and exposed admin surfaces.
// Loaded by ./exchange.ts only when the command runs (its options and --help live there).

import { defaultCheckOptions } from '../../checks/check.js';
import { knowledgeEngine } from '../../checks/exchange/engine.js';
import { createSingleHostExchangeCheck } from '../../checks/exchange/exchange.js';
import { parseDomain } from '../../scan/domain-name.js';
import { runScan } from '../../scan/run-scan.js';
import { UsageError } from '../cli-io.js';
import type { CommandContext, CommandResult } from '../command-kit.js';
import { type CommonOptionValues, parseCommonOptions } from '../options.js';
import { assertWritable } from '../output.js';
import { renderReports } from '../render-reports.js';
import { failOnExitCode, withRuntime } from '../run-kit.js';

const systemClock = { now: () => new Date() };

/** HOST or HOST:PORT (port 1-65535); the host must be a domain name. */
export function parseHostPort(input: string): { readonly host: string; readonly authority: string } {
  const match = /^([^:\s]+)(?::(\d{1,5}))?$/.exec(input.trim());
  const port = match?.[2] === undefined ? undefined : Number(match[2]);
  if (match?.[1] === undefined || (port !== undefined && (port < 1 || port > 65535)))
    throw new UsageError(`not a HOST[:PORT]: ${input}`);
  const parsed = parseDomain(match[1]);
  if (!parsed.ok) throw new UsageError(parsed.error);
  const host = parsed.target.domain;
  return { host, authority: port === undefined || port === 443 ? host : `${host}:${port}` };
}

export async function exchangeCommand(
  target: string,
  values: CommonOptionValues,
  { services, io }: CommandContext,
): Promise<CommandResult> {
  const options = parseCommonOptions(values);
  const { host, authority } = parseHostPort(target);
  if (options.output !== undefined) await assertWritable(options.output);
  const check = createSingleHostExchangeCheck(authority, () => knowledgeEngine());
  const report = await withRuntime(services, options, io, (runtime) =>
    runScan({
      target: { domain: host, unicode: host },
      checks: [check],
      resolvers: runtime.resolvers,
      context: {
        dns: runtime.dns,
        https: runtime.https,
        clock: systemClock,
        signal: new AbortController().signal,
        options: defaultCheckOptions,
      },
    }),
  );
  return {
    output: renderReports([report], options, io),
    exitCode: failOnExitCode([report], options),
    ...(options.output === undefined ? {} : { outputPath: options.output }),
  };
}
