// The bounded memo: computes once per key, never holds more than its capacity, and evicts the least recently used.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BoundedMemo } from './bounded-memo.js';

describe('BoundedMemo', () => {
  it('computes a key once and returns the same value after', () => {
    const memo = new BoundedMemo<string, { readonly n: number }>(4);
    let calls = 0;
    const compute = (key: string) => {
      calls += 1;
      return { n: key.length };
    };
    const first = memo.get('abc', compute);
    const second = memo.get('abc', compute);
    assert.equal(calls, 1);
    assert.equal(second, first);
    assert.deepEqual(first, { n: 3 });
  });

  it('never holds more than its capacity', () => {
    const memo = new BoundedMemo<number, number>(3);
    for (let i = 0; i < 100; i += 1) memo.get(i, (key) => key * 2);
    assert.equal(memo.size, 3);
  });

  it('evicts the least recently used entry, not the most recently read one', () => {
    const memo = new BoundedMemo<string, string>(2);
    const computed: string[] = [];
    const compute = (key: string) => {
      computed.push(key);
      return key.toUpperCase();
    };
    memo.get('a', compute);
    memo.get('b', compute);
    memo.get('a', compute); // a is now the most recently used
    memo.get('c', compute); // evicts b
    memo.get('a', compute);
    memo.get('b', compute);
    assert.deepEqual(computed, ['a', 'b', 'c', 'b']);
  });

  it('does not remember a computation that throws', () => {
    const memo = new BoundedMemo<string, number>(2);
    assert.throws(() =>
      memo.get('x', () => {
        throw new Error('boom');
      }),
    );
    assert.equal(memo.size, 0);
    assert.equal(
      memo.get('x', () => 7),
      7,
    );
  });

  it('refuses a capacity below one', () => {
    assert.throws(() => new BoundedMemo<string, number>(0), RangeError);
  });
});
