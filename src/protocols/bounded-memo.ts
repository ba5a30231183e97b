// A small least-recently-used memo for pure functions whose inputs repeat across a fleet scan (shared DKIM keys,
// common records): bounded, so a hostile or huge corpus cannot grow memory without limit.

export class BoundedMemo<K, V> {
  readonly #entries = new Map<K, V>();

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('memo capacity must be ≥ 1');
  }

  get size(): number {
    return this.#entries.size;
  }

  /** The remembered value for `key`, else `compute(key)` remembered; the least recently used entry makes room. */
  get(key: K, compute: (key: K) => V): V {
    const entries = this.#entries;
    if (entries.has(key)) {
      const value = entries.get(key) as V;
      // Map keeps insertion order: re-inserting marks the entry as most recently used.
      entries.delete(key);
      entries.set(key, value);
      return value;
    }
    const value = compute(key);
    if (entries.size >= this.capacity) {
      const oldest = entries.keys().next();
      if (oldest.done !== true) entries.delete(oldest.value);
    }
    entries.set(key, value);
    return value;
  }
}
