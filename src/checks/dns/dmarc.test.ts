// The DMARC check against the lab's zone files (lab/zones): every check ID in its pass, fail/warn and error
// forms, inheritance through the tree walk, and the two demo companies.

import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { ZoneClient } from '../../../lab/zone-client.js';
import { ZoneStore } from '../../../lab/zone-store.js';
import type { Finding, Status } from '../../model/finding.js';
import { parseDmarcRecord } from '../../protocols/dmarc/record.js';
import { type CheckContext, defaultCheckOptions } from '../check.js';
import { dmarcCheck, rewriteRecord } from './dmarc.js';

const zonesDir = new URL('../../../lab/zones/', import.meta.url);

function labStore(): ZoneStore {
  const store = new ZoneStore();
  const files = [
    ...readdirSync(zonesDir).filter((file) => file.endsWith('.yaml')),
    ...readdirSync(new URL('cases/', zonesDir))
      .filter((file) => file.startsWith('dmarc-') && file.endsWith('.yaml'))
      .map((file) => `cases/${file}`),
  ];
  for (const file of files) store.addYaml(readFileSync(new URL(file, zonesDir), 'utf8'), file);
  return store;
}

const store = labStore();

function contextFor(client: ZoneClient): CheckContext {
  return {
    dns: client,
    https: { get: () => Promise.reject(new Error('the DMARC check must not fetch over HTTPS')) },
    clock: { now: () => new Date('2026-01-01T00:00:00Z') },
    signal: new AbortController().signal,
    options: defaultCheckOptions,
  };
}

async function audit(domain: string): Promise<{ findings: readonly Finding[]; client: ZoneClient }> {
  const client = new ZoneClient(store);
  const findings = await dmarcCheck.run({ domain, unicode: domain }, contextFor(client));
  return { findings, client };
}

function statuses(findings: readonly Finding[], checkId: string): Status[] {
  return findings.filter((item) => item.checkId === checkId).map((item) => item.status);
}

function one(findings: readonly Finding[], checkId: string, status: Status): Finding {
  const matching = findings.filter((item) => item.checkId === checkId);
  assert.equal(matching.length, 1, `${checkId}: ${JSON.stringify(matching, null, 1)}`);
  const [found] = matching;
  assert.ok(found);
  assert.equal(found.status, status, `${checkId}: ${found.message}`);
  return found;
}

describe('dmarcCheck metadata', () => {
  it('declares every ID it reports, in the dmarc area, with RFC 9989 references and a record to publish', () => {
    const ids = dmarcCheck.meta.map((meta) => meta.id);
    for (const id of [
      'dmarc.missing',
      'dmarc.multiple-records',
      'dmarc.syntax-error',
      'dmarc.policy-none',
      'dmarc.policy-quarantine',
      'dmarc.subdomain-policy-weaker',
      'dmarc.testing-mode',
      'dmarc.no-reporting',
      'dmarc.external-report-unauthorized',
      'dmarc.report-domain-no-mx',
      'dmarc.too-many-uris',
      'dmarc.deprecated-tag',
      'dmarc.dns-error',
      'dmarc.not-dmarc-record',
    ]) {
      assert.ok(ids.includes(id), id);
    }
    assert.equal(new Set(ids).size, ids.length);
    for (const meta of dmarcCheck.meta) {
      assert.equal(meta.area, 'dmarc');
      assert.ok(meta.references.length > 0, meta.id);
      assert.ok(
        meta.references.every((ref) => ref.url.startsWith('https://www.rfc-editor.org/rfc/')),
        meta.id,
      );
    }
    assert.match(
      dmarcCheck.meta.find((meta) => meta.id === 'dmarc.missing')?.remediation ?? '',
      /_dmarc\.example\.com TXT "v=DMARC1; p=reject; rua=mailto:/,
    );
  });

  it('reports only declared IDs on every lab case', async () => {
    const ids = new Set(dmarcCheck.meta.map((meta) => meta.id));
    for (const domain of [
      'dmarc-good.test',
      'dmarc-external.test',
      'dmarc-wildcard.test',
      'dmarc-timeout.test',
    ]) {
      const { findings } = await audit(domain);
      for (const item of findings) assert.ok(ids.has(item.checkId), item.checkId);
    }
  });
});

