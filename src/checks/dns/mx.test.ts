// The MX audit against inline zone data: every check ID in its pass, fail/warn and error forms.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { ZoneClient } from '../../../lab/zone-client.js';
import { ZoneStore } from '../../../lab/zone-store.js';
import type { Finding, Status } from '../../model/finding.js';
import type { DnsClient } from '../../net/dns/types.js';
import type { CheckContext } from '../check.js';
import { defaultCheckOptions } from '../check.js';
import { evaluateMailHosts, maxMailHosts, mxCheck, resolveMailHosts } from './mx.js';

const domain = 'example.com';

function clientFor(zone: Record<string, unknown>): ZoneClient {
  const store = new ZoneStore();
  store.addZoneData(zone, 'inline');
  return new ZoneClient(store);
}

function contextFor(client: ZoneClient): CheckContext {
  return {
    dns: client,
    https: {
      get: () => Promise.reject(new Error('the MX check must not fetch over HTTPS')),
    },
    clock: { now: () => new Date('2025-01-01T00:00:00Z') },
    signal: new AbortController().signal,
    options: defaultCheckOptions,
  };
}

async function audit(
  zone: Record<string, unknown>,
): Promise<{ findings: readonly Finding[]; client: ZoneClient }> {
  const client = clientFor(zone);
  const findings = await mxCheck.run({ domain, unicode: domain }, contextFor(client));
  return { findings, client };
}

function of(findings: readonly Finding[], checkId: string): Finding[] {
  return findings.filter((item) => item.checkId === checkId);
}

/** The single finding of an ID, asserting its status. */
function only(findings: readonly Finding[], checkId: string, status: Status): Finding {
  const matching = of(findings, checkId);
  assert.equal(matching.length, 1, `${checkId}: ${JSON.stringify(matching, null, 1)}`);
  const [found] = matching;
  assert.ok(found);
  assert.equal(found.status, status, `${checkId}: ${found.message}`);
  return found;
}

const goodZone = {
  'example.com': [{ MX: [10, 'mx1.example.com'] }, { MX: [20, 'mx2.example.com'] }],
  'mx1.example.com': [{ A: '192.0.2.25' }, { AAAA: '2001:db8::25' }],
  'mx2.example.com': [{ A: '198.51.100.25' }],
};

describe('mxCheck on a healthy domain', () => {
  it('passes every rule that applies, with evidence', async () => {
    const { findings } = await audit(goodZone);
    for (const id of [
      'mx.dns-error',
      'mx.missing',
      'mx.ip-literal',
      'mx.unresolvable',
      'mx.cname',
      'mx.duplicate-priority',
      'mx.private-address',
      'mx.no-ipv6',
    ]) {
      const found = only(findings, id, 'pass');
      assert.ok(found.evidence.length > 0, `${id} carries evidence`);
    }
    assert.deepEqual(of(findings, 'mx.null'), [], 'no Null MX, no mx.null finding');
    assert.match(only(findings, 'mx.unresolvable', 'pass').message, /2 MX hosts, all resolve/);
    assert.match(only(findings, 'mx.missing', 'pass').message, /2 MX records/);
  });

  it('asks A and AAAA of each MX host', async () => {
    const { client } = await audit(goodZone);
    const asked = client.asked.map((question) => `${question.name} ${question.type}`).sort();
    assert.deepEqual(asked, [
      'example.com MX',
      'mx1.example.com A',
      'mx1.example.com AAAA',
      'mx2.example.com A',
      'mx2.example.com AAAA',
    ]);
  });

  it('reports only IDs declared in its metadata, each meta complete', async () => {
    const ids = new Set(mxCheck.meta.map((meta) => meta.id));
    assert.equal(mxCheck.name, 'mx');
    for (const meta of mxCheck.meta) {
      assert.equal(meta.area, 'mx');
      assert.ok(meta.title && meta.description && meta.remediation, meta.id);
      assert.ok(meta.references.length > 0, meta.id);
    }
    const { findings } = await audit(goodZone);
    for (const found of findings) assert.ok(ids.has(found.checkId), found.checkId);
  });
});

