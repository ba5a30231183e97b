// The DNS blocklists queried for MX addresses (data/dnsbl-zones.json) and how each reads its return codes,
// validated on load so a bad edit fails loudly instead of turning "query refused" into "listed".

import rawDataset from '../../data/dnsbl-zones.json' with { type: 'json' };
import type { Severity } from '../model/finding.js';
import { severities } from '../model/finding.js';
import { type IpAddress, parseIp } from '../protocols/ip/address.js';
import { readDatasetHeader } from './dataset-header.js';

/** `listed`: a reputation listing. `policy`: the range should not send mail directly (Spamhaus PBL). `error`: the zone refused to answer. */
export type DnsblCodeKind = 'listed' | 'policy' | 'error';

export interface DnsblCode {
  readonly from: string;
  readonly to: string;
  readonly kind: DnsblCodeKind;
  /** The sub-list the code stands for (SBL, XBL, PBL…). */
  readonly list: string;
  readonly severity: Severity;
  readonly meaning: string;
}

export interface DnsblZone {
  readonly zone: string;
  readonly name: string;
  readonly operator: string;
  /** Whether the zone answers nibble-reversed IPv6 queries. */
  readonly ipv6: boolean;
  readonly source: string;
  /** Where a user looks an address up and asks for removal. */
  readonly lookup: string;
  /** How a 127.0.0.0/8 answer missing from `codes` is read. */
  readonly unknownCodes: 'listed' | 'error';
  readonly uncertain: readonly string[];
  readonly codes: readonly DnsblCode[];
}

export interface DnsblDataset {
  readonly schemaVersion: 1;
  readonly dataVersion: string;
  readonly reviewBy: string;
  readonly zones: readonly DnsblZone[];
}

const zonePattern = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const kinds: readonly DnsblCodeKind[] = ['listed', 'policy', 'error'];

function fail(problem: string): never {
  throw new Error(`data/dnsbl-zones.json: ${problem}`);
}

function asRecord(value: unknown, where: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) fail(`${where} must be an object`);
  return value as Record<string, unknown>;
}

function asString(value: unknown, where: string): string {
  if (typeof value !== 'string' || value === '') fail(`${where} must be a non-empty string`);
  return value;
}

function asLoopbackAnswer(value: unknown, where: string): string {
  const text = asString(value, where);
  const address = parseIp(text);
  if (address?.family !== 4 || address.bytes[0] !== 127) fail(`${where} must be an address in 127.0.0.0/8`);
  return text;
}

function parseCode(value: unknown, where: string): DnsblCode {
  const entry = asRecord(value, where);
  const from = asLoopbackAnswer(entry.from, `${where}.from`);
  const to = asLoopbackAnswer(entry.to, `${where}.to`);
  if (ipv4Number(from) > ipv4Number(to)) fail(`${where}: from is above to`);
  const kind = entry.kind as DnsblCodeKind;
  if (!kinds.includes(kind)) fail(`${where}.kind must be one of ${kinds.join(', ')}`);
  const severity = entry.severity as Severity;
  if (!severities.includes(severity)) fail(`${where}.severity must be one of ${severities.join(', ')}`);
  return {
    from,
    to,
    kind,
    severity,
    list: asString(entry.list, `${where}.list`),
    meaning: asString(entry.meaning, `${where}.meaning`),
  };
}

function parseZone(value: unknown, index: number): DnsblZone {
  const where = `zones[${index}]`;
  const entry = asRecord(value, where);
  const zone = asString(entry.zone, `${where}.zone`);
  if (!zonePattern.test(zone)) fail(`${where}.zone "${zone}" is not a DNS name`);
  if (typeof entry.ipv6 !== 'boolean') fail(`${where}.ipv6 must be true or false`);
  if (entry.unknownCodes !== 'listed' && entry.unknownCodes !== 'error')
    fail(`${where}.unknownCodes must be listed or error`);
  if (!Array.isArray(entry.codes) || entry.codes.length === 0)
    fail(`${where}.codes must be a non-empty list`);
  if (!Array.isArray(entry.uncertain)) fail(`${where}.uncertain must be a list`);
  return {
    zone,
    name: asString(entry.name, `${where}.name`),
    operator: asString(entry.operator, `${where}.operator`),
    ipv6: entry.ipv6,
    source: asString(entry.source, `${where}.source`),
    lookup: asString(entry.lookup, `${where}.lookup`),
    unknownCodes: entry.unknownCodes,
    uncertain: entry.uncertain.map((item, at) => asString(item, `${where}.uncertain[${at}]`)),
    codes: entry.codes.map((code, at) => parseCode(code, `${where}.codes[${at}]`)),
  };
}

/** Validates the dataset's shape; throws naming the first problem. */
export function parseDnsblDataset(data: unknown): DnsblDataset {
  const { header, root } = readDatasetHeader(data, { name: 'dnsbl-zones', supportedSchemaVersion: 1 });
  if (!Array.isArray(root.zones) || root.zones.length === 0) fail('zones must be a non-empty list');
  const zones = root.zones.map(parseZone);
  const seen = new Set<string>();
  for (const { zone } of zones) {
    if (seen.has(zone)) fail(`zone "${zone}" is listed twice`);
    seen.add(zone);
  }
  return { schemaVersion: 1, dataVersion: header.dataVersion, reviewBy: header.reviewBy, zones };
}

export const dnsblDataset: DnsblDataset = parseDnsblDataset(rawDataset);

function ipv4Number(text: string): number {
  const address = parseIp(text);
  if (address?.family !== 4) return -1;
  return address.bytes.reduce((sum, byte) => sum * 256 + byte, 0);
}

/** What one A record in a DNSBL answer means, read through the zone's table. */
export type DnsblReading =
  | { readonly kind: 'code'; readonly answer: string; readonly code: DnsblCode }
  | { readonly kind: 'unknown-code'; readonly answer: string; readonly as: 'listed' | 'error' }
  /** Outside 127.0.0.0/8: not a DNSBL answer at all (a resolver rewriting NXDOMAIN, a wildcard, a dead zone). */
  | { readonly kind: 'not-a-dnsbl-answer'; readonly answer: string };

export function readDnsblAnswer(zone: DnsblZone, answer: string): DnsblReading {
  const address = parseIp(answer);
  if (address?.family !== 4 || address.bytes[0] !== 127) return { kind: 'not-a-dnsbl-answer', answer };
  const value = ipv4Number(answer);
  const code = zone.codes.find((entry) => ipv4Number(entry.from) <= value && value <= ipv4Number(entry.to));
  return code === undefined
    ? { kind: 'unknown-code', answer, as: zone.unknownCodes }
    : { kind: 'code', answer, code };
}

/** The RFC 5782 §2.1/§2.4 query name: reversed octets (IPv4) or nibbles (IPv6) under the zone. */
export function dnsblQueryName(address: IpAddress, zone: string): string {
  if (address.family === 4) return `${Array.from(address.bytes, String).reverse().join('.')}.${zone}`;
  const nibbles: string[] = [];
  for (const byte of address.bytes) nibbles.push((byte >> 4).toString(16), (byte & 0xf).toString(16));
  return `${nibbles.reverse().join('.')}.${zone}`;
}

/** Zones that can answer for this address family. */
export function zonesFor(address: IpAddress, dataset: DnsblDataset = dnsblDataset): readonly DnsblZone[] {
  return dataset.zones.filter((zone) => address.family === 4 || zone.ipv6);
}
