// Conversion between dns-packet's record objects and our DnsRecord union, both ways: encoding records
// for the test server and the lab's authoritative server, and decoding (the client's reference only).

import type { Answer } from 'dns-packet';
import { normalizeWireName } from './names.js';
import type { DnsRecord, RecordType } from './types.js';
import { recordTypes } from './types.js';

const knownTypes: ReadonlySet<string> = new Set(recordTypes);

export function isRecordType(value: string): value is RecordType {
  return knownTypes.has(value);
}

type Fields = Record<string, unknown>;

const isUint = (value: unknown, max: number): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= max;

const asFields = (value: unknown): Fields | undefined =>
  typeof value === 'object' && value !== null && !Buffer.isBuffer(value) ? (value as Fields) : undefined;

/** Copies the bytes so a record never pins the whole response buffer in memory. */
const copyBytes = (value: unknown): Uint8Array | undefined =>
  Buffer.isBuffer(value) ? new Uint8Array(value) : undefined;

/** Decodes in place: Buffer.from(bytes) would first copy them, once per string of every TXT record. */
const utf8 = (bytes: Uint8Array): string =>
  (Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)).toString(
    'utf8',
  );

/** Splits RDATA made of <character-string>s (RFC 1035 §3.3); undefined when a length overruns. */
export function splitCharacterStrings(rdata: Uint8Array): string[] | undefined {
  const strings: string[] = [];
  let offset = 0;
  while (offset < rdata.length) {
    const length = rdata[offset] ?? 0;
    const end = offset + 1 + length;
    if (end > rdata.length) return undefined;
    strings.push(utf8(rdata.subarray(offset + 1, end)));
    offset = end;
  }
  return strings;
}

function textStrings(data: unknown): string[] | undefined {
  if (Array.isArray(data)) {
    const strings: string[] = [];
    for (const part of data) {
      if (Buffer.isBuffer(part)) strings.push(utf8(part));
      else if (typeof part === 'string') strings.push(part);
      else return undefined;
    }
    return strings;
  }
  if (Buffer.isBuffer(data)) return [utf8(data)];
  return typeof data === 'string' ? [data] : undefined;
}

const nameField = (value: unknown): string | undefined =>
  typeof value === 'string' ? normalizeWireName(value) : undefined;

const uint32 = (value: unknown): number | undefined => (isUint(value, 0xffffffff) ? value : undefined);

/**
 * One dns-packet answer as a DnsRecord, or undefined for types we do not model (RRSIG, NSEC, OPT…) and
 * for data that is not the shape its type promises (a hostile packet can decode to odd values). Not on
 * the client's path (decode.ts reads packets itself): the reference decode.test.ts compares it with.
 */
export function fromPacketAnswer(answer: Answer): DnsRecord | undefined {
  const type: string = answer.type;
  if (!isRecordType(type) || answer.type === 'OPT') return undefined;
  const name = normalizeWireName(answer.name);
  const ttl = isUint(answer.ttl, 0xffffffff) ? answer.ttl : 0;
  const data: unknown = answer.data;
  switch (type) {
    case 'A':
    case 'AAAA':
      return typeof data === 'string' ? { name, ttl, type, address: data } : undefined;
    case 'CNAME':
    case 'NS':
    case 'PTR': {
      const target = nameField(data);
      return target === undefined ? undefined : { name, ttl, type, target };
    }
    case 'MX': {
      // A Null MX (RFC 7505) has the root as exchange: it arrives as "." and is kept as "" (the root in
      // our normalised form). The Null MX check relies on exactly that value.
      const fields = asFields(data);
      const exchange = nameField(fields?.exchange);
      const preference = fields?.preference;
      if (exchange === undefined || !isUint(preference, 0xffff)) return undefined;
      return { name, ttl, type, preference, exchange };
    }
    case 'SOA': {
      const fields = asFields(data);
      const mname = nameField(fields?.mname);
      const rname = nameField(fields?.rname);
      const serial = uint32(fields?.serial);
      const refresh = uint32(fields?.refresh);
      const retry = uint32(fields?.retry);
      const expire = uint32(fields?.expire);
      const minimum = uint32(fields?.minimum);
      if (
        mname === undefined ||
        rname === undefined ||
        serial === undefined ||
        refresh === undefined ||
        retry === undefined ||
        expire === undefined ||
        minimum === undefined
      ) {
        return undefined;
      }
      return { name, ttl, type, mname, rname, serial, refresh, retry, expire, minimum };
    }
    case 'TXT': {
      const strings = textStrings(data);
      return strings === undefined ? undefined : { name, ttl, type, strings };
    }
    case 'SPF': {
      // dns-packet does not know type 99's layout and hands over the raw RDATA, same layout as TXT.
      const strings = Buffer.isBuffer(data) ? splitCharacterStrings(data) : textStrings(data);
      return strings === undefined ? undefined : { name, ttl, type, strings };
    }
    case 'SRV': {
      const fields = asFields(data);
      const target = nameField(fields?.target);
      const { priority, weight, port } = fields ?? {};
      if (
        target === undefined ||
        !isUint(priority, 0xffff) ||
        !isUint(weight, 0xffff) ||
        !isUint(port, 0xffff)
      ) {
        return undefined;
      }
      return { name, ttl, type, priority, weight, port, target };
    }
    case 'CAA': {
      const { flags, tag, value } = asFields(data) ?? {};
      if (!isUint(flags, 0xff) || typeof tag !== 'string' || typeof value !== 'string') return undefined;
      return { name, ttl, type, flags, tag, value };
    }
    case 'TLSA': {
      const fields = asFields(data);
      const { usage, selector, matchingType } = fields ?? {};
      const certificate = copyBytes(fields?.certificate);
      if (!isUint(usage, 0xff) || !isUint(selector, 0xff) || !isUint(matchingType, 0xff) || !certificate) {
        return undefined;
      }
      return { name, ttl, type, usage, selector, matchingType, data: certificate };
    }
    case 'DS': {
      const fields = asFields(data);
      const { keyTag, algorithm, digestType } = fields ?? {};
      const digest = copyBytes(fields?.digest);
      if (!isUint(keyTag, 0xffff) || !isUint(algorithm, 0xff) || !isUint(digestType, 0xff) || !digest) {
        return undefined;
      }
      return { name, ttl, type, keyTag, algorithm, digestType, digest };
    }
    case 'DNSKEY': {
      const fields = asFields(data);
      const { flags, algorithm } = fields ?? {};
      const key = copyBytes(fields?.key);
      if (!isUint(flags, 0xffff) || !isUint(algorithm, 0xff) || !key) return undefined;
      // dns-packet refuses any protocol other than 3 (RFC 4034 §2.1.2) while decoding.
      return { name, ttl, type, flags, protocol: 3, algorithm, key };
    }
  }
}

