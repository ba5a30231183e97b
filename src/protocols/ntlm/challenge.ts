// NTLM (MS-NLMP) messages as seen from outside: the NEGOTIATE message we send, the CHALLENGE message a
// server answers with (its internal names and Windows build), and a builder of challenges for lab servers.

/** NegotiateFlags bits used here (MS-NLMP 2.2.2.5). */
export const ntlmFlags = {
  negotiateUnicode: 0x0000_0001,
  negotiateOem: 0x0000_0002,
  requestTarget: 0x0000_0004,
  negotiateNtlm: 0x0000_0200,
  negotiateAlwaysSign: 0x0000_8000,
  targetTypeDomain: 0x0001_0000,
  targetTypeServer: 0x0002_0000,
  negotiateExtendedSessionSecurity: 0x0008_0000,
  negotiateTargetInfo: 0x0080_0000,
  negotiateVersion: 0x0200_0000,
  negotiate128: 0x2000_0000,
  negotiateKeyExchange: 0x4000_0000,
  negotiate56: 0x8000_0000,
} as const;

/** AvId values of the target information list (MS-NLMP 2.2.2.1). */
export const avIds = {
  eol: 0,
  nbComputerName: 1,
  nbDomainName: 2,
  dnsComputerName: 3,
  dnsDomainName: 4,
  dnsTreeName: 5,
  flags: 6,
  timestamp: 7,
  singleHost: 8,
  targetName: 9,
  channelBindings: 10,
} as const;

const signature = [0x4e, 0x54, 0x4c, 0x4d, 0x53, 0x53, 0x50, 0x00]; // "NTLMSSP\0"
/** A challenge message is small; anything larger is not one we want to read. */
export const maxNtlmMessageBytes = 4096;
/** An AV pair list longer than this is hostile, not informative. */
const maxAvPairs = 64;

export interface NtlmOsVersion {
  readonly major: number;
  readonly minor: number;
  readonly build: number;
  /** NTLMRevisionCurrent (15 for NTLMv2-era Windows). */
  readonly ntlmRevision: number;
}

/** The target information AV pairs, decoded; unknown or repeated pairs kept raw in `pairs`. */
export interface NtlmTargetInfo {
  readonly nbComputerName?: string;
  readonly nbDomainName?: string;
  readonly dnsComputerName?: string;
  readonly dnsDomainName?: string;
  /** The AD forest (MsvAvDnsTreeName). */
  readonly dnsTreeName?: string;
  /** MsvAvTimestamp as an ISO date: the server's clock, for skew. */
  readonly timestamp?: string;
  readonly pairs: readonly { readonly id: number; readonly length: number }[];
}

export interface NtlmChallenge {
  readonly flags: number;
  /** Names of the flags set, for evidence. */
  readonly flagNames: readonly string[];
  readonly targetName: string;
  /** Hex of the 8-byte server challenge. */
  readonly serverChallenge: string;
  readonly targetInfo?: NtlmTargetInfo;
  readonly version?: NtlmOsVersion;
}

export type NtlmDecodeResult =
  | { readonly kind: 'challenge'; readonly challenge: NtlmChallenge }
  | { readonly kind: 'invalid'; readonly reason: string };

class Invalid extends Error {}

function u16(bytes: Uint8Array, offset: number): number {
  if (offset + 2 > bytes.length) throw new Invalid(`field at ${offset} runs past the end`);
  return (bytes[offset] ?? 0) | ((bytes[offset + 1] ?? 0) << 8);
}

function u32(bytes: Uint8Array, offset: number): number {
  return (u16(bytes, offset) + u16(bytes, offset + 2) * 0x10000) >>> 0;
}

/** A (length, maxLength, offset) security buffer descriptor, resolved to its bytes. */
function securityBuffer(bytes: Uint8Array, at: number, what: string): Uint8Array {
  const length = u16(bytes, at);
  const offset = u32(bytes, at + 4);
  if (length === 0) return new Uint8Array(0);
  if (offset + length > bytes.length)
    throw new Invalid(`${what} (offset ${offset}, ${length} bytes) runs past the end`);
  return bytes.subarray(offset, offset + length);
}

