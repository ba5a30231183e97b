// The connector audit against the lab's SMTP servers over real sockets on loopback: one case domain per finding,
// the demo company Old Mill's Exchange, and the rules for grading (opportunistic port 25, unreachable vs error).

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Lab, startLab } from '../../../lab/lab.js';
import { ZoneClient } from '../../../lab/zone-client.js';
import type { Finding, Status } from '../../model/finding.js';
import type { HttpsFetcher } from '../../net/http/types.js';
import { NodeSmtpProber } from '../../net/smtp/prober.js';
import { type CheckContext, defaultCheckOptions } from '../check.js';
import { smtpCheck } from './smtp-check.js';

let lab: Lab;
let prober: NodeSmtpProber;
const noHttps: HttpsFetcher = {
  get: async (request) => ({
    kind: 'error',
    url: request.url,
    reason: 'connect',
    detail: 'no HTTPS in this test',
  }),
};

before(async () => {
  lab = await startLab();
  prober = new NodeSmtpProber({
    addressMap: lab.addressMap,
    extraCas: lab.trustedCas,
    limits: {
      connectTimeoutMs: 1000,
      greetingTimeoutMs: 1000,
      commandTimeoutMs: 1000,
      sessionBudgetMs: 4000,
    },
  });
});
after(async () => {
  await lab.stop();
});

function context(options: Partial<CheckContext['options']> = {}): CheckContext {
  return {
    dns: new ZoneClient(lab.store),
    https: noHttps,
    smtp: prober,
    clock: { now: () => new Date() },
    signal: new AbortController().signal,
    options: { ...defaultCheckOptions, ...options },
  };
}

async function run(
  domain: string,
  options: Partial<CheckContext['options']> = {},
): Promise<readonly Finding[]> {
  return smtpCheck.run({ domain, unicode: domain }, context(options));
}

function statusOf(findings: readonly Finding[], checkId: string): Status[] {
  return findings.filter((f) => f.checkId === checkId).map((f) => f.status);
}

function messageOf(findings: readonly Finding[], checkId: string, status: Status): string {
  return findings.find((f) => f.checkId === checkId && f.status === status)?.message ?? '';
}

