import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Packet } from 'dns-packet';
import * as dnsPacket from 'dns-packet';
import fc from 'fast-check';
import { normalizeQueryName } from './names.js';
import { toPacketAnswer } from './records.js';
import type { DnsRecord } from './types.js';
import { recordTypes } from './types.js';
import {
  type ExpectedResponse,
  encodeQuery,
  encodeQueryGeneric,
  interpretResponse,
  type QuestionSpec,
  typeCode,
} from './wire.js';

const expected: ExpectedResponse = { id: 4242, name: 'example.com', type: 'MX' };

function response(overrides: Partial<Packet> & { rcode?: number; answers?: Packet['answers'] } = {}): Buffer {
  const { rcode = 0, ...rest } = overrides;
  return dnsPacket.encode({
    type: 'response',
    id: expected.id,
    flags: dnsPacket.RECURSION_DESIRED | dnsPacket.RECURSION_AVAILABLE | rcode,
    questions: [{ name: 'Example.COM', type: 'MX', class: 'IN' }],
    ...rest,
  });
}

const mx = (name: string, exchange: string): DnsRecord => ({
  name,
  ttl: 120,
  type: 'MX',
  preference: 10,
  exchange,
});
const soa = (name: string, ttl: number, minimum: number): DnsRecord => ({
  name,
  ttl,
  type: 'SOA',
  mname: 'ns.example',
  rname: 'h.example',
  serial: 1,
  refresh: 1,
  retry: 1,
  expire: 1,
  minimum,
});

describe('encodeQuery', () => {
  it('sets RD and AD, CD on request, and an OPT of 4096 with DO on request', () => {
    const plain = dnsPacket.decode(
      encodeQuery({ name: 'example.com', type: 'TLSA', checkingDisabled: false, dnssec: false }, 7),
    );
    assert.equal(plain.id, 7);
    assert.ok(plain.flag_rd && plain.flag_ad && !plain.flag_cd && !plain.flag_qr);
    const opt = plain.additionals?.find((record) => record.type === 'OPT');
    assert.ok(opt && opt.type === 'OPT');
    assert.equal(opt.udpPayloadSize, 4096);
    assert.equal(opt.flag_do, false);
    const signed = dnsPacket.decode(
      encodeQuery({ name: '', type: 'DNSKEY', checkingDisabled: true, dnssec: true }, 8),
    );
    assert.ok(signed.flag_cd);
    assert.equal(signed.questions?.[0]?.name, '.');
    const signedOpt = signed.additionals?.find((record) => record.type === 'OPT');
    assert.equal(signedOpt?.type === 'OPT' && signedOpt.flag_do, true);
  });
});

describe('encodeQuery against the generic dns-packet encoder', () => {
  const label63 = 'a'.repeat(63);
  // Raw names as callers write them; each goes through normalizeQueryName as in the client.
  const names = [
    '.',
    'example.com',
    'Example.COM.',
    'a',
    '_dmarc.example.org',
    '_25._tcp.mx1.example.net',
    'selector1._domainkey.example.com',
    'xn--bcher-kva.example',
    'xn--80ak6aa92e.com.',
    'bücher.example',
    'münchen.DE.',
    `${label63}.${label63}.${label63}.${'b'.repeat(61)}`,
    `${label63}.example.`,
    'x-y_z.0-9.example',
    '*.wildcard.example',
    'a!b$c%d&e.example',
    'tab\tin.example',
    'line.\nbreak.example',
  ];
  const question = (name: string, type: QuestionSpec['type'], flags: number): QuestionSpec => {
    const checked = normalizeQueryName(name);
    assert.ok(checked.ok, `${name} should be a valid query name`);
    return { name: checked.name, type, checkingDisabled: (flags & 1) !== 0, dnssec: (flags & 2) !== 0 };
  };

  it('writes the same bytes for every name, type and flag combination of the table', () => {
    let id = 0;
    for (const name of names) {
      for (const type of recordTypes) {
        for (let flags = 0; flags < 4; flags++) {
          const spec = question(name, type, flags);
          id = (id * 7919 + 1) & 0xffff;
          const fast = encodeQuery(spec, id);
          const reference = encodeQueryGeneric(spec, id);
          assert.deepEqual(fast, reference, `${name} ${type} flags ${flags}`);
          assert.deepEqual(dnsPacket.decode(fast), dnsPacket.decode(reference));
        }
      }
    }
  });

  it('decodes with dns-packet to the question asked', () => {
    const decoded = dnsPacket.decode(encodeQuery(question('Mail.Example.COM.', 'TLSA', 3), 0xbeef));
    assert.equal(decoded.id, 0xbeef);
    assert.deepEqual(decoded.questions, [{ name: 'mail.example.com', type: 'TLSA', class: 'IN' }]);
    assert.equal(decoded.additionals?.length, 1);
    assert.ok(decoded.flag_rd && decoded.flag_ad && decoded.flag_cd);
  });

  it('knows the QTYPE dns-packet knows for every record type', () => {
    for (const type of recordTypes) {
      const decoded = dnsPacket.decode(encodeQuery(question('example', type, 0), 1));
      assert.equal(decoded.questions?.[0]?.type, type, `${type} (${typeCode(type)})`);
    }
  });

  it('writes the same bytes as the generic encoder for any valid name (property)', () => {
    const label = fc.stringMatching(/^[a-zA-Z0-9_*!-]{1,63}$/);
    const name = fc.array(label, { minLength: 1, maxLength: 5 }).map((labels) => labels.join('.'));
    const anyName = fc.oneof(
      name,
      fc.string({ minLength: 1, maxLength: 80 }),
      fc.string({ unit: 'binary', maxLength: 40 }),
    );
    fc.assert(
      fc.property(
        anyName,
        fc.constantFrom(...recordTypes),
        fc.integer({ min: 0, max: 0xffff }),
        fc.integer({ min: 0, max: 3 }),
        (raw, type, id, flags) => {
          const checked = normalizeQueryName(raw);
          if (!checked.ok) return;
          const spec: QuestionSpec = {
            name: checked.name,
            type,
            checkingDisabled: (flags & 1) !== 0,
            dnssec: (flags & 2) !== 0,
          };
          assert.deepEqual(encodeQuery(spec, id), encodeQueryGeneric(spec, id));
        },
      ),
      { numRuns: 3000 },
    );
  });
});

