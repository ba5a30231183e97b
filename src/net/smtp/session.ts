// The scripted conversations behind the SmtpProber port: each opens one connection, walks the state
// machine (greeting → EHLO/HELO → [STARTTLS → EHLO] → its commands → QUIT) and returns values, never throws.

import tls from 'node:tls';
import type { SocketAddress } from '../address-map.js';
import type { negotiatedCipher } from '../tls/session-info.js';
import type { TlsVersionName } from '../tls/types.js';
import { SessionFailure, SmtpConnection, type TlsClientSettings } from './connection.js';
import { Dialogue } from './dialogue.js';
import { announcedName, noExtensions, parseExtensions } from './extensions.js';
import { decodeBase64, ntlmNegotiateMessage } from './ntlm-negotiate.js';
import { formatReply } from './reply-parser.js';
import type {
  CipherFamilyOutcome,
  EhloResult,
  NtlmOutcome,
  ProbeOptions,
  RecipientReply,
  RelayProbeResult,
  SmtpFacts,
  SmtpFailure,
  SmtpLimits,
  SmtpProbeResult,
  SmtpReply,
  SmtpTarget,
  StartTlsOutcome,
  TlsVersionProbeResult,
  Transcript,
  WeakCipherFamily,
} from './types.js';

export interface SessionSettings {
  readonly target: SmtpTarget;
  readonly dialled: SocketAddress;
  readonly limits: SmtpLimits;
  readonly extraCas: readonly string[];
  readonly signal?: AbortSignal;
}

/** OpenSSL security level 0: legacy versions and suites must be refused by the server, never by us. */
export const legacyCiphers = 'DEFAULT:@SECLEVEL=0';

const isAddress = (name: string): boolean => /^[\d.]+$/.test(name) || name.includes(':');

function tlsSettings(
  target: SmtpTarget,
  extraCas: readonly string[],
  overrides: Partial<TlsClientSettings> = {},
) {
  const name = target.serverName?.replace(/\.$/, '');
  return {
    ...(name === undefined || isAddress(name) ? {} : { serverName: name }),
    ...(name === undefined ? {} : { checkName: name }),
    extraCas,
    ...overrides,
  } satisfies TlsClientSettings;
}

/** What every script shares: the connection, the facts gathered so far, and the conversion to results. */
class Script {
  readonly facts: {
    -readonly [K in keyof SmtpFacts]: SmtpFacts[K];
  } = {};
  dialogue: Dialogue | undefined;

  constructor(readonly settings: SessionSettings) {}

  get transcript(): Transcript {
    return this.dialogue?.connection.transcript ?? [];
  }

  base() {
    return {
      target: this.settings.target,
      dialled: this.settings.dialled,
      transcript: [...this.transcript],
      durationMs: this.dialogue?.connection.elapsedMs ?? 0,
    };
  }

  async connect(): Promise<Dialogue> {
    const { target, dialled, limits, signal } = this.settings;
    const connection = await SmtpConnection.open({
      target: { address: target.address, port: target.port },
      dialled,
      limits,
      ...(signal === undefined ? {} : { signal }),
    });
    this.dialogue = new Dialogue(connection, limits.commandTimeoutMs);
    return this.dialogue;
  }

  /** Connect, implicit TLS if asked, greeting, EHLO (HELO fallback). */
  async open(tlsOverrides: Partial<TlsClientSettings> = {}): Promise<Dialogue> {
    const dialogue = await this.connect();
    const { target, limits, extraCas } = this.settings;
    if (target.tls === 'implicit') {
      try {
        const session = await dialogue.connection.startTls(
          'tls',
          tlsSettings(target, extraCas, tlsOverrides),
        );
        this.facts.implicitTls = { kind: 'ok', session };
      } catch (error) {
        if (error instanceof SessionFailure && error.failure.kind === 'tls')
          this.facts.implicitTls = failedTls(error.failure);
        throw error;
      }
    }
    const greeting = await dialogue.connection.readReply('greeting', limits.greetingTimeoutMs);
    this.facts.greeting = greeting;
    if (greeting.code !== 220)
      throw new SessionFailure({
        kind: 'rejected',
        stage: 'greeting',
        detail: `the server refused the session: ${formatReply(greeting)}`,
        reply: greeting,
      });
    dialogue.greeted();
    this.facts.ehlo = await this.hello(dialogue);
    return dialogue;
  }

