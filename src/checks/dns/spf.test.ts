// The SPF check over the lab's spf-* scenarios and inline zones: each check ID in its pass, fail/warn and error forms.

import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ZoneClient } from '../../../lab/zone-client.js';
import { ZoneStore } from '../../../lab/zone-store.js';
import type { Finding, Status } from '../../model/finding.js';
import type { CheckContext } from '../check.js';
import { defaultCheckOptions } from '../check.js';
import { spfCheck } from './spf.js';

const casesDir = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'lab', 'zones', 'cases');

function labStore(): ZoneStore {
  const store = new ZoneStore();
  for (const file of readdirSync(casesDir).filter(
    (name) => name.startsWith('spf-') && name.endsWith('.yaml'),
  )) {
    store.addYaml(readFileSync(join(casesDir, file), 'utf8'), file);
  }
  return store;
}

function contextFor(store: ZoneStore): CheckContext {
  return {
    dns: new ZoneClient(store),
    https: { get: () => Promise.reject(new Error('the SPF check must not fetch over HTTPS')) },
    clock: { now: () => new Date('2025-01-01T00:00:00Z') },
    signal: new AbortController().signal,
    options: defaultCheckOptions,
  };
}

async function run(domain: string, store: ZoneStore): Promise<readonly Finding[]> {
  return spfCheck.run({ domain, unicode: domain }, contextFor(store));
}

function statusOf(findings: readonly Finding[], id: string): Status[] {
  return findings.filter((item) => item.checkId === id).map((item) => item.status);
}

function only(findings: readonly Finding[], id: string, status: Status): Finding {
  const matching = findings.filter((item) => item.checkId === id && item.status === status);
  assert.equal(
    matching.length,
    1,
    `expected one ${status} ${id}, got ${JSON.stringify(findings.map((f) => [f.checkId, f.status]))}`,
  );
  return matching[0] as Finding;
}

describe('spf check metadata', () => {
  it('declares exactly the 17 IDs with RFC 7208 references', () => {
    const ids = spfCheck.meta.map((meta) => meta.id).sort();
    assert.deepEqual(ids, [
      'spf.all-neutral',
      'spf.all-pass',
      'spf.dns-error',
      'spf.include-loop',
      'spf.include-missing',
      'spf.missing',
      'spf.multiple-records',
      'spf.no-all',
      'spf.ptr-used',
      'spf.record-too-long',
      'spf.redirect-ignored',
      'spf.spf-rr-type',
      'spf.split-mistake',
      'spf.syntax-error',
      'spf.too-many-lookups',
      'spf.too-many-mx-names',
      'spf.too-many-void-lookups',
    ]);
    for (const meta of spfCheck.meta) {
      assert.equal(meta.area, 'spf');
      assert.ok(
        meta.references.every((ref) => ref.url.startsWith('https://www.rfc-editor.org/rfc/rfc7208#section-')),
      );
    }
  });
});

