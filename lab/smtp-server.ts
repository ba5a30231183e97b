// The lab's mail servers: one small SMTP server of our own (smtp-server cannot tarpit, babble or hang up
// mid-handshake), shaped per host by data: a Postfix-like or Exchange-like dialect, TLS settings,
// certificate defects, open relay, NTLM, and the hostile behaviours the client's bounds must survive.

import { randomBytes } from 'node:crypto';
import net from 'node:net';
import tls from 'node:tls';
import { type CertificateKind, issueCertificateOfKind } from './host-kit.js';
import { type NtlmIdentity, ntlmChallengeMessage } from './smtp-ntlm.js';
import type { IssuedCertificate, KeyAlgorithm, TestCa } from './test-ca.js';

export type SmtpDialect = 'postfix' | 'exchange';
/** `modern`: TLS 1.2 and 1.3; `legacy`: 1.0 to 1.3; `tls1.0-only`: exactly 1.0 (both at security level 0). */
export type SmtpTlsMode = 'none' | 'modern' | 'legacy' | 'tls1.0-only';
export type SmtpBehaviour =
  | 'normal'
  /** The greeting one byte per `tarpitDelayMs`. */
  | 'tarpit'
  /** Binary noise instead of a greeting. */
  | 'garbage'
  /** A 1 MiB greeting line with no end. */
  | 'long-line'
  /** 220 to STARTTLS, then the connection dropped. */
  | 'close-after-starttls'
  /** 421 at once: too busy / greylisting. */
  | 'busy';

export interface SmtpHostSpec {
  /** The MX name this server answers for; its certificate's name unless `certificateNames`. */
  readonly name: string;
  readonly dialect: SmtpDialect;
  readonly tls: SmtpTlsMode;
  readonly certificate: CertificateKind;
  readonly certificateNames?: readonly string[];
  readonly keyAlgorithm?: KeyAlgorithm;
  readonly behaviour: SmtpBehaviour;
  /** `open`: any recipient accepted, the classic open relay. */
  readonly relay: 'closed' | 'open';
  /** Domains it accepts mail for when closed. */
  readonly localDomains: readonly string[];
  /** AUTH offered at all (inside TLS unless `authBeforeTls`); a careful port-25 Postfix offers none. */
  readonly auth: boolean;
  /** AUTH advertised and accepted in clear (Exchange's default receive connector); implies `auth`. */
  readonly authBeforeTls: boolean;
  /** Greeting text after `220 `; by default `<name> ESMTP` (Postfix) or Exchange's own banner. */
  readonly banner?: string;
  /** AUTH NTLM answered with a CHALLENGE disclosing this identity. */
  readonly ntlm?: NtlmIdentity;
  readonly vrfy: boolean;
  /**
   * How an enabled VRFY answers (default `confirm-all`): `confirm-all` 250 to any name; `confirm-known` 250 for
   * the known mailboxes and 550 otherwise; `postfix` 252 for known mailboxes and 550 otherwise (Postfix with
   * disable_vrfy_command = no); `cannot-verify` 252 to any name (the neutral RFC 5321 §3.5.3 answer).
   */
  readonly vrfyStyle?: VrfyStyle;
  readonly tarpitDelayMs: number;
}

export const vrfyStyles = ['confirm-all', 'confirm-known', 'postfix', 'cannot-verify'] as const;
export type VrfyStyle = (typeof vrfyStyles)[number];

/** The mailboxes a lab server has, for VRFY styles that tell known from unknown names. */
export const labMailboxes: readonly string[] = ['postmaster', 'abuse'];

function vrfyReply(spec: SmtpHostSpec, argument: string): string {
  const name = argument.replace(/^<|>$/g, '');
  const local = name.split('@')[0]?.toLowerCase() ?? '';
  const address = `<${local}@${spec.localDomains[0] ?? spec.name}>`;
  const known = labMailboxes.includes(local);
  const unknown = `550 5.1.1 <${name}>: Recipient address rejected: User unknown in local recipient table`;
  switch (spec.vrfyStyle ?? 'confirm-all') {
    case 'confirm-all':
      return `250 2.0.0 ${argument} ${address}`;
    case 'confirm-known':
      return known ? `250 2.0.0 ${address}` : unknown;
    case 'postfix':
      return known ? `252 2.0.0 ${name}` : unknown;
    case 'cannot-verify':
      return '252 2.0.0 Cannot VRFY user, but will accept message and attempt delivery';
  }
}

