// `telltale smtp HOST[:PORT] [--name MX_NAME]`: the connector audit of one mail server (port 25, 587 or 465),
// every address of the host visited once, with PTR and DANE, as a report whose target is the host.

import type { Command } from 'commander';
import type { CheckContext, DomainCheck } from '../../checks/check.js';
import { lookupTlsa, tlsaStatusFindings } from '../../checks/smtp/dane.js';
import { observeServer } from '../../checks/smtp/observe.js';
import { ptrFindings, ptrMeta, reverseDns } from '../../checks/smtp/ptr.js';
import { reached } from '../../checks/smtp/session.js';
import { auditFindings, smtpCheckMeta } from '../../checks/smtp/smtp-check.js';
import { formatIp, type IpAddress, parseIp } from '../../protocols/ip/address.js';
import { parseDomain } from '../../scan/domain-name.js';
import { runScan } from '../../scan/run-scan.js';
import { CannotRunError, UsageError } from '../cli-io.js';
import {
  addCommonOptions,
  type CommandContext,
  type CommandResult,
  failOnExitCode,
  renderReports,
  withRuntime,
} from '../command-kit.js';
import { type CommonOptionValues, parseCommonOptions } from '../options.js';
import { assertWritable } from '../output.js';

type SmtpValues = CommonOptionValues & { name?: string; relayTest?: boolean };

export interface SmtpServerTarget {
  /** The host name or address as typed (brackets removed), lower case. */
  readonly host: string;
  readonly literal: IpAddress | undefined;
  readonly port: number;
  /** The name the certificate, DANE and PTR are judged against; absent for a bare address without --name. */
  readonly name: string | undefined;
}

export const smtpCommandMessages = {
  badPort: (text: string) => `'${text}' is not a port number (1-65535); the mail ports are 25, 587 and 465`,
  badHost: (text: string, reason: string) => `'${text}' is neither an IP address nor a host name: ${reason}`,
  noAddress: (host: string) => `${host} has no A or AAAA record: there is no server to connect to`,
  noProber: 'SMTP probing is not available in this runtime',
} as const;

/** HOST, HOST:PORT, [IPv6]:PORT or a bare IPv6 address. */
export function parseServerTarget(text: string, name: string | undefined): SmtpServerTarget {
  const input = text.trim();
  let host = input;
  let portText: string | undefined;
  const bracketed = /^\[([^\]]+)\](?::(.*))?$/.exec(input);
  if (bracketed) {
    host = bracketed[1] ?? '';
    portText = bracketed[2];
  } else if ((input.match(/:/g) ?? []).length === 1) {
    [host = '', portText] = input.split(':');
  }
  let port = 25;
  if (portText !== undefined) {
    if (!/^\d{1,5}$/.test(portText) || Number(portText) < 1 || Number(portText) > 65535)
      throw new UsageError(smtpCommandMessages.badPort(portText));
    port = Number(portText);
  }
  const literal = parseIp(host);
  let normalized = host.toLowerCase().replace(/\.$/, '');
  if (literal === undefined) {
    const parsed = parseDomain(normalized);
    if (!parsed.ok) throw new UsageError(smtpCommandMessages.badHost(text, parsed.error));
    normalized = parsed.target.domain;
  } else normalized = formatIp(literal);
  let checkedName: string | undefined;
  if (name !== undefined) {
    const parsed = parseDomain(name.toLowerCase().replace(/\.$/, ''));
    if (!parsed.ok) throw new UsageError(`--name: ${parsed.error}`);
    checkedName = parsed.target.domain;
  }
  return {
    host: normalized,
    literal,
    port,
    name: checkedName ?? (literal === undefined ? normalized : undefined),
  };
}

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

async function smtpCommand(
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

export function registerSmtpCommand(program: Command, context: CommandContext): void {
  const smtp = program
    .command('smtp')
    .description(
      'audit one mail server: reachability, banner, STARTTLS, TLS versions and suites, certificate, AUTH, NTLM, VRFY, open relay, PTR, DANE',
    )
    .argument(
      '<host[:port]>',
      'a host name or address, port 25 by default (587 submission, 465 implicit TLS)',
    )
    .option(
      '--name <mx-name>',
      'the name the certificate, DANE and PTR should match (when HOST is an address)',
    )
    .option('--no-relay-test', 'do not run the open-relay test (RCPT TO only, never DATA)');
  addCommonOptions(smtp, true);
  smtp.action(async (host: string, values: SmtpValues) =>
    context.settle(await smtpCommand(host, values, context)),
  );
}