describe('mx.dns-error', () => {
  for (const misbehaviour of ['SERVFAIL', 'TIMEOUT', 'REFUSED']) {
    it(`${misbehaviour} on the MX query is an error and nothing else is judged`, async () => {
      const { findings, client } = await audit({ 'example.com': [misbehaviour] });
      assert.equal(findings.length, 1, JSON.stringify(findings));
      const found = only(findings, 'mx.dns-error', 'error');
      assert.match(found.message, new RegExp(misbehaviour.toLowerCase()));
      assert.equal(found.evidence[0]?.kind, 'dns');
      assert.deepEqual(
        client.asked.map((question) => question.type),
        ['MX'],
        'no fallback lookups after a failed MX query',
      );
    });
  }
});

describe('mx.missing', () => {
  it('fails when the domain has neither MX nor address: mail bounces', async () => {
    const { findings } = await audit({ 'example.com': [{ TXT: 'v=spf1 -all' }] });
    const found = only(findings, 'mx.missing', 'fail');
    assert.equal(found.severity, 'high');
    assert.match(found.message, /bounces/);
    assert.match(found.fix ?? '', /MX {2}0 \./);
    assert.deepEqual(of(findings, 'mx.unresolvable'), [], 'the fallback host is judged by mx.missing only');
  });

  it('fails when the domain does not exist', async () => {
    const { findings } = await audit({ 'other.example': [{ A: '192.0.2.1' }] });
    assert.match(only(findings, 'mx.missing', 'fail').message, /NXDOMAIN/);
  });

  it('warns when mail would fall back to the domain address (the web server)', async () => {
    const { findings } = await audit({ 'example.com': [{ A: '192.0.2.80' }] });
    const found = only(findings, 'mx.missing', 'warn');
    assert.equal(found.severity, 'medium');
    assert.match(found.message, /192\.0\.2\.80/);
    only(findings, 'mx.private-address', 'pass');
  });

  it('judges the fallback address like an MX host address', async () => {
    const { findings } = await audit({ 'example.com': [{ A: '10.0.0.80' }] });
    only(findings, 'mx.missing', 'warn');
    only(findings, 'mx.private-address', 'fail');
  });

  it('is an error, not a fail, when the fallback address lookup times out', async () => {
    // Zone data cannot time out A while answering MX at the same name, so one answer is replaced.
    const zone = clientFor({ 'example.com': [{ TXT: 'v=spf1 -all' }] });
    const dns: DnsClient = {
      query: (name, type, options) =>
        type === 'A'
          ? Promise.resolve({
              kind: 'error',
              name,
              type,
              reason: 'timeout',
              detail: 'test: no answer in 5 s',
            })
          : zone.query(name, type, options),
    };
    const findings = evaluateMailHosts(await resolveMailHosts(domain, dns));
    const found = only(findings, 'mx.missing', 'error');
    assert.match(found.message, /timeout/);
    assert.ok(!findings.some((item) => item.status === 'fail'));
  });
});

describe('mx.null', () => {
  it('passes a Null MX alone: the domain accepts no mail', async () => {
    const { findings } = await audit({ 'example.com': [{ MX: [0, '.'] }] });
    const found = only(findings, 'mx.null', 'pass');
    assert.match(found.message, /accepts no mail/);
    assert.deepEqual(of(findings, 'mx.missing'), []);
    assert.deepEqual(of(findings, 'mx.no-ipv6'), [], 'no host rules for a domain that takes no mail');
    assert.deepEqual(of(findings, 'mx.unresolvable'), []);
  });

  it('fails a Null MX mixed with other MX records, and still judges the other hosts', async () => {
    const { findings } = await audit({
      'example.com': [{ MX: [0, '.'] }, { MX: [10, 'mx1.example.com'] }],
      'mx1.example.com': [{ A: '192.168.1.25' }],
    });
    const found = only(findings, 'mx.null', 'fail');
    assert.match(found.message, /RFC 7505/);
    assert.match(found.message, /mx1\.example\.com/);
    only(findings, 'mx.private-address', 'fail');
  });

  it('warns about a Null MX whose preference is not 0', async () => {
    const { findings } = await audit({ 'example.com': [{ MX: [10, '.'] }] });
    only(findings, 'mx.null', 'warn');
  });

  it('gives the Null MX to the SMTP checks as such', async () => {
    const result = await resolveMailHosts(domain, clientFor({ 'example.com': [{ MX: [0, '.'] }] }));
    assert.equal(result.kind, 'null-mx');
    assert.ok(result.kind === 'null-mx' && result.hosts.length === 0);
  });
});

