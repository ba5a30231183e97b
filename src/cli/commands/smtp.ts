// `telltale smtp HOST[:PORT] [--name MX_NAME]`: the connector audit of one mail server (port 25, 587 or 465),
// every address of the host visited once, with PTR and DANE, as a report whose target is the host.
// Only the options live here, so `telltale --help` stays light; the work is in ./smtp-run.ts, loaded when the command runs.

import type { Command } from 'commander';
import { formatIp, type IpAddress, parseIp } from '../../protocols/ip/address.js';
import { parseDomain } from '../../scan/domain-name.js';
import { UsageError } from '../cli-io.js';
import { addCommonOptions, type CommandContext } from '../command-kit.js';
import type { SmtpValues } from './smtp-run.js';

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
  smtp.action(async (host: string, values: SmtpValues) => {
    const { smtpCommand } = await import('./smtp-run.js');
    context.settle(await smtpCommand(host, values, context));
  });
}
