// The pure half of the wire client: building a query packet and judging a response packet against the
// question it should answer. No sockets here, so the fuzz test can throw anything at it.

import * as dnsPacket from 'dns-packet';
import { type AuthoritySoa, type DecodedResponse, decodeResponse } from './decode.js';
import { isAtOrBelow } from './names.js';
import type { DnsAnswer, DnsErrorReason, DnsRecord, RecordType } from './types.js';

/** The EDNS0 payload size we advertise, and so the largest UDP response we accept. */
export const ednsPayloadSize = 4096;
/** Longer chains are a misconfiguration (resolvers give up around 8–16); we stop following there. */
export const maxAliasChain = 16;

export interface QuestionSpec {
  /** Normalised (see normalizeQueryName). */
  readonly name: string;
  readonly type: RecordType;
  readonly checkingDisabled: boolean;
  readonly dnssec: boolean;
}

/** QTYPE codes (RFC 1035 §3.2.2 and the RFCs defining each type); a Record so the compiler wants every type. */
const typeCodes: Readonly<Record<RecordType, number>> = {
  A: 1,
  NS: 2,
  CNAME: 5,
  SOA: 6,
  PTR: 12,
  MX: 15,
  TXT: 16,
  AAAA: 28,
  SRV: 33,
  DS: 43,
  DNSKEY: 48,
  TLSA: 52,
  SPF: 99,
  CAA: 257,
};

export function typeCode(type: RecordType): number {
  return typeCodes[type];
}

const flagRd = 0x0100;
const flagTc = 0x0200;
const flagAd = 0x0020;
const flagCd = 0x0010;
const flagDo = 0x8000;
const typeOpt = 41;
const classIn = 1;
/** Header (12) + QTYPE/QCLASS (4) + OPT with the root name and no options (11). */
const fixedQueryOctets = 27;

/**
 * Names the hand-written encoder writes: printable ASCII without backslash, not starting or ending
 * with a dot (names are normalised and checked before, see normalizeQueryName). Anything else (UTF-8, control characters) goes through
 * dns-packet, whose handling of such names is what the packets on the wire have always been.
 */
const plainName =
  /^(?:[\x21-\x2d\x2f-\x5b\x5d-\x7e](?:[\x21-\x5b\x5d-\x7e]*[\x21-\x2d\x2f-\x5b\x5d-\x7e])?)?$/;

/**
 * RD for recursion; AD in the query (RFC 6840 §5.7) so a validating resolver reports AD without us
 * having to ask for DNSSEC records; CD on request; EDNS0 with DO only when the client wants RRSIGs.
 * Written straight into a Buffer: a query is a fixed layout, and dns-packet's generic encoder cost
 * several per cent of a fleet's CPU. Byte for byte the packet encodeQueryGeneric builds (tested).
 */
export function encodeQuery(question: QuestionSpec, id: number): Buffer {
  const name = question.name;
  if (!plainName.test(name)) return encodeQueryGeneric(question, id);
  // One length octet per label replaces each dot, plus the first length and the terminating 0.
  const nameOctets = name === '' ? 1 : name.length + 2;
  const packet = Buffer.allocUnsafe(fixedQueryOctets + nameOctets);
  packet.writeUInt16BE(id, 0);
  packet.writeUInt16BE(flagRd | flagAd | (question.checkingDisabled ? flagCd : 0), 2);
  packet.writeUInt32BE(0x00010000, 4); // QDCOUNT 1, ANCOUNT 0
  packet.writeUInt32BE(0x00000001, 8); // NSCOUNT 0, ARCOUNT 1
  let offset = 12;
  if (name !== '') {
    // Each dot becomes the length octet of the label after it.
    let lengthAt = offset++;
    for (let index = 0; index < name.length; index++) {
      const code = name.charCodeAt(index);
      if (code === 0x2e) {
        packet[lengthAt] = offset - lengthAt - 1;
        lengthAt = offset;
      } else {
        packet[offset] = code;
      }
      offset++;
    }
    packet[lengthAt] = offset - lengthAt - 1;
  }
  packet[offset] = 0;
  packet.writeUInt16BE(typeCodes[question.type], offset + 1);
  packet.writeUInt16BE(classIn, offset + 3);
  // OPT (RFC 6891 §6.1.2): root owner, CLASS = UDP payload size, TTL = extended RCODE, version, flags.
  packet[offset + 5] = 0;
  packet.writeUInt16BE(typeOpt, offset + 6);
  packet.writeUInt16BE(ednsPayloadSize, offset + 8);
  packet.writeUInt16BE(0, offset + 10);
  packet.writeUInt16BE(question.dnssec ? flagDo : 0, offset + 12);
  packet.writeUInt16BE(0, offset + 14);
  return packet;
}