describe('smtp check against the lab', () => {
  it('passes a well-run server on every count', async () => {
    const findings = await run('smtp-good.test');
    const notPassing = findings.filter((f) => f.status !== 'pass' && f.checkId !== 'dane.tlsa-mismatch');
    assert.deepEqual(
      notPassing.map((f) => `${f.checkId} ${f.status}: ${f.message}`),
      [],
    );
    assert.deepEqual(statusOf(findings, 'smtp.tls-weak-cipher'), ['pass']);
    assert.deepEqual(statusOf(findings, 'smtp.open-relay'), ['pass']);
    assert.deepEqual(statusOf(findings, 'smtp.starttls-missing'), ['pass']);
    assert.deepEqual(statusOf(findings, 'dane.tlsa-mismatch'), ['skipped']);
  });

  it('finds Old Mill’s Exchange connector mistakes, graded for opportunistic port 25', async () => {
    const findings = await run('oldmill.test');
    assert.deepEqual(statusOf(findings, 'smtp.banner-version'), ['warn']);
    assert.deepEqual(statusOf(findings, 'smtp.auth-before-tls'), ['fail']);
    assert.match(
      messageOf(findings, 'smtp.auth-before-tls', 'fail'),
      /AUTH NTLM LOGIN before STARTTLS.*clear text/,
    );
    assert.deepEqual(statusOf(findings, 'smtp.auth-on-port-25'), ['warn']);
    assert.deepEqual(statusOf(findings, 'smtp.ntlm-info-leak'), ['fail']);
    assert.match(
      messageOf(findings, 'smtp.ntlm-info-leak', 'fail'),
      /computer EXCH01.*AD domain oldmill\.local.*build 14393 \(Windows Server 2016\)/,
    );
    assert.deepEqual(statusOf(findings, 'smtp.tls-legacy-protocol'), ['warn']);
    assert.match(messageOf(findings, 'smtp.tls-legacy-protocol', 'warn'), /TLS 1\.0/);
    assert.deepEqual(statusOf(findings, 'smtp.cert-self-signed'), ['warn']);
    assert.deepEqual(statusOf(findings, 'smtp.cert-hostname-mismatch'), ['warn']);
    assert.match(
      messageOf(findings, 'smtp.cert-hostname-mismatch', 'warn'),
      /not valid for mail\.oldmill\.test/,
    );
    assert.deepEqual(statusOf(findings, 'smtp.open-relay'), ['fail']);
    assert.match(messageOf(findings, 'smtp.open-relay', 'fail'), /OPEN RELAY.*relay-test@example\.com/);
    // mail2 has a private address: not contacted, and said so.
    assert.ok(findings.some((f) => f.subject === '10.0.0.25' && f.status === 'skipped'));
  });

  it('fails VRFY that tells postmaster (252) from a random name (550), as Postfix does when enabled', async () => {
    const findings = await run('smtp-vrfy.test');
    assert.deepEqual(statusOf(findings, 'smtp.vrfy-enabled'), ['fail']);
    const vrfy = findings.find((f) => f.checkId === 'smtp.vrfy-enabled');
    assert.equal(vrfy?.messageKey, 'smtp.vrfy.enumerates');
    assert.match(
      vrfy?.message ?? '',
      /VRFY postmaster → 252 .*VRFY telltale-probe-[0-9a-f]{12} → 550 5\.1\.1/,
    );
    // Both questions in the one session the transcript shows.
    const evidence = vrfy?.evidence[0];
    const transcript = evidence?.kind === 'text' ? evidence.value : '';
    assert.match(transcript, /VRFY postmaster[\s\S]*VRFY telltale-probe-/);
  });

  it('passes VRFY answered alike for both names, fails one that confirms any name', async () => {
    const exchange = (await run('oldmill.test')).filter((f) => f.checkId === 'smtp.vrfy-enabled');
    assert.deepEqual(
      exchange.filter((f) => f.subject !== '10.0.0.25').map((f) => `${f.status} ${f.messageKey}`),
      ['pass smtp.vrfy.same'],
    );
    const relay = (await run('smtp-open-relay.test', { relayTest: false })).filter(
      (f) => f.checkId === 'smtp.vrfy-enabled',
    );
    assert.deepEqual(
      relay.map((f) => `${f.status} ${f.messageKey}`),
      ['fail smtp.vrfy.enabled'],
    );
  });

  it('skips the relay test with --no-relay-test', async () => {
    const findings = await run('smtp-good.test', { relayTest: false });
    assert.deepEqual(statusOf(findings, 'smtp.open-relay'), ['skipped']);
  });

  it('fails a server with TLS 1.0 only on the legacy and modern counts', async () => {
    const findings = await run('smtp-tls10.test');
    // A modern sender's handshake fails (so it falls back to clear text); the version probes tell why.
    assert.deepEqual(statusOf(findings, 'smtp.starttls-missing'), ['fail']);
    assert.deepEqual(statusOf(findings, 'smtp.tls-legacy-protocol').sort(), ['fail', 'warn']);
    assert.match(messageOf(findings, 'smtp.tls-legacy-protocol', 'fail'), /neither TLS 1\.2 nor TLS 1\.3/);
    assert.deepEqual(statusOf(findings, 'smtp.open-relay'), ['pass']);
  });

  it('fails a missing STARTTLS and gives no TLS verdicts', async () => {
    const findings = await run('smtp-no-starttls.test');
    assert.deepEqual(statusOf(findings, 'smtp.starttls-missing'), ['fail']);
    assert.deepEqual(statusOf(findings, 'smtp.tls-legacy-protocol'), []);
  });

  it('reports certificate defects as warn on port 25', async () => {
    assert.deepEqual(statusOf(await run('smtp-expired.test'), 'smtp.cert-expired'), ['warn']);
    assert.deepEqual(statusOf(await run('smtp-wrong-name.test'), 'smtp.cert-hostname-mismatch'), ['warn']);
    assert.deepEqual(statusOf(await run('smtp-weak-key.test'), 'smtp.cert-weak-key'), ['warn']);
  });

  it('reports a 421 greeting and a tarpit as error, never as missing STARTTLS', async () => {
    for (const domain of ['smtp-busy.test', 'smtp-tarpit.test']) {
      const findings = await run(domain);
      assert.deepEqual(statusOf(findings, 'smtp.unreachable'), ['error'], domain);
      assert.deepEqual(statusOf(findings, 'smtp.starttls-missing'), [], domain);
    }
  });
});
