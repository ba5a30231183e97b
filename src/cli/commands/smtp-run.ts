// `telltale smtp HOST[:PORT] [--name MX_NAME]`: the connector audit of one mail server (port 25, 587 or 465),
// every address of the host visited once, with PTR and DANE, as a report whose target is the host.
// Loaded by ./smtp.ts only when the command runs (its options and --help live there).

import type { CheckContext, DomainCheck } from '../../checks/check.js';
import { lookupTlsa, tlsaStatusFindings } from '../../checks/smtp/dane.js';
import { observeServer } from '../../checks/smtp/observe.js';
import { ptrFindings, ptrMeta, reverseDns } from '../../checks/smtp/ptr.js';
import { reached } from '../../checks/smtp/session.js';
import { auditFindings, smtpCheckMeta } from '../../checks/smtp/smtp-check.js';
import { formatIp, type IpAddress, parseIp } from '../../protocols/ip/address.js';
import { runScan } from '../../scan/run-scan.js';
import { CannotRunError, UsageError } from '../cli-io.js';
import type { CommandContext, CommandResult } from '../command-kit.js';
import { type CommonOptionValues, parseCommonOptions } from '../options.js';
import { assertWritable } from '../output.js';
import { renderReports } from '../render-reports.js';
import { failOnExitCode, withRuntime } from '../run-kit.js';
import { parseServerTarget, type SmtpServerTarget, smtpCommandMessages } from './smtp.js';

export type SmtpValues = CommonOptionValues & { name?: string; relayTest?: boolean };

/** The addresses to visit; a name that does not resolve is an input error, a failing resolver a cannot-run. */
export async function addressesOf(
  target: SmtpServerTarget,
  context: Pick<CheckContext, 'dns' | 'signal'>,
): Promise<IpAddress[]> {
  if (target.literal !== undefined) return [target.literal];
  const [a, aaaa] = await Promise.all([
    context.dns.query(target.host, 'A', { signal: context.signal }),
    context.dns.query(target.host, 'AAAA', { signal: context.signal }),
  ]);
  const addresses = [a, aaaa].flatMap((answer) =>
    answer.kind === 'ok' ? answer.records.flatMap((record) => parseIp(record.address) ?? []) : [],
  );
  const failed = [a, aaaa].filter((answer) => answer.kind === 'error');
  if (addresses.length === 0 && failed.length > 0) {
    const detail = failed
      .map((answer) => (answer.kind === 'error' ? `${answer.type}: ${answer.detail}` : ''))
      .join('; ');
    throw new CannotRunError(`could not resolve ${target.host} (${detail})`);
  }
  if (addresses.length === 0) throw new UsageError(smtpCommandMessages.noAddress(target.host));
  return addresses;
}

/** The whole audit of one server as a DomainCheck, so the report is built like a scan's. */
export function serverCheck(target: SmtpServerTarget, addresses: readonly IpAddress[]): DomainCheck {
  return {
    name: 'smtp-server',
    meta: [...smtpCheckMeta, ...ptrMeta],
    async run(_scanTarget, context) {
      const prober = context.smtp;
      if (prober === undefined) throw new Error(smtpCommandMessages.noProber);
      const names = target.name === undefined ? [] : [target.name];
      const tls = target.port === 465 ? 'implicit' : 'starttls';
      const localDomain = target.name ?? target.host;
      const observations = [];
      // One address after another: the command is about one server, politeness first.
      for (const address of addresses) {
        observations.push(
          await observeServer(
            prober,
            {
              address: formatIp(address),
              port: target.port,
              tls,
              ...(target.name ? { serverName: target.name } : {}),
            },
            { relayTest: context.options.relayTest !== false, localDomain, signal: context.signal },
          ),
        );
      }
      const tlsa = await Promise.all(
        names.map((name) => lookupTlsa(context.dns, name, target.port, context.signal)),
      );
      const someoneAnswered = observations.some(reached);
      const now = context.clock.now();
      const audit = observations.flatMap((observation) =>
        auditFindings({ observation, hosts: names, tlsa, mtaSts: undefined, someoneAnswered, now }),
      );
      const ptr = await Promise.all(
        addresses.map(async (address) =>
          ptrFindings(
            { host: target.name ?? target.host, address, text: formatIp(address) },
            await reverseDns(context.dns, address, context.signal),
          ),
        ),
      );
      const daneStatus = names.flatMap((name, index) => {
        const status = tlsa[index];
        return status === undefined ? [] : tlsaStatusFindings(name, status);
      });
      return [...audit, ...ptr.flat(), ...daneStatus];
    },
  };
}

export async function smtpCommand(
  host: string,
  values: SmtpValues,
  { services, io }: CommandContext,
): Promise<CommandResult> {
  const options = parseCommonOptions(values);
  const target = parseServerTarget(host, values.name);
  if (options.output !== undefined) await assertWritable(options.output);
  const report = await withRuntime(services, options, io, async (runtime) => {
    if (runtime.smtp === undefined) throw new CannotRunError(smtpCommandMessages.noProber);
    const controller = new AbortController();
    const context: CheckContext = {
      dns: runtime.dns,
      https: runtime.https,
      smtp: runtime.smtp,
      clock: { now: () => new Date() },
      signal: controller.signal,
      options: { dkimSelectors: [], relayTest: values.relayTest !== false },
    };
    const addresses = await addressesOf(target, context);
    const check = serverCheck(target, addresses);
    return runScan({
      target: { domain: target.host, unicode: target.host },
      checks: [check],
      context,
      resolvers: runtime.resolvers,
    });
  });
  return {
    output: renderReports([report], options, io),
    exitCode: failOnExitCode([report], options),
    ...(options.output === undefined ? {} : { outputPath: options.output }),
  };
}