/** The same query through dns-packet's generic encoder: the reference, and the path for unusual names. */
export function encodeQueryGeneric(question: QuestionSpec, id: number): Buffer {
  const flags =
    dnsPacket.RECURSION_DESIRED |
    dnsPacket.AUTHENTIC_DATA |
    (question.checkingDisabled ? dnsPacket.CHECKING_DISABLED : 0);
  return dnsPacket.encode({
    type: 'query',
    id,
    flags,
    questions: [
      { name: question.name === '' ? '.' : question.name, type: question.type as 'A', class: 'IN' },
    ],
    additionals: [
      {
        type: 'OPT',
        name: '.',
        udpPayloadSize: ednsPayloadSize,
        extendedRcode: 0,
        ednsVersion: 0,
        flags: question.dnssec ? dnsPacket.DNSSEC_OK : 0,
        flag_do: question.dnssec,
        options: [],
      },
    ],
  });
}

export interface ExpectedResponse {
  readonly id: number;
  readonly name: string;
  readonly type: RecordType;
}

export type ResolvedAnswer = Exclude<DnsAnswer, { kind: 'error' }>;

/** What one received packet means for the query waiting on it. */
export type Interpretation =
  /** Not (validly) the answer to this query: over UDP keep waiting, it may be spoofed or stray. */
  | { readonly kind: 'ignore'; readonly why: string }
  /** TC set: ask again over TCP. */
  | { readonly kind: 'truncated' }
  /** ttlSeconds: how long the answer may be cached; undefined for a negative answer without SOA. */
  | { readonly kind: 'answer'; readonly answer: ResolvedAnswer; readonly ttlSeconds: number | undefined }
  /** The resolver answered, with a failure (SERVFAIL, REFUSED…) or with something unusable. */
  | { readonly kind: 'failure'; readonly reason: DnsErrorReason; readonly why: string };

const ignore = (why: string): Interpretation => ({ kind: 'ignore', why });
const failure = (reason: DnsErrorReason, why: string): Interpretation => ({ kind: 'failure', reason, why });

/** Packets from a socket are Buffers already; only other byte arrays need a Buffer view. */
const asBuffer = (bytes: Uint8Array): Buffer =>
  Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

const rcodeFailures: ReadonlyMap<number, DnsErrorReason> = new Map([
  [1, 'formerr'],
  [2, 'servfail'],
  [4, 'notimp'],
  [5, 'refused'],
]);
const rcodeNames: ReadonlyMap<number, string> = new Map([
  [1, 'FORMERR'],
  [2, 'SERVFAIL'],
  [4, 'NOTIMP'],
  [5, 'REFUSED'],
  [16, 'BADVERS'],
]);

export function rcodeName(rcode: number): string {
  return rcodeNames.get(rcode) ?? `RCODE ${rcode}`;
}

const typeNames: ReadonlyMap<number, RecordType> = new Map(
  Object.entries(typeCodes).map(([type, code]) => [code, type as RecordType]),
);

function questionMatches(packet: DecodedResponse, expected: ExpectedResponse): string | undefined {
  const count = packet.questionCount;
  if (count !== 1) return `${count} questions`;
  if (packet.questionName !== expected.name) return `question for another name (${packet.questionName})`;
  const type = packet.questionType;
  if (type !== typeCodes[expected.type])
    return `question for another type (${typeNames.get(type) ?? `TYPE${type}`})`;
  if (packet.questionClass !== classIn) return `question for another class (CLASS${packet.questionClass})`;
  return undefined;
}

interface Chain {
  readonly aliases: string[];
  readonly final: string;
  readonly cnameTtls: number[];
  readonly problem?: string;
}

