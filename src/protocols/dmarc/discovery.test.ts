// The RFC 9989 §4.10 tree walk: the names asked, where it stops, the organisational domain and the policy
// it selects, on the RFC's own examples.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ZoneClient } from '../../../lab/zone-client.js';
import { ZoneStore } from '../../../lab/zone-store.js';
import { discoverPolicy, organizationalDomainOf, treeWalkTargets, walkDmarcTree } from './discovery.js';

function client(zone: Record<string, unknown>): ZoneClient {
  const store = new ZoneStore();
  store.addZoneData(zone, 'inline');
  return new ZoneClient(store);
}

describe('treeWalkTargets', () => {
  it("asks eight names for the RFC's thirteen-label example, cutting to seven labels after the first", () => {
    assert.deepEqual(treeWalkTargets('a.b.c.d.e.f.g.h.i.j.mail.example.com'), [
      'a.b.c.d.e.f.g.h.i.j.mail.example.com',
      'g.h.i.j.mail.example.com',
      'h.i.j.mail.example.com',
      'i.j.mail.example.com',
      'j.mail.example.com',
      'mail.example.com',
      'example.com',
      'com',
    ]);
  });
  it('walks one label at a time below eight labels, down to the TLD', () => {
    assert.deepEqual(treeWalkTargets('a.mail.example.com'), [
      'a.mail.example.com',
      'mail.example.com',
      'example.com',
      'com',
    ]);
  });
  it('never asks more than eight names', () => {
    for (let labels = 1; labels <= 30; labels += 1) {
      const name = Array.from({ length: labels }, (_, index) => `l${index}`).join('.');
      const targets = treeWalkTargets(name);
      assert.ok(targets.length <= 8, `${labels} labels: ${targets.length} queries`);
      assert.equal(targets.at(-1), `l${labels - 1}`);
    }
    assert.equal(treeWalkTargets('a.b.c.d.e.f.g.h').length, 8);
  });
});

describe('walkDmarcTree and the organisational domain (RFC 9989 §4.10.2 examples)', () => {
  it('records at mail.example.com and example.com: example.com (fewest labels)', async () => {
    const dns = client({
      '_dmarc.mail.example.com': [{ TXT: 'v=DMARC1; p=none' }],
      '_dmarc.example.com': [{ TXT: 'v=DMARC1; p=reject' }],
    });
    const walk = await walkDmarcTree(dns, 'a.mail.example.com');
    assert.deepEqual(
      dns.asked.map((question) => question.name),
      ['_dmarc.a.mail.example.com', '_dmarc.mail.example.com', '_dmarc.example.com', '_dmarc.com'],
    );
    assert.equal(organizationalDomainOf(walk), 'example.com');
    const policy = discoverPolicy(walk);
    assert.equal(policy.kind, 'inherited');
    if (policy.kind === 'inherited') {
      assert.equal(policy.step.domain, 'example.com');
      assert.equal(policy.from, 'organizational-domain');
    }
  });

  it('psd=n at mail.example.com: mail.example.com, and the walk stops there', async () => {
    const dns = client({
      '_dmarc.mail.example.com': [{ TXT: 'v=DMARC1; p=quarantine; psd=n' }],
      '_dmarc.example.com': [{ TXT: 'v=DMARC1; p=reject' }],
    });
    const walk = await walkDmarcTree(dns, 'a.mail.example.com');
    assert.equal(walk.ended, 'psd');
    assert.equal(dns.asked.length, 2);
    assert.equal(organizationalDomainOf(walk), 'mail.example.com');
  });

  it('only _dmarc.com with psd=y: example.com, whose policy comes from the public suffix domain', async () => {
    const dns = client({ '_dmarc.com': [{ TXT: 'v=DMARC1; p=reject; psd=y' }] });
    const walk = await walkDmarcTree(dns, 'a.mail.example.com');
    assert.equal(organizationalDomainOf(walk), 'example.com');
    const policy = discoverPolicy(walk);
    assert.equal(policy.kind, 'inherited');
    if (policy.kind === 'inherited') assert.equal(policy.from, 'public-suffix-domain');
  });

  it("the domain's own record wins; the walk still finds the organisational domain above", async () => {
    const dns = client({
      '_dmarc.mail.example.com': [{ TXT: 'v=DMARC1; p=none' }],
      '_dmarc.example.com': [{ TXT: 'v=DMARC1; p=reject' }],
    });
    const policy = discoverPolicy(await walkDmarcTree(dns, 'mail.example.com'));
    assert.equal(policy.kind, 'own');
    if (policy.kind === 'own') {
      assert.equal(policy.step.domain, 'mail.example.com');
      assert.equal(policy.orgDomain, 'example.com');
    }
  });

  it('two records at one name are both discarded and the walk goes on up', async () => {
    const dns = client({
      '_dmarc.mail.example.com': [{ TXT: 'v=DMARC1; p=none' }, { TXT: 'v=DMARC1; p=reject' }],
      '_dmarc.example.com': [{ TXT: 'v=DMARC1; p=quarantine' }],
    });
    const policy = discoverPolicy(await walkDmarcTree(dns, 'mail.example.com'));
    assert.equal(policy.kind, 'inherited');
  });

  it('no record anywhere: none, and the start is its own organisational domain', async () => {
    const walk = await walkDmarcTree(client({}), 'example.com');
    assert.equal(walk.ended, 'exhausted');
    assert.deepEqual(discoverPolicy(walk), { kind: 'none', orgDomain: 'example.com' });
  });

  it('a failure above matters only without an own record', async () => {
    const zone = { '_dmarc.com': ['SERVFAIL'], '_dmarc.own.com': [{ TXT: 'v=DMARC1; p=reject' }] };
    assert.equal(discoverPolicy(await walkDmarcTree(client(zone), 'own.com')).kind, 'own');
    assert.equal(discoverPolicy(await walkDmarcTree(client(zone), 'other.com')).kind, 'dns-error');
  });
});