describe('mx.cname', () => {
  const zone = {
    'example.com': [{ MX: [10, 'mail.example.com'] }],
    'mail.example.com': [{ CNAME: 'mail.provider.example' }],
    'mail.provider.example': [{ A: '203.0.113.7' }, { AAAA: '2001:db8::7' }],
  };

  it('warns when the MX target is an alias, and uses the addresses reached through it', async () => {
    const { findings } = await audit(zone);
    const found = only(findings, 'mx.cname', 'warn');
    assert.equal(found.subject, 'mail.example.com');
    assert.match(found.message, /mail\.provider\.example/);
    assert.match(found.fix ?? '', /MX {2}10 mail\.provider\.example\./);
    only(findings, 'mx.unresolvable', 'pass');
    only(findings, 'mx.private-address', 'pass');
    only(findings, 'mx.no-ipv6', 'pass');
  });

  it('gives the addresses reached through the alias to resolveMailHosts callers', async () => {
    const result = await resolveMailHosts(domain, clientFor(zone));
    assert.equal(result.kind, 'mx');
    if (result.kind !== 'mx') return;
    const [host] = result.hosts;
    assert.equal(host?.host, 'mail.example.com');
    assert.deepEqual(host?.aliases, ['mail.provider.example']);
    assert.equal(host?.addresses.length, 2);
  });

  it('judges a private address reached through an alias', async () => {
    const { findings } = await audit({
      ...zone,
      'mail.provider.example': [{ A: '172.16.5.5' }],
    });
    only(findings, 'mx.cname', 'warn');
    only(findings, 'mx.private-address', 'fail');
  });

  it('is an error when the host lookups fail, not a pass', async () => {
    const { findings } = await audit({
      'example.com': [{ MX: [10, 'mx1.example.com'] }],
      'mx1.example.com': ['SERVFAIL'],
    });
    only(findings, 'mx.cname', 'error');
  });
});

describe('mx.ip-literal', () => {
  it('fails an MX that names an IP address', async () => {
    const { findings } = await audit({
      'example.com': [{ MX: [10, '192.0.2.25'] }, { MX: [20, 'mx2.example.com'] }],
      'mx2.example.com': [{ A: '198.51.100.25' }],
    });
    const found = only(findings, 'mx.ip-literal', 'fail');
    assert.equal(found.subject, '192.0.2.25');
    assert.match(found.fix ?? '', /IN {2}A {2}192\.0\.2\.25/);
    only(findings, 'mx.unresolvable', 'pass');
  });

  it('mentions when the literal is a private address', async () => {
    const { findings } = await audit({ 'example.com': [{ MX: [10, '10.1.2.3'] }] });
    assert.match(only(findings, 'mx.ip-literal', 'fail').message, /Private-Use/);
  });
});

describe('mx.unresolvable', () => {
  it('fails at high severity when no MX host resolves', async () => {
    const { findings } = await audit({
      'example.com': [{ MX: [10, 'mx1.example.com'] }],
      'mx1.example.com': [{ TXT: 'hello' }],
    });
    const found = only(findings, 'mx.unresolvable', 'fail');
    assert.equal(found.severity, 'high');
    assert.match(found.message, /no address record/);
  });

  it('fails at medium severity when a backup host does not exist but another resolves', async () => {
    const { findings } = await audit({
      'example.com': [{ MX: [10, 'mx1.example.com'] }, { MX: [20, 'gone.example.net'] }],
      'mx1.example.com': [{ A: '192.0.2.25' }],
    });
    const found = only(findings, 'mx.unresolvable', 'fail');
    assert.equal(found.subject, 'gone.example.net');
    assert.equal(found.severity, 'medium');
    assert.match(found.message, /NXDOMAIN/);
  });

  it('is an error naming the host and the cause when the lookups time out', async () => {
    const { findings } = await audit({
      'example.com': [{ MX: [10, 'mx1.example.com'] }],
      'mx1.example.com': ['TIMEOUT'],
    });
    const found = only(findings, 'mx.unresolvable', 'error');
    assert.equal(found.subject, 'mx1.example.com');
    assert.match(found.message, /mx1\.example\.com/);
    assert.match(found.message, /timeout/);
    assert.ok(!findings.some((item) => item.status === 'fail'), 'a timeout never fails anything');
    only(findings, 'mx.no-ipv6', 'error');
    only(findings, 'mx.private-address', 'error');
  });

  it('passes a host with only an IPv6 address', async () => {
    const { findings } = await audit({
      'example.com': [{ MX: [10, 'mx1.example.com'] }],
      'mx1.example.com': [{ AAAA: '2001:db8::25' }],
    });
    only(findings, 'mx.unresolvable', 'pass');
  });

  it('passes a host whose A resolves even if its AAAA times out', async () => {
    const { findings } = await audit({
      'example.com': [{ MX: [10, 'mx1.example.com'] }],
      'mx1.example.com': [{ A: '192.0.2.25' }, 'TIMEOUT'],
    });
    only(findings, 'mx.unresolvable', 'pass');
    only(findings, 'mx.no-ipv6', 'error');
    only(findings, 'mx.private-address', 'error');
  });
});