  async hello(dialogue: Dialogue): Promise<EhloResult> {
    const name = this.settings.target.heloName;
    const stage = dialogue.connection.transcript.some((line) => line.tls) ? 'tls' : 'ehlo';
    const ehlo = await dialogue.send(stage, { verb: 'EHLO', name });
    if (ehlo.code >= 200 && ehlo.code < 300)
      return {
        command: 'EHLO',
        reply: ehlo,
        serverName: announcedName(ehlo),
        extensions: parseExtensions(ehlo),
      };
    if (ehlo.code === 421) throw rejected(stage, ehlo);
    const helo = await dialogue.send(stage, { verb: 'HELO', name });
    if (helo.code < 200 || helo.code >= 300) throw rejected(stage, helo);
    return {
      command: 'HELO',
      reply: helo,
      refusedEhlo: ehlo,
      serverName: announcedName(helo),
      extensions: noExtensions,
    };
  }

  /** STARTTLS when offered; the outcome is recorded; a failed handshake ends the session. */
  async startTls(dialogue: Dialogue, overrides: Partial<TlsClientSettings> = {}): Promise<StartTlsOutcome> {
    const ehlo = this.facts.ehlo;
    if (ehlo === undefined || !ehlo.extensions.starttls) return { kind: 'not-offered' };
    const reply = await dialogue.send('starttls', { verb: 'STARTTLS' });
    if (reply.code !== 220) return { kind: 'refused', reply };
    try {
      const session = await dialogue.connection.startTls(
        'tls',
        tlsSettings(this.settings.target, this.settings.extraCas, overrides),
      );
      dialogue.tlsEstablished();
      return { kind: 'ok', session };
    } catch (error) {
      if (error instanceof SessionFailure && error.failure.kind === 'tls')
        this.facts.starttls = failedTls(error.failure);
      throw error;
    }
  }

  async finish(): Promise<void> {
    await this.dialogue?.connection.quit();
  }

  /** A thrown SessionFailure is the expected way a script ends early; anything else is a bug and propagates. */
  static failureOf(error: unknown): SmtpFailure {
    if (error instanceof SessionFailure) return error.failure;
    throw error;
  }
}

function rejected(stage: 'ehlo' | 'tls', reply: SmtpReply): SessionFailure {
  return new SessionFailure({
    kind: 'rejected',
    stage,
    detail: `the server refused EHLO and HELO: ${formatReply(reply)}`,
    reply,
  });
}

function failedTls(failure: SmtpFailure): StartTlsOutcome {
  return {
    kind: 'failed',
    reason: failure.detail,
    ...(failure.code === undefined ? {} : { code: failure.code }),
  };
}

async function ntlmExchange(dialogue: Dialogue, offered: readonly string[]): Promise<NtlmOutcome> {
  if (!offered.includes('NTLM')) return { kind: 'not-offered' };
  const negotiate = ntlmNegotiateMessage().toString('base64');
  let reply = await dialogue.send('command', { verb: 'AUTH', mechanism: 'NTLM', initial: negotiate });
  // Servers that ignore the initial response ask for it with an empty 334.
  if (reply.code === 334 && (reply.lines[0] ?? '').trim().length === 0)
    reply = await dialogue.send('command', { verb: 'AUTH-LINE', payload: negotiate });
  if (reply.code !== 334) return { kind: 'refused', reply };
  const base64 = (reply.lines[0] ?? '').trim();
  const bytes = decodeBase64(base64);
  // Cancel (RFC 4954 §4): we never answer a challenge, so no credential of any kind is ever sent.
  await dialogue.send('command', { verb: 'AUTH-LINE', payload: '*' });
  return bytes === undefined ? { kind: 'malformed', reply } : { kind: 'challenge', base64, bytes };
}

