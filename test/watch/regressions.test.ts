// Which findings become alerts: new and worsened problems only, the certificate's last 14 days, a CVE newly
// published after a data refresh, nothing for what persists or improves, nothing on a baseline by default.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Finding, Severity, Status } from '../../src/model/finding.js';
import type { ScanWithFindings } from '../../src/store/types.js';
import { regressions } from '../../src/watch/regressions.js';

const logic = {
  version: 'v1',
  units: {
    all: { version: '1', checkIds: ['spf.a', 'smtp.cert-expiring', 'exchange.vulnerable', 'dmarc.b'] },
  },
};

function found(checkId: string, status: Status, severity: Severity, subject = 'example.test'): Finding {
  return { checkId, status, severity, subject, message: `${checkId} is ${status}`, evidence: [] };
}

let nextId = 1;
function scan(findings: readonly Finding[]): ScanWithFindings {
  const id = nextId++;
  return {
    scan: {
      id,
      domain: 'example.test',
      startedAt: `2026-01-0${id}T00:00:00.000Z`,
      finishedAt: `2026-01-0${id}T00:00:01.000Z`,
      durationMs: 1000,
      toolVersion: '0.1.0',
      checkLogic: logic,
      resolvers: [],
      summary: { pass: 0, warn: 0, fail: 0, error: 0, skipped: 0 },
    },
    // The fingerprint here is checkId + subject, as the store's is when the pair is unique.
    findings: findings.map((finding) => ({ fingerprint: `${finding.checkId}/${finding.subject}`, finding })),
  };
}

const run = (
  history: ScanWithFindings[],
  options: { minSeverity?: Severity; baseline?: boolean; versions?: [number, string][] } = {},
) =>
  regressions({
    history,
    dataVersions: new Map(options.versions ?? []),
    minSeverity: options.minSeverity ?? 'medium',
    alertOnBaseline: options.baseline ?? false,
    titleOf: (checkId) => `title of ${checkId}`,
  });

describe('regressions', () => {
  test('a first scan is a baseline: no alert, unless asked, then every problem at the threshold', () => {
    const first = scan([found('spf.a', 'fail', 'high'), found('dmarc.b', 'warn', 'low')]);
    assert.deepEqual(run([first]), []);
    const items = run([first], { baseline: true });
    assert.deepEqual(
      items.map((item) => [item.reason, item.checkId]),
      [['baseline', 'spf.a']],
    );
  });

  test('an unchanged scan gives nothing; a new problem gives exactly one item', () => {
    const a = scan([found('spf.a', 'pass', 'info'), found('dmarc.b', 'fail', 'high')]);
    const b = scan([found('spf.a', 'pass', 'info'), found('dmarc.b', 'fail', 'high')]);
    assert.deepEqual(run([b, a]), []);
    const c = scan([
      found('spf.a', 'pass', 'info'),
      found('dmarc.b', 'fail', 'high'),
      found('spf.a', 'fail', 'high', 'other.test'),
    ]);
    const items = run([c, b, a]);
    assert.equal(items.length, 1);
    assert.equal(items[0]?.reason, 'new');
    assert.equal(items[0]?.title, 'title of spf.a');
  });

  test('worsened is alerted with the previous verdict; improved and fixed are not', () => {
    const a = scan([found('spf.a', 'warn', 'medium'), found('dmarc.b', 'fail', 'high')]);
    const b = scan([found('spf.a', 'fail', 'high'), found('dmarc.b', 'warn', 'medium')]);
    const items = run([b, a]);
    assert.deepEqual(
      items.map((item) => [item.reason, item.checkId, item.before?.status]),
      [['worsened', 'spf.a', 'warn']],
    );
    const c = scan([]);
    assert.deepEqual(run([c, b, a]), []);
  });

  test('below the threshold is not alerted', () => {
    const a = scan([found('spf.a', 'pass', 'info')]);
    const b = scan([found('spf.a', 'warn', 'low')]);
    assert.deepEqual(run([b, a]), []);
    assert.equal(run([b, a], { minSeverity: 'low' }).length, 1);
  });

  test('a certificate entering its last 14 days (warn to fail) is its own reason; still failing next time is silent', () => {
    const a = scan([found('smtp.cert-expiring', 'warn', 'low', 'mx.example.test')]);
    const b = scan([found('smtp.cert-expiring', 'fail', 'medium', 'mx.example.test')]);
    const c = scan([found('smtp.cert-expiring', 'fail', 'medium', 'mx.example.test')]);
    assert.deepEqual(
      run([b, a]).map((item) => [item.reason, item.before?.status]),
      [['cert-expiring', 'warn']],
    );
    assert.deepEqual(run([c, b, a]), []);
  });

  test('a new CVE finding after the data version changed is newly published; with the same data it is just new', () => {
    const a = scan([]);
    const b = scan([found('exchange.vulnerable', 'fail', 'critical', 'mail.example.test CVE-2099-0001')]);
    assert.deepEqual(
      run([b, a], {
        versions: [
          [a.scan.id, '2026-01-01'],
          [b.scan.id, '2026-02-01'],
        ],
      }).map((item) => item.reason),
      ['newly-published-cve'],
    );
    assert.deepEqual(
      run([b, a], {
        versions: [
          [a.scan.id, '2026-01-01'],
          [b.scan.id, '2026-01-01'],
        ],
      }).map((item) => item.reason),
      ['new'],
    );
  });

  test('after a round that could not check, the same failure as before is not a regression', () => {
    const a = scan([found('spf.a', 'fail', 'high')]);
    const b = scan([found('spf.a', 'error', 'medium')]);
    const c = scan([found('spf.a', 'fail', 'high')]);
    assert.deepEqual(run([c, b, a]), []);
    // With no earlier known verdict, error to fail is a real worsening.
    assert.equal(run([c, b]).length, 1);
  });
});
