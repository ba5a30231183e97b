import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as dnsPacket from 'dns-packet';
import { fromPacketAnswer, splitCharacterStrings, toPacketAnswer } from './records.js';
import type { DnsRecord, RecordType } from './types.js';
import { recordTypes } from './types.js';

const bytes = (...values: number[]): Uint8Array => new Uint8Array(values);

/** One sample per RecordType; the `satisfies` map makes a new type in types.ts fail to compile here. */
const samples = {
  A: { name: 'example.com', ttl: 300, type: 'A', address: '192.0.2.1' },
  AAAA: { name: 'example.com', ttl: 300, type: 'AAAA', address: '2001:db8::1' },
  CNAME: { name: 'www.example.com', ttl: 60, type: 'CNAME', target: 'example.com' },
  MX: { name: 'example.com', ttl: 300, type: 'MX', preference: 0, exchange: '' },
  NS: { name: 'example.com', ttl: 3600, type: 'NS', target: 'ns1.example.net' },
  PTR: { name: '1.2.0.192.in-addr.arpa', ttl: 300, type: 'PTR', target: 'mail.example.com' },
  SOA: {
    name: 'example.com',
    ttl: 3600,
    type: 'SOA',
    mname: 'ns1.example.net',
    rname: 'hostmaster.example.com',
    serial: 2024010101,
    refresh: 7200,
    retry: 900,
    expire: 1209600,
    minimum: 300,
  },
  TXT: { name: 'example.com', ttl: 300, type: 'TXT', strings: ['v=spf1 ip4:192.0.2.0/24 ', '-all', 'café'] },
  SPF: { name: 'example.com', ttl: 300, type: 'SPF', strings: ['v=spf1 ', '-all'] },
  SRV: {
    name: '_submission._tcp.example.com',
    ttl: 300,
    type: 'SRV',
    priority: 0,
    weight: 1,
    port: 587,
    target: 'mail.example.com',
  },
  CAA: { name: 'example.com', ttl: 300, type: 'CAA', flags: 128, tag: 'issue', value: 'ca.example.net' },
  TLSA: {
    name: '_25._tcp.mail.example.com',
    ttl: 300,
    type: 'TLSA',
    usage: 3,
    selector: 1,
    matchingType: 1,
    data: bytes(1, 2, 3, 250),
  },
  DS: {
    name: 'example.com',
    ttl: 86400,
    type: 'DS',
    keyTag: 12345,
    algorithm: 13,
    digestType: 2,
    digest: bytes(0xde, 0xad),
  },
  DNSKEY: {
    name: 'example.com',
    ttl: 3600,
    type: 'DNSKEY',
    flags: 257,
    protocol: 3,
    algorithm: 13,
    key: bytes(9, 8, 7),
  },
} satisfies { [T in RecordType]: Extract<DnsRecord, { type: T }> };

function roundTrip(record: DnsRecord): DnsRecord | undefined {
  const wire = dnsPacket.encode({ type: 'response', id: 1, answers: [toPacketAnswer(record)] });
  const [answer] = dnsPacket.decode(wire).answers ?? [];
  assert.ok(answer);
  return fromPacketAnswer(answer);
}

describe('record conversion', () => {
  it('covers every record type', () => {
    assert.deepEqual(Object.keys(samples).sort(), [...recordTypes].sort());
  });

  for (const type of recordTypes) {
    it(`round-trips ${type} through the wire`, () => {
      const record: DnsRecord = samples[type];
      assert.deepEqual(roundTrip(record), record);
    });
  }

  it('keeps a Null MX exchange as "" (the root)', () => {
    const decoded = roundTrip(samples.MX);
    assert.equal(decoded?.type === 'MX' ? decoded.exchange : undefined, '');
  });

  it('lower-cases owner names and targets', () => {
    const decoded = fromPacketAnswer({
      type: 'CNAME',
      name: 'WWW.Example.COM',
      ttl: 5,
      data: 'Target.Example.',
    });
    assert.deepEqual(decoded, { name: 'www.example.com', ttl: 5, type: 'CNAME', target: 'target.example' });
  });

  it('decodes invalid UTF-8 as U+FFFD and keeps strings apart', () => {
    const decoded = fromPacketAnswer({
      type: 'TXT',
      name: 'x',
      ttl: 1,
      data: [Buffer.from([0x61, 0xff]), Buffer.from('b')],
    });
    assert.deepEqual(decoded?.type === 'TXT' ? decoded.strings : undefined, ['a\uFFFD', 'b']);
  });

  it('ignores types it does not model and data of the wrong shape', () => {
    assert.equal(fromPacketAnswer({ type: 'NULL', name: 'x', data: Buffer.alloc(1) }), undefined);
    assert.equal(fromPacketAnswer({ type: 'MX', name: 'x', data: 'not an object' } as never), undefined);
  });

  it('splits character-strings and rejects overruns', () => {
    assert.deepEqual(splitCharacterStrings(bytes(1, 0x61, 0)), ['a', '']);
    assert.equal(splitCharacterStrings(bytes(5, 0x61)), undefined);
  });
});