export async function runProbe(
  settings: SessionSettings,
  options: ProbeOptions = {},
): Promise<SmtpProbeResult> {
  const script = new Script(settings);
  try {
    const dialogue = await script.open();
    if (settings.target.tls === 'implicit') script.facts.starttls = { kind: 'not-attempted' };
    else if (options.starttls === false) script.facts.starttls = { kind: 'not-attempted' };
    else {
      const outcome = await script.startTls(dialogue);
      script.facts.starttls = outcome;
      if (outcome.kind === 'ok') script.facts.ehloAfterTls = await script.hello(dialogue);
    }
    const current = script.facts.ehloAfterTls ?? script.facts.ehlo;
    if (options.ntlm === true)
      script.facts.ntlm = await ntlmExchange(dialogue, current?.extensions.auth ?? []);
    const vrfyArguments = options.vrfy === undefined ? [] : [options.vrfy].flat();
    for (const argument of vrfyArguments) {
      const reply = await dialogue.send('command', { verb: 'VRFY', argument });
      script.facts.vrfy ??= reply;
      script.facts.vrfyReplies = [...(script.facts.vrfyReplies ?? []), { argument, reply }];
    }
    if (options.expn !== undefined)
      script.facts.expn = await dialogue.send('command', { verb: 'EXPN', argument: options.expn });
    await script.finish();
    const { greeting, ehlo } = script.facts;
    if (greeting === undefined || ehlo === undefined)
      throw new Error('smtp: probe finished without greeting/EHLO');
    return { ...script.base(), kind: 'ok', facts: { ...script.facts, greeting, ehlo } };
  } catch (error) {
    const failure = Script.failureOf(error);
    script.dialogue?.connection.close();
    return { ...script.base(), kind: 'error', failure, facts: { ...script.facts } };
  }
}

export async function runRelayProbe(
  settings: SessionSettings,
  request: { readonly mailFrom: string; readonly rcptTo: readonly string[] },
): Promise<RelayProbeResult> {
  const script = new Script(settings);
  try {
    const dialogue = await script.open();
    const mailFrom = await dialogue.send('command', { verb: 'MAIL', from: request.mailFrom });
    const recipients: RecipientReply[] = [];
    if (dialogue.state === 'mail') {
      for (const recipient of request.rcptTo) {
        const reply = await dialogue.send('command', { verb: 'RCPT', to: recipient });
        recipients.push({ recipient, reply, accepted: reply.code >= 200 && reply.code < 300 });
      }
    }
    // Always RSET, even after a refused MAIL: the server must be left with no transaction open.
    await dialogue.send('command', { verb: 'RSET' });
    await script.finish();
    return { ...script.base(), kind: 'ok', mailFrom, recipients, facts: { ...script.facts } };
  } catch (error) {
    const failure = Script.failureOf(error);
    script.dialogue?.connection.close();
    return { ...script.base(), kind: 'error', failure, facts: { ...script.facts } };
  }
}

/** Whether this runtime can offer a TLS configuration at all; the reason when it cannot. */
export function unsupportedByRuntime(settings: Partial<TlsClientSettings>): string | undefined {
  try {
    tls.createSecureContext({
      ...(settings.minVersion === undefined ? {} : { minVersion: settings.minVersion }),
      ...(settings.maxVersion === undefined ? {} : { maxVersion: settings.maxVersion }),
      ...(settings.ciphers === undefined ? {} : { ciphers: settings.ciphers }),
    });
    return undefined;
  } catch (error) {
    return `this runtime's TLS library (OpenSSL ${process.versions.openssl}) cannot offer it: ${
      error instanceof Error ? error.message : String(error)
    }`;
  }
}

type HandshakeOutcome =
  | {
      readonly kind: 'accepted';
      readonly protocol: string;
      readonly cipher: ReturnType<typeof negotiatedCipher>;
    }
  | { readonly kind: 'refused'; readonly reason: string; readonly code?: string }
  | { readonly kind: 'error'; readonly failure: SmtpFailure };

/** One handshake with pinned settings: through STARTTLS (or implicit TLS), then QUIT. */
async function handshakeWith(
  settings: SessionSettings,
  overrides: Partial<TlsClientSettings>,
): Promise<{ outcome: HandshakeOutcome; script: Script }> {
  const script = new Script(settings);
  try {
    if (settings.target.tls === 'implicit') {
      const dialogue = await script.connect();
      const session = await dialogue.connection.startTls(
        'tls',
        tlsSettings(settings.target, settings.extraCas, overrides),
      );
      await script.finish();
      return { outcome: { kind: 'accepted', protocol: session.protocol, cipher: session.cipher }, script };
    }
    const dialogue = await script.open();
    const outcome = await script.startTls(dialogue, overrides);
    script.facts.starttls = outcome;
    if (outcome.kind !== 'ok') {
      await script.finish();
      const detail =
        outcome.kind === 'refused'
          ? `the server answered STARTTLS with ${formatReply(outcome.reply)}`
          : 'the server does not offer STARTTLS';
      return { outcome: { kind: 'error', failure: { kind: 'tls', stage: 'starttls', detail } }, script };
    }
    await script.finish();
    return {
      outcome: { kind: 'accepted', protocol: outcome.session.protocol, cipher: outcome.session.cipher },
      script,
    };
  } catch (error) {
    const failure = Script.failureOf(error);
    script.dialogue?.connection.close();
    // A handshake that fails once we offered something we can really offer: the server said no.
    if (failure.kind === 'tls' && failure.code !== 'HANDSHAKE_TIMEOUT')
      return {
        outcome: {
          kind: 'refused',
          reason: failure.detail,
          ...(failure.code === undefined ? {} : { code: failure.code }),
        },
        script,
      };
    return { outcome: { kind: 'error', failure }, script };
  }
}