describe('mx.duplicate-priority', () => {
  it('passes load sharing and explains it', async () => {
    const { findings } = await audit({
      'example.com': [{ MX: [10, 'mx1.example.com'] }, { MX: [10, 'mx2.example.com'] }],
      'mx1.example.com': [{ A: '192.0.2.25' }],
      'mx2.example.com': [{ A: '192.0.2.26' }],
    });
    const found = only(findings, 'mx.duplicate-priority', 'pass');
    assert.match(found.message, /share preference 10/);
    assert.match(found.message, /load sharing/);
  });

  it('warns when the same host is listed twice, and judges it once', async () => {
    const { findings, client } = await audit({
      'example.com': [{ MX: [10, 'mx1.example.com'] }, { MX: [20, 'mx1.example.com'] }],
      'mx1.example.com': [{ A: '192.0.2.25' }],
    });
    const found = only(findings, 'mx.duplicate-priority', 'warn');
    assert.equal(found.severity, 'low');
    assert.equal(client.asked.filter((question) => question.type === 'A').length, 1);
    assert.match(only(findings, 'mx.unresolvable', 'pass').message, /mx1\.example\.com resolves/);
  });
});

describe('mx.private-address', () => {
  const cases: [string, string][] = [
    ['10.0.0.25', 'private'],
    ['172.20.1.1', 'private'],
    ['192.168.0.25', 'private'],
    ['127.0.0.1', 'loopback'],
    ['169.254.1.1', 'link-local'],
    ['0.0.0.0', 'unspecified'],
    ['100.64.1.1', 'shared'],
    ['224.0.0.25', 'multicast'],
    ['240.0.0.25', 'reserved'],
    ['198.18.0.25', 'benchmark'],
  ];
  for (const [address, why] of cases) {
    it(`fails ${address} (${why})`, async () => {
      const { findings } = await audit({
        'example.com': [{ MX: [10, 'mx1.example.com'] }],
        'mx1.example.com': [{ A: address }],
      });
      const found = only(findings, 'mx.private-address', 'fail');
      assert.match(found.message, new RegExp(address.replaceAll('.', '\\.')));
      assert.equal(found.severity, 'high');
    });
  }

  for (const address of ['::1', 'fe80::25', 'fd00::25', '::ffff:192.0.2.25']) {
    it(`fails the IPv6 address ${address}`, async () => {
      const { findings } = await audit({
        'example.com': [{ MX: [10, 'mx1.example.com'] }],
        'mx1.example.com': [{ A: '192.0.2.25' }, { AAAA: address }],
      });
      assert.match(only(findings, 'mx.private-address', 'fail').message, /must retry another address/);
    });
  }

  for (const address of ['192.0.2.25', '198.51.100.25', '203.0.113.25', '2001:db8::25', '8.8.4.4']) {
    it(`treats ${address} as public (documentation blocks model public hosts)`, async () => {
      const { findings } = await audit({
        'example.com': [{ MX: [10, 'mx1.example.com'] }],
        'mx1.example.com': [address.includes(':') ? { AAAA: address } : { A: address }],
      });
      only(findings, 'mx.private-address', 'pass');
    });
  }
});

describe('mx.no-ipv6', () => {
  it('warns at low severity when no MX host has an AAAA', async () => {
    const { findings } = await audit({
      'example.com': [{ MX: [10, 'mx1.example.com'] }, { MX: [20, 'mx2.example.com'] }],
      'mx1.example.com': [{ A: '192.0.2.25' }],
      'mx2.example.com': [{ A: '192.0.2.26' }],
    });
    const found = only(findings, 'mx.no-ipv6', 'warn');
    assert.equal(found.severity, 'low');
    assert.equal(found.evidence.length, 2);
  });

  it('passes when one MX host has an AAAA even if another AAAA lookup failed', async () => {
    const { findings } = await audit({
      'example.com': [{ MX: [10, 'mx1.example.com'] }, { MX: [20, 'mx2.example.com'] }],
      'mx1.example.com': [{ A: '192.0.2.25' }, 'TIMEOUT'],
      'mx2.example.com': [{ AAAA: '2001:db8::26' }],
    });
    assert.match(only(findings, 'mx.no-ipv6', 'pass').message, /mx2\.example\.com has an IPv6/);
  });
});