describe('interpretResponse', () => {
  it('accepts a matching answer, comparing the question name case-insensitively', () => {
    const result = interpretResponse(
      response({ answers: [toPacketAnswer(mx('example.com', 'mx.example.com'))] }),
      expected,
    );
    assert.equal(result.kind, 'answer');
    assert.equal(result.kind === 'answer' && result.answer.kind === 'ok' && result.answer.records.length, 1);
    assert.equal(result.kind === 'answer' && result.ttlSeconds, 120);
  });

  it('ignores wrong IDs, queries, other questions and short packets', () => {
    assert.equal(interpretResponse(response({ id: 1 }), expected).kind, 'ignore');
    assert.equal(interpretResponse(response({ type: 'query' }), expected).kind, 'ignore');
    assert.equal(
      interpretResponse(response({ questions: [{ name: 'evil.example', type: 'MX' }] }), expected).kind,
      'ignore',
    );
    assert.equal(
      interpretResponse(response({ questions: [{ name: 'example.com', type: 'A' }] }), expected).kind,
      'ignore',
    );
    assert.equal(
      interpretResponse(response({ questions: [{ name: 'example.com', type: 'MX', class: 'CH' }] }), expected)
        .kind,
      'ignore',
    );
    assert.equal(interpretResponse(new Uint8Array(5), expected).kind, 'ignore');
  });

  it('accepts a SERVFAIL without a question section, but not a NOERROR', () => {
    assert.deepEqual(interpretResponse(response({ rcode: 2, questions: [] }), expected), {
      kind: 'failure',
      reason: 'servfail',
      why: 'SERVFAIL',
    });
    assert.equal(interpretResponse(response({ questions: [] }), expected).kind, 'ignore');
  });

  it('maps the extended RCODE BADVERS to other', () => {
    const packet = response({
      additionals: [
        {
          type: 'OPT',
          name: '.',
          udpPayloadSize: 4096,
          extendedRcode: 1,
          ednsVersion: 0,
          flags: 0,
          flag_do: false,
          options: [],
        },
      ],
    });
    assert.deepEqual(interpretResponse(packet, expected), {
      kind: 'failure',
      reason: 'other',
      why: 'BADVERS',
    });
  });

  it('reports a CNAME loop as malformed', () => {
    const loop: DnsRecord[] = [
      { name: 'example.com', ttl: 1, type: 'CNAME', target: 'a.example' },
      { name: 'a.example', ttl: 1, type: 'CNAME', target: 'example.com' },
    ];
    const result = interpretResponse(response({ answers: loop.map(toPacketAnswer) }), expected);
    assert.equal(result.kind === 'failure' && result.reason, 'malformed');
  });

  it('caches negative answers for min(SOA TTL, SOA MINIMUM), only from an enclosing zone', () => {
    const nx = interpretResponse(
      response({ rcode: 3, authorities: [toPacketAnswer(soa('com', 900, 60))] }),
      expected,
    );
    assert.equal(nx.kind === 'answer' && nx.answer.kind, 'nxdomain');
    assert.equal(nx.kind === 'answer' && nx.ttlSeconds, 60);
    const foreign = interpretResponse(
      response({ authorities: [toPacketAnswer(soa('other.example', 900, 60))] }),
      expected,
    );
    assert.equal(foreign.kind === 'answer' && foreign.answer.kind, 'nodata');
    assert.equal(foreign.kind === 'answer' ? foreign.ttlSeconds : 'x', undefined);
  });

  it('never throws on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
        const result = interpretResponse(bytes, expected);
        assert.ok(['ignore', 'truncated', 'answer', 'failure'].includes(result.kind));
      }),
      { numRuns: 1000 },
    );
  });

  it('never throws on mutated valid responses, and keeps only records of the question', () => {
    const records: DnsRecord[] = [
      { name: 'example.com', ttl: 30, type: 'CNAME', target: 'mail.example.net' },
      mx('mail.example.net', 'mx1.example.net'),
      mx('evil.example', 'attacker.example'),
      { name: 'mail.example.net', ttl: 30, type: 'TXT', strings: ['x'] },
    ];
    const base = response({
      answers: records.map(toPacketAnswer),
      authorities: [toPacketAnswer(soa('example.net', 60, 30))],
    });
    // Keep the ID so mutations reach the decoder instead of being dropped at the first check.
    const mutation = fc.array(fc.tuple(fc.nat({ max: base.length - 1 }), fc.integer({ min: 0, max: 255 })), {
      minLength: 1,
      maxLength: 8,
    });
    fc.assert(
      fc.property(mutation, fc.nat({ max: base.length }), (edits, cut) => {
        const bytes = Buffer.from(base);
        for (const [offset, value] of edits) if (offset >= 2) bytes[offset] = value;
        const result = interpretResponse(bytes.subarray(0, Math.max(cut, 12)), expected);
        if (result.kind === 'answer' && result.answer.kind === 'ok') {
          const final = result.answer.aliases.at(-1) ?? 'example.com';
          for (const record of result.answer.records) {
            assert.equal(record.type, 'MX');
            assert.equal(record.name, final);
          }
        }
      }),
      { numRuns: 2000 },
    );
  });
});
