// Proves the hand-written response decoder: interpretResponse against the dns-packet-based version
// it replaced (kept below as the reference), on generated packets and on mutations of them.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Answer, DecodedPacket, Packet } from 'dns-packet';
import dnsPacket from 'dns-packet';
import fc from 'fast-check';
import { decodeResponse } from './decode.js';
import { isAtOrBelow, normalizeWireName } from './names.js';
import { fromPacketAnswer, toPacketAnswer } from './records.js';
import type { DnsRecord, RecordType } from './types.js';
import { recordTypes } from './types.js';
import {
  type ExpectedResponse,
  type Interpretation,
  interpretResponse,
  maxAliasChain,
  rcodeName,
} from './wire.js';

// ---------------------------------------------------------------------------------------------------
// The reference: interpretResponse as it was with dns-packet's decoder (commit 92ac656), verbatim in
// behaviour. Used only here.

const referenceRcodeFailures: ReadonlyMap<number, string> = new Map([
  [1, 'formerr'],
  [2, 'servfail'],
  [4, 'notimp'],
  [5, 'refused'],
]);

function referenceInterpret(bytes: Uint8Array, expected: ExpectedResponse): Interpretation {
  const ignore = (why: string): Interpretation => ({ kind: 'ignore', why });
  if (bytes.length < 12) return ignore('short');
  const id = ((bytes[0] ?? 0) << 8) | (bytes[1] ?? 0);
  if (id !== expected.id) return ignore('id');
  if (((bytes[2] ?? 0) & 0x80) === 0) return ignore('qr');
  let packet: DecodedPacket;
  try {
    packet = dnsPacket.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch {
    return ignore('undecodable packet');
  }
  const opcode = ((bytes[2] ?? 0) >> 3) & 0x0f;
  if (opcode !== 0) return ignore('opcode');
  const low = (bytes[3] ?? 0) & 0x0f;
  const opt = (packet.additionals ?? []).find((record) => record.type === 'OPT');
  const high = opt !== undefined && 'extendedRcode' in opt ? opt.extendedRcode : 0;
  const rcode = (high << 4) | low;
  const questions = packet.questions ?? [];
  let mismatch: string | undefined;
  if (questions.length !== 1) mismatch = 'count';
  else {
    const [question] = questions;
    if (question === undefined) mismatch = 'none';
    else if (normalizeWireName(question.name) !== expected.name) mismatch = 'name';
    else if (question.type !== expected.type) mismatch = 'type';
    else if ((question.class ?? 'IN') !== 'IN') mismatch = 'class';
  }
  const questionless = questions.length === 0 && rcode !== 0 && rcode !== 3;
  if (mismatch !== undefined && !questionless) return ignore(mismatch);
  if (packet.flag_tc) return { kind: 'truncated' };
  const reason = referenceRcodeFailures.get(rcode);
  if (reason !== undefined) return { kind: 'failure', reason: reason as 'servfail', why: rcodeName(rcode) };
  if (rcode !== 0 && rcode !== 3) return { kind: 'failure', reason: 'other', why: rcodeName(rcode) };

  const records: DnsRecord[] = [];
  for (const answer of packet.answers ?? []) {
    if (answer.type === 'OPT' || (answer.class ?? 'IN') !== 'IN') continue;
    const record = fromPacketAnswer(answer);
    if (record !== undefined) records.push(record);
  }
  const aliases: string[] = [];
  const cnameTtls: number[] = [];
  let final = expected.name;
  if (expected.type !== 'CNAME') {
    const seen = new Set([final]);
    for (;;) {
      const cname = records.find((record) => record.type === 'CNAME' && record.name === final);
      if (cname === undefined || cname.type !== 'CNAME') break;
      if (seen.has(cname.target))
        return { kind: 'failure', reason: 'malformed', why: `CNAME loop at ${cname.target}` };
      if (aliases.length >= maxAliasChain)
        return { kind: 'failure', reason: 'malformed', why: `CNAME chain longer than ${maxAliasChain}` };
      seen.add(cname.target);
      aliases.push(cname.target);
      cnameTtls.push(cname.ttl);
      final = cname.target;
    }
  }
  const negativeTtl = (): number | undefined => {
    for (const authority of packet.authorities ?? []) {
      if (authority.type !== 'SOA' || (authority.class ?? 'IN') !== 'IN') continue;
      const record = fromPacketAnswer(authority);
      if (record?.type === 'SOA' && isAtOrBelow(final, record.name))
        return Math.min(record.ttl, record.minimum);
    }
    return undefined;
  };
  const { name, type } = expected;
  const authenticated = packet.flag_ad;
  const matching = records.filter((record) => record.type === type && record.name === final);
  if (rcode === 3) {
    return {
      kind: 'answer',
      answer: { name, type, aliases, authenticated, kind: 'nxdomain' },
      ttlSeconds: negativeTtl(),
    };
  }
  if (matching.length === 0) {
    return {
      kind: 'answer',
      answer: { name, type, aliases, authenticated, kind: 'nodata' },
      ttlSeconds: negativeTtl(),
    };
  }
  let ttlSeconds = Number.POSITIVE_INFINITY;
  for (const record of matching) ttlSeconds = Math.min(ttlSeconds, record.ttl);
  for (const ttl of cnameTtls) ttlSeconds = Math.min(ttlSeconds, ttl);
  return {
    kind: 'answer',
    answer: { name, type, aliases, authenticated, kind: 'ok', records: matching },
    ttlSeconds,
  };
}

// ---------------------------------------------------------------------------------------------------
// Where dns-packet and RFC 1035 frame a packet alike. dns-packet advanced past many record types by
// what it parsed rather than by RDLENGTH, read fixed fields and names beyond RDATA (into the next
// record, or past the packet end as `undefined`), and clamped opaque data at the packet end. Those
// packets are the one documented difference (the decoder follows RDLENGTH and refuses such records);
// on every other packet the two must agree exactly.

interface Codec<T> {
  decode(buffer: Buffer, offset: number): T;
}
type Decoded<T> =
  | { readonly threw: true }
  | { readonly threw: false; readonly value: T; readonly bytes: number };
const codecs = dnsPacket as unknown as {
  answer: Codec<Answer> & { decode: { bytes: number } };
  question: Codec<unknown> & { decode: { bytes: number } };
  name: Codec<string> & { decode: { bytes: number } };
};

function attempt<T>(
  codec: Codec<T> & { decode: { bytes: number } },
  buffer: Buffer,
  offset: number,
): Decoded<T> {
  try {
    const value = codec.decode(buffer, offset);
    return { threw: false, value, bytes: codec.decode.bytes };
  } catch {
    return { threw: true };
  }
}

const fillers = [0x00, 0xff, 0x03, 0xc0].map((value) => Buffer.alloc(300, value));

/** True when dns-packet reads each record exactly within its RDLENGTH framing (or both refuse it). */
function framedAlike(bytes: Buffer): boolean {
  if (bytes.length < 12) return true;
  const rejects = (): boolean => {
    try {
      dnsPacket.decode(bytes);
      return false;
    } catch {
      return true;
    }
  };
  let offset = 12;
  for (let index = 0; index < bytes.readUInt16BE(4); index++) {
    const question = attempt(codecs.question, bytes, offset);
    if (question.threw) return true;
    offset += question.bytes;
  }
  const records = bytes.readUInt16BE(6) + bytes.readUInt16BE(8) + bytes.readUInt16BE(10);
  for (let index = 0; index < records; index++) {
    const owner = attempt(codecs.name, bytes, offset);
    if (owner.threw) return true;
    const fixed = offset + owner.bytes;
    if (fixed + 10 > bytes.length) return rejects();
    const end = fixed + 10 + bytes.readUInt16BE(fixed + 8);
    if (end > bytes.length) return rejects();
    const prefix = bytes.subarray(0, end);
    const variants = [bytes, ...fillers.map((filler) => Buffer.concat([prefix, filler]))].map((buffer) =>
      attempt(codecs.answer, buffer, offset),
    );
    if (variants.every((variant) => variant.threw)) return true;
    const [first] = variants;
    for (const variant of variants) {
      if (variant.threw || first === undefined || first.threw) return false;
      if (variant.bytes !== end - offset) return false;
      try {
        assert.deepStrictEqual(variant.value, first.value);
      } catch {
        return false;
      }
    }
    offset = end;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------------
// Packets as a resolver sends them: dns-packet's encoder, then names compressed (dns-packet never
// compresses, every real server does).

const typeOf = (code: number): number => code;
/** RDATA of these types ends with a name (after `prefix` octets), which servers compress. */
const nameAtEnd: ReadonlyMap<number, number> = new Map([
  [typeOf(2), 0],
  [typeOf(5), 0],
  [typeOf(12), 0],
  [typeOf(15), 2],
  [typeOf(33), 6],
]);

/** Rewrites an uncompressed packet with every name (owners and the RDATA names above, SOA's) compressed. */
function compress(packet: Buffer): Buffer {
  const out: number[] = [];
  const seen = new Map<string, number>();
  let offset = 0;
  const copy = (length: number): void => {
    for (let index = 0; index < length; index++) out.push(packet[offset + index] ?? 0);
    offset += length;
  };
  const name = (): void => {
    const labels: Buffer[] = [];
    for (;;) {
      const length = packet[offset] ?? 0;
      offset += 1;
      if (length === 0) break;
      labels.push(packet.subarray(offset, offset + length));
      offset += length;
    }
    for (let index = 0; index < labels.length; index++) {
      const key = labels
        .slice(index)
        .map((label) => label.toString('hex'))
        .join('.');
      const at = seen.get(key);
      if (at !== undefined) {
        out.push(0xc0 | (at >> 8), at & 0xff);
        return;
      }
      if (out.length < 0x3fff) seen.set(key, out.length);
      const label = labels[index] ?? Buffer.alloc(0);
      out.push(label.length, ...label);
    }
    out.push(0);
  };
  copy(12);
  for (let index = 0; index < packet.readUInt16BE(4); index++) {
    name();
    copy(4);
  }
  const records = packet.readUInt16BE(6) + packet.readUInt16BE(8) + packet.readUInt16BE(10);
  for (let index = 0; index < records; index++) {
    name();
    const type = packet.readUInt16BE(offset);
    const rdlength = packet.readUInt16BE(offset + 8);
    copy(8);
    const lengthAt = out.length;
    offset += 2;
    out.push(0, 0);
    const start = offset;
    const prefix = nameAtEnd.get(type);
    if (prefix !== undefined) {
      copy(prefix);
      name();
    } else if (type === 6) {
      name();
      name();
      copy(20);
    } else {
      copy(rdlength);
    }
    assert.equal(offset, start + rdlength);
    const written = out.length - lengthAt - 2;
    out[lengthAt] = written >> 8;
    out[lengthAt + 1] = written & 0xff;
  }
  return Buffer.from(out);
}

const labelArb = fc.oneof(
  fc.constantFrom('example', 'com', 'net', 'mx1', 'Mail', '_dmarc', '_domainkey', 'bücher', 'xn--bcher-kva'),
  fc.stringMatching(/^[a-zA-Z0-9_-]{1,12}$/),
);
const nameArb = fc.array(labelArb, { minLength: 1, maxLength: 4 }).map((labels) => labels.join('.'));
const ownerPool = [
  'example.com',
  'mail.example.net',
  'alias.example.org',
  'Example.COM',
  'com',
  'example.net',
];
const ownerArb = fc.oneof(fc.constantFrom(...ownerPool), nameArb);
const targetArb = fc.oneof(fc.constantFrom(...ownerPool, ''), nameArb);
const u8 = fc.integer({ min: 0, max: 0xff });
const u16 = fc.integer({ min: 0, max: 0xffff });
const u32 = fc.integer({ min: 0, max: 0xffffffff });
const stringsArb = fc.array(
  fc.oneof(fc.string({ maxLength: 30 }), fc.string({ unit: 'grapheme', maxLength: 20 })),
  {
    maxLength: 3,
  },
);
const bytesArb = fc.uint8Array({ maxLength: 40 });
const ipv6Arb = fc.oneof(
  fc.ipV6(),
  fc
    .array(fc.constantFrom(0, 0, 0, 1, 0xabc, 0xffff), { minLength: 8, maxLength: 8 })
    .map((groups) => groups.map((group) => group.toString(16)).join(':')),
);

/** Any DnsRecord of any type we model, through toPacketAnswer: what the client must turn back into it. */
function recordArb(type: RecordType): fc.Arbitrary<DnsRecord> {
  const base = { name: ownerArb, ttl: u32 };
  switch (type) {
    case 'A':
      return fc.record({ ...base, type: fc.constant(type), address: fc.ipV4() });
    case 'AAAA':
      return fc.record({ ...base, type: fc.constant(type), address: ipv6Arb });
    case 'CNAME':
    case 'NS':
    case 'PTR':
      return fc.record({ ...base, type: fc.constant(type), target: targetArb });
    case 'MX':
      return fc.record({ ...base, type: fc.constant(type), preference: u16, exchange: targetArb });
    case 'SOA':
      return fc.record({
        ...base,
        type: fc.constant(type),
        mname: targetArb,
        rname: fc.oneof(targetArb, fc.constant('john\\.doe.example.com')),
        serial: u32,
        refresh: u32,
        retry: u32,
        expire: u32,
        minimum: u32,
      });
    case 'TXT':
    case 'SPF':
      return fc.record({ ...base, type: fc.constant(type), strings: stringsArb });
    case 'SRV':
      return fc.record({
        ...base,
        type: fc.constant(type),
        priority: u16,
        weight: u16,
        port: u16,
        target: targetArb,
      });
    case 'CAA':
      return fc.record({
        ...base,
        type: fc.constant(type),
        flags: u8,
        tag: fc.constantFrom('issue', 'issuewild', 'iodef', 'Tag'),
        value: fc.string({ maxLength: 30 }),
      });
    case 'TLSA':
      return fc.record({
        ...base,
        type: fc.constant(type),
        usage: u8,
        selector: u8,
        matchingType: u8,
        data: bytesArb,
      });
    case 'DS':
      return fc.record({
        ...base,
        type: fc.constant(type),
        keyTag: u16,
        algorithm: u8,
        digestType: u8,
        digest: bytesArb,
      });
    case 'DNSKEY':
      return fc.record({
        ...base,
        type: fc.constant(type),
        flags: u16,
        protocol: fc.constant(3),
        algorithm: u8,
        key: bytesArb,
      });
  }
}

const anyRecordArb = fc.constantFrom(...recordTypes).chain(recordArb);
/** Records dns-packet knows and we skip: what DNSSEC-signed and referral answers carry beside ours. */
const otherAnswerArb: fc.Arbitrary<Answer> = fc.oneof(
  fc.record({
    type: fc.constant('RRSIG' as const),
    name: ownerArb,
    ttl: u32,
    data: fc.record({
      typeCovered: fc.constantFrom('A', 'MX', 'TXT'),
      algorithm: u8,
      labels: u8,
      originalTTL: u32,
      expiration: u32,
      inception: u32,
      keyTag: u16,
      signersName: targetArb.map((name) => name || '.'),
      signature: bytesArb.map((bytes) => Buffer.from(bytes)),
    }),
  }),
  fc.record({
    type: fc.constant('NSEC' as const),
    name: ownerArb,
    ttl: u32,
    data: fc.record({
      nextDomain: targetArb.map((name) => name || '.'),
      rrtypes: fc.subarray(['A', 'MX', 'TXT', 'RRSIG', 'NSEC', 'CAA']),
    }),
  }),
  fc.record({
    type: fc.constant('HINFO' as const),
    name: ownerArb,
    ttl: u32,
    data: fc.record({ cpu: fc.string(), os: fc.string() }),
  }),
  fc.record({
    type: fc.constant('UNKNOWN_65280' as 'NULL'),
    name: ownerArb,
    ttl: u32,
    data: bytesArb.map((bytes) => Buffer.from(bytes)),
  }),
) as fc.Arbitrary<Answer>;
const optArb: fc.Arbitrary<Answer> = fc.record({
  type: fc.constant('OPT' as const),
  name: fc.constant('.'),
  udpPayloadSize: u16,
  extendedRcode: fc.constantFrom(0, 0, 1, 2),
  ednsVersion: fc.constant(0),
  flags: fc.constantFrom(0, 0x8000),
  options: fc.array(
    fc.record({ code: fc.constantFrom(10, 12, 65001), data: bytesArb.map((bytes) => Buffer.from(bytes)) }),
    {
      maxLength: 2,
    },
  ),
}) as fc.Arbitrary<Answer>;

interface Case {
  readonly bytes: Buffer;
  readonly expected: ExpectedResponse;
}

const caseArb: fc.Arbitrary<Case> = fc
  .record({
    id: u16,
    type: fc.constantFrom(...recordTypes),
    name: fc.oneof(fc.constantFrom('example.com', 'mail.example.net'), nameArb),
    qnameCase: fc.boolean(),
    questions: fc.constantFrom(1, 1, 1, 1, 1, 1, 1, 1, 0, 2),
    wrongQuestion: fc.constantFrom(false, false, false, false, false, false, false, false, 'type', 'class'),
    rcode: fc.constantFrom(0, 0, 0, 0, 3, 3, 1, 2, 4, 5, 9),
    flags: fc.integer({ min: 0, max: 0x7fff }),
    truncated: fc.constantFrom(false, false, false, false, false, true),
    answers: fc.array(fc.oneof({ weight: 4, arbitrary: anyRecordArb.map(toPacketAnswer) }, otherAnswerArb), {
      maxLength: 6,
    }),
    matching: fc.array(fc.constantFrom(...recordTypes), { maxLength: 3 }),
    authorities: fc.array(
      fc.oneof(recordArb('SOA').map(toPacketAnswer), recordArb('NS').map(toPacketAnswer), otherAnswerArb),
      { maxLength: 3 },
    ),
    additionals: fc.array(fc.oneof(optArb, recordArb('A').map(toPacketAnswer), otherAnswerArb), {
      maxLength: 3,
    }),
    classes: fc.array(fc.constantFrom(1, 1, 1, 3, 0x8001), { maxLength: 12 }),
    compressed: fc.boolean(),
  })
  .chain((spec) =>
    // Records of the asked type at the asked name, so that answers are found and not only ignored.
    fc.tuple(fc.constant(spec), fc.array(recordArb(spec.type), { minLength: 0, maxLength: 3 })),
  )
  .map(([spec, own]) => {
    const name = normalizeWireName(spec.name);
    const qname = spec.qnameCase ? spec.name.toUpperCase() : spec.name;
    // dns-packet's types lack SPF (it encodes any known type name); hence the cast.
    const question = {
      name: qname,
      type: (spec.wrongQuestion === 'type' ? (spec.type === 'A' ? 'MX' : 'A') : spec.type) as 'A',
      class: spec.wrongQuestion === 'class' ? ('CH' as const) : ('IN' as const),
    };
    const ownAnswers = own.map((record) => toPacketAnswer({ ...record, name: qname }));
    const packet: Packet = {
      type: 'response',
      id: spec.id,
      flags: (spec.flags & ~0x7a0f) | (spec.truncated ? 0x0200 : 0) | spec.rcode,
      questions: Array.from({ length: spec.questions }, () => question),
      answers: [...ownAnswers, ...spec.answers],
      authorities: spec.authorities,
      additionals: spec.additionals,
    };
    let bytes = dnsPacket.encode(packet);
    // Classes other than IN (and the mDNS cache-flush bit) on some records: patched after encoding.
    bytes = setClasses(bytes, spec.classes);
    if (spec.compressed) bytes = compress(bytes);
    return { bytes, expected: { id: spec.id, name, type: spec.type } };
  });

/** Sets the CLASS of the first records (not OPT) to the given values, walking with dns-packet's codecs. */
function setClasses(packet: Buffer, classes: readonly number[]): Buffer {
  const bytes = Buffer.from(packet);
  let offset = 12;
  for (let index = 0; index < bytes.readUInt16BE(4); index++) {
    codecs.question.decode(bytes, offset);
    offset += codecs.question.decode.bytes;
  }
  const records = bytes.readUInt16BE(6) + bytes.readUInt16BE(8) + bytes.readUInt16BE(10);
  for (let index = 0; index < records; index++) {
    const record = codecs.answer.decode(bytes, offset);
    const length = codecs.answer.decode.bytes;
    codecs.name.decode(bytes, offset);
    const fixed = offset + codecs.name.decode.bytes;
    const klass = classes[index];
    if (record.type !== 'OPT' && klass !== undefined) bytes.writeUInt16BE(klass, fixed + 2);
    offset += length;
  }
  return bytes;
}

/** null four times in five. */
const rarely = <T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T | null> =>
  fc.oneof({ weight: 4, arbitrary: fc.constant(null) }, { weight: 1, arbitrary });

const mutationArb = fc.record({
  edits: fc.array(fc.tuple(fc.nat(), fc.oneof(u8, fc.constantFrom(0, 0xc0, 0xc0, 0x3f, 0x40, 1, 2, 3, 12))), {
    minLength: 1,
    maxLength: 3,
  }),
  cut: rarely(fc.nat()),
  insert: rarely(fc.tuple(fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 3 }))),
});

function mutate(
  base: Buffer,
  mutation: typeof mutationArb extends fc.Arbitrary<infer T> ? T : never,
): Buffer {
  let bytes = Buffer.from(base);
  if (mutation.insert !== null) {
    const [at, inserted] = mutation.insert;
    const position = 12 + (at % Math.max(1, bytes.length - 12));
    bytes = Buffer.concat([bytes.subarray(0, position), inserted, bytes.subarray(position)]);
  }
  // Offsets 0–1 (the ID) stay: a wrong ID is dropped before decoding and would test nothing.
  for (const [at, value] of mutation.edits) bytes[2 + (at % Math.max(1, bytes.length - 2))] = value;
  if (mutation.cut !== null) bytes = bytes.subarray(0, 12 + (mutation.cut % Math.max(1, bytes.length - 11)));
  return bytes;
}

interface Tally {
  alike: number;
  different: number;
  kinds: Map<string, number>;
}

function compare(bytes: Buffer, expected: ExpectedResponse, tally: Tally): void {
  const ours = interpretResponse(bytes, expected);
  assert.ok(['ignore', 'truncated', 'answer', 'failure'].includes(ours.kind));
  if (!framedAlike(bytes)) {
    tally.different++;
    return;
  }
  tally.alike++;
  const reference = referenceInterpret(bytes, expected);
  const key = reference.kind === 'answer' ? `answer ${reference.answer.kind}` : reference.kind;
  tally.kinds.set(key, (tally.kinds.get(key) ?? 0) + 1);
  if (reference.kind === 'ignore') {
    assert.equal(ours.kind, 'ignore', `${bytes.toString('hex')}: ${JSON.stringify(ours)}`);
  } else {
    assert.deepStrictEqual(ours, reference, bytes.toString('hex'));
  }
}

describe('interpretResponse against the dns-packet-based reference', () => {
  it('agrees on generated responses of every record type, compressed or not', () => {
    const tally: Tally = { alike: 0, different: 0, kinds: new Map() };
    fc.assert(
      fc.property(caseArb, ({ bytes, expected }) => compare(bytes, expected, tally)),
      { numRuns: 3000 },
    );
    // Every packet dns-packet's encoder builds is framed alike, and each outcome is exercised.
    assert.equal(tally.different, 0);
    for (const kind of ['ignore', 'truncated', 'failure', 'answer ok', 'answer nodata', 'answer nxdomain']) {
      assert.ok((tally.kinds.get(kind) ?? 0) > 20, `${kind}: ${tally.kinds.get(kind)}`);
    }
  });

  it('agrees on mutated and truncated responses wherever dns-packet followed RDLENGTH', () => {
    const tally: Tally = { alike: 0, different: 0, kinds: new Map() };
    fc.assert(
      fc.property(
        caseArb,
        fc.array(mutationArb, { minLength: 1, maxLength: 5 }),
        ({ bytes, expected }, mutations) => {
          for (const mutation of mutations) compare(mutate(bytes, mutation), expected, tally);
        },
      ),
      { numRuns: 4000 },
    );
    // Most mutations stay comparable; the rest are the documented framing difference.
    assert.ok(
      tally.alike > 3 * tally.different,
      `${tally.alike} alike, ${tally.different} framed differently`,
    );
    assert.ok((tally.kinds.get('answer ok') ?? 0) > 100, `answer ok: ${tally.kinds.get('answer ok')}`);
  });
});

// ---------------------------------------------------------------------------------------------------
// Hand-made packets for what generation rarely reaches: hostile names, and the framing difference.

const mxQuestion: ExpectedResponse = { id: 0x1234, name: 'example.com', type: 'MX' };

/** example.com MX: header + question; the question name starts at offset 12. */
function packetWith(
  counts: readonly [number, number, number],
  ...parts: (readonly number[] | Buffer)[]
): Buffer {
  const header = Buffer.alloc(12);
  header.writeUInt16BE(mxQuestion.id, 0);
  header.writeUInt16BE(0x8180, 2);
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(counts[0], 6);
  header.writeUInt16BE(counts[1], 8);
  header.writeUInt16BE(counts[2], 10);
  const question = Buffer.from([7, ...Buffer.from('example'), 3, ...Buffer.from('com'), 0, 0, 15, 0, 1]);
  return Buffer.concat([header, question, ...parts.map((part) => Buffer.from(part))]);
}

/** Owner, type, class IN, TTL 300, RDLENGTH of rdata, rdata. */
const rr = (owner: readonly number[], type: number, rdata: readonly number[]): number[] => [
  ...owner,
  type >> 8,
  type & 0xff,
  0,
  1,
  0,
  0,
  1,
  44,
  rdata.length >> 8,
  rdata.length & 0xff,
  ...rdata,
];
const toQuestion = [0xc0, 12];
const label = (text: string): number[] => [text.length, ...Buffer.from(text, 'latin1')];
const mxTo = (exchange: readonly number[]): number[] => rr(toQuestion, 15, [0, 10, ...exchange]);

function sameAsReference(bytes: Buffer, expected: ExpectedResponse = mxQuestion): Interpretation {
  const ours = interpretResponse(bytes, expected);
  const reference = referenceInterpret(bytes, expected);
  if (reference.kind === 'ignore') assert.equal(ours.kind, 'ignore', JSON.stringify(ours));
  else assert.deepStrictEqual(ours, reference);
  return ours;
}

const exchangeOf = (result: Interpretation): string | undefined =>
  result.kind === 'answer' && result.answer.kind === 'ok' && result.answer.records[0]?.type === 'MX'
    ? result.answer.records[0].exchange
    : undefined;

describe('decodeResponse on hostile names', () => {
  it('follows a pointer back to the question, as servers compress', () => {
    const result = sameAsReference(packetWith([1, 0, 0], mxTo([...label('mx'), 0xc0, 12])));
    assert.equal(exchangeOf(result), 'mx.example.com');
  });

  it('refuses pointers to the name itself, forward, or into the part already read', () => {
    // The exchange starts at offset 43: pointing there, past it, or back into its own first label.
    for (const target of [43, 45, 60, 44]) {
      assert.equal(
        sameAsReference(packetWith([1, 0, 0], mxTo([...label('a'), 0xc0, target]))).kind,
        'ignore',
      );
    }
    assert.equal(sameAsReference(packetWith([1, 0, 0], mxTo([0xc0, 43]))).kind, 'ignore');
  });

  it('refuses label types 01 and 10, and a pointer cut in half at the end', () => {
    assert.equal(sameAsReference(packetWith([1, 0, 0], mxTo([0x40, 0]))).kind, 'ignore');
    assert.equal(sameAsReference(packetWith([1, 0, 0], mxTo([0x80, 0]))).kind, 'ignore');
    assert.equal(sameAsReference(packetWith([1, 0, 0], [0xc0])).kind, 'ignore');
  });

  it('accepts a name of 255 octets and refuses one of 256, across pointers', () => {
    const label63 = label('a'.repeat(63));
    // Three labels of 63, one of 49 and example.com by pointer: 3×64 + 50 + 8 + 4 + the root = 255.
    const fits = [...label63, ...label63, ...label63, ...label('b'.repeat(49)), 0xc0, 12];
    const tooLong = [...label63, ...label63, ...label63, ...label('b'.repeat(50)), 0xc0, 12];
    const ok = sameAsReference(packetWith([1, 0, 0], mxTo(fits)));
    assert.equal(exchangeOf(ok)?.length, 253);
    assert.equal(sameAsReference(packetWith([1, 0, 0], mxTo(tooLong))).kind, 'ignore');
  });

  it('reads labels as dns-packet did: UTF-8 with U+FFFD, dots and upper case inside labels', () => {
    const odd = [3, 0x61, 0xff, 0x2e, 2, 0xc3, 0xa9, 4, 0x41, 0x2e, 0x42, 0xe2, 1, 0x2e, 0xc0, 12];
    const result = sameAsReference(packetWith([1, 0, 0], mxTo(odd)));
    assert.equal(exchangeOf(result), 'a\uFFFD..é.a.b\uFFFD...example.com');
  });

  it('bounds pointer chains at 128 jumps (dns-packet followed any number)', () => {
    // A TXT record whose RDATA is a chain of pointers, each to the one before; the first points at
    // the question name. The MX exchange then points at the end of the chain.
    const chain = (links: number): Buffer => {
      const txtRdataStart = 29 + 12;
      const rdata: number[] = [0xc0, 12];
      for (let index = 1; index < links; index++) {
        const previous = txtRdataStart + 2 * (index - 1);
        rdata.push(0xc0 | (previous >> 8), previous & 0xff);
      }
      const last = txtRdataStart + 2 * (links - 1);
      // RDATA of pairs is not valid TXT; use an unknown type, which is opaque.
      return packetWith([2, 0, 0], rr(toQuestion, 0xff00, rdata), mxTo([0xc0 | (last >> 8), last & 0xff]));
    };
    const within = sameAsReference(chain(127));
    assert.equal(exchangeOf(within), 'example.com');
    assert.equal(interpretResponse(chain(128), mxQuestion).kind, 'ignore');
    assert.equal(referenceInterpret(chain(128), mxQuestion).kind, 'answer');
  });

  it('ignores octets after the last record, as dns-packet did', () => {
    const result = sameAsReference(packetWith([1, 0, 0], mxTo([0xc0, 12]), [1, 2, 3, 0xc0]));
    assert.equal(exchangeOf(result), 'example.com');
  });
});

describe('the framing difference: records follow RDLENGTH (RFC 1035 §4.1.3)', () => {
  it('refuses an MX whose RDLENGTH is longer than its content, which dns-packet misread', () => {
    const padded = rr(toQuestion, 15, [0, 10, 0xc0, 12, 0, 0]);
    assert.equal(interpretResponse(packetWith([1, 0, 0], padded), mxQuestion).kind, 'ignore');
  });

  it('refuses a record cut off by the end of the packet, which dns-packet kept truncated', () => {
    const cut = packetWith([1, 0, 0], rr(toQuestion, 15, [0, 10, 0xc0, 12])).subarray(0, -1);
    assert.equal(interpretResponse(cut, mxQuestion).kind, 'ignore');
    const txt = packetWith([1, 0, 0], rr(toQuestion, 16, [5, 0x61, 0x62, 0x63, 0x64, 0x65])).subarray(0, -2);
    const expected: ExpectedResponse = { ...mxQuestion, type: 'TXT' };
    const patched = Buffer.from(txt);
    patched[26] = 16; // the question's QTYPE
    assert.equal(interpretResponse(patched, expected).kind, 'ignore');
    const reference = referenceInterpret(patched, expected);
    assert.ok(reference.kind === 'answer' && reference.answer.kind === 'ok');
    assert.deepEqual(reference.answer.records[0]?.type === 'TXT' && reference.answer.records[0].strings, [
      'abc',
    ]);
  });

  it('keeps an NS with octets after its name inside RDLENGTH, as dns-packet did', () => {
    const ns = rr(toQuestion, 2, [...label('ns'), 0xc0, 12, 9, 9]);
    const expected: ExpectedResponse = { ...mxQuestion, type: 'NS' };
    const bytes = packetWith([1, 0, 0], ns);
    bytes[26] = 2;
    const result = sameAsReference(bytes, expected);
    assert.ok(result.kind === 'answer' && result.answer.kind === 'ok');
  });
});

describe('decodeResponse fields', () => {
  it('takes the extended RCODE from the first OPT only, and reads CLASS without the mDNS flush bit', () => {
    const opt = (extended: number): number[] => [0, 0, 41, 0x10, 0, extended, 0, 0, 0, 0, 0];
    const decoded = decodeResponse(packetWith([0, 0, 2], opt(1), opt(2)));
    assert.equal(decoded?.extendedRcode, 1);
    const flush = mxTo([0xc0, 12]);
    flush[4] = 0x80; // CLASS 0x8001
    assert.equal(decodeResponse(packetWith([1, 0, 0], flush))?.answers.length, 1);
  });

  it('formats AAAA addresses exactly as before (first run of zero groups compressed)', () => {
    const groups = fc.array(fc.constantFrom(0, 0, 0, 1, 0x20, 0xffff), { minLength: 8, maxLength: 8 });
    fc.assert(
      fc.property(groups, (values) => {
        const rdata = values.flatMap((value) => [value >> 8, value & 0xff]);
        const bytes = packetWith([1, 0, 0], rr(toQuestion, 28, rdata));
        bytes[26] = 28;
        sameAsReference(bytes, { ...mxQuestion, type: 'AAAA' });
      }),
      { numRuns: 500 },
    );
  });
});