export async function runTlsVersionProbe(
  settings: SessionSettings,
  version: TlsVersionName,
): Promise<TlsVersionProbeResult> {
  if (version === 'SSLv3')
    return {
      kind: 'untestable',
      version,
      reason: `SSLv3 is not compiled into this runtime's TLS library (OpenSSL ${process.versions.openssl})`,
    };
  const overrides: Partial<TlsClientSettings> = {
    minVersion: version,
    maxVersion: version,
    ciphers: legacyCiphers,
  };
  const unsupported = unsupportedByRuntime(overrides);
  if (unsupported !== undefined) return { kind: 'untestable', version, reason: unsupported };
  const { outcome, script } = await handshakeWith(settings, overrides);
  switch (outcome.kind) {
    case 'accepted':
      return { ...script.base(), kind: 'accepted', version, cipher: outcome.cipher };
    case 'refused':
      return {
        ...script.base(),
        kind: 'refused',
        version,
        reason: outcome.reason,
        ...(outcome.code === undefined ? {} : { code: outcome.code }),
      };
    case 'error':
      return {
        ...script.base(),
        kind: 'error',
        version,
        failure: outcome.failure,
        facts: { ...script.facts },
      };
  }
}

/** Each family offered alone, up to TLS 1.2 (TLS 1.3 suites are all strong and configured apart). */
export const weakCipherFamilies: Readonly<Record<WeakCipherFamily, Partial<TlsClientSettings>>> = {
  null: { ciphers: 'eNULL:@SECLEVEL=0', minVersion: 'TLSv1', maxVersion: 'TLSv1.2' },
  anonymous: { ciphers: 'aNULL:@SECLEVEL=0', minVersion: 'TLSv1', maxVersion: 'TLSv1.2' },
  export: { ciphers: 'EXPORT:@SECLEVEL=0', minVersion: 'TLSv1', maxVersion: 'TLSv1.2' },
  rc4: { ciphers: 'RC4:@SECLEVEL=0', minVersion: 'TLSv1', maxVersion: 'TLSv1.2' },
  des: { ciphers: 'DES:!3DES:@SECLEVEL=0', minVersion: 'TLSv1', maxVersion: 'TLSv1.2' },
  '3des': { ciphers: '3DES:@SECLEVEL=0', minVersion: 'TLSv1', maxVersion: 'TLSv1.2' },
  // TLS 1.0 has only CBC (and RC4) suites, with the BEAST-era record layer.
  'cbc-tls1.0': { ciphers: 'DEFAULT:@SECLEVEL=0', minVersion: 'TLSv1', maxVersion: 'TLSv1' },
  'static-rsa': { ciphers: 'kRSA:@SECLEVEL=0', minVersion: 'TLSv1', maxVersion: 'TLSv1.2' },
};

export async function runCipherFamilyProbe(
  settings: SessionSettings,
  family: WeakCipherFamily,
): Promise<{ outcome: CipherFamilyOutcome; transcript?: Transcript }> {
  const overrides = weakCipherFamilies[family];
  const unsupported = unsupportedByRuntime(overrides);
  if (unsupported !== undefined) return { outcome: { kind: 'untestable', family, reason: unsupported } };
  const { outcome, script } = await handshakeWith(settings, overrides);
  const transcript = [...script.transcript];
  switch (outcome.kind) {
    case 'accepted':
      return {
        outcome: { kind: 'accepted', family, protocol: outcome.protocol, cipher: outcome.cipher },
        transcript,
      };
    case 'refused':
      return { outcome: { kind: 'refused', family, reason: outcome.reason }, transcript };
    case 'error':
      return { outcome: { kind: 'error', family, failure: outcome.failure }, transcript };
  }
}

/** The suite a default modern client negotiates. */
export async function runPreferredProbe(settings: SessionSettings) {
  const { outcome, script } = await handshakeWith(settings, {});
  return { outcome, transcript: [...script.transcript] };
}
