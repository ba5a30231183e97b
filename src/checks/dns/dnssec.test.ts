// Verdicts of the DNSSEC check over a scripted resolver: signed, unsigned, bogus, unknown and DNS errors.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ScanTarget } from '../../model/report.js';
import type { DnsAnswer, DnsClient, QueryOptions, RecordType } from '../../net/dns/types.js';
import type { CheckContext } from '../check.js';
import { defaultCheckOptions } from '../check.js';
import { ancestorsOf, dnssecCheck, mxHostsOf } from './dnssec.js';

/** An answer before the client stamps the question on it (distributive, so each kind keeps its fields). */
type Scripted = DnsAnswer extends infer A ? (A extends DnsAnswer ? Omit<A, 'name' | 'type'> : never) : never;

/** A resolver that answers from a table keyed "name TYPE" (plus " cd" for CD=1); anything else is nxdomain. */
class ScriptedDns implements DnsClient {
  readonly asked: string[] = [];
  constructor(private readonly table: Record<string, Scripted>) {}

  async query<T extends RecordType>(name: string, type: T, options?: QueryOptions): Promise<DnsAnswer<T>> {
    const key = `${name} ${type}${options?.checkingDisabled === true ? ' cd' : ''}`;
    this.asked.push(key);
    const normalized = name === '.' ? '' : name;
    const scripted = this.table[key] ?? { kind: 'nxdomain', aliases: [], authenticated: false };
    return { ...scripted, name: normalized, type } as DnsAnswer<T>;
  }
}

const target: ScanTarget = { domain: 'example.test', unicode: 'example.test' };

function context(dns: DnsClient): CheckContext {
  return {
    dns,
    https: {} as CheckContext['https'],
    clock: { now: () => new Date(0) },
    signal: new AbortController().signal,
    options: defaultCheckOptions,
  };
}

const mx = (authenticated: boolean, ...hosts: string[]): Scripted => ({
  kind: 'ok',
  aliases: [],
  authenticated,
  records: hosts.map((exchange, index) => ({
    type: 'MX',
    name: 'example.test',
    ttl: 60,
    preference: index,
    exchange,
  })),
});
const address = (authenticated: boolean): Scripted => ({
  kind: 'ok',
  aliases: [],
  authenticated,
  records: [{ type: 'A', name: 'host', ttl: 60, address: '192.0.2.1' }],
});
const dnskey = (authenticated: boolean): Scripted => ({
  kind: 'ok',
  aliases: [],
  authenticated,
  records: [
    { type: 'DNSKEY', name: 'zone', ttl: 60, flags: 257, protocol: 3, algorithm: 13, key: new Uint8Array(4) },
  ],
});
const nodata = (authenticated: boolean): Scripted => ({ kind: 'nodata', aliases: [], authenticated });
const failure = (reason: 'servfail' | 'timeout' | 'refused'): Scripted => ({
  kind: 'error',
  reason,
  detail: `${reason} from 127.0.0.1:53`,
});

async function run(table: Record<string, Scripted>) {
  const dns = new ScriptedDns(table);
  const findings = await dnssecCheck.run(target, context(dns));
  return { dns, findings, ids: findings.map((f) => `${f.checkId} ${f.status} ${f.subject}`) };
}

describe('ancestorsOf', () => {
  it('lists the zones above a name up to the root', () => {
    assert.deepEqual(ancestorsOf('mx.example.test'), ['example.test', 'test', '']);
    assert.deepEqual(ancestorsOf('test'), ['']);
    assert.deepEqual(ancestorsOf(''), []);
  });

  it('reads empty labels as splitting on dots would', () => {
    for (const name of ['a..b', '.a', 'a.', '..', 'x.y.z.w']) {
      const labels = name.split('.');
      const expected = [...labels.slice(1).map((_, at) => labels.slice(at + 1).join('.')), ''];
      assert.deepEqual(ancestorsOf(name), expected, name);
    }
  });
});

describe('mxHostsOf', () => {
  it('keeps distinct hosts and drops the Null MX', () => {
    const answer = {
      ...mx(false, 'b.example', 'a.example', 'b.example', ''),
      name: 'example.test',
      type: 'MX',
    };
    assert.deepEqual(mxHostsOf([answer as DnsAnswer]), ['a.example', 'b.example']);
  });
});

