// The ScanStore contract, run against every implementation: SQLite here, PostgreSQL in the interop tier.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DomainCheck } from '../../src/checks/check.js';
import type { CheckMeta, Finding, Status } from '../../src/model/finding.js';
import { type Report, reportSchemaVersion, summarize } from '../../src/model/report.js';
import { checkLogicOf } from '../../src/store/check-logic.js';
import { diffScans } from '../../src/store/diff.js';
import { latestSchemaVersion } from '../../src/store/migrations.js';
import type { ScanStore } from '../../src/store/types.js';

const meta = (id: string): CheckMeta => ({
  id,
  area: 'spf',
  title: id,
  severity: 'high',
  description: 'test',
  remediation: 'test',
  references: [],
});

export const sampleMeta = meta;

export const sampleChecks: readonly DomainCheck[] = [
  { name: 'spf', meta: [meta('spf.missing'), meta('spf.record')], run: async () => [] },
];

export function sampleFinding(checkId: string, status: Status, subject = 'contract.test'): Finding {
  return {
    checkId,
    status,
    severity: status === 'fail' ? 'high' : 'info',
    subject,
    message: `${checkId} is ${status}`,
    evidence: [{ kind: 'dns', name: subject, type: 'TXT', outcome: 'ok', records: ['"v=spf1 -all"'] }],
  };
}

export function sampleReport(domain: string, startedAt: string, findings: readonly Finding[]): Report {
  return {
    schemaVersion: reportSchemaVersion,
    tool: { name: 'telltale', version: '0.1.0' },
    target: { domain, unicode: domain },
    startedAt,
    finishedAt: startedAt,
    durationMs: 12,
    resolvers: ['127.0.0.1:53'],
    findings,
    checks: {},
    summary: summarize(findings),
  };
}

/** Registers the contract's tests; `open` gives a fresh, empty store each time. */
export function storeContract(open: () => Promise<ScanStore>): void {
  const logic = checkLogicOf(sampleChecks);

  test('a new database is migrated to the latest schema', async () => {
    const store = await open();
    try {
      assert.equal(store.migrations.schemaVersion, latestSchemaVersion);
    } finally {
      await store.close();
    }
  });

  test('a saved scan comes back whole: summary, tool and check logic versions, every finding', async () => {
    const store = await open();
    try {
      const findings = [sampleFinding('spf.missing', 'fail'), sampleFinding('spf.record', 'pass')];
      const saved = await store.saveScan(
        sampleReport('Contract.Test', '2026-01-01T10:00:00.000Z', findings),
        logic,
      );
      assert.equal(saved.domain, 'contract.test');
      const loaded = await store.getScan(saved.id);
      assert.ok(loaded);
      assert.equal(loaded.scan.id, saved.id);
      assert.equal(loaded.scan.startedAt, '2026-01-01T10:00:00.000Z');
      assert.equal(loaded.scan.toolVersion, '0.1.0');
      assert.deepEqual(loaded.scan.checkLogic, logic);
      assert.deepEqual(loaded.scan.summary, { pass: 1, warn: 0, fail: 1, error: 0, skipped: 0 });
      assert.deepEqual(loaded.scan.resolvers, ['127.0.0.1:53']);
      assert.deepEqual(
        loaded.findings.map((item) => item.finding),
        findings,
      );
      assert.equal(new Set(loaded.findings.map((item) => item.fingerprint)).size, 2);
      const prints = await store.fingerprints(saved.id);
      assert.deepEqual([...prints.keys()].sort(), loaded.findings.map((item) => item.fingerprint).sort());
      assert.equal(await store.getScan(saved.id + 1000), undefined);
    } finally {
      await store.close();
    }
  });

  test('history lists a domain newest first, and latestScans gives the two a diff needs', async () => {
    const store = await open();
    try {
      const first = await store.saveScan(
        sampleReport('a.test', '2026-01-01T10:00:00.000Z', [sampleFinding('spf.missing', 'fail', 'a.test')]),
        logic,
      );
      await store.saveScan(sampleReport('b.test', '2026-01-02T10:00:00.000Z', []), logic);
      const second = await store.saveScan(
        sampleReport('a.test', '2026-01-03T10:00:00.000Z', [sampleFinding('spf.record', 'pass', 'a.test')]),
        logic,
      );
      const listed = await store.listScans('A.test.');
      assert.deepEqual(
        listed.map((scan) => scan.id),
        [second.id, first.id],
      );
      assert.deepEqual(
        (await store.listScans('a.test', { limit: 1 })).map((scan) => scan.id),
        [second.id],
      );
      assert.deepEqual(await store.listScans('nothing.test'), []);
      const [to, from] = await store.latestScans('a.test', 2);
      assert.ok(to && from);
      const diff = diffScans(from, to);
      assert.deepEqual(
        diff.new.map((entry) => entry.kind === 'new' && entry.after.checkId),
        ['spf.record'],
      );
      assert.deepEqual(
        diff.fixed.map((entry) => entry.kind === 'fixed' && entry.before.checkId),
        ['spf.missing'],
      );
    } finally {
      await store.close();
    }
  });

  test('a batch is stored in one go, and concurrent saves all land', async () => {
    const store = await open();
    try {
      const reports = Array.from({ length: 20 }, (_, index) =>
        sampleReport(`batch-${index}.test`, '2026-02-01T00:00:00.000Z', [
          sampleFinding('spf.record', 'pass'),
        ]),
      );
      const batch = await store.saveScans(reports.slice(0, 10), logic);
      assert.equal(batch.length, 10);
      await Promise.all(reports.slice(10).map((report) => store.saveScan(report, logic)));
      for (let index = 0; index < 20; index++) {
        assert.equal((await store.listScans(`batch-${index}.test`)).length, 1);
      }
    } finally {
      await store.close();
    }
  });
}
