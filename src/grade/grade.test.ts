import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Area, Finding, Severity, Status } from '../model/finding.js';
import { type Grade, gradeFindings, gradeFromProblems, isKnownExploited, lightOf } from './grade.js';

const counts = (partial: Partial<Record<Severity, number>>): Record<Severity, number> => ({
  info: 0,
  low: 0,
  medium: 0,
  high: 0,
  critical: 0,
  ...partial,
});

const finding = (
  checkId: string,
  status: Status,
  severity: Severity,
  evidence: Finding['evidence'] = [],
): Finding => ({
  checkId,
  status,
  severity,
  subject: 'example.com',
  message: 'm',
  evidence,
});

const areaOf = (item: Finding): Area | undefined => item.checkId.split('.')[0] as Area;

describe('gradeFromProblems: the worst problem sets the grade', () => {
  const table: [Partial<Record<Severity, number>>, Grade][] = [
    [{}, 'A'],
    [{ info: 5 }, 'A'],
    [{ low: 3 }, 'B'],
    [{ low: 1, medium: 1 }, 'C'],
    [{ medium: 4, high: 1 }, 'D'],
    [{ high: 2 }, 'E'],
    [{ high: 1, critical: 1 }, 'F'],
  ];
  for (const [problems, grade] of table) {
    test(`${JSON.stringify(problems)} → ${grade}`, () =>
      assert.equal(gradeFromProblems(counts(problems)), grade));
  }
});

test('lights: A/B green, C amber, D/E/F red', () => {
  assert.deepEqual((['A', 'B', 'C', 'D', 'E', 'F'] as const).map(lightOf), [
    'green',
    'green',
    'amber',
    'red',
    'red',
    'red',
  ]);
});

describe('gradeFindings', () => {
  test('the overall grade is the weakest area', () => {
    const grades = gradeFindings(
      [
        finding('spf.missing', 'fail', 'high'),
        finding('mx.no-ipv6', 'warn', 'low'),
        finding('mta-sts.x', 'pass', 'info'),
      ],
      areaOf,
    );
    const byArea = Object.fromEntries(grades.areas.map((area) => [area.area, area.grade]));
    assert.equal(byArea.authentication, 'D');
    assert.equal(byArea.routing, 'B');
    assert.equal(byArea.transport, 'A');
    assert.equal(byArea.exchange, undefined);
    assert.equal(grades.overall.grade, 'D');
    assert.equal(grades.overall.light, 'red');
    assert.equal(grades.overall.cap, undefined);
  });

  test('errors lower confidence, never the grade, and are listed', () => {
    const clean = gradeFindings([finding('spf.missing', 'pass', 'info')], areaOf);
    const withError = gradeFindings(
      [finding('spf.missing', 'pass', 'info'), finding('spf.dns-error', 'error', 'info')],
      areaOf,
    );
    assert.equal(clean.overall.grade, 'A');
    assert.equal(withError.overall.grade, 'A');
    assert.equal(clean.overall.confidence, 'full');
    assert.equal(withError.overall.confidence, 'partial');
    assert.deepEqual(
      withError.unchecked.map((item) => item.checkId),
      ['spf.dns-error'],
    );
  });

  test('an area where everything errored has no grade, and confidence none', () => {
    const grades = gradeFindings(
      [finding('mx.dns-error', 'error', 'info'), finding('spf.missing', 'pass', 'info')],
      areaOf,
    );
    const routing = grades.areas.find((area) => area.area === 'routing');
    assert.equal(routing?.grade, undefined);
    assert.equal(routing?.confidence, 'none');
    assert.equal(grades.overall.grade, 'A');
  });

  test('nothing decided at all: no overall grade', () => {
    const grades = gradeFindings([finding('mx.dns-error', 'error', 'info')], areaOf);
    assert.equal(grades.overall.grade, undefined);
    assert.equal(grades.overall.confidence, 'none');
  });

  test('a CISA KEV vulnerability caps the overall grade at F even when its severity is only high', () => {
    const kev = finding('exchange.vulnerable', 'fail', 'high', [
      { kind: 'text', label: 'CISA KEV', value: 'CVE-2021-26855' },
    ]);
    assert.equal(isKnownExploited(kev), true);
    const grades = gradeFindings([kev, finding('spf.missing', 'pass', 'info')], areaOf);
    assert.equal(grades.areas.find((area) => area.area === 'exchange')?.grade, 'D');
    assert.equal(grades.overall.grade, 'F');
    assert.deepEqual(grades.overall.cap, {
      reason: 'known-exploited',
      checkId: 'exchange.vulnerable',
      subject: 'example.com',
    });
  });

  test('a vulnerability without the KEV flag is not known exploited; a critical one still caps', () => {
    assert.equal(isKnownExploited(finding('exchange.vulnerable', 'fail', 'high')), false);
    const grades = gradeFindings([finding('spf.all-pass', 'fail', 'critical')], areaOf);
    assert.equal(grades.overall.grade, 'F');
    assert.equal(grades.overall.cap?.reason, 'critical');
  });

  test('skipped results and info-level warnings are not problems', () => {
    const grades = gradeFindings(
      [
        finding('bimi.missing', 'skipped', 'info'),
        finding('bimi.x', 'warn', 'info'),
        finding('spf.missing', 'pass', 'info'),
      ],
      areaOf,
    );
    assert.equal(grades.overall.grade, 'A');
  });
});
