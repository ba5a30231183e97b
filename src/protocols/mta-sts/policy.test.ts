// MTA-STS record and policy parsing and MX pattern matching (RFC 8461 §3.1, §3.2, §4.1).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isTextPlain, mxPatternMatches, parseStsPolicy } from './policy.js';
import { isStsRecord, parseStsRecord } from './record.js';

describe('parseStsRecord', () => {
  it('accepts the RFC 8461 example and a trailing delimiter', () => {
    const parsed = parseStsRecord('v=STSv1; id=20160831085700Z;');
    assert.equal(parsed.kind === 'ok' && parsed.record.id, '20160831085700Z');
  });
  it('rejects bad ids, a missing id and a wrong version', () => {
    for (const text of [
      'v=STSv1; id=2025-01-01',
      'v=STSv1; id=',
      'v=STSv1',
      'v=STSv2; id=1',
      `v=STSv1; id=${'a'.repeat(33)}`,
    ])
      assert.equal(parseStsRecord(text).kind, 'invalid', text);
  });
  it('keeps valid extensions and refuses malformed fields', () => {
    const parsed = parseStsRecord('v=STSv1; id=1; ext_a=value');
    assert.deepEqual(parsed.kind === 'ok' && parsed.record.extensions, [['ext_a', 'value']]);
    assert.equal(parseStsRecord('v=STSv1; id=1; garbage').kind, 'invalid');
  });
  it('counts only records that start with v=STSv1', () => {
    assert.equal(isStsRecord('v=STSv1; id=1'), true);
    assert.equal(isStsRecord('v=STSv10; id=1'), false);
    assert.equal(isStsRecord('id=1; v=STSv1'), false);
  });
});

describe('parseStsPolicy', () => {
  it('parses a policy with CRLF or LF line ends', () => {
    for (const end of ['\r\n', '\n']) {
      const text = [
        'version: STSv1',
        'mode: enforce',
        'mx: mail.example.com',
        'mx: *.example.net',
        'max_age: 604800',
        '',
      ].join(end);
      const parsed = parseStsPolicy(text);
      assert.deepEqual(parsed.kind === 'ok' && parsed.policy, {
        mode: 'enforce',
        maxAge: 604800,
        mx: ['mail.example.com', '*.example.net'],
      });
    }
  });
  it('allows mode none without mx and ignores unknown keys', () => {
    assert.equal(parseStsPolicy('version: STSv1\nmode: none\nmax_age: 86400\nfuture: x\n').kind, 'ok');
  });
  const invalid: readonly [string, RegExp][] = [
    ['mode: enforce\nmx: a.example\nmax_age: 1\n', /version/],
    ['version: STSv1\nmode: Enforce\nmx: a.example\nmax_age: 1\n', /mode must be/],
    ['version: STSv1\nmode: enforce\nmax_age: 1\n', /at least one "mx:"/],
    ['version: STSv1\nmode: enforce\nmx: a.example\nmax_age: 31557601\n', /above the maximum/],
    ['version: STSv1\nmode: enforce\nmx: a.example\nmax_age: -1\n', /not a number/],
    ['version: STSv1\nmode: enforce\nmx: mail.*.example\nmax_age: 1\n', /leftmost label/],
    ['version: STSv1\nmode: enforce\nmx: *mail.example\nmax_age: 1\n', /leftmost label/],
    ['version: STSv1\nmode: enforce\nmode: testing\nmx: a.example\nmax_age: 1\n', /more than once/],
    ['<html>\n', /not "key: value"/],
  ];
  for (const [text, problem] of invalid) {
    it(`rejects ${JSON.stringify(text.slice(0, 40))}`, () => {
      const parsed = parseStsPolicy(text);
      assert.equal(parsed.kind, 'invalid');
      assert.match(parsed.kind === 'invalid' ? parsed.problems.join('; ') : '', problem);
    });
  }
});

describe('mxPatternMatches', () => {
  it('matches exact names case-insensitively, trailing dot ignored', () => {
    assert.equal(mxPatternMatches('Mail.Example.com', 'mail.example.com.'), true);
    assert.equal(mxPatternMatches('mail.example.com', 'mail2.example.com'), false);
  });
  it('lets a wildcard cover exactly one leftmost label', () => {
    assert.equal(mxPatternMatches('*.example.com', 'mx1.example.com'), true);
    assert.equal(mxPatternMatches('*.example.com', 'example.com'), false);
    assert.equal(mxPatternMatches('*.example.com', 'a.mx.example.com'), false);
  });
});

describe('isTextPlain', () => {
  it('accepts parameters and refuses other types', () => {
    assert.equal(isTextPlain('text/plain; charset=utf-8'), true);
    assert.equal(isTextPlain('TEXT/PLAIN'), true);
    assert.equal(isTextPlain('text/plainx'), false);
    assert.equal(isTextPlain('text/html'), false);
    assert.equal(isTextPlain(undefined), false);
  });
});