/** What a lab server saw, for tests: every command line, per connection. */
export interface SmtpServerLog {
  readonly connections: number;
  readonly commands: readonly string[];
}

export interface RunningSmtpHost {
  readonly spec: SmtpHostSpec;
  readonly address: string;
  readonly port: number;
  readonly log: SmtpServerLog;
  close(): Promise<void>;
}

function issueCertificate(ca: TestCa, spec: SmtpHostSpec): Promise<IssuedCertificate> {
  return issueCertificateOfKind(ca, {
    kind: spec.certificate,
    names: spec.certificateNames ?? [spec.name],
    wrongName: `other-name.${spec.name.split('.').slice(-2).join('.')}`,
    ...(spec.keyAlgorithm ? { keyAlgorithm: spec.keyAlgorithm } : {}),
  });
}

function tlsVersions(mode: SmtpTlsMode): tls.SecureContextOptions {
  switch (mode) {
    case 'none':
    case 'modern':
      return { minVersion: 'TLSv1.2' };
    case 'legacy':
      return { minVersion: 'TLSv1', ciphers: 'DEFAULT:@SECLEVEL=0' };
    case 'tls1.0-only':
      return { minVersion: 'TLSv1', maxVersion: 'TLSv1', ciphers: 'DEFAULT:@SECLEVEL=0' };
  }
}

/** Exchange's banner date: `Mon, 3 Jun 2024 10:15:02 +0000`. */
function rfc5322Date(date: Date): string {
  const [weekday, dayOfMonth, month, year, time] = date.toUTCString().replace(',', '').split(' ');
  return `${weekday}, ${Number(dayOfMonth)} ${month} ${year} ${time} +0000`;
}

function greetingLine(spec: SmtpHostSpec): string {
  if (spec.banner !== undefined) return `220 ${spec.banner}`;
  switch (spec.dialect) {
    case 'postfix':
      return `220 ${spec.name} ESMTP`;
    case 'exchange':
      return `220 ${spec.ntlm?.dnsComputer ?? spec.name} Microsoft ESMTP MAIL Service ready at ${rfc5322Date(new Date())}`;
  }
}

function ehloLines(spec: SmtpHostSpec, remote: string, inTls: boolean): string[] {
  const offerTls = spec.tls !== 'none' && !inTls;
  const auth = spec.authBeforeTls || (spec.auth && inTls);
  switch (spec.dialect) {
    case 'postfix':
      return [
        spec.name,
        'PIPELINING',
        'SIZE 52428800',
        ...(spec.vrfy ? ['VRFY'] : []),
        'ETRN',
        ...(offerTls ? ['STARTTLS'] : []),
        ...(auth ? ['AUTH PLAIN LOGIN'] : []),
        'ENHANCEDSTATUSCODES',
        '8BITMIME',
        'DSN',
        'SMTPUTF8',
        'CHUNKING',
      ];
    case 'exchange':
      return [
        `${spec.ntlm?.dnsComputer ?? spec.name} Hello [${remote}]`,
        'SIZE 37748736',
        'PIPELINING',
        'DSN',
        'ENHANCEDSTATUSCODES',
        ...(offerTls ? ['STARTTLS', 'X-ANONYMOUSTLS'] : []),
        ...(auth ? [spec.ntlm ? 'AUTH NTLM LOGIN' : 'AUTH LOGIN'] : []),
        'X-EXPS GSSAPI NTLM',
        '8BITMIME',
        'BINARYMIME',
        'CHUNKING',
        'XRDST',
      ];
  }
}

function multiline(code: number, lines: readonly string[]): string {
  return lines.map((line, index) => `${code}${index === lines.length - 1 ? ' ' : '-'}${line}\r\n`).join('');
}

/** `user@domain`, `user%outside@relay`, `@relay:user@outside`: the domain that decides relaying. */
export function recipientDomain(path: string): string {
  const address = path.includes(':') && path.startsWith('@') ? path.slice(path.indexOf(':') + 1) : path;
  return (address.split('@').pop() ?? '').toLowerCase();
}