/** Follows CNAMEs from the question name through the answer section, ignoring unrelated records. */
function followAliases(records: readonly DnsRecord[], expected: ExpectedResponse): Chain {
  const aliases: string[] = [];
  const cnameTtls: number[] = [];
  if (expected.type === 'CNAME') return { aliases, final: expected.name, cnameTtls };
  let current = expected.name;
  const seen = new Set([current]);
  for (;;) {
    const cname = records.find((record) => record.type === 'CNAME' && record.name === current);
    if (cname === undefined || cname.type !== 'CNAME') return { aliases, final: current, cnameTtls };
    if (seen.has(cname.target)) {
      return { aliases, final: current, cnameTtls, problem: `CNAME loop at ${cname.target}` };
    }
    if (aliases.length >= maxAliasChain) {
      return { aliases, final: current, cnameTtls, problem: `CNAME chain longer than ${maxAliasChain}` };
    }
    seen.add(cname.target);
    aliases.push(cname.target);
    cnameTtls.push(cname.ttl);
    current = cname.target;
  }
}

/** RFC 2308 §5: a negative answer lives min(SOA TTL, SOA MINIMUM) seconds. */
function negativeTtl(soas: readonly AuthoritySoa[], final: string): number | undefined {
  for (const soa of soas) {
    if (isAtOrBelow(final, soa.name)) return Math.min(soa.ttl, soa.minimum);
  }
  return undefined;
}

/**
 * Judges one response packet. Never throws: every byte sequence maps to an Interpretation.
 * Order matters: cheap identity checks first, so a flood of stray packets costs little.
 */
export function interpretResponse(bytes: Uint8Array, expected: ExpectedResponse): Interpretation {
  if (bytes.length < 12) return ignore(`short packet (${bytes.length} bytes)`);
  const id = ((bytes[0] ?? 0) << 8) | (bytes[1] ?? 0);
  if (id !== expected.id) return ignore(`wrong ID ${id}`);
  if (((bytes[2] ?? 0) & 0x80) === 0) return ignore('not a response (QR=0)');
  const packet = decodeResponse(asBuffer(bytes));
  if (packet === undefined) return ignore('undecodable packet');
  const opcode = ((bytes[2] ?? 0) >> 3) & 0x0f;
  if (opcode !== 0) return ignore(`opcode ${opcode}`);
  // The full RCODE: the header's 4 bits plus the OPT record's upper 8 bits (RFC 6891 §6.1.3).
  const rcode = (packet.extendedRcode << 4) | (packet.flags & 0x0f);
  const mismatch = questionMatches(packet, expected);
  // FORMERR/NOTIMP/REFUSED/SERVFAIL may come back without the question (RFC 1035 leaves it open).
  const questionless = packet.questionCount === 0 && rcode !== 0 && rcode !== 3;
  if (mismatch !== undefined && !questionless) return ignore(mismatch);
  if ((packet.flags & flagTc) !== 0) return { kind: 'truncated' };
  const reason = rcodeFailures.get(rcode);
  if (reason !== undefined) return failure(reason, rcodeName(rcode));
  if (rcode !== 0 && rcode !== 3) return failure('other', rcodeName(rcode));

  const records = packet.answers;
  const chain = followAliases(records, expected);
  if (chain.problem !== undefined) return failure('malformed', chain.problem);
  // Literals rather than a spread of a shared base: this runs for every response.
  const { name, type } = expected;
  const { aliases } = chain;
  const authenticated = (packet.flags & flagAd) !== 0;
  const matching = records.filter((record) => record.type === type && record.name === chain.final);
  if (rcode === 3) {
    const ttl = negativeTtl(packet.authoritySoas, chain.final);
    return {
      kind: 'answer',
      answer: { name, type, aliases, authenticated, kind: 'nxdomain' },
      ttlSeconds: ttl,
    };
  }
  if (matching.length === 0) {
    const ttl = negativeTtl(packet.authoritySoas, chain.final);
    return {
      kind: 'answer',
      answer: { name, type, aliases, authenticated, kind: 'nodata' },
      ttlSeconds: ttl,
    };
  }
  let ttlSeconds = Number.POSITIVE_INFINITY;
  for (const record of matching) ttlSeconds = Math.min(ttlSeconds, record.ttl);
  for (const ttl of chain.cnameTtls) ttlSeconds = Math.min(ttlSeconds, ttl);
  return {
    kind: 'answer',
    answer: { name, type, aliases, authenticated, kind: 'ok', records: matching },
    ttlSeconds,
  };
}
