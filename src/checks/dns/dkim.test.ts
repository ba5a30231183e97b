// The DKIM check against the lab's case and demo zones: each check ID in its pass, warn/fail and error forms,
// CNAME aliases in evidence, the wildcard guard, user-given selectors and bounded concurrency.

import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { ZoneClient } from '../../../lab/zone-client.js';
import { ZoneStore } from '../../../lab/zone-store.js';
import { builtinDkimSelectors } from '../../knowledge/dkim-selectors.js';
import type { Finding, Status } from '../../model/finding.js';
import type { DnsAnswer, DnsClient, QueryOptions, RecordType } from '../../net/dns/types.js';
import type { CheckContext } from '../check.js';
import { createDkimCheck, dkimCheck, dkimMeta, normalizeSelector } from './dkim.js';

const zonesDir = new URL('../../../lab/zones/', import.meta.url);

function loadStore(): ZoneStore {
  const store = new ZoneStore();
  const files = [
    ...readdirSync(new URL('cases/', zonesDir))
      .filter((name) => name.startsWith('dkim-'))
      .map((name) => new URL(`cases/${name}`, zonesDir)),
    new URL('demo-brightwater-dkim.yaml', zonesDir),
    new URL('demo-oldmill-dkim.yaml', zonesDir),
  ];
  for (const file of files) store.addYaml(readFileSync(file, 'utf8'), file.pathname);
  return store;
}

const store = loadStore();

function contextFor(dns: DnsClient, dkimSelectors: readonly string[] = []): CheckContext {
  return {
    dns,
    https: { get: () => Promise.reject(new Error('the DKIM check must not fetch over HTTPS')) },
    clock: { now: () => new Date('2026-01-01T00:00:00Z') },
    signal: new AbortController().signal,
    options: { dkimSelectors },
  };
}

async function scan(domain: string, selectors: readonly string[] = []): Promise<readonly Finding[]> {
  return dkimCheck.run({ domain, unicode: domain }, contextFor(new ZoneClient(store), selectors));
}

function of(findings: readonly Finding[], checkId: string, subject?: string): Finding[] {
  return findings.filter(
    (item) => item.checkId === checkId && (subject === undefined || item.subject === subject),
  );
}

function only(findings: readonly Finding[], checkId: string, status: Status, subject?: string): Finding {
  const matching = of(findings, checkId, subject);
  assert.equal(matching.length, 1, `${checkId} ${subject ?? ''}: ${JSON.stringify(findings, null, 1)}`);
  const [found] = matching;
  assert.ok(found);
  assert.equal(found.status, status, `${checkId}: ${found.message}`);
  return found;
}

function none(findings: readonly Finding[], ...checkIds: string[]): void {
  for (const id of checkIds) assert.deepEqual(of(findings, id), [], `${id} should not be reported`);
}

const evidenceText = (item: Finding) => JSON.stringify(item.evidence);