function isLocal(spec: SmtpHostSpec, path: string): boolean {
  // Percent hack and source routes are local-looking paths that leave the server: closed servers refuse them.
  if (path.startsWith('@') || path.split('@')[0]?.includes('%')) return false;
  return spec.localDomains.includes(recipientDomain(path));
}

const maxLine = 4096;

class LabSmtpSession {
  private socket: net.Socket;
  private buffer = '';
  private inTls = false;
  private authState: 'none' | 'ntlm-negotiate' | 'ntlm-authenticate' = 'none';

  constructor(
    private readonly spec: SmtpHostSpec,
    private readonly context: tls.SecureContext | undefined,
    socket: net.Socket,
    private readonly commands: string[],
  ) {
    this.socket = socket;
    socket.on('error', () => {});
    this.start();
  }

  private start(): void {
    const socket = this.socket;
    switch (this.spec.behaviour) {
      case 'busy':
        socket.end(`421 4.3.2 ${this.spec.name} Service not available, too busy - try again later\r\n`);
        return;
      case 'garbage':
        socket.write(
          Buffer.concat([Buffer.from([0, 0xff, 0x16, 0x03, 0x01]), randomBytes(64), Buffer.from('\r\n')]),
        );
        return;
      case 'long-line':
        socket.write(`220 ${'x'.repeat(1024 * 1024)}`);
        return;
      case 'tarpit':
        this.trickle(Buffer.from(`${greetingLine(this.spec)}\r\n`));
        return;
      case 'normal':
      case 'close-after-starttls':
        this.listen(socket);
        socket.write(`${greetingLine(this.spec)}\r\n`);
        return;
    }
  }

  private trickle(bytes: Buffer): void {
    let offset = 0;
    const timer = setInterval(() => {
      if (this.socket.destroyed || offset >= bytes.length) {
        clearInterval(timer);
        if (!this.socket.destroyed) this.listen(this.socket);
        return;
      }
      this.socket.write(bytes.subarray(offset, offset + 1));
      offset += 1;
    }, this.spec.tarpitDelayMs);
    this.socket.write(bytes.subarray(0, 1));
    offset = 1;
    this.socket.on('close', () => clearInterval(timer));
  }

