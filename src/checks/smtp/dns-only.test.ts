// The DNS-only connector checks (PTR/FCrDNS and blocklists) over the lab's case zones, with the in-memory zone client.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultZonesDir, loadZones } from '../../../lab/lab.js';
import { ZoneClient } from '../../../lab/zone-client.js';
import {
  dnsblDataset,
  dnsblQueryName,
  parseDnsblDataset,
  readDnsblAnswer,
} from '../../knowledge/dnsbl-zones.js';
import type { Finding, Status } from '../../model/finding.js';
import type { HttpsFetcher } from '../../net/http/types.js';
import { parseIp } from '../../protocols/ip/address.js';
import { type CheckContext, defaultCheckOptions } from '../check.js';
import { dnsblCheck } from './dnsbl.js';
import { ptrCheck } from './ptr.js';

const dns = new ZoneClient(loadZones(defaultZonesDir()));
const noHttps: HttpsFetcher = { get: () => Promise.reject(new Error('no HTTPS here')) };
const context: CheckContext = {
  dns,
  https: noHttps,
  clock: { now: () => new Date() },
  signal: new AbortController().signal,
  options: defaultCheckOptions,
};

const run = (check: typeof ptrCheck, domain: string): Promise<readonly Finding[]> =>
  check.run({ domain, unicode: domain }, context);
const summary = (findings: readonly Finding[]): string[] => findings.map((f) => `${f.checkId} ${f.status}`);
const withStatus = (findings: readonly Finding[], status: Status): Finding[] =>
  findings.filter((f) => f.status === status);

describe('PTR and forward-confirmed reverse DNS', () => {
  it('passes a PTR that is the MX name and resolves back', async () => {
    const findings = await run(ptrCheck, 'ptr-good.test');
    assert.deepEqual(summary(findings), ['smtp.ptr-missing pass', 'smtp.fcrdns-mismatch pass']);
    assert.match(
      findings[1]?.message ?? '',
      /192\.0\.2\.230 → mx1\.ptr-good\.test → 192\.0\.2\.230.*is the MX name/,
    );
  });

  it('fails a missing PTR with the record to ask for', async () => {
    const findings = await run(ptrCheck, 'ptr-missing.test');
    assert.deepEqual(summary(findings), ['smtp.ptr-missing fail']);
    assert.equal(findings[0]?.subject, '192.0.2.231');
    assert.equal(findings[0]?.fix, '231.2.0.192.in-addr.arpa.  IN  PTR  mx1.ptr-missing.test.');
  });

  it('fails a PTR name that resolves elsewhere', async () => {
    const findings = await run(ptrCheck, 'ptr-mismatch.test');
    assert.deepEqual(summary(findings), ['smtp.ptr-missing pass', 'smtp.fcrdns-mismatch fail']);
    assert.match(findings[1]?.message ?? '', /old-tenant\.hosting-ptr\.test.*not resolve back/);
    assert.equal(findings[1]?.fix, 'old-tenant.hosting-ptr.test.  IN  A  192.0.2.232');
  });

  it('reports a PTR timeout as error, never as missing', async () => {
    const findings = await run(ptrCheck, 'ptr-timeout.test');
    assert.deepEqual(summary(findings), ['smtp.ptr-missing error']);
    assert.match(findings[0]?.message ?? '', /Could not read the reverse DNS of 192\.0\.2\.233.*timeout/);
  });

  it('skips the demo company’s private MX address and reports nothing when the MX lookup fails', async () => {
    const oldmill = await run(ptrCheck, 'oldmill.test');
    assert.ok(oldmill.every((f) => f.subject !== '10.0.0.25'));
    assert.deepEqual(await run(ptrCheck, 'mx-servfail.test'), []);
  });
});

