// The lab's DNS data: names, records and failure behaviours loaded from YAML, answered as DnsAnswer values.
// One store backs both the lab's authoritative server (over the wire) and the in-memory client of unit tests.

import { parse as parseYaml } from 'yaml';
import type { DnsAnswer, DnsRecord, RecordType } from '../src/net/dns/types.js';

/**
 * How a name misbehaves for the types it has no records of (the OpenSPF suite's `TIMEOUT`), or for
 * every type (`SERVFAIL`, `REFUSED`).
 */
export type Misbehaviour = 'timeout' | 'servfail' | 'refused';

export interface ZoneNode {
  readonly records: DnsRecord[];
  misbehaviour?: Misbehaviour;
  /** Set when the data says `TXT: NONE`: SPF records are then not duplicated as TXT. */
  txtSuppressed: boolean;
  /** Milliseconds the wire server waits before answering for this name (`DELAY: 1500`): slow-server tests. */
  delayMs?: number;
}

/** What a lookup yields before it is put on the wire: an answer, or a deliberate failure to answer. */
export type ZoneLookup =
  | { readonly kind: 'answer'; readonly answer: Exclude<DnsAnswer, { kind: 'error' }> }
  | { readonly kind: 'misbehave'; readonly misbehaviour: Misbehaviour };

const defaultTtl = 300;
const maxCnameChain = 8;

export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/\.$/, '');
}

/**
 * Text from YAML becomes the bytes it stands for: strings whose characters all fit in a byte are
 * taken as Latin-1 (so the suite's "\xEF\xBB\xBF" is the three bytes of a UTF-8 BOM), others as UTF-8.
 */
export function textToBytes(value: string): Buffer {
  const fitsInBytes = [...value].every((char) => (char.codePointAt(0) ?? 0) <= 0xff);
  return fitsInBytes ? Buffer.from(value, 'latin1') : Buffer.from(value, 'utf8');
}

function asText(value: unknown, where: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  throw new Error(`${where}: expected a string, got ${JSON.stringify(value)}`);
}

function decodeStrings(value: unknown, where: string): string[] {
  const parts = Array.isArray(value) ? value.map((part) => asText(part, where)) : [asText(value, where)];
  return parts.map((part) => textToBytes(part).toString('utf8'));
}

function parseRecord(owner: string, type: string, value: unknown): DnsRecord | 'txt-none' {
  const where = `${owner} ${type}`;
  const base = { name: owner, ttl: defaultTtl };
  switch (type) {
    case 'A':
    case 'AAAA':
      return { ...base, type, address: asText(value, where) };
    case 'CNAME':
    case 'NS':
    case 'PTR':
      return { ...base, type, target: normalizeName(asText(value, where)) };
    case 'MX': {
      if (!Array.isArray(value) || value.length !== 2)
        throw new Error(`${where}: expected [preference, exchange]`);
      return {
        ...base,
        type,
        preference: Number(value[0]),
        exchange: normalizeName(asText(value[1], where)),
      };
    }
    case 'TXT':
      if (value === 'NONE') return 'txt-none';
      return { ...base, type, strings: decodeStrings(value, where) };
    case 'SPF':
      return { ...base, type, strings: decodeStrings(value, where) };
    case 'TLSA': {
      if (!Array.isArray(value) || value.length !== 4)
        throw new Error(`${where}: expected [usage, selector, type, hex]`);
      return {
        ...base,
        type,
        usage: Number(value[0]),
        selector: Number(value[1]),
        matchingType: Number(value[2]),
        data: Buffer.from(asText(value[3], where), 'hex'),
      };
    }
    default:
      throw new Error(`${where}: record type not supported by the lab`);
  }
}

export class ZoneStore {
  private readonly nodes = new Map<string, ZoneNode>();

  /** Adds OpenSPF-suite style zone data: `{ name: [ {TYPE: value} | 'TIMEOUT' | 'SERVFAIL' | 'REFUSED' ] }`. */
  addZoneData(data: unknown, source = 'zone data'): void {
    if (data === null || typeof data !== 'object' || Array.isArray(data)) {
      throw new Error(`${source}: zone data must be a mapping of names to record lists`);
    }
    for (const [rawName, entries] of Object.entries(data as Record<string, unknown>)) {
      const owner = normalizeName(rawName);
      const node = this.node(owner);
      if (!Array.isArray(entries)) throw new Error(`${source}: ${rawName} must list its records`);
      for (const entry of entries) this.addEntry(node, owner, entry, source);
    }
  }

  /** Adds a scenario file: YAML with a `records:` mapping in the zone data format. */
  addYaml(text: string, source: string): void {
    const document = parseYaml(text) as { records?: unknown } | null;
    if (document?.records === undefined) throw new Error(`${source}: no 'records:' mapping`);
    this.addZoneData(document.records, source);
  }

