// The SMTP port: what checks may ask of a mail server, each call one bounded connection with its full
// transcript; every expected outcome (refused, tarpit, 421, bad TLS…) is a value, never an exception.

import type { NegotiatedCipher, TlsSessionInfo, TlsVersionName } from '../tls/types.js';

export interface SmtpTarget {
  /** An IPv4 or IPv6 address (what DNS returned); it goes through the AddressMap before dialling. */
  readonly address: string;
  /** 25 (relay), 587 (submission, STARTTLS) or 465 (submissions, implicit TLS). */
  readonly port: number;
  /** The MX name: sent as SNI and checked against the certificate. Absent: no SNI, no hostname verdict. */
  readonly serverName?: string;
  /** The name we give in EHLO/HELO (a name of ours, never the target's). */
  readonly heloName: string;
  /** `implicit`: TLS from the first byte (port 465). `starttls` (default): plain, then STARTTLS. */
  readonly tls?: 'starttls' | 'implicit';
}

/** Bounds of one connection. Every field has a default (see `defaultSmtpLimits`). */
export interface SmtpLimits {
  readonly connectTimeoutMs: number;
  /** From connection to the complete 220 greeting. */
  readonly greetingTimeoutMs: number;
  /** From a command sent to its complete reply. */
  readonly commandTimeoutMs: number;
  readonly tlsHandshakeTimeoutMs: number;
  /** The whole connection, whatever happens. */
  readonly sessionBudgetMs: number;
  /** One reply line, CRLF excluded (RFC 5321 says 512; real servers go beyond, we tolerate 2 KiB). */
  readonly maxLineBytes: number;
  readonly maxReplyLines: number;
  readonly maxReplyBytes: number;
}

export type Direction = 'C' | 'S' | 'event';

/** One line of evidence. Client lines are as sent (AUTH payloads included: we never send secrets). */
export interface TranscriptLine {
  readonly direction: Direction;
  /** Milliseconds since the connection attempt started. */
  readonly atMs: number;
  /** Whether the line travelled inside TLS. */
  readonly tls: boolean;
  readonly text: string;
}

export type Transcript = readonly TranscriptLine[];

/** A complete (possibly multi-line) reply. */
export interface SmtpReply {
  readonly code: number;
  /** Text of each line without the code and separator. */
  readonly lines: readonly string[];
  /** RFC 3463 enhanced status of the first line (`5.7.1`), when present. */
  readonly enhancedCode?: string;
}

export interface EhloExtension {
  /** Upper case (`STARTTLS`, `AUTH`, `X-ANONYMOUSTLS`). */
  readonly keyword: string;
  readonly params: readonly string[];
}

export interface SmtpExtensions {
  /** Every extension line after the first, in order. */
  readonly list: readonly EhloExtension[];
  readonly starttls: boolean;
  /** AUTH mechanisms, upper case; `AUTH=` (old Outlook form) lines merged in. Empty: no AUTH. */
  readonly auth: readonly string[];
  /** SIZE limit in bytes; `null`: SIZE without a number (no fixed limit); absent: no SIZE. */
  readonly size?: number | null;
  readonly pipelining: boolean;
  readonly eightBitMime: boolean;
  readonly smtpUtf8: boolean;
  readonly chunking: boolean;
  readonly enhancedStatusCodes: boolean;
  readonly requireTls: boolean;
  /** Exchange's X-ANONYMOUSTLS. */
  readonly anonymousTls: boolean;
}

export interface EhloResult {
  /** HELO when the server refused EHLO (then `extensions` is empty). */
  readonly command: 'EHLO' | 'HELO';
  readonly reply: SmtpReply;
  /** The refused EHLO reply, when we fell back to HELO. */
  readonly refusedEhlo?: SmtpReply;
  /** First word of the first reply line: the name the server calls itself. */
  readonly serverName: string;
  readonly extensions: SmtpExtensions;
}

export type StartTlsOutcome =
  | { readonly kind: 'not-offered' }
  /** Not asked by the caller, or implicit TLS (see the session's `tls`). */
  | { readonly kind: 'not-attempted' }
  | { readonly kind: 'refused'; readonly reply: SmtpReply }
  | { readonly kind: 'ok'; readonly session: TlsSessionInfo }
  /** The server said 220 but the handshake failed (also the probe's `tls` failure). */
  | { readonly kind: 'failed'; readonly reason: string; readonly code?: string };

