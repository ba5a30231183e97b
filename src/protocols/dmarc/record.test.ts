// Runs every case of ../shared/data/dmarc/dmarc-record-vectors.json against the parser, with the RFC 9989
// verdict telltale holds, and lists where that verdict departs from the implementation the case came from.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { appliedPolicy, type DmarcIssueCode, parseDmarcRecord, requestedPolicy } from './record.js';

interface Vector {
  readonly record: string;
  readonly valid: boolean;
  readonly source: string;
}

const vectorsPath = new URL('../../../../shared/data/dmarc/dmarc-record-vectors.json', import.meta.url);
const vectors = (JSON.parse(readFileSync(vectorsPath, 'utf8')) as { cases: Vector[] }).cases;

/**
 * telltale's verdict per record. `usable`: receivers apply DMARC with it. `issues`: the codes the
 * parser must report (errors and warnings), exactly. `disagrees`: why RFC 9989 says otherwise than
 * the implementation behind the vector's `valid`.
 */
interface Verdict {
  readonly usable: boolean | 'not-dmarc';
  readonly issues: readonly DmarcIssueCode[];
  readonly policy?: string;
  readonly disagrees?: string;
}

/** RFC 9989 §4.7: syntax errors outside v "MUST be discarded in favor of default values or ignored outright". */
const discarded =
  'RFC 9989 §4.7 says syntax errors after v are discarded in favour of defaults, so the record still applies; we report the error (dmarc.syntax-error) but not an unusable record';