  private node(owner: string): ZoneNode {
    let node = this.nodes.get(owner);
    if (node === undefined) {
      node = { records: [], txtSuppressed: false };
      this.nodes.set(owner, node);
    }
    return node;
  }

  private addEntry(node: ZoneNode, owner: string, entry: unknown, source: string): void {
    if (entry === 'TIMEOUT' || entry === 'SERVFAIL' || entry === 'REFUSED') {
      node.misbehaviour = entry.toLowerCase() as Misbehaviour;
      return;
    }
    if (entry === null || typeof entry !== 'object')
      throw new Error(`${source}: ${owner}: bad entry ${String(entry)}`);
    for (const [type, value] of Object.entries(entry as Record<string, unknown>)) {
      if (type.toUpperCase() === 'DELAY') {
        node.delayMs = Number(asText(value, `${owner} DELAY`));
        continue;
      }
      const record = parseRecord(owner, type.toUpperCase(), value);
      if (record === 'txt-none') node.txtSuppressed = true;
      else node.records.push(record);
    }
  }

  /** Records of one type at one name, with SPF records served as TXT when the name has no TXT of its own. */
  private recordsAt(node: ZoneNode, type: RecordType): DnsRecord[] {
    const own = node.records.filter((record) => record.type === type);
    if (type !== 'TXT' || own.length > 0 || node.txtSuppressed) return own;
    return node.records.flatMap((record) =>
      record.type === 'SPF'
        ? [{ name: record.name, ttl: record.ttl, type: 'TXT', strings: record.strings }]
        : [],
    );
  }

  private nameExists(name: string): boolean {
    if (this.nodes.has(name)) return true;
    const suffix = `.${name}`;
    for (const owner of this.nodes.keys()) if (owner.endsWith(suffix)) return true;
    return false;
  }

  /** The node for a name: the exact one, else a wildcard at the closest encloser (RFC 4592). */
  private find(name: string): ZoneNode | undefined {
    const exact = this.nodes.get(name);
    if (exact !== undefined || this.nameExists(name)) return exact;
    const labels = name.split('.');
    for (let i = 1; i < labels.length; i += 1) {
      const encloser = labels.slice(i).join('.');
      const wildcard = this.nodes.get(`*.${encloser}`);
      if (wildcard !== undefined) {
        const records = wildcard.records.map((record) => ({ ...record, name }));
        return {
          records,
          txtSuppressed: wildcard.txtSuppressed,
          ...(wildcard.misbehaviour ? { misbehaviour: wildcard.misbehaviour } : {}),
        };
      }
      if (this.nameExists(encloser)) return undefined;
    }
    return undefined;
  }

  lookup(queryName: string, type: RecordType): ZoneLookup {
    const name = normalizeName(queryName);
    const aliases: string[] = [];
    let current = name;
    for (let depth = 0; depth <= maxCnameChain; depth += 1) {
      const node = this.find(current);
      if (node === undefined) {
        if (this.nameExists(current))
          return { kind: 'answer', answer: { kind: 'nodata', name, type, aliases, authenticated: false } };
        return { kind: 'answer', answer: { kind: 'nxdomain', name, type, aliases, authenticated: false } };
      }
      if (node.misbehaviour === 'servfail' || node.misbehaviour === 'refused') {
        return { kind: 'misbehave', misbehaviour: node.misbehaviour };
      }
      const records = this.recordsAt(node, type);
      if (records.length > 0) {
        return {
          kind: 'answer',
          answer: { kind: 'ok', name, type, records, aliases, authenticated: false } as DnsAnswer & {
            kind: 'ok';
          },
        };
      }
      const cname = type === 'CNAME' ? undefined : node.records.find((record) => record.type === 'CNAME');
      if (cname === undefined || cname.type !== 'CNAME') {
        if (node.misbehaviour === 'timeout') return { kind: 'misbehave', misbehaviour: 'timeout' };
        return { kind: 'answer', answer: { kind: 'nodata', name, type, aliases, authenticated: false } };
      }
      aliases.push(cname.target);
      current = cname.target;
    }
    return { kind: 'misbehave', misbehaviour: 'servfail' };
  }

  /** How long the wire server should wait before answering for this exact name (0: at once). */
  delayFor(queryName: string): number {
    const delay = this.nodes.get(normalizeName(queryName))?.delayMs ?? 0;
    return Number.isFinite(delay) && delay > 0 ? delay : 0;
  }

  /** Every CNAME record met on the way, for the wire server's answer section. */
  cnameRecords(queryName: string, aliases: readonly string[]): DnsRecord[] {
    if (aliases.length === 0) return [];
    const owners = [normalizeName(queryName), ...aliases.slice(0, -1)];
    return owners.map((owner, index) => ({
      name: owner,
      ttl: defaultTtl,
      type: 'CNAME',
      target: aliases[index] ?? '',
    }));
  }
}
