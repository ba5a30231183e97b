// DKIM key records (RFC 6376 §3.6.1, RFC 8463, RFC 8301): the tags a verifier reads, and an assessment of
// whether verifiers can use the key at all and how strong it is.

import { BoundedMemo } from '../bounded-memo.js';
import { decodeKeyData, inspectEd25519Key, inspectRsaKey, type PublicKeyInfo } from './public-key.js';
import { colonList, parseTagList, type Tag } from './tag-list.js';

export interface DkimKeyRecord {
  /** v=, absent in many valid records (it is only RECOMMENDED). */
  readonly version: string | undefined;
  /** k= as written, lower-cased; `rsa` when absent. */
  readonly keyType: string;
  /** h= items lower-cased; undefined when absent (every algorithm allowed). */
  readonly hashAlgorithms: readonly string[] | undefined;
  /** s= items lower-cased; `*` when absent. */
  readonly serviceTypes: readonly string[];
  /** t= items lower-cased. */
  readonly flags: readonly string[];
  /** p= with whitespace removed; empty means revoked. */
  readonly keyData: string;
  readonly tags: readonly Tag[];
}

export type KeyRecordParse =
  | { readonly kind: 'ok'; readonly record: DkimKeyRecord }
  | { readonly kind: 'invalid'; readonly problems: readonly string[] };

export const supportedKeyTypes = ['rsa', 'ed25519'] as const;
export type SupportedKeyType = (typeof supportedKeyTypes)[number];

function isSupportedKeyType(keyType: string): keyType is SupportedKeyType {
  return (supportedKeyTypes as readonly string[]).includes(keyType);
}

function tagValue(tags: readonly Tag[], name: string): string | undefined {
  return tags.find((tag) => tag.name === name)?.value;
}

const lowerList = (value: string | undefined): string[] | undefined =>
  value === undefined ? undefined : colonList(value).map((item) => item.toLowerCase());

/** Parses a key record (the TXT strings already concatenated without separators, RFC 6376 §3.6.2.2). */
export function parseKeyRecord(text: string): KeyRecordParse {
  const list = parseTagList(text);
  if (list.kind === 'invalid') return list;
  const { tags } = list;
  const problems: string[] = [];
  const version = tagValue(tags, 'v');
  if (version !== undefined) {
    if (tags[0]?.name !== 'v') problems.push('v= must be the first tag of the record');
    // Records whose v= is anything else MUST be discarded by verifiers.
    if (version !== 'DKIM1') problems.push(`v=${version} is not DKIM1, so verifiers discard the record`);
  }
  const keyData = tagValue(tags, 'p');
  if (keyData === undefined) problems.push('the required p= tag (the public key) is missing');
  if (problems.length > 0 || keyData === undefined) return { kind: 'invalid', problems };
  return {
    kind: 'ok',
    record: {
      version,
      keyType: (tagValue(tags, 'k') ?? 'rsa').toLowerCase(),
      hashAlgorithms: lowerList(tagValue(tags, 'h')),
      serviceTypes: lowerList(tagValue(tags, 's')) ?? ['*'],
      flags: lowerList(tagValue(tags, 't')) ?? [],
      keyData: keyData.replace(/[ \t\r\n]+/g, ''),
      tags,
    },
  };
}

/** What h= leaves a verifier: RFC 8301 §3.1 forbids rsa-sha1, so a key limited to sha1 verifies nothing. */
export type HashSupport = 'any' | 'sha256' | 'sha1-only' | 'none-known';

export function hashSupport(hashAlgorithms: readonly string[] | undefined): HashSupport {
  if (hashAlgorithms === undefined) return 'any';
  if (hashAlgorithms.includes('sha256')) return 'sha256';
  if (hashAlgorithms.includes('sha1')) return 'sha1-only';
  return 'none-known';
}

export type KeyAssessment =
  | { readonly kind: 'invalid'; readonly problems: readonly string[] }
  | { readonly kind: 'revoked'; readonly record: DkimKeyRecord }
  /** RFC 6376 §3.6.1: unrecognised key types are ignored, so signatures with this key cannot verify. */
  | { readonly kind: 'unknown-key-type'; readonly record: DkimKeyRecord }
  | {
      readonly kind: 'key';
      readonly record: DkimKeyRecord;
      readonly key: Exclude<PublicKeyInfo, { kind: 'invalid' }>;
      readonly hashes: HashSupport;
      /** s= lists email or *. */
      readonly forEmail: boolean;
      /** t=y: verifiers must treat signed mail like unsigned mail. */
      readonly testing: boolean;
      /** t=s: the key does not sign for subdomains of d=. */
      readonly strict: boolean;
    };

function inspectKey(keyType: SupportedKeyType, der: Buffer): PublicKeyInfo {
  switch (keyType) {
    case 'rsa':
      return inspectRsaKey(der);
    case 'ed25519':
      return inspectEd25519Key(der);
  }
}

/** The key p= holds, or why verifiers cannot use it. */
type KeyDataInspection = PublicKeyInfo | { readonly kind: 'not-base64' };

function inspectKeyData(keyType: SupportedKeyType, keyData: string): KeyDataInspection {
  const der = decodeKeyData(keyData);
  if (der === undefined) return { kind: 'not-base64' };
  return inspectKey(keyType, der);
}

// Importing a key (createPublicKey) dominates a DKIM check, and providers share one key across thousands of
// domains: the inspection is a pure function of k= and p=, so a fleet scan reuses it. The results are immutable.
const keyInspections = new BoundedMemo<string, KeyDataInspection>(512);

/** `inspectKeyData`, remembered for the most recently seen keys. */
export function inspectKeyDataCached(keyType: SupportedKeyType, keyData: string): KeyDataInspection {
  // Unambiguous: keyType is one of the supported names and p= holds no whitespace any more.
  return keyInspections.get(`${keyType}\n${keyData}`, () => inspectKeyData(keyType, keyData));
}

export function assessKeyRecord(text: string): KeyAssessment {
  const parsed = parseKeyRecord(text);
  if (parsed.kind === 'invalid') return parsed;
  const { record } = parsed;
  if (record.keyData === '') return { kind: 'revoked', record };
  if (!isSupportedKeyType(record.keyType)) return { kind: 'unknown-key-type', record };
  const key = inspectKeyDataCached(record.keyType, record.keyData);
  if (key.kind === 'not-base64') return { kind: 'invalid', problems: ['p= is not valid base64'] };
  if (key.kind === 'invalid') return { kind: 'invalid', problems: [key.reason] };
  return {
    kind: 'key',
    record,
    key,
    hashes: hashSupport(record.hashAlgorithms),
    forEmail: record.serviceTypes.includes('email') || record.serviceTypes.includes('*'),
    testing: record.flags.includes('y'),
    strict: record.flags.includes('s'),
  };
}

/**
 * Whether a TXT value is meant as a DKIM key (so a broken one is a syntax error) rather than some other TXT
 * record that happens to sit at the name, such as an SPF record served by a wildcard.
 */
export function looksLikeKeyRecord(text: string): boolean {
  return /(?:^|;)[ \t\r\n]*(?:v[ \t]*=[ \t]*DKIM1|p[ \t]*=|k[ \t]*=)/i.test(text);
}
