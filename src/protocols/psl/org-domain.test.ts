// The Public Suffix List's own test vectors (../shared/data/psl/tests.txt, public domain) against
// pslOrganizationalDomain, which uses the list bundled in tldts.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { pslOrganizationalDomain } from './org-domain.js';

const vectorsPath = new URL('../../../../shared/data/psl/tests.txt', import.meta.url);

/** `input expected` per line; `null` stands for no value; `//` lines are comments (some are disabled vectors). */
const vectors = readFileSync(vectorsPath, 'utf8')
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line !== '' && !line.startsWith('//'))
  .map((line) => {
    const [input = '', expected = ''] = line.split(/\s+/);
    return { input: input === 'null' ? null : input, expected: expected === 'null' ? null : expected };
  });

/**
 * Vectors whose expectation tldts's list does not meet, with why. Empty: every vector passes (the
 * leading-dot vectors pass because pslOrganizationalDomain rejects empty labels itself, which tldts
 * alone forgives).
 */
const knownFailures: ReadonlyMap<string, string> = new Map();

describe('Public Suffix List test vectors (tests.txt)', () => {
  it('reads a plausible number of vectors', () => {
    assert.ok(vectors.length >= 70, `only ${vectors.length} vectors`);
  });
  for (const { input, expected } of vectors) {
    it(`${input} → ${expected}`, () => {
      const got = pslOrganizationalDomain(input);
      if (knownFailures.has(String(input))) assert.notEqual(got, expected);
      else assert.equal(got, expected);
    });
  }
});

describe('pslOrganizationalDomain', () => {
  it('ignores a trailing dot and case', () => {
    assert.equal(pslOrganizationalDomain('Mail.Example.CO.UK.'), 'example.co.uk');
  });
  it('counts the private section (uk.com is a suffix there)', () => {
    assert.equal(pslOrganizationalDomain('a.example.uk.com'), 'example.uk.com');
  });
  it('has no organisational domain for an IP address', () => {
    assert.equal(pslOrganizationalDomain('192.0.2.1'), null);
  });
  it('answers the same the second time (remembered answers), IP addresses and suffixes included', () => {
    for (let round = 0; round < 2; round += 1) {
      assert.equal(pslOrganizationalDomain('a.b.example.com'), 'example.com');
      assert.equal(pslOrganizationalDomain('A.B.EXAMPLE.COM.'), 'example.com');
      assert.equal(pslOrganizationalDomain('192.0.2.1'), null);
      assert.equal(pslOrganizationalDomain('co.uk'), null);
    }
  });
});
