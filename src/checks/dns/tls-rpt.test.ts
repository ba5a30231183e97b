// The TLS-RPT check over the lab's case zones (DNS only: the in-memory zone client).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultZonesDir, loadZones } from '../../../lab/lab.js';
import { ZoneClient } from '../../../lab/zone-client.js';
import type { Finding } from '../../model/finding.js';
import type { HttpsFetcher } from '../../net/http/types.js';
import { defaultCheckOptions } from '../check.js';
import { tlsRptCheck } from './tls-rpt.js';

const dns = new ZoneClient(loadZones(defaultZonesDir()));
const noHttps: HttpsFetcher = {
  get: () => Promise.reject(new Error('TLS-RPT needs no HTTPS')),
};

async function run(domain: string): Promise<Record<string, Finding>> {
  const findings = await tlsRptCheck.run(
    { domain, unicode: domain },
    {
      dns,
      https: noHttps,
      clock: { now: () => new Date() },
      signal: new AbortController().signal,
      options: defaultCheckOptions,
    },
  );
  return Object.fromEntries(findings.map((f) => [f.checkId, f]));
}

describe('tlsRptCheck', () => {
  it('passes a valid record and lists its destinations', async () => {
    const found = await run('tlsrpt-good.test');
    assert.equal(found['tlsrpt.missing']?.status, 'pass');
    assert.equal(found['tlsrpt.invalid']?.status, 'pass');
    assert.match(found['tlsrpt.invalid']?.message ?? '', /mailto:tls@tlsrpt-good\.test, https:\/\/reports/);
  });

  it('passes the demo company Brightwater and fails Old Mill', async () => {
    assert.equal((await run('brightwater.test'))['tlsrpt.invalid']?.status, 'pass');
    const oldmill = await run('oldmill.test');
    assert.equal(oldmill['tlsrpt.missing']?.status, 'fail');
    assert.match(
      oldmill['tlsrpt.missing']?.fix ?? '',
      /_smtp\._tls\.oldmill\.test\. IN TXT "v=TLSRPTv1; rua=mailto:/,
    );
  });

  it('fails a name with only unrelated TXT as missing', async () => {
    assert.equal((await run('tlsrpt-missing.test'))['tlsrpt.missing']?.status, 'fail');
  });

  it('fails bad URIs, a missing rua and two records as invalid, naming the problem', async () => {
    const bad = (await run('tlsrpt-invalid.test'))['tlsrpt.invalid'];
    assert.equal(bad?.status, 'fail');
    assert.match(bad?.message ?? '', /http:\/\/reports.*mailto: or https:/);
    assert.match(bad?.message ?? '', /"tls@tlsrpt-invalid\.test" must be a mailto: or https: URI/);
    assert.match((await run('tlsrpt-no-rua.test'))['tlsrpt.invalid']?.message ?? '', /rua.*missing/);
    assert.match((await run('tlsrpt-multiple.test'))['tlsrpt.invalid']?.message ?? '', /2 TXT records/);
  });

  it('reports a timeout as an error, never as missing', async () => {
    const found = await run('tlsrpt-dns-error.test');
    assert.equal(found['tlsrpt.missing']?.status, 'error');
    assert.match(found['tlsrpt.missing']?.message ?? '', /timeout/);
    assert.equal(found['tlsrpt.invalid'], undefined);
  });
});
