import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type HttpsTestLab, startHttpsTestLab } from '../../../lab/https-fixture.js';
import { combineObservations } from './combine.js';
import { formatVersion } from './observations.js';
import { type HostProbe, probeExchangeHost } from './probe.js';

let lab: HttpsTestLab;
before(async () => {
  lab = await startHttpsTestLab();
});
after(() => lab.stop());

const limits = { timeoutMs: 3000, maxBytes: 256 * 1024, maxRedirects: 3, logonSamples: 2 };

function probe(host: string): Promise<HostProbe> {
  return probeExchangeHost(lab.fetcher, host, new AbortController().signal, limits);
}

/** The best build of each server group, with its precision: "15.1.2176.2 full". */
async function builds(host: string): Promise<string[]> {
  const result = await probe(host);
  assert.equal(result.kind, 'exchange', host);
  if (result.kind !== 'exchange') return [];
  return combineObservations(result.observations).servers.map(
    (server) => `${server.server ?? '-'} ${formatVersion(server.version)} ${server.version.precision}`,
  );
}

describe('probeExchangeHost over the lab', () => {
  const table: [string, string[]][] = [
    ['ex2013.exchange-lab.test', ['EX2013 15.0.1497.10 full']],
    ['ex2016.exchange-lab.test', ['EX2016 15.1.2176.2 full']],
    ['ex2016-cu.exchange-lab.test', ['EX2016B 15.1.2176 cu']],
    ['ex2019.exchange-lab.test', ['EX2019 15.2.1544.36 full']],
    ['exse.exchange-lab.test', ['EXSE01 15.2.2562.46 full']],
    ['ex2010.exchange-lab.test', ['- 14.3.509.0 full']],
    ['mail.oldmill.test', ['OLDMILL-EX01 15.1.2176.2 full']],
  ];
  for (const [host, expected] of table)
    it(`fingerprints ${host}`, async () => assert.deepEqual(await builds(host), expected));

  it('keeps the builds of load-balanced front-ends apart, named by X-FEServer', async () => {
    const result = await probe('exlb.exchange-lab.test');
    assert.equal(result.kind, 'exchange');
    if (result.kind !== 'exchange') return;
    const combined = combineObservations(result.observations);
    assert.equal(combined.disagreement, true);
    assert.deepEqual(
      combined.servers.map((server) => `${server.server} ${formatVersion(server.version)}`).sort(),
      ['EXFE1 15.1.2176.2', 'EXFE2 15.1.2176.14'],
    );
  });

  it('decodes the NTLM challenge, sees ECP and PowerShell open and the leaking headers', async () => {
    const result = await probe('mail.oldmill.test');
    assert.equal(result.kind, 'exchange');
    if (result.kind !== 'exchange') return;
    assert.equal(result.ntlm.kind, 'challenge');
    if (result.ntlm.kind === 'challenge') {
      assert.equal(result.ntlm.challenge.targetInfo?.dnsComputerName, 'oldmill-ex01.oldmill.local');
      assert.equal(result.ntlm.challenge.version?.build, 14393);
      assert.match(result.ntlm.url, /\/EWS\/Exchange\.asmx$/);
    }
    assert.equal(result.ecp.kind, 'exposed');
    assert.equal(result.powershell.kind, 'exposed');
    const headers = new Set(result.leaks.map((leak) => `${leak.header}=${leak.value}`));
    assert.ok(headers.has('x-feserver=OLDMILL-EX01'));
    assert.ok(headers.has('x-calculatedbetarget=oldmill-ex01.oldmill.local'));
    assert.equal(result.tls.authorized, true);
  });

  it('sees ECP and PowerShell blocked on the patched 2019', async () => {
    const result = await probe('ex2019.exchange-lab.test');
    assert.equal(result.kind, 'exchange');
    if (result.kind !== 'exchange') return;
    assert.equal(result.ecp.kind, 'blocked');
    assert.equal(result.powershell.kind, 'blocked');
  });

  it('finds nothing Exchange on a plain web server or a non-Exchange IIS (one logon-page round, no NTLM probe)', async () => {
    for (const host of ['www.plainweb.test', 'iis.plainweb.test']) {
      const result = await probe(host);
      assert.equal(result.kind, 'not-exchange', host);
      if (result.kind === 'not-exchange')
        assert.ok(
          result.responses.every((response) => !response.url.includes('/EWS/')),
          'NTLM endpoints are not asked',
        );
    }
  });

  it('calls a name without address absent, never Exchange or not', async () => {
    const result = await probe('autodiscover.brightwater.test');
    assert.equal(result.kind, 'absent');
  });
});
