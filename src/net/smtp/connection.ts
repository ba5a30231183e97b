// One bounded SMTP connection over node:net/node:tls: dialling through the AddressMap, reading replies
// with timeouts, the STARTTLS upgrade, and the transcript. Scripts (session.ts) drive it; it decides nothing.

import net from 'node:net';
import tls from 'node:tls';
import type { SocketAddress } from '../address-map.js';
import { tlsSessionInfo } from '../tls/session-info.js';
import type { TlsSessionInfo } from '../tls/types.js';
import { ReplyParser } from './reply-parser.js';
import type {
  SmtpFailure,
  SmtpFailureKind,
  SmtpLimits,
  SmtpReply,
  SmtpStage,
  Transcript,
  TranscriptLine,
} from './types.js';

/** How a script step ends early; converted to a result value at the edge of each probe. */
export class SessionFailure extends Error {
  constructor(readonly failure: SmtpFailure) {
    super(failure.detail);
  }
}

export function failure(
  kind: SmtpFailureKind,
  stage: SmtpStage,
  detail: string,
  extra: { reply?: SmtpReply; code?: string } = {},
): SessionFailure {
  return new SessionFailure({ kind, stage, detail, ...extra });
}

/** TLS client settings of one handshake. */
export interface TlsClientSettings {
  /** SNI; never an address (RFC 6066 §3). */
  readonly serverName?: string;
  /** Name the certificate is checked against (the MX name). */
  readonly checkName?: string;
  /** Extra trusted roots, added to Node's bundled ones. */
  readonly extraCas?: readonly string[];
  readonly minVersion?: tls.SecureVersion;
  readonly maxVersion?: tls.SecureVersion;
  readonly ciphers?: string;
}

const unreachableCodes = new Set(['ENETUNREACH', 'EHOSTUNREACH', 'EHOSTDOWN', 'ENETDOWN', 'EACCES', 'EPERM']);

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

function connectFailure(error: unknown, to: SocketAddress): SessionFailure {
  const code = errorCode(error);
  const where = `${to.address} port ${to.port}`;
  if (code === 'ECONNREFUSED')
    return failure('refused', 'connect', `connection refused by ${where}`, { code });
  if (code === 'ETIMEDOUT') return failure('timeout', 'connect', `no answer from ${where}`, { code });
  if (code !== undefined && unreachableCodes.has(code))
    return failure('unreachable', 'connect', `${where} is unreachable from here (${code})`, { code });
  const message = error instanceof Error ? error.message : String(error);
  return failure('closed', 'connect', `could not connect to ${where}: ${message}`, code ? { code } : {});
}

export interface OpenOptions {
  /** The address as DNS gave it (for messages) and the socket really dialled. */
  readonly target: SocketAddress;
  readonly dialled: SocketAddress;
  readonly limits: SmtpLimits;
  readonly signal?: AbortSignal;
}

export class SmtpConnection {
  private socket: net.Socket;
  private readonly parser: ReplyParser;
  private readonly lines: TranscriptLine[] = [];
  private readonly replies: SmtpReply[] = [];
  private fatal: SessionFailure | undefined;
  private wake: (() => void) | undefined;
  private inTls = false;
  private readonly started = performance.now();
  private readonly budgetTimer: NodeJS.Timeout;
  private readonly onAbort = (): void => this.kill(failure('aborted', 'command', 'the scan was cancelled'));
  /** The stage a close or error is blamed on. */
  private stage: SmtpStage = 'connect';

  private constructor(
    private readonly options: OpenOptions,
    socket: net.Socket,
  ) {
    this.socket = socket;
    this.parser = new ReplyParser(options.limits);
    this.budgetTimer = setTimeout(
      () =>
        this.kill(
          failure(
            'budget',
            this.stage,
            `the session exceeded its budget of ${options.limits.sessionBudgetMs} ms`,
          ),
        ),
      options.limits.sessionBudgetMs,
    );
    options.signal?.addEventListener('abort', this.onAbort, { once: true });
    this.attach(socket);
  }