const verdicts: Readonly<Record<string, Verdict>> = {
  'v=DMARC1;p=ReJect': { usable: true, issues: [], policy: 'reject' },
  'v = DMARC1;p=reject;': { usable: true, issues: [], policy: 'reject' },
  'v = DMARC1\t;\tp=reject\t;': { usable: true, issues: [], policy: 'reject' },
  'v = DMARC1\t;\tp\t\t\t=\t\t\treject\t;': { usable: true, issues: [], policy: 'reject' },
  'V=DMARC1;p=reject;': { usable: true, issues: [], policy: 'reject' },
  'v=dmarc1; p=reject': { usable: 'not-dmarc', issues: [] },
  'v=DMARC1x; p=reject': { usable: 'not-dmarc', issues: [] },
  'v=DMARC1; p = reject; adkim = s': { usable: true, issues: [], policy: 'reject' },
  'v=DMARC1; p=reject; adkim=S': { usable: true, issues: [], policy: 'reject' },
  'v=DMARC1; p=none; rua=mailto:DMARC-Reports@Example.COM': { usable: true, issues: [], policy: 'none' },
  'v=DMARC1; p=none; rua=reports@dmarc.cyber.dhs.gov,mailto:dmarcreports@usdoj.gov': {
    usable: true,
    issues: ['invalid-uri'],
    policy: 'none',
    disagrees: `${discarded}; the valid second address still receives reports from receivers that skip only the bad URI`,
  },
  'v=DMARC1; p=none; rua=__mailto:reports@dmarc.cyber.dhs.gov,mailto:dmarcreports@usdoj.gov': {
    usable: true,
    issues: ['invalid-uri'],
    policy: 'none',
    disagrees: discarded,
  },
  'v=DMARC1; p=foo; rua=mailto:dmarc@example.com': {
    usable: true,
    issues: ['invalid-value'],
    policy: 'none',
    disagrees:
      'RFC 9989 §4.10.1: an invalid p with a valid rua means receivers act as if p=none; the record applies (as none) and we report the error',
  },
  'v=DMARC1; p=reject; np=quarantine': { usable: true, issues: [], policy: 'reject' },
  'v=DMARC1; p=reject; psd=n': { usable: true, issues: [], policy: 'reject' },
  'v=DMARC1; p=reject; t=y': { usable: true, issues: [], policy: 'reject' },
  'v=DMARC1; p=quarantine; t=y': { usable: true, issues: [], policy: 'quarantine' },
  'v=DMARC1; p=reject; sp=reject; np=reject; psd=n; t=y; rua=mailto:dmarc@example.com': {
    usable: true,
    issues: [],
    policy: 'reject',
  },
  'v=DMARC1; p=none; psd=u': { usable: true, issues: [], policy: 'none' },
  'v=DMARC1; p=none; psd=x': {
    usable: true,
    issues: ['invalid-value'],
    policy: 'none',
    disagrees: discarded,
  },
  'v=DMARC1; p=reject; psd=x': {
    usable: true,
    issues: ['invalid-value'],
    policy: 'reject',
    disagrees: discarded,
  },
  'v=DMARC1; p=none; t=x': { usable: true, issues: ['invalid-value'], policy: 'none', disagrees: discarded },
  'v=DMARC1; p=reject; np=invalid': { usable: false, issues: ['invalid-value'] },
  'v=DMARC1; p=reject; pct=100': { usable: true, issues: ['removed-tag'], policy: 'reject' },
  'v=DMARC1; p=reject; pct=0': { usable: true, issues: ['removed-tag'], policy: 'reject' },
  'v=DMARC1; p=reject; pct=150': { usable: true, issues: ['removed-tag'], policy: 'reject' },
  'v=DMARC1; p=reject; rf=afrf': { usable: true, issues: ['removed-tag'], policy: 'reject' },
  'v=DMARC1; p=reject; ri=3600': { usable: true, issues: ['removed-tag'], policy: 'reject' },
  'v=DMARC1; rua=mailto:dmarc@example.com': { usable: true, issues: ['missing-p'], policy: 'none' },
  'v=DMARC1; adkim=s': { usable: false, issues: ['missing-p'] },
  'v=DMARC1; p=reject; sp=quarantine': { usable: true, issues: [], policy: 'reject' },
  'v=DMARC1; p=reject': { usable: true, issues: [], policy: 'reject' },
  'v=DMARC1; p': { usable: false, issues: ['malformed-tag', 'missing-p'] },
  'v=DMARC1; p=reject; fo=invalid_value': {
    usable: true,
    issues: ['invalid-value'],
    policy: 'reject',
    disagrees: `${discarded} (fo falls back to 0)`,
  },
  'v=DMARC1; p=reject; fo=x': {
    usable: true,
    issues: ['invalid-value'],
    policy: 'reject',
    disagrees: `${discarded} (fo falls back to 0)`,
  },
  'v=DMARC1; p=reject; fo=0:1': { usable: true, issues: ['fo-redundant'], policy: 'reject' },
  'v=DMARC1; p=reject; p=none': { usable: false, issues: ['duplicate-tag'] },
  'v=DMARC1; p=reject; xyz=foo': { usable: true, issues: ['unknown-tag'], policy: 'reject' },
  'v=DMARC1; p=reject; sp=none': { usable: true, issues: [], policy: 'reject' },
  'v=DMARC1; p=reject; sp=invalid': { usable: false, issues: ['invalid-value'] },
  'v=DMARC1; p=none': { usable: true, issues: [], policy: 'none' },
  'v=DMARC1; sp=none; p=reject': { usable: true, issues: ['p-not-second'], policy: 'reject' },
  'v=DMARC1; p=reject; rua=mailto:dmarc@example.com!10m': {
    usable: true,
    issues: ['uri-size-limit'],
    policy: 'reject',
  },
  'v=DMARC1; p=reject; rua=mailto:dmarc0@example.com,mailto:dmarc1@example.com,mailto:dmarc2@example.com': {
    usable: true,
    issues: [],
    policy: 'reject',
  },
  'v=spf1 -all': { usable: 'not-dmarc', issues: [] },
};