export type NtlmOutcome =
  | { readonly kind: 'not-offered' }
  /** The raw type 2 (CHALLENGE) message from the 334 reply: decode with src/protocols/ntlm. */
  | { readonly kind: 'challenge'; readonly base64: string; readonly bytes: Uint8Array }
  | { readonly kind: 'refused'; readonly reply: SmtpReply }
  /** 334 with a payload that is not base64. */
  | { readonly kind: 'malformed'; readonly reply: SmtpReply };

/**
 * Why a connection did not complete its script. `refused`/`timeout`/`unreachable` are about connecting
 * (`unreachable` is often port 25 blocked on the user's own network); `rejected` is a 421/554 greeting
 * (greylisting, too busy, blocked); `tarpit` is a reply that started but trickled in too slowly.
 */
export type SmtpFailureKind =
  | 'refused'
  | 'timeout'
  | 'unreachable'
  | 'greeting-timeout'
  | 'reply-timeout'
  | 'tarpit'
  | 'budget'
  | 'rejected'
  | 'protocol'
  | 'tls'
  | 'closed'
  | 'aborted';

export type SmtpStage = 'connect' | 'greeting' | 'ehlo' | 'starttls' | 'tls' | 'command' | 'quit';

export interface SmtpFailure {
  readonly kind: SmtpFailureKind;
  readonly stage: SmtpStage;
  /** Plain words, for the report. */
  readonly detail: string;
  /** The reply that ended the session (for `rejected`, the 421/554 greeting). */
  readonly reply?: SmtpReply;
  /** Node's error code when there was one (ECONNREFUSED, ENETUNREACH…). */
  readonly code?: string;
}

/** What one session learned; later fields absent when the session ended earlier. */
export interface SmtpFacts {
  readonly greeting?: SmtpReply;
  /** Implicit TLS (port 465): the handshake before the greeting. */
  readonly implicitTls?: StartTlsOutcome;
  readonly ehlo?: EhloResult;
  readonly starttls?: StartTlsOutcome;
  /** EHLO again inside TLS: AUTH is often offered only there. */
  readonly ehloAfterTls?: EhloResult;
  readonly ntlm?: NtlmOutcome;
  /** The reply to the first VRFY asked. */
  readonly vrfy?: SmtpReply;
  /** Every VRFY asked and answered, in order (the first is `vrfy`). */
  readonly vrfyReplies?: readonly VrfyAnswer[];
  readonly expn?: SmtpReply;
}

export interface VrfyAnswer {
  readonly argument: string;
  readonly reply: SmtpReply;
}

interface ResultBase {
  readonly target: SmtpTarget;
  /** The socket really dialled (after the AddressMap), for logs. */
  readonly dialled: { readonly address: string; readonly port: number };
  readonly transcript: Transcript;
  readonly durationMs: number;
}

export interface ProbeOptions {
  /** STARTTLS when offered (default true). */
  readonly starttls?: boolean;
  /** Send `AUTH NTLM <negotiate>` (inside TLS if we got there, else in clear) and cancel it with `*`. */
  readonly ntlm?: boolean;
  /** `VRFY <value>` (e.g. `postmaster`), or several in one session, in order (a known and an unknown name). */
  readonly vrfy?: string | readonly string[];
  /** `EXPN <value>`. */
  readonly expn?: string;
  readonly limits?: Partial<SmtpLimits>;
  readonly signal?: AbortSignal;
}

export type SmtpProbeResult =
  | (ResultBase & {
      readonly kind: 'ok';
      readonly facts: SmtpFacts & { readonly greeting: SmtpReply; readonly ehlo: EhloResult };
    })
  | (ResultBase & { readonly kind: 'error'; readonly failure: SmtpFailure; readonly facts: SmtpFacts });

export interface TlsProbeOptions {
  readonly limits?: Partial<SmtpLimits>;
  readonly signal?: AbortSignal;
}

