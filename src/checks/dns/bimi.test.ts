// The BIMI check over the lab: records from the case zones, logos fetched from the lab's HTTPS host.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type HttpsTestLab, startHttpsTestLab } from '../../../lab/https-fixture.js';
import type { Finding } from '../../model/finding.js';
import { bimiCheck, bimiMeta } from './bimi.js';

let lab: HttpsTestLab;
before(async () => {
  lab = await startHttpsTestLab();
});
after(async () => {
  await lab.stop();
});

async function run(domain: string): Promise<Record<string, Finding>> {
  const findings = await bimiCheck.run({ domain, unicode: domain }, lab.context());
  const ids = new Set(bimiMeta.map((meta) => meta.id));
  for (const f of findings) assert.ok(ids.has(f.checkId), `undeclared ${f.checkId}`);
  return Object.fromEntries(findings.map((f) => [f.checkId, f]));
}

describe('bimiCheck over the lab', () => {
  it('passes a complete set-up: record, SVG Tiny PS logo, authority URL, DMARC reject', async () => {
    const found = await run('bimi-good.test');
    for (const id of [
      'bimi.missing',
      'bimi.invalid',
      'bimi.logo-invalid',
      'bimi.authority-missing',
      'bimi.requires-enforcing-dmarc',
    ])
      assert.equal(found[id]?.status, 'pass', `${id}: ${found[id]?.message}`);
  });

  it('treats a domain without BIMI as not applicable, at info', async () => {
    const found = await run('bimi-none.test');
    assert.deepEqual(Object.keys(found), ['bimi.missing']);
    assert.equal(found['bimi.missing']?.status, 'skipped');
    assert.equal(found['bimi.missing']?.severity, 'info');
  });

  it('fails an http: logo URL as invalid', async () => {
    const found = await run('bimi-invalid.test');
    assert.equal(found['bimi.invalid']?.status, 'fail');
    assert.match(found['bimi.invalid']?.message ?? '', /l= must be an https: URL/);
  });

  it('fails DMARC p=none and pct=50 as not enforcing', async () => {
    const none = (await run('bimi-dmarc-none.test'))['bimi.requires-enforcing-dmarc'];
    assert.equal(none?.status, 'fail');
    assert.match(none?.message ?? '', /policy is none/);
    const pct = (await run('bimi-dmarc-pct.test'))['bimi.requires-enforcing-dmarc'];
    assert.equal(pct?.status, 'fail');
    assert.match(pct?.message ?? '', /pct=50/);
  });

  it('names what makes a logo unusable: profile, script, external image, bad certificate', async () => {
    const bad = (await run('bimi-bad-logo.test'))['bimi.logo-invalid'];
    assert.equal(bad?.status, 'fail');
    assert.match(bad?.message ?? '', /baseProfile="tiny-ps"/);
    assert.match(bad?.message ?? '', /scripts/);
    assert.match(bad?.message ?? '', /https:\/\/cdn\.example\.test\/logo\.png/);
    const cert = (await run('bimi-logo-cert.test'))['bimi.logo-invalid'];
    assert.equal(cert?.status, 'fail');
    assert.match(cert?.message ?? '', /expired/);
  });

  it('warns when there is no authority evidence', async () => {
    assert.equal((await run('bimi-no-authority.test'))['bimi.authority-missing']?.status, 'warn');
  });

  it('accepts a declination record without fetching anything', async () => {
    const found = await run('bimi-declined.test');
    assert.equal(found['bimi.invalid']?.status, 'pass');
    assert.match(found['bimi.invalid']?.message ?? '', /declines/);
    assert.equal(found['bimi.logo-invalid'], undefined);
  });
});
