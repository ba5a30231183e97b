// `telltale smtp HOST[:PORT]` end to end against the lab's mail servers: real DNS on the wire, real SMTP/TLS on loopback.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Lab, startLab } from '../../lab/lab.js';
import { defaultServices } from '../../src/cli/command-kit.js';
import { parseServerTarget } from '../../src/cli/commands/smtp.js';
import type { CliServices } from '../../src/cli/main.js';
import type { Report } from '../../src/model/report.js';
import { createDnsClient } from '../../src/net/dns/client.js';
import { formatResolver } from '../../src/net/dns/resolvers.js';
import { NodeHttpsFetcher } from '../../src/net/http/https-fetcher.js';
import { NodeSmtpProber } from '../../src/net/smtp/prober.js';
import { runCliCaptured } from './run-cli.js';

describe('parsing HOST[:PORT]', () => {
  test('names, addresses, bracketed IPv6 and ports', () => {
    assert.deepEqual(parseServerTarget('Mail.Example.test:587', undefined), {
      host: 'mail.example.test',
      literal: undefined,
      port: 587,
      name: 'mail.example.test',
    });
    const v6 = parseServerTarget('[2001:DB8::25]:465', 'mx.example.test');
    assert.equal(v6.host, '2001:db8::25');
    assert.equal(v6.port, 465);
    assert.equal(v6.name, 'mx.example.test');
    assert.equal(parseServerTarget('2001:db8::25', undefined).port, 25);
    assert.equal(parseServerTarget('192.0.2.1', undefined).name, undefined);
    assert.throws(() => parseServerTarget('mail.example.test:99999', undefined), /not a port number/);
    assert.throws(() => parseServerTarget('bad host', undefined), /neither an IP address nor a host name/);
  });
});

describe('telltale smtp against the lab', () => {
  let lab: Lab;
  let services: CliServices;

  before(async () => {
    lab = await startLab();
    services = {
      ...defaultServices,
      openRuntime: async (settings) => {
        const dns = createDnsClient({ resolvers: [lab.dns], timeoutMs: settings.timeoutMs, dnssec: true });
        return {
          dns,
          https: new NodeHttpsFetcher(dns, { addressMap: lab.addressMap, ca: lab.trustedCas }),
          smtp: new NodeSmtpProber({
            addressMap: lab.addressMap,
            extraCas: lab.trustedCas,
            limits: {
              connectTimeoutMs: 1000,
              greetingTimeoutMs: 1000,
              commandTimeoutMs: 1000,
              sessionBudgetMs: 4000,
            },
          }),
          resolvers: [formatResolver(lab.dns)],
          notes: [],
          close: () => dns.close(),
        };
      },
    };
  });
  after(async () => {
    await lab.stop();
  });

  const smtpJson = async (...argv: string[]): Promise<Report> => {
    const run = await runCliCaptured(['smtp', ...argv, '--format', 'json'], { services });
    assert.equal(run.code, 0, run.stderr);
    return JSON.parse(run.stdout) as Report;
  };
  const statusOf = (report: Report, checkId: string): string[] =>
    report.findings.filter((finding) => finding.checkId === checkId).map((finding) => finding.status);

  test('Old Mill’s Exchange by name: the connector findings, target = the host', async () => {
    const report = await smtpJson('mail.oldmill.test');
    assert.deepEqual(report.target, { domain: 'mail.oldmill.test', unicode: 'mail.oldmill.test' });
    assert.deepEqual(statusOf(report, 'smtp.auth-before-tls'), ['fail']);
    assert.deepEqual(statusOf(report, 'smtp.ntlm-info-leak'), ['fail']);
    assert.deepEqual(statusOf(report, 'smtp.open-relay'), ['fail']);
    assert.deepEqual(statusOf(report, 'smtp.cert-hostname-mismatch'), ['warn']);
    assert.ok(report.checks['smtp.open-relay']?.remediation.includes('Remove-ADPermission'));
  });

  test('an address with --name, --no-relay-test and --fail-on', async () => {
    const report = await smtpJson('203.0.113.25', '--name', 'mail.oldmill.test', '--no-relay-test');
    assert.deepEqual(statusOf(report, 'smtp.open-relay'), ['skipped']);
    assert.deepEqual(statusOf(report, 'smtp.cert-hostname-mismatch'), ['warn']);
    const failing = await runCliCaptured(['smtp', '203.0.113.25', '--no-relay-test', '--fail-on', 'high'], {
      services,
    });
    assert.equal(failing.code, 1, failing.stderr);
    assert.match(failing.stdout, /AUTH/);
  });

  test('a good server passes, and a host without address is a usage error', async () => {
    const report = await smtpJson('mx.smtp-good.test');
    // The lab gives this host no reverse DNS: the only failure, and the proof that PTR is checked too.
    assert.deepEqual(statusOf(report, 'smtp.ptr-missing'), ['fail']);
    const bad = report.findings.filter(
      (f) => (f.status === 'fail' || f.status === 'error') && f.checkId !== 'smtp.ptr-missing',
    );
    assert.deepEqual(
      bad.map((f) => `${f.checkId}: ${f.message}`),
      [],
    );
    const missing = await runCliCaptured(['smtp', 'nothing-here.smtp-good.test'], { services });
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /no A or AAAA record/);
  });
  test('scan: the demo company shows connector findings, and --no-relay-test skips the relay probe', async () => {
    const run = await runCliCaptured(['scan', 'oldmill.test', '--format', 'json', '--no-relay-test'], {
      services,
    });
    assert.equal(run.code, 0, run.stderr);
    const report = JSON.parse(run.stdout) as Report;
    assert.deepEqual(statusOf(report, 'smtp.open-relay'), ['skipped']);
    assert.deepEqual(statusOf(report, 'smtp.ntlm-info-leak'), ['fail']);
    assert.deepEqual(statusOf(report, 'smtp.tls-legacy-protocol'), ['warn']);
  });
});
