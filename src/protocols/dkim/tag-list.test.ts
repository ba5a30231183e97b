// The RFC 6376 §3.2 tag=value list: what verifiers accept, and the errors that make a list unusable.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { colonList, parseTagList } from './tag-list.js';

describe('parseTagList', () => {
  it('keeps tags in order with surrounding whitespace removed', () => {
    const result = parseTagList(' v=DKIM1 ;\tk = rsa; p=AB CD ');
    assert.deepEqual(result, {
      kind: 'ok',
      tags: [
        { name: 'v', value: 'DKIM1' },
        { name: 'k', value: 'rsa' },
        { name: 'p', value: 'AB CD' },
      ],
    });
  });

  it('tolerates a trailing semicolon and empty segments, as verifiers do', () => {
    const result = parseTagList('v=DKIM1;; p=AB;  ');
    assert.equal(result.kind, 'ok');
    assert.equal(result.kind === 'ok' ? result.tags.length : 0, 2);
  });

  it('accepts an empty value (a revoked p=)', () => {
    assert.deepEqual(parseTagList('v=DKIM1; p='), {
      kind: 'ok',
      tags: [
        { name: 'v', value: 'DKIM1' },
        { name: 'p', value: '' },
      ],
    });
  });

  const invalid: [string, string, RegExp][] = [
    ['duplicate tag', 'k=rsa; k=rsa; p=AB', /more than once/],
    ['segment without =', 'v=DKIM1; rsa; p=AB', /not a tag=value pair/],
    ['tag name starting with a digit', '1k=rsa; p=AB', /not a valid tag name/],
    ['empty tag name', '=rsa; p=AB', /not a valid tag name/],
    ['control character in a value', 'k=r\u0001sa; p=AB', /characters a tag value cannot hold/],
  ];
  for (const [label, text, problem] of invalid) {
    it(`rejects a list with a ${label}`, () => {
      const result = parseTagList(text);
      assert.equal(result.kind, 'invalid');
      assert.match(result.kind === 'invalid' ? result.problems.join(' ') : '', problem);
    });
  }

  it('treats tag names as case-sensitive (P= is not p=)', () => {
    const result = parseTagList('p=AB; P=CD');
    assert.equal(result.kind, 'ok');
  });
});

describe('colonList', () => {
  it('splits, trims and drops empty items', () => {
    assert.deepEqual(colonList(' sha1 : sha256 ::'), ['sha1', 'sha256']);
  });
});