  private listen(socket: net.Socket): void {
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      this.buffer += chunk;
      if (this.buffer.length > maxLine && !this.buffer.includes('\n')) {
        socket.end('500 5.5.2 Line too long\r\n');
        return;
      }
      for (;;) {
        const newline = this.buffer.indexOf('\n');
        if (newline < 0) break;
        const line = this.buffer.slice(0, newline).replace(/\r$/, '');
        this.buffer = this.buffer.slice(newline + 1);
        if (this.handle(line) === 'stop') {
          this.buffer = '';
          return;
        }
      }
    });
  }

  private reply(text: string): void {
    if (!this.socket.destroyed) this.socket.write(text.endsWith('\r\n') ? text : `${text}\r\n`);
  }

  private handle(line: string): 'continue' | 'stop' {
    this.commands.push(line);
    if (this.authState !== 'none') return this.authLine(line);
    const [verbRaw = '', ...rest] = line.split(' ');
    const verb = verbRaw.toUpperCase();
    const argument = rest.join(' ');
    const spec = this.spec;
    const exchange = spec.dialect === 'exchange';
    switch (verb) {
      case 'EHLO':
        this.reply(multiline(250, ehloLines(spec, this.socket.remoteAddress ?? '127.0.0.1', this.inTls)));
        return 'continue';
      case 'HELO':
        this.reply(`250 ${spec.name}`);
        return 'continue';
      case 'STARTTLS':
        return this.startTls();
      case 'AUTH':
        return this.auth(rest);
      case 'MAIL':
        this.reply(exchange ? '250 2.1.0 Sender OK' : '250 2.1.0 Ok');
        return 'continue';
      case 'RCPT': {
        const path = /<([^>]*)>/.exec(argument)?.[1] ?? '';
        if (spec.relay === 'open' || isLocal(spec, path))
          this.reply(exchange ? '250 2.1.5 Recipient OK' : '250 2.1.5 Ok');
        else if (exchange) this.reply('550 5.7.54 SMTP; Unable to relay recipient in non-accepted domain');
        else this.reply(`454 4.7.1 <${path}>: Relay access denied`);
        return 'continue';
      }
      case 'RSET':
        this.reply(exchange ? '250 2.0.0 Resetting' : '250 2.0.0 Ok');
        return 'continue';
      case 'NOOP':
        this.reply('250 2.0.0 OK');
        return 'continue';
      case 'VRFY':
        if (spec.vrfy) this.reply(vrfyReply(spec, argument));
        else if (exchange) this.reply('252 2.1.5 Cannot VRFY user');
        else this.reply('502 5.5.1 VRFY command is disabled');
        return 'continue';
      case 'EXPN':
        if (spec.vrfy) this.reply(`250 2.0.0 ${argument} <${argument}@${spec.localDomains[0] ?? spec.name}>`);
        else this.reply('502 5.5.1 EXPN command is disabled');
        return 'continue';
      case 'DATA':
      case 'BDAT':
        // Recorded in the log like any command: tests assert it never arrives.
        this.reply('554 5.5.1 Error: no valid recipients');
        return 'continue';
      case 'QUIT':
        this.socket.end(
          exchange ? '221 2.0.0 Service closing transmission channel\r\n' : '221 2.0.0 Bye\r\n',
        );
        return 'stop';
      default:
        this.reply('500 5.5.2 Error: command not recognized');
        return 'continue';
    }
  }

  private auth(words: readonly string[]): 'continue' | 'stop' {
    const mechanism = (words[0] ?? '').toUpperCase();
    if (!(this.spec.authBeforeTls || (this.spec.auth && this.inTls))) {
      this.reply('503 5.5.1 Error: authentication not enabled');
      return 'continue';
    }
    if (mechanism === 'NTLM' && this.spec.ntlm !== undefined) {
      if (words[1] === undefined) {
        this.authState = 'ntlm-negotiate';
        this.reply('334 ');
      } else this.sendChallenge();
      return 'continue';
    }
    if (mechanism === 'LOGIN' || mechanism === 'PLAIN') {
      this.reply('535 5.7.8 Error: authentication failed');
      return 'continue';
    }
    this.reply('504 5.7.4 Unrecognized authentication type');
    return 'continue';
  }

  private sendChallenge(): void {
    if (this.spec.ntlm === undefined) return;
    this.authState = 'ntlm-authenticate';
    this.reply(`334 ${ntlmChallengeMessage(this.spec.ntlm, randomBytes(8)).toString('base64')}`);
  }

  private authLine(line: string): 'continue' | 'stop' {
    if (line.trim() === '*') {
      this.authState = 'none';
      this.reply('501 5.7.0 Authentication cancelled');
      return 'continue';
    }
    if (this.authState === 'ntlm-negotiate') {
      this.sendChallenge();
      return 'continue';
    }
    this.authState = 'none';
    this.reply('535 5.7.3 Authentication unsuccessful');
    return 'continue';
  }

  private startTls(): 'continue' | 'stop' {
    if (this.context === undefined || this.inTls) {
      this.reply('502 5.5.1 Error: command not implemented');
      return 'continue';
    }
    const raw = this.socket;
    raw.write('220 2.0.0 Ready to start TLS\r\n');
    if (this.spec.behaviour === 'close-after-starttls') {
      raw.destroy();
      return 'stop';
    }
    raw.removeAllListeners('data');
    const secure = new tls.TLSSocket(raw, { isServer: true, secureContext: this.context });
    secure.on('error', () => secure.destroy());
    secure.once('secure', () => {
      this.inTls = true;
      this.socket = secure;
      this.listen(secure);
    });
    return 'stop';
  }
}

/** Starts one lab mail server on loopback (random port unless given). */
export async function startSmtpHost(options: {
  readonly spec: SmtpHostSpec;
  readonly ca: TestCa;
  readonly host?: string;
  readonly port?: number;
}): Promise<RunningSmtpHost> {
  const { spec } = options;
  let context: tls.SecureContext | undefined;
  if (spec.tls !== 'none') {
    const issued = await issueCertificate(options.ca, spec);
    context = tls.createSecureContext({
      cert: issued.chainPem,
      key: issued.keyPem,
      ...tlsVersions(spec.tls),
    });
  }
  const commands: string[] = [];
  let connections = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    connections += 1;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    new LabSmtpSession(spec, context, socket, commands);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as net.AddressInfo;
  return {
    spec,
    address: address.address,
    port: address.port,
    log: {
      get connections() {
        return connections;
      },
      commands,
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