describe('dkim check: keys found', () => {
  it('follows Microsoft 365 CNAMEs, passes 2048-bit keys and shows the alias', async () => {
    const findings = await scan('dkim-good.test');
    const key = only(findings, 'dkim.weak-key', 'pass', 'selector1._domainkey.dkim-good.test');
    assert.match(key.message, /2048-bit RSA key/);
    assert.match(
      key.message,
      /via CNAME → selector1-dkim-good-test\._domainkey\.dkimgood\.onmicrosoft\.test/,
    );
    assert.match(
      evidenceText(key),
      /CNAME → selector1-dkim-good-test\._domainkey\.dkimgood\.onmicrosoft\.test\./,
    );
    only(findings, 'dkim.weak-key', 'pass', 'selector2._domainkey.dkim-good.test');
    const summary = only(findings, 'dkim.key-found', 'pass');
    assert.match(summary.message, /2 selector\(s\): selector1 \(Microsoft 365/);
    only(findings, 'dkim.wildcard', 'pass');
    none(findings, 'dkim.none-found', 'dkim.dns-error', 'dkim.syntax-error', 'dkim.testing');
  });

  it('measures a bare PKCS#1 key', async () => {
    const findings = await scan('dkim-pkcs1.test');
    const key = only(findings, 'dkim.weak-key', 'pass', 'mail._domainkey.dkim-pkcs1.test');
    assert.match(key.message, /2048-bit RSA key, published as a bare PKCS#1 RSAPublicKey/);
    none(findings, 'dkim.syntax-error');
  });

  it('finds a key at a user-given selector besides the built-in list', async () => {
    const without = await scan('dkim-ed25519.test');
    only(without, 'dkim.none-found', 'warn');
    const client = new ZoneClient(store);
    const findings = await dkimCheck.run(
      { domain: 'dkim-ed25519.test', unicode: 'dkim-ed25519.test' },
      contextFor(client, ['Brisbane._domainkey.dkim-ed25519.test.']),
    );
    const key = only(findings, 'dkim.weak-key', 'pass', 'brisbane._domainkey.dkim-ed25519.test');
    assert.match(key.message, /Ed25519 key \(RFC 8463\)/);
    assert.match(only(findings, 'dkim.key-found', 'pass').message, /1 selector\(s\): brisbane\./);
    // The user's selector is added to, not substituted for, the built-in list; the guard comes first,
    // beside _domainkey itself (an empty non-terminal here: NODATA, so every selector is tried).
    const names = client.asked.map((question) => question.name);
    assert.equal(names.length, builtinDkimSelectors.length + 3);
    assert.ok(names.includes('_domainkey.dkim-ed25519.test'));
    assert.match(names[0] ?? '', /^tt-[0-9a-f]{16}\._domainkey\.dkim-ed25519\.test$/);
    assert.ok(names.includes('selector1._domainkey.dkim-ed25519.test'));
    assert.ok(client.asked.every((question) => question.type === 'TXT'));
  });

  it('shows the demo companies: Brightwater passes, Old Mill has a 1024-bit and a testing key', async () => {
    const brightwater = await scan('brightwater.test');
    assert.equal(of(brightwater, 'dkim.weak-key').filter((item) => item.status === 'pass').length, 2);
    assert.ok(brightwater.every((item) => item.status === 'pass'));
    const oldmill = await scan('oldmill.test');
    const weak = only(oldmill, 'dkim.weak-key', 'warn', 'mail._domainkey.oldmill.test');
    assert.equal(weak.severity, 'medium');
    only(oldmill, 'dkim.testing', 'warn', 'dkim._domainkey.oldmill.test');
    only(oldmill, 'dkim.weak-key', 'pass', 'dkim._domainkey.oldmill.test');
  });
});

describe('dkim check: weak, revoked, testing, sha1, unusable', () => {
  it('fails a 512-bit key and warns on a 1024-bit key, with the rotation fix', async () => {
    const findings = await scan('dkim-weak.test');
    const short = only(findings, 'dkim.weak-key', 'fail', 'default._domainkey.dkim-weak.test');
    assert.equal(short.severity, 'high');
    assert.match(short.message, /512-bit RSA key/);
    assert.match(short.fix ?? '', /2048-bit key at a new selector/);
    const minimum = only(findings, 'dkim.weak-key', 'warn', 'k1._domainkey.dkim-weak.test');
    assert.match(minimum.message, /1024-bit.*RFC 8301 requires at least 1024 bits and recommends 2048/);
  });

  it('gives the Exchange Online command for Microsoft 365 selectors', async () => {
    const store512 = new ZoneStore();
    const oldmill = readFileSync(new URL('demo-oldmill-dkim.yaml', zonesDir), 'utf8');
    store512.addYaml(
      oldmill.replaceAll('mail._domainkey.oldmill.test', 'selector1._domainkey.oldmill.test'),
      'x',
    );
    const findings = await dkimCheck.run(
      { domain: 'oldmill.test', unicode: 'oldmill.test' },
      contextFor(new ZoneClient(store512)),
    );
    const weak = only(findings, 'dkim.weak-key', 'warn', 'selector1._domainkey.oldmill.test');
    assert.equal(
      weak.fix,
      'In Exchange Online PowerShell: Rotate-DkimSigningConfig -KeySize 2048 -Identity oldmill.test',
    );
  });

  it('reports a revoked key as a warning, not a failure', async () => {
    const findings = await scan('dkim-revoked.test');
    const revoked = only(findings, 'dkim.revoked', 'warn', 's1._domainkey.dkim-revoked.test');
    assert.match(revoked.message, /revoked \(empty p=\)/);
    only(findings, 'dkim.key-found', 'pass');
    none(findings, 'dkim.weak-key');
  });

  it('warns on t=y', async () => {
    const findings = await scan('dkim-testing.test');
    only(findings, 'dkim.testing', 'warn', 'dkim._domainkey.dkim-testing.test');
  });

  it('fails a key limited to h=sha1', async () => {
    const findings = await scan('dkim-sha1.test');
    const sha1 = only(findings, 'dkim.sha1-only', 'fail', 'smtp._domainkey.dkim-sha1.test');
    assert.match(sha1.message, /RFC 8301/);
  });

  it('fails an unknown key type and a key not meant for email', async () => {
    const findings = await scan('dkim-unusable.test');
    assert.match(
      only(findings, 'dkim.unusable-key', 'fail', 'mail._domainkey.dkim-unusable.test').message,
      /k=ed25519-sha256 is not a key type/,
    );
    assert.match(
      only(findings, 'dkim.unusable-key', 'fail', 'default._domainkey.dkim-unusable.test').message,
      /s=tlsrpt/,
    );
  });
});

describe('dkim check: syntax errors', () => {
  const cases: [string, RegExp][] = [
    ['mail', /v=DKIM1: k=rsa is not DKIM1/],
    ['default', /v= must be the first tag/],
    ['dkim', /does not decode to an RSA public key/],
    ['s1', /bare 32-byte key/],
    ['s2', /not valid base64/],
    ['k1', /k= appears more than once/],
  ];
  for (const [selector, problem] of cases) {
    it(`fails ${selector}: ${problem.source}`, async () => {
      const findings = await scan('dkim-syntax.test');
      const item = only(findings, 'dkim.syntax-error', 'fail', `${selector}._domainkey.dkim-syntax.test`);
      assert.match(item.message, problem);
      assert.equal(item.severity, 'high');
    });
  }

  it('fails two key records at one selector and still judges each', async () => {
    const findings = await scan('dkim-syntax.test');
    const subject = 'k2._domainkey.dkim-syntax.test';
    assert.match(only(findings, 'dkim.syntax-error', 'fail', subject).message, /2 key records at one name/);
    assert.equal(of(findings, 'dkim.weak-key', subject).length, 2);
  });
});

describe('dkim check: nothing found', () => {
  it('warns, never fails, and says absence is not proven; a non-key wildcard TXT is not a key', async () => {
    const findings = await scan('dkim-none.test');
    const item = only(findings, 'dkim.none-found', 'warn');
    assert.equal(item.severity, 'low');
    assert.match(item.message, /not proof that the domain does not sign/);
    assert.match(item.message, /--dkim-selector/);
    only(findings, 'dkim.wildcard', 'pass');
    assert.ok(findings.every((finding) => finding.status !== 'fail'));
  });

  it('names a dangling Microsoft 365 CNAME', async () => {
    const findings = await scan('dkim-dangling.test');
    const item = only(findings, 'dkim.none-found', 'warn');
    assert.match(
      item.message,
      /selector1 is a CNAME to .*onmicrosoft\.test, which does not exist \(Microsoft 365/,
    );
    assert.match(evidenceText(item), /nxdomain/);
  });
});

describe('dkim check: DNS errors', () => {
  it('names each failed selector and its cause without hiding the others', async () => {
    const findings = await scan('dkim-dns-error.test');
    const timeout = only(findings, 'dkim.dns-error', 'error', 'selector1._domainkey.dkim-dns-error.test');
    assert.match(timeout.message, /Selector selector1: .*failed \(timeout/);
    const servfail = only(findings, 'dkim.dns-error', 'error', 'selector2._domainkey.dkim-dns-error.test');
    assert.match(servfail.message, /servfail/);
    only(findings, 'dkim.weak-key', 'pass', 'google._domainkey.dkim-dns-error.test');
    assert.match(only(findings, 'dkim.key-found', 'pass').message, /2 selector\(s\) could not be looked up/);
  });

  it('reports "could not check" when every lookup fails, never "none found"', async () => {
    const findings = await scan('dkim-down.test');
    only(findings, 'dkim.wildcard', 'error');
    assert.match(
      only(findings, 'dkim.none-found', 'error').message,
      /every one of the \d+ selector lookups failed/,
    );
    // Forty identical failures are one line per cause, naming every selector, not forty findings.
    const grouped = of(findings, 'dkim.dns-error');
    assert.equal(grouped.length, 1);
    assert.match(
      grouped[0]?.message ?? '',
      new RegExp(`^${builtinDkimSelectors.length} selector lookups failed`),
    );
    const listed = grouped[0]?.evidence.find((item) => item.kind === 'text');
    assert.equal(listed?.kind === 'text' ? listed.value.split(', ').length : 0, builtinDkimSelectors.length);
    assert.ok(findings.every((finding) => finding.status === 'error'));
  });

  it('turns a DNS port that throws into an error finding', async () => {
    const throwing: DnsClient = {
      query: () => Promise.reject(new Error('resolver exploded')),
    };
    const check = createDkimCheck({ builtinSelectors: ['selector1'] });
    const findings = await check.run(
      { domain: 'example.test', unicode: 'example.test' },
      contextFor(throwing),
    );
    assert.match(only(findings, 'dkim.dns-error', 'error').message, /resolver exploded/);
    only(findings, 'dkim.none-found', 'error');
  });
});

describe('dkim check: wildcard guard', () => {
  it('warns that results are unreliable and names the selectors that echo the wildcard', async () => {
    const check = createDkimCheck({ builtinSelectors: ['selector1', 'selector2', 'google'] });
    const findings = await check.run(
      { domain: 'dkim-wildcard.test', unicode: 'dkim-wildcard.test' },
      contextFor(new ZoneClient(store)),
    );
    const wildcard = only(findings, 'dkim.wildcard', 'warn');
    assert.match(wildcard.message, /Unreliable \(they get the wildcard's record\): selector2, google\./);
    assert.match(wildcard.message, /own, different record: selector1\./);
    // The wildcard's own key is judged once, and only selector1 counts as found.
    only(findings, 'dkim.weak-key', 'pass', '*._domainkey.dkim-wildcard.test');
    only(findings, 'dkim.weak-key', 'pass', 'selector1._domainkey.dkim-wildcard.test');
    assert.match(only(findings, 'dkim.key-found', 'pass').message, /1 selector\(s\): selector1/);
  });

  it('says only the wildcard answered when no selector has its own key', async () => {
    const check = createDkimCheck({ builtinSelectors: ['selector2'] });
    const findings = await check.run(
      { domain: 'dkim-wildcard.test', unicode: 'dkim-wildcard.test' },
      contextFor(new ZoneClient(store)),
    );
    assert.match(only(findings, 'dkim.none-found', 'warn').message, /Only the wildcard record answered/);
  });
});

describe('dkim check: mechanics', () => {
  it('keeps at most `concurrency` lookups in flight', async () => {
    let inFlight = 0;
    let peak = 0;
    const inner = new ZoneClient(store);
    const counting: DnsClient = {
      async query<T extends RecordType>(
        name: string,
        type: T,
        options?: QueryOptions,
      ): Promise<DnsAnswer<T>> {
        inFlight += 1;
        peak = Math.max(peak, inFlight);
        await new Promise((resolve) => setImmediate(resolve));
        inFlight -= 1;
        return inner.query(name, type, options);
      },
    };
    const check = createDkimCheck({ concurrency: 3 });
    await check.run({ domain: 'dkim-good.test', unicode: 'dkim-good.test' }, contextFor(counting));
    assert.equal(peak, 3);
  });

  it('normalizes what users type as selectors and rejects what is not one', async () => {
    assert.equal(normalizeSelector(' S1 '), 's1');
    assert.equal(normalizeSelector('s1._domainkey.example.com.'), 's1');
    assert.equal(normalizeSelector('a.b'), 'a.b');
    assert.equal(normalizeSelector('bad selector'), undefined);
    assert.equal(normalizeSelector(''), undefined);
    const findings = await scan('dkim-good.test', ['not valid!']);
    assert.match(
      only(findings, 'dkim.key-found', 'pass').message,
      /Ignored, not valid selectors: not valid!/,
    );
  });

  it('declares metadata for every ID it reports', () => {
    const ids = dkimCheck.meta.map((meta) => meta.id);
    for (const id of [
      'dkim.none-found',
      'dkim.weak-key',
      'dkim.revoked',
      'dkim.testing',
      'dkim.syntax-error',
    ]) {
      assert.ok(ids.includes(id), id);
    }
    for (const meta of Object.values(dkimMeta)) {
      assert.equal(meta.area, 'dkim');
      assert.ok(meta.references.length > 0 && meta.remediation.length > 0);
      for (const reference of meta.references) assert.match(reference.url, /^https:\/\//);
    }
    assert.match(
      dkimMeta.weakKey.remediation,
      /Rotate-DkimSigningConfig -KeySize 2048 -Identity example\.com/,
    );
  });
});

describe('dkim check: NXDOMAIN at _domainkey (RFC 8020)', () => {
  const pruneStore = new ZoneStore();
  pruneStore.addYaml(
    [
      'records:',
      '  nokeys.test:',
      '    - A: 192.0.2.20',
      '  ent.test:',
      '    - A: 192.0.2.21',
      // Only a selector far down the built-in list: _domainkey.ent.test is an empty non-terminal.
      `  ${builtinDkimSelectors.at(-1)}._domainkey.ent.test:`,
      "    - TXT: 'v=DKIM1; p='",
    ].join('\n'),
    'inline',
  );

  /** A ZoneClient that records every name asked, and can make some names fail. */
  function recording(inner: DnsClient, failing: (name: string) => boolean = () => false) {
    const asked: string[] = [];
    const client: DnsClient = {
      query<T extends RecordType>(name: string, type: T, options?: QueryOptions): Promise<DnsAnswer<T>> {
        asked.push(name);
        if (failing(name)) {
          return Promise.resolve({ kind: 'error', name, type, reason: 'servfail', detail: 'test' });
        }
        return inner.query(name, type, options);
      },
    };
    return { client, asked };
  }

  it('tries only the user selectors and the commonest ones, and still says absence is not proven', async () => {
    const { client, asked } = recording(new ZoneClient(pruneStore));
    const findings = await dkimCheck.run(
      { domain: 'nokeys.test', unicode: 'nokeys.test' },
      contextFor(client, ['mine']),
    );
    // The guard, _domainkey itself, the user's selector and selector1/selector2/google.
    assert.equal(asked.length, 6, asked.join(' '));
    assert.ok(asked.includes('_domainkey.nokeys.test'));
    assert.ok(asked.includes('mine._domainkey.nokeys.test'));
    assert.ok(asked.includes('google._domainkey.nokeys.test'));
    const item = only(findings, 'dkim.none-found', 'warn');
    assert.match(item.message, /not proof that the domain does not sign/);
    assert.match(item.message, /_domainkey\.nokeys\.test does not exist \(NXDOMAIN\)/);
    assert.match(evidenceText(item), /_domainkey\.nokeys\.test/);
    only(findings, 'dkim.wildcard', 'pass');
  });

  it('asks just as little for a domain that does not exist', async () => {
    const { client, asked } = recording(new ZoneClient(pruneStore));
    const findings = await dkimCheck.run(
      { domain: 'absent.test', unicode: 'absent.test' },
      contextFor(client),
    );
    assert.equal(asked.length, 5, asked.join(' '));
    only(findings, 'dkim.none-found', 'warn');
  });

  it('probes every selector when _domainkey is an empty non-terminal (NODATA), and finds the key', async () => {
    const { client, asked } = recording(new ZoneClient(pruneStore));
    const findings = await dkimCheck.run({ domain: 'ent.test', unicode: 'ent.test' }, contextFor(client));
    assert.equal(asked.length, builtinDkimSelectors.length + 2);
    only(findings, 'dkim.revoked', 'warn');
    only(findings, 'dkim.key-found', 'pass');
  });

  it('probes every selector when _domainkey cannot be looked up', async () => {
    const { client, asked } = recording(
      new ZoneClient(pruneStore),
      (name) => name === '_domainkey.nokeys.test',
    );
    const findings = await dkimCheck.run(
      { domain: 'nokeys.test', unicode: 'nokeys.test' },
      contextFor(client),
    );
    assert.equal(asked.length, builtinDkimSelectors.length + 2);
    const item = only(findings, 'dkim.none-found', 'warn');
    assert.doesNotMatch(item.message, /NXDOMAIN/);
  });

  it('does not prune on NXDOMAIN at the end of a CNAME chain from _domainkey', async () => {
    const aliased = new ZoneStore();
    aliased.addYaml(
      ['records:', '  _domainkey.alias.test:', '    - CNAME: gone.example.test'].join('\n'),
      'inline',
    );
    const { client, asked } = recording(new ZoneClient(aliased));
    await dkimCheck.run({ domain: 'alias.test', unicode: 'alias.test' }, contextFor(client));
    assert.equal(asked.length, builtinDkimSelectors.length + 2);
  });
});

describe('the wildcard guard selector', () => {
  it('is a fresh random name for every scan, also past the first pool of random bytes', async () => {
    const guards: string[] = [];
    const dns: DnsClient = {
      query: async <T extends RecordType>(name: string, type: T, _options?: QueryOptions) => {
        if (name.startsWith('tt-')) guards.push(name);
        return { kind: 'nxdomain', name, type, aliases: [], authenticated: false } as DnsAnswer<T>;
      },
    };
    const check = createDkimCheck({ builtinSelectors: [] });
    // 600 scans draw 4800 random bytes: more than one pool.
    for (let scanIndex = 0; scanIndex < 600; scanIndex += 1)
      await check.run({ domain: 'guard.test', unicode: 'guard.test' }, contextFor(dns));
    assert.equal(guards.length, 600);
    assert.ok(guards.every((name) => /^tt-[0-9a-f]{16}\._domainkey\.guard\.test$/.test(name)));
    assert.equal(new Set(guards).size, 600);
  });
});
