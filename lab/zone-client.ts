// A DnsClient answered straight from a ZoneStore, without sockets: for fast unit tests of checks.

import type { DnsAnswer, DnsClient, QueryOptions, RecordType } from '../src/net/dns/types.js';
import type { ZoneStore } from './zone-store.js';

export class ZoneClient implements DnsClient {
  /** Every question asked, in order: tests assert on lookup counts with it. */
  readonly asked: { name: string; type: RecordType }[] = [];

  constructor(private readonly store: ZoneStore) {}

  async query<T extends RecordType>(name: string, type: T, _options?: QueryOptions): Promise<DnsAnswer<T>> {
    this.asked.push({ name, type });
    const result = this.store.lookup(name, type);
    if (result.kind === 'answer') return result.answer as DnsAnswer<T>;
    const normalized = name.toLowerCase().replace(/\.$/, '');
    return {
      kind: 'error',
      name: normalized,
      type,
      reason: result.misbehaviour,
      detail: `lab: ${name} ${type} ${result.misbehaviour}`,
    };
  }
}