  /** Connects within the connect timeout; the failure (refused, timeout, unreachable) is thrown as SessionFailure. */
  static async open(options: OpenOptions): Promise<SmtpConnection> {
    if (options.signal?.aborted) throw failure('aborted', 'connect', 'the scan was cancelled');
    const socket = new net.Socket();
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        socket.destroy();
        reject(
          failure(
            'timeout',
            'connect',
            `no answer from ${options.dialled.address} port ${options.dialled.port} within ${options.limits.connectTimeoutMs} ms`,
          ),
        );
      }, options.limits.connectTimeoutMs);
      socket.once('connect', () => {
        clearTimeout(timer);
        resolve();
      });
      socket.once('error', (error) => {
        clearTimeout(timer);
        socket.destroy();
        reject(connectFailure(error, options.dialled));
      });
      socket.connect({ host: options.dialled.address, port: options.dialled.port });
    });
    const connection = new SmtpConnection(options, socket);
    const shown =
      options.dialled.address === options.target.address && options.dialled.port === options.target.port
        ? ''
        : ` (dialled ${options.dialled.address}:${options.dialled.port})`;
    connection.event(`connected to ${options.target.address} port ${options.target.port}${shown}`);
    return connection;
  }

  get transcript(): Transcript {
    return this.lines;
  }

  get elapsedMs(): number {
    return Math.round(performance.now() - this.started);
  }

  private record(direction: TranscriptLine['direction'], text: string): void {
    this.lines.push({ direction, atMs: this.elapsedMs, tls: this.inTls, text });
  }

  event(text: string): void {
    this.record('event', text);
  }

  private attach(socket: net.Socket): void {
    socket.on('data', (chunk: Buffer) => {
      const step = this.parser.push(chunk);
      for (const line of step.lines) this.record('S', line);
      this.replies.push(...step.replies);
      if (step.error !== undefined)
        this.kill(failure('protocol', this.stage, `the server sent ${step.error}`));
      this.wake?.();
    });
    socket.on('error', (error) => {
      const code = errorCode(error);
      this.kill(failure('closed', this.stage, `connection error: ${error.message}`, code ? { code } : {}));
    });
    socket.on('close', () => this.kill(failure('closed', this.stage, 'the server closed the connection')));
  }

  private detach(socket: net.Socket): void {
    socket.removeAllListeners('data');
    socket.removeAllListeners('close');
    socket.removeAllListeners('error');
    // Errors of the raw socket surface on the TLS socket wrapping it.
    socket.on('error', () => {});
  }

  /** Ends the session with this failure unless it already ended: the first cause is the one reported. */
  private kill(cause: SessionFailure): void {
    if (this.fatal === undefined) {
      this.fatal = cause;
      if (cause.failure.kind !== 'closed' || cause.failure.stage !== 'quit')
        this.event(`session ended: ${cause.failure.detail}`);
    }
    this.socket.destroy();
    this.wake?.();
  }

  /** The next complete reply, within `timeoutMs`. */
  async readReply(stage: SmtpStage, timeoutMs: number): Promise<SmtpReply> {
    this.stage = stage;
    for (;;) {
      const reply = this.replies.shift();
      if (reply !== undefined) return reply;
      if (this.fatal !== undefined) throw this.fatal;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          const slow = this.parser.hasPartial();
          const kind: SmtpFailureKind = slow
            ? 'tarpit'
            : stage === 'greeting'
              ? 'greeting-timeout'
              : 'reply-timeout';
          const what = stage === 'greeting' ? 'greeting' : 'reply';
          const detail = slow
            ? `the ${what} was still trickling in after ${timeoutMs} ms (tarpit)`
            : `no ${what} within ${timeoutMs} ms`;
          this.kill(failure(kind, stage, detail));
        }, timeoutMs);
        this.wake = () => {
          clearTimeout(timer);
          this.wake = undefined;
          resolve();
        };
      });
    }
  }

  /** Writes one command line. `line` never contains CR or LF (the callers build it from checked parts). */
  send(stage: SmtpStage, line: string): void {
    if (/[\r\n]/.test(line)) throw new Error('smtp: a command line must not contain CR or LF');
    if (this.fatal !== undefined) throw this.fatal;
    this.stage = stage;
    this.record('C', line);
    this.socket.write(`${line}\r\n`, 'latin1');
  }

  /** Replies already received that nobody asked for (a server talking out of turn). */
  unsolicited(): number {
    return this.replies.length;
  }

  /**
   * Upgrades the socket in place. Bytes the server sent after its 220 and before the handshake are dropped
   * and noted (RFC 3207 §4.2: a client must discard what it learned before TLS; STARTTLS injection).
   */
  async startTls(stage: SmtpStage, settings: TlsClientSettings): Promise<TlsSessionInfo> {
    if (this.fatal !== undefined) throw this.fatal;
    this.stage = stage;
    const leftover = this.parser.takeLeftover().length + this.replies.splice(0).length;
    if (leftover > 0)
      this.event(`discarded data the server sent before the TLS handshake (${leftover} item(s))`);
    const raw = this.socket;
    this.detach(raw);
    const timeoutMs = this.options.limits.tlsHandshakeTimeoutMs;
    const extraCas = settings.extraCas ?? [];
    const secure = tls.connect({
      socket: raw,
      ...(settings.serverName === undefined ? {} : { servername: settings.serverName }),
      rejectUnauthorized: false,
      // Chain and name are judged apart (session-info.ts): the name check must not hide a chain error.
      checkServerIdentity: () => undefined,
      ...(extraCas.length === 0 ? {} : { ca: [...tls.rootCertificates, ...extraCas] }),
      ...(settings.minVersion === undefined ? {} : { minVersion: settings.minVersion }),
      ...(settings.maxVersion === undefined ? {} : { maxVersion: settings.maxVersion }),
      ...(settings.ciphers === undefined ? {} : { ciphers: settings.ciphers }),
    });
    this.socket = secure;
    try {
      await new Promise<void>((resolve, reject) => {
        const done = (error?: SessionFailure): void => {
          clearTimeout(timer);
          secure.removeAllListeners('secureConnect');
          secure.removeAllListeners('error');
          secure.removeAllListeners('close');
          if (error === undefined) resolve();
          else reject(error);
        };
        const timer = setTimeout(
          () =>
            done(
              failure('tls', stage, `the TLS handshake did not finish within ${timeoutMs} ms`, {
                code: 'HANDSHAKE_TIMEOUT',
              }),
            ),
          timeoutMs,
        );
        secure.once('secureConnect', () => done());
        secure.once('error', (error) => {
          const code = errorCode(error);
          done(failure('tls', stage, `TLS handshake failed: ${error.message.trim()}`, code ? { code } : {}));
        });
        secure.once('close', () =>
          done(failure('tls', stage, 'the server closed the connection during the TLS handshake')),
        );
      });
    } catch (error) {
      if (error instanceof SessionFailure) this.kill(error);
      throw this.fatal ?? error;
    }
    if (this.fatal !== undefined) throw this.fatal;
    this.inTls = true;
    const info = tlsSessionInfo(secure, settings.checkName);
    this.event(`TLS established: ${info.protocol} ${info.cipher.name}`);
    this.attach(secure);
    return info;
  }

  /** QUIT, its reply if it comes quickly, then the socket closed; never throws. */
  async quit(): Promise<void> {
    if (this.fatal === undefined) {
      try {
        this.send('quit', 'QUIT');
        await this.readReply('quit', Math.min(this.options.limits.commandTimeoutMs, 5000));
      } catch {
        // The session's verdict is already made; a server that hangs up on QUIT changes nothing.
      }
    }
    this.close();
  }

  close(): void {
    clearTimeout(this.budgetTimer);
    this.options.signal?.removeEventListener('abort', this.onAbort);
    if (this.fatal === undefined) this.fatal = failure('closed', 'quit', 'closed by us');
    this.socket.destroy();
  }
}
