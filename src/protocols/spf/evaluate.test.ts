// check_host() behaviour the CLI and evidence rely on: defaults, trace content, error mapping.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ZoneClient } from '../../../lab/zone-client.js';
import { ZoneStore } from '../../../lab/zone-store.js';
import { checkHost, evaluateSender, SpfInputError } from './evaluate.js';
import { formatTrace } from './trace.js';

function client(zone: Record<string, unknown>): ZoneClient {
  const store = new ZoneStore();
  store.addZoneData(zone, 'inline');
  return new ZoneClient(store);
}

const zone = {
  'example.com': [
    { TXT: 'v=spf1 ip4:192.0.2.0/24 include:_spf.example.com -all exp=why.example.com' },
    { MX: [10, 'mail.example.com'] },
  ],
  '_spf.example.com': [{ TXT: 'v=spf1 mx:example.com ~all' }],
  'mail.example.com': [{ A: '198.51.100.7' }],
  'why.example.com': [{ TXT: '%{i} may not send for %{d} (helo %{h})' }],
  'slow.example.com': [{ TXT: 'v=spf1 include:gone.example.com -all' }, 'TIMEOUT'],
  'broken.example.com': [{ TXT: 'v=spf1 include:timeout.example.com -all' }],
  'timeout.example.com': ['TIMEOUT'],
  'noinclude.example.com': [{ TXT: 'v=spf1 include:nothing.example.com -all' }],
};

describe('checkHost', () => {
  it('passes through an include and counts its DNS-querying terms', async () => {
    const evaluation = await evaluateSender({ domain: 'example.com', ip: '198.51.100.7' }, client(zone));
    assert.equal(evaluation.result, 'pass');
    assert.equal(evaluation.sender, 'postmaster@example.com');
    assert.equal(evaluation.helo, 'example.com');
    assert.equal(evaluation.dnsLookups, 2);
    assert.equal(evaluation.matchedTerm, 'include:_spf.example.com');
    const terms = evaluation.trace
      .filter((step) => step.kind === 'term')
      .map((step) => `${step.depth} ${step.term} ${step.outcome}`);
    assert.deepEqual(terms, [
      '0 ip4:192.0.2.0/24 no-match',
      '1 mx:example.com match',
      '0 include:_spf.example.com match',
    ]);
  });

  it('gives the explanation of a fail, expanded', async () => {
    const evaluation = await evaluateSender(
      { domain: 'example.com', ip: '203.0.113.9', helo: 'bad.example.net' },
      client(zone),
    );
    assert.equal(evaluation.result, 'fail');
    assert.equal(evaluation.explanation, '203.0.113.9 may not send for example.com (helo bad.example.net)');
    const lines = formatTrace(evaluation);
    assert.match(lines[0] ?? '', /^check_host\(ip=203\.0\.113\.9, domain=example\.com/);
    assert.ok(lines.some((line) => line.includes('? example.com TXT → ok')));
    assert.ok(lines.includes('explanation: 203.0.113.9 may not send for example.com (helo bad.example.net)'));
    assert.equal(lines.at(-1), 'DNS-querying terms: 2 of 10; void lookups: 0 of 2');
  });

  it('maps a timeout in an include to temperror and names it', async () => {
    const evaluation = await checkHost(
      { ip: '192.0.2.1', domain: 'broken.example.com', sender: 'a@broken.example.com', helo: 'x.example' },
      client(zone),
    );
    assert.equal(evaluation.result, 'temperror');
    assert.match(evaluation.reason, /timeout\.example\.com failed \(timeout\)/);
  });

  it('makes an include of a domain without SPF a permerror (§5.2)', async () => {
    const evaluation = await checkHost(
      {
        ip: '192.0.2.1',
        domain: 'noinclude.example.com',
        sender: 'a@noinclude.example.com',
        helo: 'x.example',
      },
      client(zone),
    );
    assert.equal(evaluation.result, 'permerror');
  });

  it('treats an IPv4-mapped IPv6 client as IPv4', async () => {
    const evaluation = await evaluateSender({ domain: 'example.com', ip: '::ffff:192.0.2.10' }, client(zone));
    assert.equal(evaluation.result, 'pass');
    assert.equal(evaluation.ip, '192.0.2.10');
  });

  it('refuses an input that is not an IP address', async () => {
    await assert.rejects(
      evaluateSender({ domain: 'example.com', ip: 'mail.example.com' }, client(zone)),
      SpfInputError,
    );
  });
});
