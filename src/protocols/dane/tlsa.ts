// DANE for SMTP (RFC 7672, RFC 6698, RFC 7671): which TLSA records an SMTP client can use, and whether the
// certificate chain a server actually presented matches one of them. Pure: certificates in, verdict out.

import { createHash, createPublicKey, X509Certificate } from 'node:crypto';

/** A TLSA record's fields as the DNS client returns them (RecordOf<'TLSA'> fits). */
export interface TlsaFields {
  readonly usage: number;
  readonly selector: number;
  readonly matchingType: number;
  readonly data: Uint8Array;
}

/** Why a record cannot be used by an SMTP client (RFC 7672 §3.1, RFC 7671 §4.1). */
export type UnusableReason =
  | 'pkix-usage'
  | 'unknown-usage'
  | 'unknown-selector'
  | 'unknown-matching-type'
  | 'bad-digest-length';

export type RecordAssessment =
  | { readonly kind: 'usable'; readonly record: TlsaFields }
  | { readonly kind: 'unusable'; readonly record: TlsaFields; readonly reason: UnusableReason };

const sha256Length = 32;
const sha512Length = 64;

/**
 * RFC 7672 §3.1.3: SMTP client treatment of PKIX-TA(0)/PKIX-EE(1) is undefined and clients MAY treat them as
 * unusable (Postfix and Exim do); only DANE-TA(2) and DANE-EE(3) protect SMTP. Digest lengths are checked
 * because a truncated SHA-256 can never match and is a common copy-paste error.
 */
export function assessRecord(record: TlsaFields): RecordAssessment {
  const unusable = (reason: UnusableReason): RecordAssessment => ({ kind: 'unusable', record, reason });
  if (record.usage === 0 || record.usage === 1) return unusable('pkix-usage');
  if (record.usage !== 2 && record.usage !== 3) return unusable('unknown-usage');
  if (record.selector !== 0 && record.selector !== 1) return unusable('unknown-selector');
  switch (record.matchingType) {
    case 0:
      return { kind: 'usable', record };
    case 1:
      return record.data.length === sha256Length ? { kind: 'usable', record } : unusable('bad-digest-length');
    case 2:
      return record.data.length === sha512Length ? { kind: 'usable', record } : unusable('bad-digest-length');
    default:
      return unusable('unknown-matching-type');
  }
}

/** The bytes a record's selector picks from a certificate: the whole DER, or its SubjectPublicKeyInfo. */
export function selectedData(certificate: X509Certificate, selector: 0 | 1): Buffer {
  return selector === 0 ? certificate.raw : certificate.publicKey.export({ type: 'spki', format: 'der' });
}

/** The association data the record would carry for this certificate: exact bytes or a digest. */
export function associationData(
  certificate: X509Certificate,
  selector: 0 | 1,
  matchingType: 0 | 1 | 2,
): Buffer {
  const selected = selectedData(certificate, selector);
  switch (matchingType) {
    case 0:
      return selected;
    case 1:
      return createHash('sha256').update(selected).digest();
    case 2:
      return createHash('sha512').update(selected).digest();
  }
}

function matchesCertificate(record: TlsaFields, certificate: X509Certificate): boolean {
  const selector = record.selector === 0 ? 0 : 1;
  const matchingType = record.matchingType === 0 ? 0 : record.matchingType === 1 ? 1 : 2;
  return Buffer.from(record.data).equals(associationData(certificate, selector, matchingType));
}

/** `2 1 0` carries the whole key: it may sign the top of the chain without being in it (RFC 7671 §5.2.2). */
function fullKeySigns(record: TlsaFields, certificate: X509Certificate): boolean {
  if (record.usage !== 2 || record.selector !== 1 || record.matchingType !== 0) return false;
  try {
    const key = createPublicKey({ key: Buffer.from(record.data), format: 'der', type: 'spki' });
    return certificate.verify(key);
  } catch {
    return false;
  }
}

/** Each certificate up to `top` is signed by the next one: the chain the server sent holds together. */
function chainLinks(chain: readonly X509Certificate[], top: number): boolean {
  for (let index = 0; index < top; index += 1) {
    const child = chain[index];
    const parent = chain[index + 1];
    if (child === undefined || parent === undefined) return false;
    if (child.checkIssued(parent) === false || !child.verify(parent.publicKey)) return false;
  }
  return true;
}

function namesMatch(leaf: X509Certificate, names: readonly string[]): boolean {
  return names.some((name) => leaf.checkHost(name, { subject: 'default' }) !== undefined);
}

/** How one usable record fared against the chain. */
export type RecordMatch =
  | { readonly kind: 'matched'; readonly record: TlsaFields; readonly certificateIndex: number }
  | { readonly kind: 'no-match'; readonly record: TlsaFields }
  /** DANE-TA matched a CA, but the leaf is not for the MX name (RFC 7672 §3.2.2 requires the name check). */
  | { readonly kind: 'name-mismatch'; readonly record: TlsaFields; readonly certificateIndex: number }
  /** DANE-TA matched a CA the leaf does not chain up to with valid signatures. */
  | { readonly kind: 'broken-chain'; readonly record: TlsaFields; readonly certificateIndex: number };

