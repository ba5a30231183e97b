import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type HttpsTestLab, startHttpsTestLab } from '../../../lab/https-fixture.js';
import type { Finding } from '../../model/finding.js';
import type { HttpsFetcher } from '../../net/http/types.js';
import { knowledgeEngine } from './engine.js';
import { checkExchangeTargets, type ExchangeEngine } from './exchange.js';

let lab: HttpsTestLab;
before(async () => {
  lab = await startHttpsTestLab();
});
after(() => lab.stop());

const limits = { timeoutMs: 3000, maxBytes: 256 * 1024, maxRedirects: 3, logonSamples: 2 };
const now = new Date('2026-11-27T12:00:00Z');

function run(
  host: string,
  engine: ExchangeEngine = knowledgeEngine(),
  https?: HttpsFetcher,
): Promise<Finding[]> {
  const context = { ...lab.context(https === undefined ? {} : { https }), clock: { now: () => now } };
  return checkExchangeTargets([{ host, explicit: true }], host, context, engine, limits);
}

const line = (finding: Finding): string => `${finding.checkId} ${finding.status}`;

describe('exchange checks: pass, fail, warn, error forms', () => {
  it('2019 CU14 Oct25SU with ECP and PowerShell blocked: those pass, ProxyLogon-era CVEs are not reported', async () => {
    const findings = await run('ex2019.exchange-lab.test');
    const lines = findings.map(line);
    assert.ok(lines.includes('exchange.ecp-exposed pass'));
    assert.ok(lines.includes('exchange.powershell-exposed pass'));
    assert.ok(lines.includes('exchange.unsupported fail'), '2019 is out of support since 2025-10-14');
    assert.ok(!findings.some((finding) => finding.subject.endsWith('CVE-2021-26855')));
  });

  it('Exchange SE with its August 2026 update is supported', async () => {
    const findings = await run('exse.exchange-lab.test');
    assert.ok(
      !findings.some((finding) => finding.checkId === 'exchange.unsupported' && finding.status === 'fail'),
    );
    assert.match(findings.find((finding) => finding.checkId === 'exchange.detected')?.message ?? '', /SE/);
  });

  it('Exchange 2010 and 2013 CU23 (before March 2021) are unsupported and open to ProxyLogon where it applies', async () => {
    const ex2013 = await run('ex2013.exchange-lab.test');
    assert.ok(
      ex2013.some((finding) => finding.subject.endsWith('CVE-2021-26855') && finding.status === 'fail'),
    );
    assert.ok(ex2013.map(line).includes('exchange.unsupported fail'));
    assert.ok(ex2013.map(line).includes('exchange.windows-unsupported fail'), 'Server 2012 R2');
    const ex2010 = await run('ex2010.exchange-lab.test');
    assert.ok(ex2010.map(line).includes('exchange.unsupported fail'));
  });

  it('a fetch that times out is an error naming the failure, never "no Exchange"', async () => {
    const failing: HttpsFetcher = {
      get: async (request) => ({
        kind: 'error',
        url: request.url,
        reason: 'timeout',
        detail: 'no response in 3000 ms',
      }),
    };
    const findings = await run('ex2016.exchange-lab.test', knowledgeEngine(), failing);
    assert.deepEqual(findings.map(line), ['exchange.unreachable error']);
    assert.match(findings[0]?.message ?? '', /ex2016\.exchange-lab\.test for Exchange: no response in time/);
  });

  it('warns in every Exchange report when the data is past its review date', async () => {
    const base = knowledgeEngine();
    const stale: ExchangeEngine = {
      ...base,
      staleness: () => ({ stale: true, reviewBy: '2026-01-01', dataVersion: 'test', daysPast: 330 }),
    };
    const findings = await run('ex2016.exchange-lab.test', stale);
    assert.ok(findings.map(line).includes('exchange.data-stale warn'));
  });
});