const characterStrings = (strings: readonly string[]): Buffer =>
  Buffer.concat(
    strings.map((value) => {
      const bytes = Buffer.from(value, 'utf8');
      if (bytes.length > 255)
        throw new RangeError(`character-string of ${bytes.length} octets (at most 255)`);
      return Buffer.concat([Buffer.from([bytes.length]), bytes]);
    }),
  );

/**
 * A DnsRecord as dns-packet encodes it (class IN). Throws on values that cannot be encoded (a
 * character-string over 255 octets): that is a programming error in whoever built the record.
 */
export function toPacketAnswer(record: DnsRecord): Answer {
  const base = { name: record.name === '' ? '.' : record.name, ttl: record.ttl, class: 'IN' as const };
  const bytes = (value: Uint8Array): Buffer => Buffer.from(value);
  switch (record.type) {
    case 'A':
    case 'AAAA':
      return { ...base, type: record.type, data: record.address };
    case 'CNAME':
    case 'NS':
    case 'PTR':
      return { ...base, type: record.type, data: record.target === '' ? '.' : record.target };
    case 'MX':
      return {
        ...base,
        type: 'MX',
        data: { preference: record.preference, exchange: record.exchange === '' ? '.' : record.exchange },
      };
    case 'SOA': {
      const { mname, rname, serial, refresh, retry, expire, minimum } = record;
      return { ...base, type: 'SOA', data: { mname, rname, serial, refresh, retry, expire, minimum } };
    }
    case 'TXT':
      characterStrings(record.strings);
      return { ...base, type: 'TXT', data: record.strings.map((value) => Buffer.from(value, 'utf8')) };
    case 'SPF':
      // Encoded as an opaque type: dns-packet writes a Buffer as RDATA for types it does not know.
      return { ...base, type: 'SPF' as 'NULL', data: characterStrings(record.strings) };
    case 'SRV': {
      const { priority, weight, port, target } = record;
      return { ...base, type: 'SRV', data: { priority, weight, port, target } };
    }
    case 'CAA':
      return {
        ...base,
        type: 'CAA',
        data: { flags: record.flags, tag: record.tag as 'issue', value: record.value },
      };
    case 'TLSA': {
      const { usage, selector, matchingType } = record;
      return {
        ...base,
        type: 'TLSA',
        data: { usage, selector, matchingType, certificate: bytes(record.data) },
      };
    }
    case 'DS': {
      const { keyTag, algorithm, digestType } = record;
      return { ...base, type: 'DS', data: { keyTag, algorithm, digestType, digest: bytes(record.digest) } };
    }
    case 'DNSKEY':
      return {
        ...base,
        type: 'DNSKEY',
        data: { flags: record.flags, algorithm: record.algorithm, key: bytes(record.key) },
      };
  }
}
