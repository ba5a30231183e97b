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

  it('keeps evicting in least-recently-used order over a long run of hits and misses', () => {
    const capacity = 8;
    const memo = new BoundedMemo<number, number>(capacity);
    const reference: number[] = []; // least recently used first
    let seed = 12345;
    const nextKey = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % 20;
    };
    for (let step = 0; step < 5000; step += 1) {
      const key = nextKey();
      let computed = false;
      memo.get(key, (k) => {
        computed = true;
        return k;
      });
      const at = reference.indexOf(key);
      assert.equal(computed, at < 0, `step ${step}: key ${key} computed=${computed}`);
      if (at >= 0) reference.splice(at, 1);
      else if (reference.length >= capacity) reference.shift();
      reference.push(key);
    }
    assert.equal(memo.size, capacity);
  });

  it('remembers undefined as a value', () => {
    const memo = new BoundedMemo<string, undefined>(2);
    let calls = 0;
    memo.get('u', () => {
      calls += 1;
      return undefined;
    });
    memo.get('u', () => {
      calls += 1;
      return undefined;
    });
    assert.equal(calls, 1);
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