function matchUsable(
  record: TlsaFields,
  chain: readonly X509Certificate[],
  referenceNames: readonly string[],
): RecordMatch {
  const leaf = chain[0];
  if (leaf === undefined) return { kind: 'no-match', record };
  // DANE-EE: the leaf alone, no name, expiry or chain checks (RFC 7672 §3.1.1).
  if (record.usage === 3) {
    return matchesCertificate(record, leaf)
      ? { kind: 'matched', record, certificateIndex: 0 }
      : { kind: 'no-match', record };
  }
  // DANE-TA: a trust anchor among the issuers the server sent, then the path and the name (RFC 7672 §3.1.2).
  let anchor = chain.findIndex((certificate, index) => index > 0 && matchesCertificate(record, certificate));
  if (anchor < 0) {
    const top = chain.length - 1;
    const topCertificate = chain[top];
    if (topCertificate !== undefined && fullKeySigns(record, topCertificate)) anchor = top + 1;
  }
  if (anchor < 0) return { kind: 'no-match', record };
  const certificateIndex = Math.min(anchor, chain.length - 1);
  if (!chainLinks(chain, Math.min(anchor, chain.length - 1))) {
    return { kind: 'broken-chain', record, certificateIndex };
  }
  if (!namesMatch(leaf, referenceNames)) return { kind: 'name-mismatch', record, certificateIndex };
  return { kind: 'matched', record, certificateIndex };
}

/**
 * The verdict for one server. `no-usable-records`: every record is unusable, so RFC 7672 §2.2 has clients
 * fall back to unauthenticated (but still mandatory) TLS. `unparsable-chain`: the certificates could not be
 * read, so nothing can be said.
 */
export type DaneVerdict =
  | {
      readonly kind: 'match';
      readonly matched: Extract<RecordMatch, { kind: 'matched' }>;
      readonly results: readonly RecordMatch[];
      readonly unusable: readonly Extract<RecordAssessment, { kind: 'unusable' }>[];
    }
  | {
      readonly kind: 'mismatch';
      readonly results: readonly RecordMatch[];
      readonly unusable: readonly Extract<RecordAssessment, { kind: 'unusable' }>[];
    }
  | {
      readonly kind: 'no-usable-records';
      readonly unusable: readonly Extract<RecordAssessment, { kind: 'unusable' }>[];
    }
  | { readonly kind: 'unparsable-chain'; readonly detail: string };

export function parseChain(chainDer: readonly Uint8Array[]): X509Certificate[] | string {
  try {
    return chainDer.map((der) => new X509Certificate(Buffer.from(der)));
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/**
 * Matches TLSA records against the chain a server presented (DER, leaf first). `referenceNames` are the
 * names DANE-TA requires the leaf to carry: the MX host name (and the TLSA base domain if a CNAME led there).
 */
export function matchTlsa(
  records: readonly TlsaFields[],
  chainDer: readonly Uint8Array[],
  referenceNames: readonly string[],
): DaneVerdict {
  const assessed = records.map(assessRecord);
  const unusable = assessed.filter(
    (item): item is Extract<RecordAssessment, { kind: 'unusable' }> => item.kind === 'unusable',
  );
  const usable = assessed.flatMap((item) => (item.kind === 'usable' ? [item.record] : []));
  if (usable.length === 0) return { kind: 'no-usable-records', unusable };
  const chain = parseChain(chainDer);
  if (typeof chain === 'string') return { kind: 'unparsable-chain', detail: chain };
  if (chain.length === 0) return { kind: 'unparsable-chain', detail: 'the server presented no certificate' };
  const results = usable.map((record) => matchUsable(record, chain, referenceNames));
  const matched = results.find(
    (result): result is Extract<RecordMatch, { kind: 'matched' }> => result.kind === 'matched',
  );
  return matched === undefined
    ? { kind: 'mismatch', results, unusable }
    : { kind: 'match', matched, results, unusable };
}

/** A record in presentation form, for evidence: "3 1 1 0A1B…". */
export function presentTlsa(record: TlsaFields): string {
  return `${record.usage} ${record.selector} ${record.matchingType} ${Buffer.from(record.data).toString('hex').toUpperCase()}`;
}

/** The `3 1 1` record an operator should publish for a leaf (the choice RFC 7671 §5.1 recommends). */
export function recommendedRecord(leafDer: Uint8Array): TlsaFields | undefined {
  const chain = parseChain([leafDer]);
  if (typeof chain === 'string' || chain[0] === undefined) return undefined;
  return { usage: 3, selector: 1, matchingType: 1, data: associationData(chain[0], 1, 1) };
}
