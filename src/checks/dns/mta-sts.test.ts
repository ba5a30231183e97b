// The MTA-STS check over the lab's zones and HTTPS hosts: one case domain per finding, real TLS on loopback.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type HttpsTestLab, startHttpsTestLab } from '../../../lab/https-fixture.js';
import type { Finding, Status } from '../../model/finding.js';
import type { HttpsFetcher } from '../../net/http/types.js';
import { mtaStsCheck, mtaStsMeta } from './mta-sts.js';

let lab: HttpsTestLab;
before(async () => {
  lab = await startHttpsTestLab();
});
after(async () => {
  await lab.stop();
});

async function run(domain: string, https?: HttpsFetcher): Promise<readonly Finding[]> {
  return mtaStsCheck.run({ domain, unicode: domain }, lab.context(https ? { https } : {}));
}

function statuses(findings: readonly Finding[]): Record<string, Status> {
  return Object.fromEntries(findings.map((f) => [f.checkId, f.status]));
}

function only(findings: readonly Finding[], checkId: string): Finding {
  const found = findings.filter((f) => f.checkId === checkId);
  assert.equal(found.length, 1, `${checkId} in ${JSON.stringify(findings.map((f) => f.checkId))}`);
  return found[0] as Finding;
}

const cases: readonly (readonly [string, Record<string, Status>])[] = [
  [
    'mtasts-good.test',
    {
      'mtasts.missing': 'pass',
      'mtasts.record-invalid': 'pass',
      'mtasts.certificate-invalid': 'pass',
      'mtasts.policy-unreachable': 'pass',
      'mtasts.policy-invalid': 'pass',
      'mtasts.testing-mode': 'pass',
      'mtasts.max-age-short': 'pass',
      'mtasts.mx-mismatch': 'pass',
    },
  ],
  [
    'brightwater.test',
    { 'mtasts.policy-invalid': 'pass', 'mtasts.mx-mismatch': 'pass', 'mtasts.testing-mode': 'pass' },
  ],
  ['oldmill.test', { 'mtasts.missing': 'fail' }],
  ['mtasts-missing.test', { 'mtasts.missing': 'fail' }],
  ['mtasts-dns-error.test', { 'mtasts.missing': 'error' }],
  ['mtasts-multiple.test', { 'mtasts.missing': 'pass', 'mtasts.record-invalid': 'fail' }],
  ['mtasts-bad-id.test', { 'mtasts.record-invalid': 'fail' }],
  ['mtasts-no-host.test', { 'mtasts.policy-unreachable': 'fail' }],
  ['mtasts-expired.test', { 'mtasts.certificate-invalid': 'fail' }],
  ['mtasts-wrong-name.test', { 'mtasts.certificate-invalid': 'fail' }],
  ['mtasts-self-signed.test', { 'mtasts.certificate-invalid': 'fail' }],
  ['mtasts-redirect.test', { 'mtasts.certificate-invalid': 'pass', 'mtasts.policy-unreachable': 'fail' }],
  ['mtasts-not-found.test', { 'mtasts.policy-unreachable': 'fail' }],
  ['mtasts-wrong-type.test', { 'mtasts.policy-unreachable': 'pass', 'mtasts.policy-invalid': 'fail' }],
  ['mtasts-oversized.test', { 'mtasts.policy-invalid': 'fail' }],
  ['mtasts-syntax.test', { 'mtasts.policy-invalid': 'fail' }],
  ['mtasts-testing.test', { 'mtasts.testing-mode': 'warn', 'mtasts.mx-mismatch': 'pass' }],
  ['mtasts-short-max-age.test', { 'mtasts.max-age-short': 'warn', 'mtasts.testing-mode': 'pass' }],
  ['mtasts-mx-mismatch.test', { 'mtasts.mx-mismatch': 'fail' }],
  ['mtasts-wildcard.test', { 'mtasts.mx-mismatch': 'fail' }],
];

describe('mtaStsCheck over the lab', () => {
  for (const [domain, expected] of cases) {
    it(`${domain}: ${Object.entries(expected)
      .map(([id, status]) => `${id} ${status}`)
      .join(', ')}`, async () => {
      const found = statuses(await run(domain));
      for (const [id, status] of Object.entries(expected))
        assert.equal(found[id], status, `${id}: ${JSON.stringify(found)}`);
    });
  }

  it('stops after a failure instead of judging what it could not trust', async () => {
    const found = statuses(await run('mtasts-expired.test'));
    assert.equal(found['mtasts.policy-invalid'], undefined);
    assert.equal(found['mtasts.mx-mismatch'], undefined);
  });

  it('says why a certificate is bad, with the certificate as evidence', async () => {
    const bad = only(await run('mtasts-wrong-name.test'), 'mtasts.certificate-invalid');
    assert.match(bad.message, /hostname mismatch/);
    const evidence = bad.evidence.find((e) => e.kind === 'text');
    assert.match(evidence?.kind === 'text' ? evidence.value : '', /other-name\.test/);
    assert.match(only(await run('mtasts-expired.test'), 'mtasts.certificate-invalid').message, /expired/);
  });

  it('names the redirect target and the unmatched MX host', async () => {
    assert.match(
      only(await run('mtasts-redirect.test'), 'mtasts.policy-unreachable').message,
      /redirect to https:\/\/www\./,
    );
    const mismatch = only(await run('mtasts-wildcard.test'), 'mtasts.mx-mismatch');
    assert.match(mismatch.message, /mx\.eu\.mtasts-wildcard\.test/);
    assert.doesNotMatch(mismatch.message, /mx1\.mtasts-wildcard\.test match/);
    assert.match(mismatch.fix ?? '', /mx: mx\.eu\.mtasts-wildcard\.test/);
    assert.equal(mismatch.severity, 'high');
  });

  it('offers the exact record and policy for a domain without MTA-STS, with its MX hosts', async () => {
    const missing = only(await run('oldmill.test'), 'mtasts.missing');
    assert.match(missing.fix ?? '', /_mta-sts\.oldmill\.test\. IN TXT "v=STSv1; id=20250301120000"/);
    assert.match(missing.fix ?? '', /mx: mail\.oldmill\.test/);
  });

  it('reports a slow policy server as an error naming the timeout, not as missing', async () => {
    const quick: HttpsFetcher = { get: (request) => lab.fetcher.get({ ...request, timeoutMs: 300 }) };
    const slow = only(await run('mtasts-slow.test', quick), 'mtasts.policy-unreachable');
    assert.equal(slow.status, 'error');
    assert.match(slow.message, /timeout/);
  });

  it('gives the DNS failure as the reason when the record lookup fails', async () => {
    const error = only(await run('mtasts-dns-error.test'), 'mtasts.missing');
    assert.match(error.message, /servfail/);
    assert.equal(error.severity, 'info');
  });

  it('declares every ID it reports', async () => {
    const ids = new Set(mtaStsMeta.map((meta) => meta.id));
    for (const [domain] of cases) for (const f of await run(domain)) assert.ok(ids.has(f.checkId), f.checkId);
    for (const meta of mtaStsMeta) assert.equal(meta.area, 'mta-sts');
  });
});
