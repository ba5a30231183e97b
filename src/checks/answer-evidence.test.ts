// Evidence built once per answer: the same object for the same answer, the same content as the presentation.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dnsEvidence as presentAnswer } from '../net/dns/presentation.js';
import type { DnsAnswer } from '../net/dns/types.js';
import { dnsEvidence } from './answer-evidence.js';

const mx: DnsAnswer<'MX'> = {
  kind: 'ok',
  name: 'example.test',
  type: 'MX',
  records: [{ type: 'MX', name: 'example.test', ttl: 300, preference: 10, exchange: 'mx.example.test' }],
  aliases: [],
  authenticated: false,
};

describe('dnsEvidence (per answer)', () => {
  it('gives what the presentation gives', () => {
    assert.deepEqual(dnsEvidence(mx), presentAnswer(mx));
    const failed: DnsAnswer = {
      kind: 'error',
      name: 'example.test',
      type: 'TXT',
      reason: 'timeout',
      detail: 'no answer from 127.0.0.1:53',
    };
    assert.deepEqual(dnsEvidence(failed), presentAnswer(failed));
  });

  it('returns the same object for the same answer, and a new one for an equal but distinct answer', () => {
    const first = dnsEvidence(mx);
    assert.equal(dnsEvidence(mx), first);
    const copy = { ...mx, records: [{ ...mx.records[0], ttl: 299 }] } as DnsAnswer<'MX'>;
    const other = dnsEvidence(copy);
    assert.notEqual(other, first);
    assert.deepEqual(other.kind === 'dns' ? other.records : [], [
      'example.test. 299 IN MX 10 mx.example.test.',
    ]);
  });
});