describe('dnssecCheck', () => {
  it('reports signed when the MX answer and the host address are authenticated', async () => {
    const { ids, findings } = await run({
      'example.test MX': mx(true, 'mx.example.test'),
      'mx.example.test A': address(true),
    });
    assert.deepEqual(ids, ['dnssec.signed pass example.test', 'dnssec.signed pass mx.example.test']);
    assert.equal(findings[0]?.evidence[0]?.kind, 'dns');
  });

  it('reports unsigned only once an ancestor proves the resolver validates', async () => {
    const { ids, findings, dns } = await run({
      'example.test MX': mx(false, 'mx.other.test'),
      'test DNSKEY': dnskey(true),
      'mx.other.test A': address(false),
      'other.test DNSKEY': nodata(false),
    });
    assert.deepEqual(ids, ['dnssec.unsigned warn example.test', 'dnssec.unsigned warn mx.other.test']);
    assert.match(findings[0]?.message ?? '', /DNSKEY of test came back authenticated/);
    assert.ok(findings[0]?.fix?.includes('DS record'));
    assert.ok(!dns.asked.includes('. DNSKEY'), 'the walk stops at the first authenticated zone');
  });

  it('accepts the root DNSKEY as the proof of validation for a name under an unsigned TLD', async () => {
    const { ids } = await run({
      'example.test MX': nodata(false),
      '. DNSKEY': dnskey(true),
    });
    assert.deepEqual(ids, ['dnssec.unsigned warn example.test']);
  });

  it('reports bogus when SERVFAIL turns into an answer with checking disabled', async () => {
    const { ids, findings } = await run({
      'example.test MX': failure('servfail'),
      'example.test MX cd': mx(false, 'mx.example.test'),
      'mx.example.test A': failure('servfail'),
      'mx.example.test A cd': address(false),
    });
    assert.deepEqual(ids, ['dnssec.bogus fail example.test', 'dnssec.bogus fail mx.example.test']);
    assert.equal(findings[0]?.severity, 'high');
    assert.deepEqual(
      findings[0]?.evidence.map((e) => (e.kind === 'dns' ? e.outcome : e.kind)),
      ['error:servfail', 'ok'],
    );
  });

  it('reports a DNS error, not bogus, when the query fails with checking disabled too', async () => {
    const { ids, findings } = await run({
      'example.test MX': failure('servfail'),
      'example.test MX cd': failure('servfail'),
    });
    assert.deepEqual(ids, ['dnssec.dns-error error example.test']);
    assert.match(findings[0]?.message ?? '', /with checking disabled: servfail/);
  });

  it('reports a timeout as a DNS error naming the query', async () => {
    const { ids, findings, dns } = await run({ 'example.test MX': failure('timeout') });
    assert.deepEqual(ids, ['dnssec.dns-error error example.test']);
    assert.match(findings[0]?.message ?? '', /example\.test MX: timeout/);
    assert.ok(!dns.asked.includes('example.test MX cd'), 'only SERVFAIL is worth a CD=1 retry');
  });

  it('reports unknown, never unsigned, when nothing up to the root is authenticated', async () => {
    const { ids, findings } = await run({
      'example.test MX': mx(false),
      'test DNSKEY': dnskey(false),
      '. DNSKEY': dnskey(false),
    });
    assert.deepEqual(ids, ['dnssec.unknown error example.test']);
    assert.match(findings[0]?.message ?? '', /does not validate/);
  });

  it('merges unknown verdicts into one finding when the resolver validates nothing', async () => {
    const { ids, findings } = await run({
      'example.test MX': mx(false, 'mx1.example.test', 'mx2.example.test'),
      'mx1.example.test A': address(false),
      'mx2.example.test A': address(false),
    });
    assert.deepEqual(ids, ['dnssec.unknown error example.test']);
    assert.match(findings[0]?.message ?? '', /example\.test, mx1\.example\.test, mx2\.example\.test/);
  });

  it('keeps per-host verdicts when the resolver validates some of the names', async () => {
    const { ids } = await run({
      'example.test MX': mx(true, 'mx.signed.test', 'mx.elsewhere.example'),
      'mx.signed.test A': address(true),
      'mx.elsewhere.example A': address(false),
      'elsewhere.example DNSKEY': nodata(false),
      'example DNSKEY': failure('timeout'),
      '. DNSKEY': failure('refused'),
    });
    assert.deepEqual(ids, [
      'dnssec.signed pass example.test',
      'dnssec.unknown error mx.elsewhere.example',
      'dnssec.signed pass mx.signed.test',
    ]);
  });

  it('declares metadata with remediation and RFC references for every ID', () => {
    assert.deepEqual(
      dnssecCheck.meta.map((m) => m.id),
      ['dnssec.signed', 'dnssec.unsigned', 'dnssec.bogus', 'dnssec.unknown', 'dnssec.dns-error'],
    );
    for (const meta of dnssecCheck.meta) {
      assert.equal(meta.area, 'dnssec');
      assert.ok(meta.remediation.length > 20);
      assert.ok(meta.references.some((r) => r.url.endsWith('rfc4035')));
      assert.ok(meta.references.some((r) => r.url.endsWith('rfc6840')));
    }
  });
});
