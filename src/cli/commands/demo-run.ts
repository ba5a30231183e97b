// `telltale demo`: starts the built-in lab, scans its two fictitious companies with every check, and stops it.
// Loaded by ./demo.ts only when the command runs (its options and --help live there).

import { resolve } from 'node:path';
import type { DomainCheck } from '../../checks/check.js';
import { defaultCheckOptions } from '../../checks/check.js';
import type { Report } from '../../model/report.js';
import { createDnsClient } from '../../net/dns/client.js';
import { formatResolver } from '../../net/dns/resolvers.js';
import { NodeHttpsFetcher } from '../../net/http/https-fetcher.js';
import { NodeSmtpProber } from '../../net/smtp/prober.js';
import { exitCodes, UsageError } from '../cli-io.js';
import type { CommandContext, CommandResult } from '../command-kit.js';
import { type CommonOptionValues, parseCommonOptions } from '../options.js';
import { assertWritable, writeOutputFile } from '../output.js';
import { renderReports } from '../render-reports.js';
import type { Runtime } from '../runtime.js';
import { scanDomains } from '../scan-domains.js';
import { defaultDemoHtmlPath, demoDomains } from './demo.js';

export async function runDemo(checks: readonly DomainCheck[], timeoutMs: number): Promise<Report[]> {
  // Loaded on demand: a normal scan never starts or even loads the lab.
  const { startLab } = await import('../../../lab/lab.js');
  const lab = await startLab();
  const dns = createDnsClient({ resolvers: [lab.dns], timeoutMs, dnssec: true });
  const runtime: Runtime = {
    dns,
    https: new NodeHttpsFetcher(dns, { addressMap: lab.addressMap, ca: lab.trustedCas }),
    smtp: new NodeSmtpProber({
      addressMap: lab.addressMap,
      extraCas: lab.trustedCas,
      limits: { connectTimeoutMs: timeoutMs, greetingTimeoutMs: timeoutMs, commandTimeoutMs: timeoutMs },
    }),
    resolvers: [`${formatResolver(lab.dns)} (the lab)`],
    notes: [],
    close: () => dns.close(),
  };
  try {
    return await scanDomains(demoDomains, runtime, checks, defaultCheckOptions);
  } finally {
    await runtime.close();
    await lab.stop();
  }
}

export type DemoValues = CommonOptionValues & { htmlOutput?: string };

export async function demoCommand(
  values: DemoValues,
  { services, io }: CommandContext,
): Promise<CommandResult> {
  const options = parseCommonOptions(values);
  const htmlPath = values.htmlOutput ?? defaultDemoHtmlPath;
  if (htmlPath.trim() === '') throw new UsageError('--html-output needs a file name');
  await assertWritable(htmlPath);
  io.stderr.write(
    `telltale demo: starting the lab (DNS and HTTPS on 127.0.0.1) and scanning ${demoDomains.join(' and ')}…\n`,
  );
  const reports = await runDemo(services.checks, options.timeoutMs);
  // The HTML report is the showcase: written whole beside the text report, and said where.
  await writeOutputFile(
    htmlPath,
    renderReports(reports, { ...options, format: 'html', output: htmlPath }, io),
  );
  io.stderr.write(`telltale demo: HTML report written to ${resolve(htmlPath)} (open it in a browser)\n`);
  return { output: renderReports(reports, options, io), exitCode: exitCodes.ok };
}