export type TlsVersionProbeResult =
  | (ResultBase & {
      readonly kind: 'accepted';
      readonly version: TlsVersionName;
      readonly cipher: NegotiatedCipher;
    })
  /** The server refused the handshake at this version (alert, or closed during the handshake). */
  | (ResultBase & {
      readonly kind: 'refused';
      readonly version: TlsVersionName;
      readonly reason: string;
      readonly code?: string;
    })
  /** This runtime cannot offer the version (e.g. SSLv3 is not compiled into Node's OpenSSL): no verdict. */
  | { readonly kind: 'untestable'; readonly version: TlsVersionName; readonly reason: string }
  /** We never got to a handshake (unreachable, no STARTTLS, 421…). */
  | (ResultBase & {
      readonly kind: 'error';
      readonly version: TlsVersionName;
      readonly failure: SmtpFailure;
      readonly facts: SmtpFacts;
    });

/**
 * Families of suites an auditor calls weak; each is offered alone in its own connection. `static-rsa`:
 * RSA key exchange, no forward secrecy.
 */
export type WeakCipherFamily =
  | 'null'
  | 'anonymous'
  | 'export'
  | 'rc4'
  | 'des'
  | '3des'
  | 'cbc-tls1.0'
  | 'static-rsa';

export const weakCipherFamilyNames: readonly WeakCipherFamily[] = [
  'null',
  'anonymous',
  'export',
  'rc4',
  'des',
  '3des',
  'cbc-tls1.0',
  'static-rsa',
];

export type CipherFamilyOutcome =
  | {
      readonly kind: 'accepted';
      readonly family: WeakCipherFamily;
      readonly protocol: string;
      readonly cipher: NegotiatedCipher;
    }
  | { readonly kind: 'refused'; readonly family: WeakCipherFamily; readonly reason: string }
  | { readonly kind: 'untestable'; readonly family: WeakCipherFamily; readonly reason: string }
  | { readonly kind: 'error'; readonly family: WeakCipherFamily; readonly failure: SmtpFailure };

export interface CipherProbeOptions extends TlsProbeOptions {
  /** Default: every family. */
  readonly families?: readonly WeakCipherFamily[];
}

export interface CipherProbeResult {
  readonly target: SmtpTarget;
  readonly families: readonly CipherFamilyOutcome[];
  /** The suite a modern client gets by default, and whether it has forward secrecy. */
  readonly preferred?: { readonly protocol: string; readonly cipher: NegotiatedCipher };
  /** The transcripts of every connection, in order. */
  readonly transcripts: readonly Transcript[];
}

export interface RelayProbeRequest {
  /** A neutral outside sender (`<>` allowed as the empty string). */
  readonly mailFrom: string;
  /** Outside recipients, sent as given (percent-hack and source-route forms included). */
  readonly rcptTo: readonly string[];
  readonly limits?: Partial<SmtpLimits>;
  readonly signal?: AbortSignal;
}

export interface RecipientReply {
  readonly recipient: string;
  readonly reply: SmtpReply;
  /** 2xx: the server would take mail for this recipient from us. */
  readonly accepted: boolean;
}

/** The relay test never sends DATA: it always ends with RSET and QUIT. */
export type RelayProbeResult =
  | (ResultBase & {
      readonly kind: 'ok';
      readonly mailFrom: SmtpReply;
      /** Empty when MAIL FROM was refused (no RCPT is sent then). */
      readonly recipients: readonly RecipientReply[];
      readonly facts: SmtpFacts;
    })
  | (ResultBase & { readonly kind: 'error'; readonly failure: SmtpFailure; readonly facts: SmtpFacts });

/** What checks receive in CheckContext (`smtp`). Each call opens and closes its own connection. */
export interface SmtpProber {
  probe(target: SmtpTarget, options?: ProbeOptions): Promise<SmtpProbeResult>;
  /** One handshake pinned to exactly `version`, at OpenSSL security level 0 so we refuse nothing ourselves. */
  probeTlsVersion(
    target: SmtpTarget,
    version: TlsVersionName,
    options?: TlsProbeOptions,
  ): Promise<TlsVersionProbeResult>;
  /** Weak suite families, one connection each, plus the default negotiated suite. */
  probeCiphers(target: SmtpTarget, options?: CipherProbeOptions): Promise<CipherProbeResult>;
  relayProbe(target: SmtpTarget, request: RelayProbeRequest): Promise<RelayProbeResult>;
}