function utf16le(bytes: Uint8Array): string {
  let text = '';
  for (let index = 0; index + 1 < bytes.length; index += 2)
    text += String.fromCharCode((bytes[index] ?? 0) | ((bytes[index + 1] ?? 0) << 8));
  return text;
}

/** OEM strings are in the server's code page; ASCII is all we can honestly read. */
function oem(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => (byte < 0x80 ? String.fromCharCode(byte) : '?')).join('');
}

/** FILETIME (100 ns since 1601-01-01) → ISO string, or undefined when out of range. */
function fileTime(bytes: Uint8Array): string | undefined {
  if (bytes.length !== 8) return undefined;
  const low = BigInt(u32(bytes, 0));
  const high = BigInt(u32(bytes, 4));
  const ticks = (high << 32n) | low;
  const ms = Number(ticks / 10_000n - 11_644_473_600_000n);
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

type MutableTargetInfo = { -readonly [K in keyof NtlmTargetInfo]: NtlmTargetInfo[K] };

function decodeTargetInfo(bytes: Uint8Array): NtlmTargetInfo {
  const info: MutableTargetInfo = { pairs: [] };
  const pairs: { id: number; length: number }[] = [];
  let offset = 0;
  while (offset + 4 <= bytes.length) {
    const id = u16(bytes, offset);
    const length = u16(bytes, offset + 2);
    offset += 4;
    if (id === avIds.eol) break;
    if (offset + length > bytes.length)
      throw new Invalid(`AV pair ${id} (${length} bytes) runs past the end`);
    if (pairs.length >= maxAvPairs) throw new Invalid(`more than ${maxAvPairs} AV pairs`);
    const value = bytes.subarray(offset, offset + length);
    offset += length;
    pairs.push({ id, length });
    switch (id) {
      case avIds.nbComputerName:
        info.nbComputerName ??= utf16le(value);
        break;
      case avIds.nbDomainName:
        info.nbDomainName ??= utf16le(value);
        break;
      case avIds.dnsComputerName:
        info.dnsComputerName ??= utf16le(value);
        break;
      case avIds.dnsDomainName:
        info.dnsDomainName ??= utf16le(value);
        break;
      case avIds.dnsTreeName:
        info.dnsTreeName ??= utf16le(value);
        break;
      case avIds.timestamp: {
        const when = fileTime(value);
        if (when !== undefined) info.timestamp ??= when;
        break;
      }
      default:
        break;
    }
  }
  info.pairs = pairs;
  return info;
}

function flagNames(flags: number): string[] {
  return Object.entries(ntlmFlags).flatMap(([name, bit]) => ((flags & bit) >>> 0 === bit ? [name] : []));
}

function decodeOrThrow(bytes: Uint8Array): NtlmChallenge {
  if (bytes.length > maxNtlmMessageBytes) throw new Invalid(`larger than ${maxNtlmMessageBytes} bytes`);
  if (bytes.length < 32) throw new Invalid(`too short for a CHALLENGE message (${bytes.length} bytes)`);
  if (!signature.every((byte, index) => bytes[index] === byte)) throw new Invalid('no NTLMSSP signature');
  const type = u32(bytes, 8);
  if (type !== 2) throw new Invalid(`message type ${type}, expected 2 (CHALLENGE)`);
  const flags = u32(bytes, 20);
  const unicode = (flags & ntlmFlags.negotiateUnicode) !== 0;
  const nameBytes = securityBuffer(bytes, 12, 'target name');
  // Version 1 of the message (before NT 4 SP?) ends after the challenge; target info needs 48 bytes.
  const hasTargetInfoField = bytes.length >= 48 && (flags & ntlmFlags.negotiateTargetInfo) !== 0;
  const targetInfo = hasTargetInfoField
    ? decodeTargetInfo(securityBuffer(bytes, 40, 'target info'))
    : undefined;
  const hasVersion = (flags & ntlmFlags.negotiateVersion) !== 0 && bytes.length >= 56;
  const version: NtlmOsVersion | undefined = hasVersion
    ? {
        major: bytes[48] ?? 0,
        minor: bytes[49] ?? 0,
        build: u16(bytes, 50),
        ntlmRevision: bytes[55] ?? 0,
      }
    : undefined;
  return {
    flags,
    flagNames: flagNames(flags),
    targetName: unicode ? utf16le(nameBytes) : oem(nameBytes),
    serverChallenge: hex(bytes.subarray(24, 32)),
    ...(targetInfo === undefined ? {} : { targetInfo }),
    ...(version === undefined ? {} : { version }),
  };
}

/** Decodes a CHALLENGE (type 2) message; never throws, whatever the bytes. */
export function decodeNtlmChallenge(bytes: Uint8Array): NtlmDecodeResult {
  try {
    return { kind: 'challenge', challenge: decodeOrThrow(bytes) };
  } catch (error) {
    if (error instanceof Invalid) return { kind: 'invalid', reason: error.message };
    return {
      kind: 'invalid',
      reason: `unreadable: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}

/** Strict base64 (standard alphabet, padding optional); undefined when it is not base64 or too long. */
export function decodeBase64Token(text: string, maxBytes = maxNtlmMessageBytes): Uint8Array | undefined {
  const token = text.trim();
  if (token.length === 0 || token.length > Math.ceil((maxBytes * 4) / 3) + 4) return undefined;
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(token) || token.length % 4 === 1) return undefined;
  return new Uint8Array(Buffer.from(token, 'base64'));
}

/**
 * The NTLM token of a `WWW-Authenticate` value (several challenges may be joined with ", ", e.g.
 * `Negotiate, NTLM TlRMTVNT…`), decoded; undefined when there is no NTLM token with data.
 */
export function ntlmTokenFromHeader(value: string | undefined): Uint8Array | undefined {
  if (value === undefined) return undefined;
  for (const part of value.split(',')) {
    const match = /^\s*NTLM\s+(\S+)\s*$/i.exec(part);
    if (match?.[1] !== undefined) return decodeBase64Token(match[1]);
  }
  return undefined;
}

/** Flags of the NEGOTIATE message we send: what an ordinary Windows client asks for. */
export const negotiateFlags =
  (ntlmFlags.negotiateUnicode |
    ntlmFlags.negotiateOem |
    ntlmFlags.requestTarget |
    ntlmFlags.negotiateNtlm |
    ntlmFlags.negotiateAlwaysSign |
    ntlmFlags.negotiateExtendedSessionSecurity |
    ntlmFlags.negotiateVersion |
    ntlmFlags.negotiate128 |
    ntlmFlags.negotiate56) >>>
  0;

function writeU16(out: Uint8Array, offset: number, value: number): void {
  out[offset] = value & 0xff;
  out[offset + 1] = (value >>> 8) & 0xff;
}

function writeU32(out: Uint8Array, offset: number, value: number): void {
  writeU16(out, offset, value & 0xffff);
  writeU16(out, offset + 2, (value >>> 16) & 0xffff);
}

/**
 * A NEGOTIATE (type 1) message with no domain or workstation supplied, so it reveals nothing about us;
 * the VERSION flag is set because servers then include their own version in the challenge.
 */
export function encodeNtlmNegotiate(): Uint8Array {
  const out = new Uint8Array(40);
  out.set(signature, 0);
  writeU32(out, 8, 1);
  writeU32(out, 12, negotiateFlags);
  // Domain and workstation security buffers (16..31) stay empty; offsets point at the end.
  writeU32(out, 20, 40);
  writeU32(out, 28, 40);
  // Version: 10.0 build 0, NTLMRevisionCurrent 15.
  out[32] = 10;
  out[33] = 0;
  out[39] = 15;
  return out;
}

/** `NTLM <base64 type 1>`, the Authorization header value that asks a server for its challenge. */
export function ntlmNegotiateHeader(): string {
  return `NTLM ${Buffer.from(encodeNtlmNegotiate()).toString('base64')}`;
}

/** Whether bytes are a NEGOTIATE (type 1) message: what lab servers answer with a challenge. */
export function isNtlmNegotiate(bytes: Uint8Array): boolean {
  return bytes.length >= 16 && signature.every((byte, index) => bytes[index] === byte) && u32(bytes, 8) === 1;
}

export interface NtlmChallengeFields {
  readonly targetName: string;
  readonly nbComputerName?: string;
  readonly nbDomainName?: string;
  readonly dnsComputerName?: string;
  readonly dnsDomainName?: string;
  readonly dnsTreeName?: string;
  readonly timestamp?: Date;
  readonly version?: { readonly major: number; readonly minor: number; readonly build: number };
  /** 8 bytes; zeros by default (lab servers need no real challenge). */
  readonly serverChallenge?: Uint8Array;
  /** Replaces the flags the builder would choose. */
  readonly flags?: number;
}

function utf16leBytes(text: string): Uint8Array {
  const out = new Uint8Array(text.length * 2);
  for (let index = 0; index < text.length; index += 1) writeU16(out, index * 2, text.charCodeAt(index));
  return out;
}

function avPair(id: number, value: Uint8Array): Uint8Array {
  const out = new Uint8Array(4 + value.length);
  writeU16(out, 0, id);
  writeU16(out, 2, value.length);
  out.set(value, 4);
  return out;
}

function fileTimeBytes(date: Date): Uint8Array {
  const ticks = (BigInt(date.getTime()) + 11_644_473_600_000n) * 10_000n;
  const out = new Uint8Array(8);
  writeU32(out, 0, Number(ticks & 0xffff_ffffn));
  writeU32(out, 4, Number(ticks >> 32n));
  return out;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((total, part) => total + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/**
 * A CHALLENGE (type 2) message laid out as Windows servers send it: fixed header, VERSION, then the
 * target name and the AV pair list (ending with MsvAvEOL) in the payload, Unicode strings.
 */
export function buildNtlmChallenge(fields: NtlmChallengeFields): Uint8Array {
  const strings: [number, string | undefined][] = [
    [avIds.nbDomainName, fields.nbDomainName],
    [avIds.nbComputerName, fields.nbComputerName],
    [avIds.dnsDomainName, fields.dnsDomainName],
    [avIds.dnsComputerName, fields.dnsComputerName],
    [avIds.dnsTreeName, fields.dnsTreeName],
  ];
  const info = concat([
    ...strings.flatMap(([id, value]) => (value === undefined ? [] : [avPair(id, utf16leBytes(value))])),
    ...(fields.timestamp === undefined ? [] : [avPair(avIds.timestamp, fileTimeBytes(fields.timestamp))]),
    avPair(avIds.eol, new Uint8Array(0)),
  ]);
  const name = utf16leBytes(fields.targetName);
  const flags =
    fields.flags ??
    (ntlmFlags.negotiateUnicode |
      ntlmFlags.requestTarget |
      ntlmFlags.negotiateNtlm |
      ntlmFlags.negotiateAlwaysSign |
      ntlmFlags.targetTypeDomain |
      ntlmFlags.negotiateExtendedSessionSecurity |
      ntlmFlags.negotiateTargetInfo |
      (fields.version === undefined ? 0 : ntlmFlags.negotiateVersion) |
      ntlmFlags.negotiate128 |
      ntlmFlags.negotiate56) >>>
      0;
  const header = new Uint8Array(56);
  header.set(signature, 0);
  writeU32(header, 8, 2);
  writeU16(header, 12, name.length);
  writeU16(header, 14, name.length);
  writeU32(header, 16, 56);
  writeU32(header, 20, flags);
  header.set((fields.serverChallenge ?? new Uint8Array(8)).subarray(0, 8), 24);
  writeU16(header, 40, info.length);
  writeU16(header, 42, info.length);
  writeU32(header, 44, 56 + name.length);
  if (fields.version !== undefined) {
    header[48] = fields.version.major;
    header[49] = fields.version.minor;
    writeU16(header, 50, fields.version.build);
    header[55] = 15;
  }
  return concat([header, name, info]);
}
