// The ScanStore contract, run against every implementation: SQLite here, PostgreSQL in the interop tier.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DomainCheck } from '../../src/checks/check.js';
import type { CheckMeta, Finding, Status } from '../../src/model/finding.js';
import { type Report, reportSchemaVersion, summarize } from '../../src/model/report.js';
import { checkLogicOf } from '../../src/store/check-logic.js';
import { diffScans } from '../../src/store/diff.js';
import { fingerprintFindings } from '../../src/store/fingerprint.js';
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

/**
 * Text quoted from hostile servers, as scanned and as every store must give it back. PostgreSQL cannot
 * hold U+0000 (TEXT, JSONB) nor lone UTF-16 surrogates (JSONB): both stores write U+FFFD for them, so
 * both read back the same; everything else comes back exactly.
 */
const c0 = Array.from({ length: 31 }, (_, index) => String.fromCharCode(index + 1)).join('');
const c1 = Array.from({ length: 32 }, (_, index) => String.fromCharCode(0x80 + index)).join('');
const long = 'A'.repeat(300_000);

export const hostileTexts: readonly (readonly [raw: string, stored: string])[] = [
  ['220 mx.hostile.test ESMTP\u0000ready', '220 mx.hostile.test ESMTP\ufffdready'],
  ['\u0000', '\ufffd'],
  ['lone high \ud800 surrogate', 'lone high \ufffd surrogate'],
  ['\udc00 lone low first', '\ufffd lone low first'],
  ['high at the end \udbff', 'high at the end \ufffd'],
  [
    'reversed pair \udc00\ud800, then a good one \ud83d\udce7',
    'reversed pair \ufffd\ufffd, then a good one 📧',
  ],
  ['two highs then a low \ud800\ud800\udc00', 'two highs then a low \ufffd\ud800\udc00'],
  [`C0 ${c0}\u007f C1 ${c1}`, `C0 ${c0}\u007f C1 ${c1}`],
  [
    'invoice\u202egpj.exe \u2066isolate\u2069 \u200f\u061c',
    'invoice\u202egpj.exe \u2066isolate\u2069 \u200f\u061c',
  ],
  ['📧🔥 👩\u200d💻 🏳️\u200d🌈 e\u0301', '📧🔥 👩\u200d💻 🏳️\u200d🌈 e\u0301'],
  ['literal \\u0000, \\ud800 and \\\\u0000 "quoted"', 'literal \\u0000, \\ud800 and \\\\u0000 "quoted"'],
  [`${long}\u0000${long}\ud800`, `${long}\ufffd${long}\ufffd`],
];

/** A finding quoting `text` everywhere a finding can hold free text: subject, message, evidence, fix, params. */
export function hostileFinding(text: string, index: number): Finding {
  return {
    checkId: 'spf.record',
    status: 'fail',
    severity: 'high',
    subject: `mx${index}.hostile.test ${text}`,
    message: `the server said: ${text}`,
    evidence: [
      { kind: 'dns', name: `${text}.hostile.test`, type: 'TXT', outcome: `error:${text}`, records: [text] },
      { kind: 'text', label: `banner ${text}`, value: text },
      {
        kind: 'spf-tree',
        tree: {
          domain: text,
          via: 'root',
          record: text,
          problem: text,
          lookups: 1,
          branchLookups: 1,
          voidLookups: 0,
          children: [],
        },
      },
    ],
    fix: text,
    messageParams: { reply: text, [`key ${text}`]: index },
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
  test('hostile text (NUL, lone surrogates, controls, bidi, emoji, long) is stored; NUL and lone surrogates read back as U+FFFD', async () => {
    const store = await open();
    try {
      const raw = hostileTexts.map(([text], index) => hostileFinding(text, index));
      const expected = hostileTexts.map(([, text], index) => hostileFinding(text, index));
      const report = {
        ...sampleReport('hostile.test', '2026-03-01T00:00:00.000Z', raw),
        resolvers: ['127.0.0.1:53', 'resolver\u0000\ud800 📧'],
      };
      const saved = await store.saveScan(report, logic);
      const loaded = await store.getScan(saved.id);
      assert.ok(loaded);
      assert.deepEqual(loaded.scan, saved);
      assert.deepEqual(loaded.scan.resolvers, ['127.0.0.1:53', 'resolver\ufffd\ufffd 📧']);
      assert.equal(loaded.findings.length, expected.length);
      for (const [index, item] of loaded.findings.entries()) {
        assert.deepEqual(item.finding, expected[index], `hostile text #${index}`);
      }
      // The fingerprint is the one of the finding as scanned (what fleet exports and earlier stores wrote).
      assert.deepEqual(
        loaded.findings.map((item) => item.fingerprint),
        fingerprintFindings(raw),
      );
    } finally {
      await store.close();
    }
  });

  test('the same hostile scan stored twice diffs as unchanged, and does not sink the other scans of its batch', async () => {
    const store = await open();
    try {
      const raw = hostileTexts.map(([text], index) => hostileFinding(text, index));
      const ordinary = sampleReport('ordinary.test', '2026-03-01T00:00:00.000Z', [
        sampleFinding('spf.record', 'pass', 'ordinary.test'),
      ]);
      const stored = await store.saveScans(
        [ordinary, sampleReport('hostile.test', '2026-03-01T00:00:00.000Z', raw)],
        logic,
      );
      assert.equal(stored.length, 2);
      await store.saveScan(sampleReport('hostile.test', '2026-03-02T00:00:00.000Z', raw), logic);
      const [to, from] = await store.latestScans('hostile.test', 2);
      assert.ok(to && from);
      const diff = diffScans(from, to);
      assert.deepEqual([diff.new.length, diff.fixed.length, diff.changed.length], [0, 0, 0]);
      assert.equal(diff.unchanged.length, raw.length);
      assert.equal((await store.listScans('ordinary.test')).length, 1);
    } finally {
      await store.close();
    }
  });

  test('a domain with a NUL is stored as U+FFFD and listed by the name it was scanned as', async () => {
    const store = await open();
    try {
      const saved = await store.saveScan(
        sampleReport('nul\u0000.test', '2026-03-03T00:00:00.000Z', []),
        logic,
      );
      assert.equal(saved.domain, 'nul\ufffd.test');
      assert.deepEqual(
        (await store.listScans('nul\u0000.test')).map((scan) => scan.id),
        [saved.id],
      );
    } finally {
      await store.close();
    }
  });
}
