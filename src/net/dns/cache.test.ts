import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TtlCache } from './cache.js';

describe('TtlCache', () => {
  it('expires entries by the injected clock and reports their age', () => {
    let now = 1000;
    const cache = new TtlCache<string>(10, () => now);
    cache.set('k', 'v', 5000);
    now += 4999;
    assert.deepEqual(cache.get('k'), { value: 'v', ageMs: 4999 });
    now += 1;
    assert.equal(cache.get('k'), undefined);
    assert.equal(cache.size, 0);
  });

  it('does not store with a zero TTL', () => {
    const cache = new TtlCache<string>(10, () => 0);
    cache.set('k', 'v', 0);
    assert.equal(cache.get('k'), undefined);
  });

  it('evicts the least recently used entry beyond its bound', () => {
    const cache = new TtlCache<number>(2, () => 0);
    cache.set('a', 1, 1000);
    cache.set('b', 2, 1000);
    assert.equal(cache.get('a')?.value, 1);
    cache.set('c', 3, 1000);
    assert.equal(cache.get('b'), undefined);
    assert.equal(cache.get('a')?.value, 1);
    assert.equal(cache.get('c')?.value, 3);
    assert.equal(cache.size, 2);
  });

  it('keeps an entry in use through many insertions of others', () => {
    const cache = new TtlCache<number>(100, () => 0);
    cache.set('hot', 0, 1000);
    for (let i = 0; i < 1000; i++) {
      cache.set(`cold${i}`, i, 1000);
      assert.equal(cache.get('hot')?.value, 0, `after ${i + 1} insertions`);
    }
    assert.equal(cache.size, 100);
    assert.equal(cache.get('cold0'), undefined);
    assert.equal(cache.get('cold999')?.value, 999);
  });
});

describe('TtlCache eviction order', () => {
  it('always evicts the oldest entry, over many rounds of insertions, hits and clears', () => {
    const bound = 8;
    const cache = new TtlCache<number>(bound, () => 0);
    // A model of the same policy: insertion order, an entry re-inserted on a hit in the older half.
    const model = new Map<string, number>();
    const touched = new Map<string, number>();
    let insertions = 0;
    let seed = 1;
    const random = () => {
      seed = (seed * 48271) % 0x7fffffff;
      return seed;
    };
    for (let step = 0; step < 5000; step++) {
      const key = `k${random() % 20}`;
      if (step % 1000 === 999) {
        cache.clear();
        model.clear();
        touched.clear();
      } else if (random() % 3 === 0) {
        const hit = cache.get(key);
        assert.equal(hit?.value, model.get(key), `step ${step}: get ${key}`);
        if (hit !== undefined && insertions - (touched.get(key) ?? 0) > bound >> 1) {
          model.delete(key);
          model.set(key, hit.value);
          touched.set(key, insertions++);
        }
      } else {
        cache.set(key, step, 1000);
        model.delete(key);
        model.set(key, step);
        touched.set(key, insertions++);
        while (model.size > bound) {
          const oldest = model.keys().next().value;
          if (oldest !== undefined) model.delete(oldest);
        }
      }
      assert.equal(cache.size, model.size, `step ${step}: size`);
    }
  });
});