describe('DNS blocklists', () => {
  it('builds RFC 5782 query names for IPv4 and IPv6', () => {
    const v4 = parseIp('192.0.2.99');
    const v6 = parseIp('2001:db8:1:2::ab');
    assert.ok(v4 && v6);
    assert.equal(dnsblQueryName(v4, 'zen.spamhaus.org'), '99.2.0.192.zen.spamhaus.org');
    assert.equal(
      dnsblQueryName(v6, 'zen.spamhaus.org'),
      'b.a.0.0.0.0.0.0.0.0.0.0.0.0.0.0.2.0.0.0.1.0.0.0.8.b.d.0.1.0.0.2.zen.spamhaus.org',
    );
  });

  it('reads Spamhaus codes: listings, PBL policy, refusals, and non-DNSBL answers', () => {
    const zen = dnsblDataset.zones.find((zone) => zone.zone === 'zen.spamhaus.org');
    assert.ok(zen);
    const kind = (answer: string): string => {
      const reading = readDnsblAnswer(zen, answer);
      return reading.kind === 'code' ? `${reading.code.kind}:${reading.code.list}` : reading.kind;
    };
    assert.equal(kind('127.0.0.2'), 'listed:SBL');
    assert.equal(kind('127.0.0.4'), 'listed:XBL');
    assert.equal(kind('127.0.0.11'), 'policy:PBL (Spamhaus)');
    assert.equal(kind('127.255.255.254'), 'error:error');
    assert.equal(kind('127.255.255.255'), 'error:error');
    assert.equal(kind('127.255.255.100'), 'error:error');
    assert.equal(kind('127.0.0.200'), 'unknown-code');
    assert.equal(kind('198.51.100.1'), 'not-a-dnsbl-answer');
  });

  it('rejects a dataset whose codes are not in 127.0.0.0/8 or that repeats a zone', () => {
    const base = structuredClone(dnsblDataset) as unknown as { zones: { codes: { from: string }[] }[] };
    const zone = base.zones[0];
    assert.ok(zone?.codes[0]);
    zone.codes[0].from = '10.0.0.2';
    assert.throws(() => parseDnsblDataset(base), /127\.0\.0\.0\/8/);
    const twice = structuredClone(dnsblDataset) as unknown as { zones: unknown[] };
    twice.zones.push(twice.zones[0]);
    assert.throws(() => parseDnsblDataset(twice), /listed twice/);
  });

  it('fails a listed address, naming each list and the meaning of its code', async () => {
    const findings = await run(dnsblCheck, 'dnsbl-listed.test');
    const failed = withStatus(findings, 'fail');
    assert.equal(failed.length, 3);
    assert.ok(
      failed.some((f) => /Spamhaus ZEN \(zen\.spamhaus\.org, SBL, answer 127\.0\.0\.2\)/.test(f.message)),
    );
    assert.ok(failed.some((f) => /XBL, answer 127\.0\.0\.4\).*malware/.test(f.message)));
    assert.ok(failed.some((f) => /SpamCop/.test(f.message) && f.severity === 'medium'));
    assert.equal(withStatus(findings, 'pass').length, 0);
  });

  it('reports refusals, rewritten answers and timeouts as errors, and passes the zones that answered', async () => {
    const findings = await run(dnsblCheck, 'dnsbl-refused.test');
    assert.equal(withStatus(findings, 'fail').length, 0);
    const errors = withStatus(findings, 'error').map((f) => f.message);
    assert.equal(errors.length, 3);
    assert.ok(
      errors.some((m) => /answered 127\.255\.255\.254.*public or open resolver.*not a listing/.test(m)),
    );
    assert.ok(errors.some((m) => /198\.51\.100\.250 is outside 127\.0\.0\.0\/8/.test(m)));
    assert.ok(errors.some((m) => /Passive Spam Block List.*timeout/.test(m)));
    const pass = withStatus(findings, 'pass');
    assert.equal(pass.length, 1);
    assert.match(pass[0]?.message ?? '', /none of the 3 blocklists that answered.*3 could not be checked/);
  });

  it('warns for a Spamhaus PBL listing at low severity', async () => {
    const findings = await run(dnsblCheck, 'dnsbl-pbl.test');
    const warned = withStatus(findings, 'warn');
    assert.equal(warned.length, 1);
    assert.equal(warned[0]?.severity, 'low');
    assert.match(warned[0]?.message ?? '', /PBL \(ISP\).*should not send mail directly/);
  });

  it('passes a clean address with one finding naming every list', async () => {
    const findings = await run(dnsblCheck, 'ptr-good.test');
    assert.deepEqual(summary(findings), ['dnsbl.listed pass']);
    assert.match(findings[0]?.message ?? '', /none of the 6 blocklists/);
  });

  it('ignores a zone that lists the RFC 5782 test point 127.0.0.1 (it lists everything)', async () => {
    const store = loadZones(defaultZonesDir(), [
      {
        'dnsbl-world.test': [{ MX: [10, 'mx.dnsbl-world.test'] }],
        'mx.dnsbl-world.test': [{ A: '192.0.2.238' }],
        '238.2.0.192.psbl.surriel.com': [{ A: '127.0.0.2' }],
        '1.0.0.127.psbl.surriel.com': [{ A: '127.0.0.2' }],
      },
    ]);
    const findings = await dnsblCheck.run(
      { domain: 'dnsbl-world.test', unicode: 'dnsbl-world.test' },
      { ...context, dns: new ZoneClient(store) },
    );
    assert.equal(withStatus(findings, 'fail').length, 0);
    assert.match(withStatus(findings, 'error')[0]?.message ?? '', /also lists 127\.0\.0\.1/);
  });
});
