// The fleet's JSON lines: byte for byte what JSON.stringify writes for the report without its checks.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sampleFinding, sampleReport } from '../../test/store/store-contract.js';
import type { DnsEvidence, Finding } from '../model/finding.js';
import type { Report } from '../model/report.js';
import { jsonlLine } from './formats.js';

const reference = (report: Report): string => {
  const { checks: _checks, ...rest } = report;
  return `${JSON.stringify(rest)}\n`;
};

describe('jsonlLine', () => {
  const shared: DnsEvidence = {
    kind: 'dns',
    name: 'a.test',
    type: 'TXT',
    outcome: 'ok',
    records: [
      'a.test. 300 IN TXT "v=spf1 -all"',
      'quote " backslash \\ arrow \u2192 control \u0001 lone \ud800',
    ],
    authenticated: false,
  };
  const base = sampleFinding('spf.missing', 'fail', 'a.test');
  const findings: Finding[] = [
    { ...base, evidence: [shared, { kind: 'text', label: 'l', value: '\u00a7 5.1\n' }, shared] },
    { ...base, checkId: 'spf.record', fix: undefined, evidence: [] },
    { ...base, evidence: [shared], messageParams: { n: 1, s: 'x' }, fixIsLiteral: true },
  ];

  test('is JSON.stringify of the report without checks, shared evidence written at each use', () => {
    const report = sampleReport('a.test', '2026-01-01T10:00:00.000Z', findings);
    const expected = reference(report);
    assert.equal(jsonlLine(report), expected);
    // Rendering is pure: the same report gives the same text again.
    assert.equal(jsonlLine(report), expected);
    assert.equal(
      jsonlLine(sampleReport('b.test', '2026-01-01T10:00:00.000Z', [])),
      reference(sampleReport('b.test', '2026-01-01T10:00:00.000Z', [])),
    );
  });

  test('leaves out members without JSON and writes null for array holes, as JSON.stringify does', () => {
    const odd = {
      ...sampleReport('c.test', '2026-01-01T10:00:00.000Z', findings),
      extra: undefined,
      findings: [findings[0], undefined],
    } as unknown as Report;
    assert.equal(jsonlLine(odd), reference(odd));
  });
});