describe('DMARC record vectors (../shared/data/dmarc)', () => {
  it('has a verdict for every vector, and no verdict without a vector', () => {
    assert.deepEqual(vectors.map((vector) => vector.record).sort(), Object.keys(verdicts).sort());
  });

  for (const vector of vectors) {
    const verdict = verdicts[vector.record];
    it(`${JSON.stringify(vector.record)} (${vector.source})`, () => {
      assert.ok(verdict, 'no verdict');
      const parse = parseDmarcRecord(vector.record);
      if (verdict.usable === 'not-dmarc') {
        assert.equal(parse.kind, 'not-dmarc');
      } else {
        assert.equal(parse.kind, 'dmarc');
        if (parse.kind !== 'dmarc') return;
        assert.equal(parse.usable, verdict.usable);
        assert.deepEqual(parse.issues.map((issue) => issue.code).sort(), [...verdict.issues].sort());
        if (verdict.policy !== undefined) assert.equal(requestedPolicy(parse, 'domain'), verdict.policy);
      }
      // The vector's `valid` is the implementation's; where we differ, the verdict must say why.
      const ours = verdict.usable === true;
      if (ours !== vector.valid)
        assert.ok(verdict.disagrees, 'verdict departs from the vector without a reason');
      else assert.equal(verdict.disagrees, undefined, 'a reason is given but the verdicts agree');
    });
  }
});

describe('DMARC record details', () => {
  it('keeps URI case, lower-cases literal values and reads the mailbox domain', () => {
    const parse = parseDmarcRecord('v=DMARC1; p=none; adkim=S; rua=mailto:DMARC-Reports@Example.COM');
    assert.equal(parse.kind, 'dmarc');
    if (parse.kind !== 'dmarc') return;
    assert.equal(parse.record.adkim, 's');
    assert.equal(parse.record.rua[0]?.raw, 'mailto:DMARC-Reports@Example.COM');
    assert.equal(parse.record.rua[0]?.mailboxDomain, 'example.com');
  });

  it('gives np, sp and p in that order of fallback, and t=y one level less', () => {
    const parse = parseDmarcRecord('v=DMARC1; p=reject; sp=quarantine');
    assert.equal(parse.kind, 'dmarc');
    if (parse.kind !== 'dmarc') return;
    assert.equal(requestedPolicy(parse, 'subdomain'), 'quarantine');
    assert.equal(requestedPolicy(parse, 'nonexistent-subdomain'), 'quarantine');
    assert.equal(appliedPolicy('reject', true), 'quarantine');
    assert.equal(appliedPolicy('quarantine', true), 'none');
    assert.equal(appliedPolicy('reject', false), 'reject');
  });

  it('treats the whole record as p=none when sp is invalid but rua is valid (RFC 9989 §4.10.1)', () => {
    const parse = parseDmarcRecord('v=DMARC1; p=reject; sp=rejected; rua=mailto:d@example.com');
    assert.equal(parse.kind, 'dmarc');
    if (parse.kind !== 'dmarc') return;
    assert.equal(parse.usable, true);
    assert.equal(parse.treatedAsNone, true);
    assert.equal(requestedPolicy(parse, 'domain'), 'none');
  });

  it('classifies what is not DMARC', () => {
    const reason = (text: string) => {
      const parse = parseDmarcRecord(text);
      return parse.kind === 'not-dmarc' ? parse.reason : 'dmarc';
    };
    assert.equal(reason('v=spf1 include:_spf.example.com -all'), 'spf');
    assert.equal(reason(' v=DMARC1; p=reject'), 'bad-version');
    assert.equal(reason('google-site-verification=abc'), 'other');
    assert.equal(reason('v=DMARC1'), 'dmarc');
  });

  it('flags empty tags and non-ASCII values', () => {
    const parse = parseDmarcRecord('v=DMARC1;; p=reject; rua=mailto:dé@example.com');
    assert.equal(parse.kind, 'dmarc');
    if (parse.kind !== 'dmarc') return;
    assert.deepEqual(parse.issues.map((issue) => issue.code).sort(), ['empty-tag', 'invalid-value']);
  });
});
