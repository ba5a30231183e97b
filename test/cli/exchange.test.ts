import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Lab, startLab } from '../../lab/lab.js';
import type { Report } from '../../src/model/report.js';
import { labServices } from './lab-runtime.js';
import { runCliCaptured } from './run-cli.js';

describe('telltale exchange against the lab', () => {
  let lab: Lab;

  before(async () => {
    lab = await startLab();
  });
  after(async () => {
    await lab.stop();
  });

  const run = (...argv: string[]) => runCliCaptured(argv, { services: labServices(lab) });

  const json = async (...argv: string[]): Promise<Report> => {
    const result = await run(...argv, '--format', 'json', '--timeout', '3000');
    assert.equal(result.code, 0, result.stderr);
    return JSON.parse(result.stdout) as Report;
  };

  const ids = (report: Report, status?: string): string[] =>
    report.findings
      .filter((finding) => status === undefined || finding.status === status)
      .map((finding) => finding.checkId);

  test("Old Mill's Exchange 2016 CU19: ProxyLogon and ProxyShell certain, unsupported, ECP/PowerShell open, leaks", async () => {
    const report = await json('exchange', 'mail.oldmill.test');
    const vulnerable = report.findings.filter((finding) => finding.checkId === 'exchange.vulnerable');
    for (const cve of ['CVE-2021-26855', 'CVE-2021-34473', 'CVE-2021-34523', 'CVE-2021-31207'])
      assert.ok(
        vulnerable.some((finding) => finding.subject.endsWith(cve) && finding.status === 'fail'),
        `${cve} vulnerable`,
      );
    const proxyLogon = vulnerable.find((finding) => finding.subject.endsWith('CVE-2021-26855'));
    assert.match(proxyLogon?.fix ?? '', /2016 CU19 Mar21SU \(build 15\.1\.2176\.9, KB5000871\)/);
    assert.match(proxyLogon?.message ?? '', /CISA KEV/);
    assert.equal(proxyLogon?.severity, 'critical');
    const detected = report.findings.find((finding) => finding.checkId === 'exchange.detected');
    assert.match(detected?.message ?? '', /15\.1\.2176\.2.*\d+ certain, up to \d+ possible/);
    for (const id of ['exchange.unsupported', 'exchange.ecp-exposed', 'exchange.powershell-exposed'])
      assert.ok(ids(report, 'fail').includes(id), id);
    for (const id of ['exchange.internal-name-leak', 'exchange.ntlm-info-leak'])
      assert.ok(ids(report, 'warn').includes(id), id);
    const ntlm = report.findings.find((finding) => finding.checkId === 'exchange.ntlm-info-leak');
    assert.match(ntlm?.message ?? '', /oldmill\.local/);
    assert.match(ntlm?.message ?? '', /Windows Server 2016/);
  });

  test('CU-only evidence gives possibly-vulnerable with the SU to install, never a certain verdict for it', async () => {
    const report = await json('exchange', 'ex2016-cu.exchange-lab.test');
    const proxyLogon = report.findings.find((finding) => finding.subject.endsWith('CVE-2021-26855'));
    assert.equal(proxyLogon?.checkId, 'exchange.possibly-vulnerable');
    assert.equal(proxyLogon?.status, 'warn');
    assert.match(proxyLogon?.fix ?? '', /Mar21SU/);
  });

  test('load-balanced front-ends of different builds are assessed one by one', async () => {
    const report = await json('exchange', 'exlb.exchange-lab.test');
    const detected = report.findings.filter((finding) => finding.checkId === 'exchange.detected');
    assert.deepEqual(detected.map((finding) => finding.subject).sort(), [
      'exlb.exchange-lab.test [EXFE1]',
      'exlb.exchange-lab.test [EXFE2]',
    ]);
    assert.ok(ids(report, 'warn').includes('exchange.mixed-builds'));
    // EXFE2 has May21SU: ProxyShell's last part is fixed there, not on EXFE1.
    const subjects = report.findings
      .filter((finding) => finding.checkId === 'exchange.vulnerable')
      .map((finding) => finding.subject);
    assert.ok(subjects.includes('exlb.exchange-lab.test [EXFE1] CVE-2021-31207'));
    assert.ok(!subjects.includes('exlb.exchange-lab.test [EXFE2] CVE-2021-31207'));
  });

  test('a non-Exchange IIS gives no Exchange finding, only a skipped note', async () => {
    const report = await json('exchange', 'iis.plainweb.test');
    assert.deepEqual(
      report.findings.map((finding) => `${finding.checkId} ${finding.status}`),
      ['exchange.not-found skipped'],
    );
  });

  test('a host with no address is an error, not "no Exchange"', async () => {
    const report = await json('exchange', 'nothing-here.exchange-lab.test');
    assert.deepEqual(
      report.findings.map((finding) => `${finding.checkId} ${finding.status}`),
      ['exchange.unreachable error'],
    );
  });

  test('text output and --fail-on', async () => {
    const result = await run('exchange', 'mail.oldmill.test', '--fail-on', 'high', '--timeout', '3000');
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stdout, /Microsoft Exchange exposure/);
    assert.match(result.stdout, /CVE-2021-26855/);
  });

  test('bad HOST:PORT is a usage error', async () => {
    const result = await run('exchange', 'mail.oldmill.test:99999');
    assert.equal(result.code, 2);
  });

  test("scan finds Old Mill's Exchange through MX and autodiscover, and nothing on-premises for Brightwater", async () => {
    const oldmill = await json('scan', 'oldmill.test');
    assert.ok(
      oldmill.findings.some(
        (finding) =>
          finding.checkId === 'exchange.vulnerable' && finding.subject === 'mail.oldmill.test CVE-2021-26855',
      ),
    );
    assert.ok(oldmill.findings.some((finding) => finding.subject.startsWith('autodiscover.oldmill.test')));
    const brightwater = await json('scan', 'brightwater.test');
    const exchange = brightwater.findings.filter((finding) => finding.checkId.startsWith('exchange.'));
    assert.ok(
      exchange.every((finding) => finding.checkId === 'exchange.not-found' || finding.status === 'error'),
    );
    assert.ok(!exchange.some((finding) => finding.checkId === 'exchange.detected'));
  });

  test('scan --host adds a host to examine', async () => {
    const report = await json('scan', 'brightwater.test', '--host', 'exse.exchange-lab.test');
    const detected = report.findings.find((finding) => finding.checkId === 'exchange.detected');
    assert.match(detected?.message ?? '', /Exchange Server SE.*15\.2\.2562\.46/);
  });
});
