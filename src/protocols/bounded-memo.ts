// A small least-recently-used memo for pure functions whose inputs repeat across a fleet scan (shared DKIM keys,
// common records): bounded, so a hostile or huge corpus cannot grow memory without limit.

export class BoundedMemo<K, V> {
  readonly #entries = new Map<K, V>();
  // The key last stored or read: most hits in a scan repeat it (one domain's names, one record asked twice), and
  // it needs no move to the end. Only meaningful while #entries is not empty.
  #newest: K | undefined;
  // Oldest first, kept from one eviction to the next: a fresh iterator would skip every slot deleted since the
  // table was last compacted. Every key it has passed was evicted or moved to the end, so its next is the oldest.
  #oldest: Iterator<K> | undefined;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('memo capacity must be ≥ 1');
  }

  get size(): number {
    return this.#entries.size;
  }

  /** The remembered value for `key`, else `compute(key)` remembered; the least recently used entry makes room. */
  get(key: K, compute: (key: K) => V): V {
    const entries = this.#entries;
    if (entries.size > 0 && key === this.#newest) return entries.get(key) as V;
    if (entries.has(key)) {
      const value = entries.get(key) as V;
      // Map keeps insertion order: re-inserting marks the entry as most recently used.
      entries.delete(key);
      entries.set(key, value);
      this.#newest = key;
      return value;
    }
    const value = compute(key);
    if (entries.size >= this.capacity) this.#evictOldest();
    entries.set(key, value);
    this.#newest = key;
    return value;
  }

  #evictOldest(): void {
    let oldest = this.#oldest?.next();
    if (oldest === undefined || oldest.done === true) {
      this.#oldest = this.#entries.keys();
      oldest = this.#oldest.next();
    }
    if (oldest.done !== true) this.#entries.delete(oldest.value);
  }
}