describe('spf check over lab scenarios', () => {
  const store = labStore();
  const cases: [string, string, Status, string?][] = [
    ['spf-missing.test', 'spf.missing', 'fail', 'high'],
    ['spf-multiple.test', 'spf.multiple-records', 'fail', 'high'],
    ['spf-syntax-error.test', 'spf.syntax-error', 'fail', 'high'],
    ['spf-too-many-lookups.test', 'spf.too-many-lookups', 'fail', 'high'],
    ['spf-void-lookups.test', 'spf.too-many-void-lookups', 'fail', 'medium'],
    ['spf-include-loop.test', 'spf.include-loop', 'fail', 'high'],
    ['spf-redirect-loop.test', 'spf.include-loop', 'fail', 'high'],
    ['spf-all-pass.test', 'spf.all-pass', 'fail', 'critical'],
    ['spf-all-neutral.test', 'spf.all-neutral', 'fail', 'medium'],
    ['spf-no-all.test', 'spf.no-all', 'fail', 'medium'],
    ['spf-ptr.test', 'spf.ptr-used', 'warn', 'low'],
    ['spf-redirect-ignored.test', 'spf.redirect-ignored', 'warn', 'low'],
    ['spf-too-long.test', 'spf.record-too-long', 'warn', 'low'],
    ['spf-rr-type.test', 'spf.spf-rr-type', 'warn', 'low'],
    ['spf-rr-type-only.test', 'spf.spf-rr-type', 'fail', 'high'],
    ['spf-mx-names.test', 'spf.too-many-mx-names', 'fail', 'high'],
    ['spf-split-mistake.test', 'spf.split-mistake', 'fail', 'high'],
    ['spf-include-timeout.test', 'spf.dns-error', 'error', 'info'],
  ];
  for (const [domain, id, status, severity] of cases) {
    it(`${domain}: ${id} is ${status}`, async () => {
      const findings = await run(domain, store);
      const found = only(findings, id, status);
      if (severity !== undefined) assert.equal(found.severity, severity);
      assert.ok(found.evidence.length > 0 || status === 'pass', 'a verdict carries evidence');
    });
  }

  it('spf-include-missing.test: both the NXDOMAIN and the no-SPF include fail', async () => {
    const findings = await run('spf-include-missing.test', store);
    assert.deepEqual(statusOf(findings, 'spf.include-missing'), ['fail', 'fail']);
    assert.match(
      findings.find((item) => item.checkId === 'spf.include-missing')?.message ?? '',
      /does not exist/,
    );
  });

  it('spf-include-timeout.test: never calls the timed-out include missing, and names what failed', async () => {
    const findings = await run('spf-include-timeout.test', store);
    assert.deepEqual(statusOf(findings, 'spf.include-missing'), ['error']);
    assert.deepEqual(statusOf(findings, 'spf.too-many-lookups'), ['error']);
    assert.ok(findings.every((item) => item.status !== 'fail'));
    assert.match(
      only(findings, 'spf.dns-error', 'error').message,
      /_spf\.slow\.spf-include-timeout\.test.*timeout/,
    );
  });

  it('spf-syntax-error.test: the message gives the term and its column', async () => {
    const findings = await run('spf-syntax-error.test', store);
    assert.match(
      only(findings, 'spf.syntax-error', 'fail').message,
      /inclde:_spf\.spf-syntax-error\.test at column 23: unknown mechanism "inclde"/,
    );
  });

  it('spf-too-many-lookups.test: the tree evidence carries branch totals', async () => {
    const findings = await run('spf-too-many-lookups.test', store);
    const evidence = only(findings, 'spf.too-many-lookups', 'fail').evidence.find(
      (item) => item.kind === 'spf-tree',
    );
    assert.ok(evidence?.kind === 'spf-tree');
    assert.equal(evidence.tree.branchLookups, 12);
    assert.deepEqual(
      evidence.tree.children.map((child) => child.branchLookups),
      [3, 3, 3],
    );
  });
});

describe('spf check over inline zones', () => {
  function store(zone: Record<string, unknown>): ZoneStore {
    const result = new ZoneStore();
    result.addZoneData(zone, 'inline');
    return result;
  }

  it('a healthy record passes every rule it evaluates, saying what was checked', async () => {
    const findings = await run(
      'example.com',
      store({
        'example.com': [{ TXT: 'v=spf1 mx include:_spf.example.com -all' }, { MX: [10, 'mail.example.com'] }],
        'mail.example.com': [{ A: '192.0.2.1' }],
        '_spf.example.com': [{ TXT: 'v=spf1 ip4:198.51.100.0/24 ~all' }],
      }),
    );
    assert.ok(
      findings.every((item) => item.status === 'pass'),
      JSON.stringify(findings.filter((f) => f.status !== 'pass')),
    );
    assert.equal(
      only(findings, 'spf.too-many-lookups', 'pass').message.startsWith('2 of 10 DNS-querying terms'),
      true,
    );
    assert.equal(new Set(findings.map((item) => item.checkId)).size, 17);
  });

  it('a Null MX domain without SPF is told to publish v=spf1 -all', async () => {
    const findings = await run(
      'nomail.example',
      store({ 'nomail.example': [{ MX: [0, '.'] }, { A: '192.0.2.9' }] }),
    );
    const missing = only(findings, 'spf.missing', 'fail');
    assert.match(missing.message, /Null MX/);
    assert.equal(missing.fix, 'nomail.example. TXT "v=spf1 -all"');
  });

  it('a failed root TXT lookup is an error, never "missing"', async () => {
    const findings = await run('down.example', store({ 'down.example': ['SERVFAIL'] }));
    assert.deepEqual(
      findings.map((item) => `${item.checkId} ${item.status}`),
      ['spf.dns-error error', 'spf.missing error'],
    );
    assert.match(findings[0]?.message ?? '', /servfail/);
  });

  it('exactly 10 lookups warns that there is no room left', async () => {
    const findings = await run(
      'ten.example',
      store({ 'ten.example': [{ TXT: 'v=spf1 a a a a a a a a a a -all' }, { A: '192.0.2.1' }] }),
    );
    assert.match(only(findings, 'spf.too-many-lookups', 'warn').message, /10 of 10/);
  });

  it('+all in an included record is reported against the included domain', async () => {
    const findings = await run(
      'example.com',
      store({
        'example.com': [{ TXT: 'v=spf1 include:lax.example.net -all' }],
        'lax.example.net': [{ TXT: 'v=spf1 +all' }],
      }),
    );
    assert.equal(only(findings, 'spf.all-pass', 'fail').subject, 'lax.example.net');
  });
});
