// Fingerprints stay put when only volatile details change; diffs sort findings into new, fixed, changed
// and unchanged, and say when the check logic (not the infrastructure) changed.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { DomainCheck } from '../../src/checks/check.js';
import { renderDiffText } from '../../src/cli/commands/diff-run.js';
import type { Finding } from '../../src/model/finding.js';
import { checkLogicOf } from '../../src/store/check-logic.js';
import { diffScans } from '../../src/store/diff.js';
import { fingerprintFindings } from '../../src/store/fingerprint.js';
import type { CheckLogic, ScanWithFindings } from '../../src/store/types.js';
import { sampleChecks, sampleFinding, sampleMeta } from './store-contract.js';

const one = (finding: Finding): string => fingerprintFindings([finding])[0] ?? '';

describe('fingerprints', () => {
  test('status, severity, message and evidence values do not move a fingerprint', () => {
    const before = sampleFinding('spf.missing', 'fail');
    const after: Finding = {
      ...before,
      status: 'pass',
      severity: 'info',
      message: 'different words, 42 lookups',
      evidence: [{ kind: 'dns', name: 'contract.test.', type: 'TXT', outcome: 'nxdomain', records: [] }],
    };
    assert.equal(one(before), one(after));
    assert.equal(one(before), one({ ...before, subject: 'CONTRACT.test.' }));
  });

  test('check ID and subject do', () => {
    const base = sampleFinding('spf.missing', 'fail');
    assert.notEqual(one(base), one({ ...base, checkId: 'spf.record' }));
    assert.notEqual(one(base), one({ ...base, subject: 'other.test' }));
  });

  test('two findings of one check about one subject are told apart by what their evidence asked', () => {
    const a: Finding = { ...sampleFinding('dkim.weak-key', 'fail', 'k2._domainkey.x.test'), evidence: [] };
    const withQuestion = (name: string): Finding => ({
      ...a,
      evidence: [{ kind: 'dns', name, type: 'TXT', outcome: 'ok', records: ['"x"'] }],
    });
    const first = fingerprintFindings([withQuestion('a.x.test'), withQuestion('b.x.test')]);
    const swapped = fingerprintFindings([withQuestion('b.x.test'), withQuestion('a.x.test')]);
    assert.equal(new Set(first).size, 2);
    assert.deepEqual(first, [swapped[1], swapped[0]]);
    assert.equal(new Set(fingerprintFindings([a, a])).size, 2);
  });
});

function scan(
  id: number,
  findings: readonly Finding[],
  checkLogic: CheckLogic,
  toolVersion = '0.1.0',
): ScanWithFindings {
  const prints = fingerprintFindings(findings);
  return {
    scan: {
      id,
      domain: 'contract.test',
      startedAt: `2026-01-0${id}T00:00:00.000Z`,
      finishedAt: `2026-01-0${id}T00:00:00.000Z`,
      durationMs: 1,
      toolVersion,
      checkLogic,
      resolvers: [],
      summary: { pass: 0, warn: 0, fail: 0, error: 0, skipped: 0 },
    },
    findings: findings.map((finding, index) => ({ fingerprint: prints[index] ?? '', finding })),
  };
}

describe('diffs', () => {
  const logic = checkLogicOf(sampleChecks);

  test('new, fixed, changed (worsened/improved) and unchanged, with the same check logic', () => {
    const from = scan(
      1,
      [
        sampleFinding('spf.missing', 'fail', 'a.test'),
        sampleFinding('spf.record', 'pass', 'b.test'),
        sampleFinding('spf.record', 'fail', 'c.test'),
        sampleFinding('spf.record', 'pass', 'd.test'),
      ],
      logic,
    );
    const to = scan(
      2,
      [
        sampleFinding('spf.record', 'fail', 'b.test'),
        sampleFinding('spf.record', 'warn', 'c.test'),
        sampleFinding('spf.record', 'pass', 'd.test'),
        sampleFinding('spf.missing', 'fail', 'e.test'),
      ],
      logic,
    );
    const diff = diffScans(from, to);
    assert.equal(diff.toolChange, undefined);
    assert.deepEqual(diff.checkLogic, { added: [], removed: [], changed: [] });
    assert.deepEqual(
      diff.new.map((entry) => entry.kind === 'new' && [entry.after.subject, entry.byCheckLogic]),
      [['e.test', false]],
    );
    assert.deepEqual(
      diff.fixed.map((entry) => entry.kind === 'fixed' && entry.before.subject),
      ['a.test'],
    );
    assert.deepEqual(
      diff.changed.map((entry) => entry.kind === 'changed' && [entry.after.subject, entry.direction]),
      [
        ['b.test', 'worsened'],
        ['c.test', 'improved'],
      ],
    );
    assert.equal(diff.unchanged.length, 1);
  });

  test('a finding from a check unit that changed or appeared is flagged as possibly new check logic', () => {
    const newer: DomainCheck[] = [
      ...sampleChecks.map((check) => ({ ...check, version: '2' })),
      {
        name: 'dmarc',
        meta: [{ ...sampleMeta('dmarc.missing'), area: 'dmarc' }],
        run: async () => [],
      },
    ];
    const newLogic = checkLogicOf(newer);
    assert.notEqual(newLogic.version, logic.version);
    const from = scan(1, [sampleFinding('spf.record', 'pass')], logic, '0.1.0');
    const to = scan(
      2,
      [sampleFinding('spf.record', 'pass'), sampleFinding('dmarc.missing', 'fail')],
      newLogic,
      '0.2.0',
    );
    const diff = diffScans(from, to);
    assert.deepEqual(diff.toolChange, { from: '0.1.0', to: '0.2.0' });
    assert.deepEqual(diff.checkLogic, { added: ['dmarc'], removed: [], changed: ['spf'] });
    assert.deepEqual(
      diff.new.map((entry) => entry.kind === 'new' && entry.byCheckLogic),
      [true],
    );
  });

  test('check logic is stable for the same checks and moves with their metadata', () => {
    assert.deepEqual(checkLogicOf(sampleChecks), logic);
    const edited = sampleChecks.map((check) => ({
      ...check,
      meta: check.meta.map((m) => ({ ...m, severity: 'low' as const })),
    }));
    assert.notEqual(checkLogicOf(edited).version, logic.version);
  });

  test('the text diff neutralises escape sequences that findings quote from remote data', () => {
    const hostile: Finding = {
      ...sampleFinding('spf.record', 'fail', 'x.test'),
      message: 'record "v=spf1 \u001b]0;pwned\u0007 -all"',
    };
    const text = renderDiffText(diffScans(scan(1, [], logic), scan(2, [hostile], logic)), false);
    assert.ok(!text.includes('\u001b'), text);
    assert.match(text, /v=spf1 \\x1b\]0;pwned\\x07 -all/);
  });
});