describe('resolveMailHosts', () => {
  it('sorts hosts by preference and resolves both families', async () => {
    const result = await resolveMailHosts(
      domain,
      clientFor({
        'example.com': [{ MX: [20, 'b.example.com'] }, { MX: [5, 'a.example.com'] }],
        'a.example.com': [{ A: '192.0.2.1' }, { AAAA: '2001:db8::1' }],
        'b.example.com': [{ A: '192.0.2.2' }],
      }),
    );
    assert.equal(result.kind, 'mx');
    if (result.kind !== 'mx') return;
    assert.deepEqual(
      result.hosts.map((host) => [
        host.preference,
        host.host,
        host.addresses.map((address) => address.family),
      ]),
      [
        [5, 'a.example.com', [4, 6]],
        [20, 'b.example.com', [4]],
      ],
    );
    assert.equal(result.omitted, 0);
  });

  it('gives the implicit MX host when there is no MX', async () => {
    const result = await resolveMailHosts(domain, clientFor({ 'example.com': [{ A: '192.0.2.80' }] }));
    assert.equal(result.kind, 'implicit');
    if (result.kind !== 'implicit') return;
    assert.equal(result.host.host, domain);
    assert.equal(result.host.preference, 0);
    assert.equal(result.host.addresses.length, 1);
  });

  it('bounds the number of hosts it resolves', async () => {
    const records = Array.from({ length: maxMailHosts + 8 }, (_, index) => ({
      MX: [index, `mx${index}.example.com`],
    }));
    const client = clientFor({ 'example.com': records });
    const result = await resolveMailHosts(domain, client);
    assert.equal(result.kind, 'mx');
    if (result.kind !== 'mx') return;
    assert.equal(result.hosts.length, maxMailHosts);
    assert.equal(result.omitted, 8);
    assert.equal(client.asked.length, 1 + 2 * maxMailHosts);
  });
});

describe('lab scenarios lab/zones/cases/mx-*.yaml', () => {
  // mx-servfail: the cases README lists `mx.missing` error; this check reports the failed MX query under
  // its own ID, mx.dns-error, and gives no mx.missing verdict at all (asserted below).
  const expected: [string, string, Status][] = [
    ['mx-none-a', 'mx.missing', 'warn'],
    ['mx-none', 'mx.missing', 'fail'],
    ['mx-null', 'mx.null', 'pass'],
    ['mx-cname', 'mx.cname', 'warn'],
    ['mx-ip-literal', 'mx.ip-literal', 'fail'],
    ['mx-nxdomain', 'mx.unresolvable', 'fail'],
    ['mx-timeout', 'mx.unresolvable', 'error'],
    ['mx-duplicate-priority', 'mx.duplicate-priority', 'pass'],
    ['mx-private', 'mx.private-address', 'fail'],
    ['mx-loopback', 'mx.private-address', 'fail'],
    ['mx-ipv6', 'mx.no-ipv6', 'pass'],
    ['mx-no-ipv6', 'mx.no-ipv6', 'warn'],
    ['mx-servfail', 'mx.dns-error', 'error'],
  ];
  const casesDir = new URL('../../../lab/zones/cases/', import.meta.url);
  for (const [name, checkId, status] of expected) {
    it(`${name}.test: ${checkId} ${status}`, async () => {
      const store = new ZoneStore();
      store.addYaml(readFileSync(new URL(`${name}.yaml`, casesDir), 'utf8'), `${name}.yaml`);
      const target = `${name}.test`;
      const findings = await mxCheck.run(
        { domain: target, unicode: target },
        contextFor(new ZoneClient(store)),
      );
      only(findings, checkId, status);
      if (status === 'error') {
        assert.ok(!findings.some((item) => item.status === 'fail'), 'a DNS failure never fails a rule');
        if (checkId === 'mx.dns-error') assert.deepEqual(of(findings, 'mx.missing'), []);
      }
    });
  }
});