describe('dmarcCheck: a good domain passes every rule it checks', () => {
  it('dmarc-good.test', async () => {
    const { findings } = await audit('dmarc-good.test');
    for (const id of [
      'dmarc.missing',
      'dmarc.multiple-records',
      'dmarc.syntax-error',
      'dmarc.policy-none',
      'dmarc.policy-quarantine',
      'dmarc.subdomain-policy-weaker',
      'dmarc.testing-mode',
      'dmarc.no-reporting',
      'dmarc.too-many-uris',
      'dmarc.deprecated-tag',
      'dmarc.report-domain-no-mx',
      'dmarc.not-dmarc-record',
    ]) {
      one(findings, id, 'pass');
    }
    // Reports go to the domain itself: no authorisation record is needed, none is asked for.
    assert.deepEqual(statuses(findings, 'dmarc.external-report-unauthorized'), []);
    assert.ok(findings.every((item) => item.status === 'pass'));
    const missing = one(findings, 'dmarc.missing', 'pass');
    assert.match(missing.message, /dmarc-good\.test, decided by the RFC 9989 DNS tree walk/);
  });
});

describe('dmarcCheck: each finding in its failing form', () => {
  it('dmarc.missing', async () => {
    const { findings } = await audit('dmarc-missing.test');
    const found = one(findings, 'dmarc.missing', 'fail');
    assert.equal(found.severity, 'high');
    assert.equal(
      found.fix,
      '_dmarc.dmarc-missing.test TXT "v=DMARC1; p=none; rua=mailto:dmarc-reports@dmarc-missing.test"',
    );
    assert.equal(findings.length, 1);
  });

  it('dmarc.multiple-records: all discarded, so also missing', async () => {
    const { findings } = await audit('dmarc-multiple.test');
    one(findings, 'dmarc.multiple-records', 'fail');
    one(findings, 'dmarc.missing', 'fail');
  });

  it('dmarc.syntax-error: a duplicated tag invalidates the record', async () => {
    const { findings } = await audit('dmarc-syntax.test');
    const found = one(findings, 'dmarc.syntax-error', 'fail');
    assert.match(found.message, /receivers ignore it: the tag p appears more than once/);
    one(findings, 'dmarc.missing', 'fail');
  });

  it('dmarc.syntax-error: v=dmarc1 is not DMARC at all', async () => {
    const { findings } = await audit('dmarc-version.test');
    assert.match(one(findings, 'dmarc.syntax-error', 'fail').message, /exactly "v=DMARC1"/);
    one(findings, 'dmarc.missing', 'fail');
  });

  it('dmarc.syntax-error: an invalid sp with a valid rua turns the whole policy into none', async () => {
    const { findings } = await audit('dmarc-badsp.test');
    assert.match(one(findings, 'dmarc.syntax-error', 'fail').message, /treat the whole record as p=none/);
    one(findings, 'dmarc.policy-none', 'fail');
  });

  it('dmarc.syntax-error: unknown tags are a warning, and ignored', async () => {
    const { findings } = await auditZone('x.test', {
      '_dmarc.x.test': [{ TXT: 'v=DMARC1; p=reject; rau=mailto:d@x.test' }],
    });
    assert.match(
      one(findings, 'dmarc.syntax-error', 'warn').message,
      /rau=mailto:d@x.test is not a DMARC tag/,
    );
    one(findings, 'dmarc.no-reporting', 'warn');
  });

  it('dmarc.policy-none says spoofed mail is still delivered', async () => {
    const { findings } = await audit('dmarc-none.test');
    const found = one(findings, 'dmarc.policy-none', 'fail');
    assert.match(found.message, /spoofed mail claiming to be from you is still delivered/);
    assert.equal(
      found.fix,
      '_dmarc.dmarc-none.test TXT "v=DMARC1; p=reject; rua=mailto:dmarc@dmarc-none.test"',
    );
    assert.deepEqual(statuses(findings, 'dmarc.policy-quarantine'), []);
  });

  it('dmarc.policy-quarantine', async () => {
    const { findings } = await audit('dmarc-quarantine.test');
    one(findings, 'dmarc.policy-none', 'pass');
    assert.equal(one(findings, 'dmarc.policy-quarantine', 'warn').severity, 'low');
  });

  it('dmarc.subdomain-policy-weaker: sp=none under p=reject fails', async () => {
    const { findings } = await audit('dmarc-weaksub.test');
    const found = one(findings, 'dmarc.subdomain-policy-weaker', 'fail');
    assert.equal(
      found.fix,
      '_dmarc.dmarc-weaksub.test TXT "v=DMARC1; p=reject; rua=mailto:dmarc@dmarc-weaksub.test"',
    );
  });

  it('dmarc.subdomain-policy-weaker: np=quarantine under p=reject warns', async () => {
    const { findings } = await auditZone('x.test', {
      '_dmarc.x.test': [{ TXT: 'v=DMARC1; p=reject; np=quarantine; rua=mailto:d@x.test' }],
      'x.test': [{ MX: [10, 'mx.x.test'] }],
    });
    one(findings, 'dmarc.subdomain-policy-weaker', 'warn');
  });

  it('dmarc.testing-mode and dmarc.deprecated-tag', async () => {
    const { findings } = await audit('dmarc-testing.test');
    const testing = one(findings, 'dmarc.testing-mode', 'warn');
    assert.match(testing.message, /t=y asks receivers to apply quarantine instead of reject/);
    assert.match(testing.message, /pct=50/);
    one(findings, 'dmarc.deprecated-tag', 'warn');
  });

  it('dmarc.no-reporting', async () => {
    const { findings } = await audit('dmarc-norua.test');
    const found = one(findings, 'dmarc.no-reporting', 'warn');
    assert.equal(
      found.fix,
      '_dmarc.dmarc-norua.test TXT "v=DMARC1; p=reject; rua=mailto:dmarc-reports@dmarc-norua.test"',
    );
  });

  it('dmarc.external-report-unauthorized: fails without the record, passes through a wildcard', async () => {
    const { findings, client } = await audit('dmarc-external.test');
    const results = findings.filter((item) => item.checkId === 'dmarc.external-report-unauthorized');
    const fail = results.find((item) => item.status === 'fail');
    const pass = results.find((item) => item.status === 'pass');
    assert.equal(results.length, 2);
    assert.match(fail?.message ?? '', /reports-noauth\.test/);
    assert.equal(
      fail?.fix,
      'dmarc-external.test._report._dmarc.reports-noauth.test TXT "v=DMARC1" (to be published by whoever runs reports-noauth.test), or use a report address @dmarc-external.test',
    );
    assert.match(pass?.message ?? '', /reports-wild\.test accepts/);
    assert.ok(client.asked.some((q) => q.name === 'dmarc-external.test._report._dmarc.reports-wild.test'));
  });

  it('dmarc.report-domain-no-mx: no MX but an address is the implicit MX, a warning', async () => {
    const { findings } = await audit('dmarc-nomx.test');
    assert.match(one(findings, 'dmarc.report-domain-no-mx', 'warn').message, /has no MX record.*implicit MX/);
  });

  it('dmarc.report-domain-no-mx: neither MX nor address fails', async () => {
    const { findings } = await auditZone('y.test', {
      '_dmarc.y.test': [{ TXT: 'v=DMARC1; p=reject; rua=mailto:d@y.test' }],
      'y.test': [{ TXT: 'hello' }],
    });
    assert.match(
      one(findings, 'dmarc.report-domain-no-mx', 'fail').message,
      /neither an MX record nor an address/,
    );
  });

  it('dmarc.report-domain-no-mx: a null MX fails too', async () => {
    const { findings } = await auditZone('x.test', {
      '_dmarc.x.test': [{ TXT: 'v=DMARC1; p=reject; rua=mailto:d@x.test' }],
      'x.test': [{ MX: [0, '.'] }],
    });
    assert.match(one(findings, 'dmarc.report-domain-no-mx', 'fail').message, /null MX/);
  });

  it('dmarc.too-many-uris', async () => {
    const { findings } = await audit('dmarc-manyuris.test');
    assert.match(
      one(findings, 'dmarc.too-many-uris', 'warn').message,
      /mailto:c@dmarc-manyuris\.test may get nothing/,
    );
  });

  it('dmarc.not-dmarc-record: an SPF record leaking through a wildcard is not DMARC', async () => {
    const { findings } = await audit('dmarc-wildcard.test');
    const found = one(findings, 'dmarc.not-dmarc-record', 'fail');
    assert.match(
      found.message,
      /not a DMARC record: it almost always comes from a wildcard TXT record \(\*\.dmarc-wildcard\.test\)/,
    );
    one(findings, 'dmarc.missing', 'fail');
  });
});

