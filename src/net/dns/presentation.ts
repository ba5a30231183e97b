// Records and answers in DNS presentation format, for evidence a user can compare with `dig`.

import type { DnsEvidence } from '../../model/finding.js';
import type { DnsAnswer, DnsRecord } from './types.js';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex').toUpperCase();
const base64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what must be escaped
const needsEscape = /["\\\u0000-\u001f\u007f]/;

/** A character-string quoted as in a zone file: quotes and backslashes escaped, controls as \DDD. */
export function quoteCharacterString(value: string): string {
  // Most TXT strings (keys, SPF) need no escape: one flat string, not a chain of one-character pieces.
  if (!needsEscape.test(value)) return `"${value}"`;
  let out = '"';
  for (const char of value) {
    const code = char.codePointAt(0) ?? 0;
    if (char === '"' || char === '\\') out += `\\${char}`;
    else if (code < 0x20 || code === 0x7f) out += `\\${code.toString().padStart(3, '0')}`;
    else out += char;
  }
  return `${out}"`;
}

export function recordData(record: DnsRecord): string {
  switch (record.type) {
    case 'A':
    case 'AAAA':
      return record.address;
    case 'CNAME':
    case 'NS':
    case 'PTR':
      return `${record.target}.`;
    case 'MX':
      return `${record.preference} ${record.exchange}.`;
    case 'SOA':
      return `${record.mname}. ${record.rname}. ${record.serial} ${record.refresh} ${record.retry} ${record.expire} ${record.minimum}`;
    case 'TXT':
    case 'SPF':
      return record.strings.map(quoteCharacterString).join(' ');
    case 'SRV':
      return `${record.priority} ${record.weight} ${record.port} ${record.target}.`;
    case 'CAA':
      return `${record.flags} ${record.tag} ${quoteCharacterString(record.value)}`;
    case 'TLSA':
      return `${record.usage} ${record.selector} ${record.matchingType} ${hex(record.data)}`;
    case 'DS':
      return `${record.keyTag} ${record.algorithm} ${record.digestType} ${hex(record.digest)}`;
    case 'DNSKEY':
      return `${record.flags} ${record.protocol} ${record.algorithm} ${base64(record.key)}`;
  }
}

export function presentRecord(record: DnsRecord): string {
  return `${record.name}. ${record.ttl} IN ${record.type} ${recordData(record)}`;
}

export function describeOutcome(answer: DnsAnswer): string {
  return answer.kind === 'error' ? `error:${answer.reason}` : answer.kind;
}

/** The evidence for one answer: what was asked and what came back. */
export function dnsEvidence(answer: DnsAnswer): DnsEvidence {
  const aliases = answer.kind === 'error' ? [] : answer.aliases.map((alias) => `CNAME → ${alias}.`);
  const records =
    answer.kind === 'ok'
      ? [...aliases, ...answer.records.map(presentRecord)]
      : answer.kind === 'error'
        ? [answer.detail]
        : aliases;
  return {
    kind: 'dns',
    name: answer.name === '' ? '.' : answer.name,
    type: answer.type,
    outcome: describeOutcome(answer),
    records,
    ...(answer.kind === 'error' ? {} : { authenticated: answer.authenticated }),
  };
}