describe('dmarcCheck: DNS failures are errors naming what failed, never "missing"', () => {
  it('a timeout at _dmarc.<domain>', async () => {
    const { findings } = await audit('dmarc-timeout.test');
    assert.equal(findings.length, 1);
    const found = one(findings, 'dmarc.dns-error', 'error');
    assert.match(found.message, /_dmarc\.dmarc-timeout\.test TXT failed \(timeout/);
    assert.match(found.message, /not proof that DMARC is missing/);
  });

  it('a SERVFAIL above a subdomain without its own record', async () => {
    const { findings } = await audit('sub.dmarc-parentfail.test');
    const found = one(findings, 'dmarc.dns-error', 'error');
    assert.match(found.message, /_dmarc\.dmarc-parentfail\.test TXT failed \(servfail/);
    assert.deepEqual(statuses(findings, 'dmarc.missing'), []);
  });

  it('report destination lookups that fail give error forms of their own IDs', async () => {
    const { findings } = await audit('dmarc-desterror.test');
    assert.match(one(findings, 'dmarc.external-report-unauthorized', 'error').message, /servfail/);
    assert.match(
      one(findings, 'dmarc.report-domain-no-mx', 'error').message,
      /reports-broken\.test MX failed/,
    );
    one(findings, 'dmarc.policy-none', 'pass');
  });
});

describe('dmarcCheck: the tree walk', () => {
  it('a subdomain without a record inherits its organisational domain (sp, or p)', async () => {
    const { findings, client } = await audit('sub.dmarc-good.test');
    const missing = one(findings, 'dmarc.missing', 'pass');
    assert.match(missing.message, /inherits the policy of dmarc-good\.test \(its organisational domain\)/);
    assert.match(
      one(findings, 'dmarc.policy-quarantine', 'pass').message,
      /inherited from _dmarc\.dmarc-good\.test, tag p \(no sp\)/,
    );
    assert.deepEqual(
      client.asked
        .filter((q) => q.type === 'TXT')
        .map((q) => q.name)
        .slice(0, 3),
      ['_dmarc.sub.dmarc-good.test', '_dmarc.dmarc-good.test', '_dmarc.test'],
    );
  });

  it('a registrant under a psd=y public suffix domain gets its policy', async () => {
    const { findings } = await audit('shop.dmarc-psd.test');
    const missing = one(findings, 'dmarc.missing', 'pass');
    assert.match(missing.message, /a public suffix domain, psd=y/);
    assert.match(
      missing.message,
      /shop\.dmarc-psd\.test, decided by the RFC 9989 DNS tree walk; the Public Suffix List says dmarc-psd\.test/,
    );
  });

  it("a subdomain's own sp/np are ignored when its organisational domain is above", async () => {
    const { findings } = await auditZone('mail.x.test', {
      '_dmarc.mail.x.test': [{ TXT: 'v=DMARC1; p=reject; sp=none; rua=mailto:d@x.test' }],
      '_dmarc.x.test': [{ TXT: 'v=DMARC1; p=reject; rua=mailto:d@x.test' }],
      'x.test': [{ MX: [10, 'mx.x.test'] }],
    });
    assert.match(
      one(findings, 'dmarc.subdomain-policy-weaker', 'warn').message,
      /receivers ignore the sp and np tags/,
    );
  });
});

describe('dmarcCheck: the demo companies', () => {
  it('Brightwater: p=reject with reports to itself', async () => {
    const { findings } = await audit('brightwater.test');
    assert.ok(
      findings.every((item) => item.status === 'pass'),
      JSON.stringify(findings.filter((item) => item.status !== 'pass')),
    );
    one(findings, 'dmarc.policy-quarantine', 'pass');
  });

  it('Old Mill: p=none, reports to an outside domain that never authorised them', async () => {
    const { findings } = await audit('oldmill.test');
    one(findings, 'dmarc.policy-none', 'fail');
    one(findings, 'dmarc.external-report-unauthorized', 'fail');
    one(findings, 'dmarc.report-domain-no-mx', 'pass');
  });
});

describe('rewriteRecord', () => {
  it('keeps tags in order, drops removed ones and adds rua when absent', () => {
    const parse = parseDmarcRecord('v=DMARC1; p=none; pct=20; adkim=s');
    assert.equal(parse.kind, 'dmarc');
    if (parse.kind !== 'dmarc') return;
    assert.equal(
      rewriteRecord(parse.record, { p: 'reject' }, 'mailto:d@example.com'),
      'v=DMARC1; p=reject; adkim=s; rua=mailto:d@example.com',
    );
  });
});

async function auditZone(
  domain: string,
  zone: Record<string, unknown>,
): Promise<{ findings: readonly Finding[]; client: ZoneClient }> {
  const inline = new ZoneStore();
  inline.addZoneData(zone, 'inline');
  const client = new ZoneClient(inline);
  const findings = await dmarcCheck.run({ domain, unicode: domain }, contextFor(client));
  return { findings, client };
}
