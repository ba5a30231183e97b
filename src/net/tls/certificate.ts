// Parses a DER certificate into the fields an audit reports (names, dates, key, signature algorithm,
// self-signed) with node:crypto, plus the few DER bytes node:crypto does not expose.

import { X509Certificate } from 'node:crypto';
import type { CertificateInfo, PublicKeyType } from './types.js';

interface DerElement {
  readonly tag: number;
  /** Offset of the contents. */
  readonly start: number;
  readonly end: number;
}

/** One TLV at `offset` (definite lengths only, as DER requires). */
function readElement(der: Uint8Array, offset: number): DerElement {
  const tag = der[offset];
  let lengthByte = der[offset + 1];
  if (tag === undefined || lengthByte === undefined) throw new Error('DER: truncated');
  let start = offset + 2;
  let length = lengthByte;
  if (lengthByte & 0x80) {
    const count = lengthByte & 0x7f;
    if (count === 0 || count > 4) throw new Error('DER: unsupported length');
    length = 0;
    for (let index = 0; index < count; index += 1) {
      lengthByte = der[start + index];
      if (lengthByte === undefined) throw new Error('DER: truncated');
      length = length * 256 + lengthByte;
    }
    start += count;
  }
  if (start + length > der.length) throw new Error('DER: truncated');
  return { tag, start, end: start + length };
}

function decodeOid(bytes: Uint8Array): string {
  const parts: number[] = [];
  let value = 0;
  for (const byte of bytes) {
    value = value * 128 + (byte & 0x7f);
    if ((byte & 0x80) === 0) {
      if (parts.length === 0)
        parts.push(Math.min(2, Math.floor(value / 40)), value - Math.min(2, Math.floor(value / 40)) * 40);
      else parts.push(value);
      value = 0;
    }
  }
  return parts.join('.');
}

/** Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm AlgorithmIdentifier, signature } (RFC 5280 §4.1). */
export function signatureAlgorithmOid(der: Uint8Array): string {
  const certificate = readElement(der, 0);
  const tbs = readElement(der, certificate.start);
  const algorithm = readElement(der, tbs.end);
  const oid = readElement(der, algorithm.start);
  if (oid.tag !== 0x06) throw new Error('DER: no signature algorithm OID');
  return decodeOid(der.subarray(oid.start, oid.end));
}

/** Names from RFC 3279, 4055, 5758 and 8410. */
const signatureNames: Readonly<Record<string, string>> = {
  '1.2.840.113549.1.1.4': 'md5WithRSAEncryption',
  '1.2.840.113549.1.1.5': 'sha1WithRSAEncryption',
  '1.2.840.113549.1.1.10': 'rsassaPss',
  '1.2.840.113549.1.1.11': 'sha256WithRSAEncryption',
  '1.2.840.113549.1.1.12': 'sha384WithRSAEncryption',
  '1.2.840.113549.1.1.13': 'sha512WithRSAEncryption',
  '1.2.840.10045.4.1': 'ecdsa-with-SHA1',
  '1.2.840.10045.4.3.2': 'ecdsa-with-SHA256',
  '1.2.840.10045.4.3.3': 'ecdsa-with-SHA384',
  '1.2.840.10045.4.3.4': 'ecdsa-with-SHA512',
  '1.3.101.112': 'Ed25519',
  '1.3.101.113': 'Ed448',
};

const curveBits: Readonly<Record<string, number>> = {
  prime256v1: 256,
  secp384r1: 384,
  secp521r1: 521,
  secp256k1: 256,
};

function keyType(type: string | undefined): PublicKeyType {
  switch (type) {
    case 'rsa':
    case 'rsa-pss':
    case 'ec':
    case 'ed25519':
    case 'ed448':
    case 'dsa':
    case 'dh':
      return type;
    default:
      return 'unknown';
  }
}

/** `DNS:a.test, IP Address:192.0.2.1` → the two lists. Quoted entries (Node ≥ 17 escapes odd names) are unquoted. */
function altNames(subjectAltName: string | undefined): { dns: string[]; ip: string[] } {
  const dns: string[] = [];
  const ip: string[] = [];
  for (const entry of (subjectAltName ?? '').split(/,\s*/)) {
    const cut = entry.indexOf(':');
    if (cut < 0) continue;
    const kind = entry.slice(0, cut);
    const value = entry.slice(cut + 1).replace(/^"|"$/g, '');
    if (kind === 'DNS') dns.push(value.toLowerCase());
    else if (kind === 'IP Address') ip.push(value);
  }
  return { dns, ip };
}

function pem(der: Uint8Array): string {
  const base64 = Buffer.from(der).toString('base64');
  return `-----BEGIN CERTIFICATE-----\n${base64.replace(/(.{64})/g, '$1\n').replace(/\n$/, '')}\n-----END CERTIFICATE-----\n`;
}

function selfSigned(certificate: X509Certificate): boolean {
  try {
    // Not checkIssued(): OpenSSL's issuer check also wants keyCertSign, which a self-signed leaf lacks.
    return certificate.subject === certificate.issuer && certificate.verify(certificate.publicKey);
  } catch {
    return false;
  }
}

export function parseCertificate(der: Uint8Array, index = 0): CertificateInfo {
  const certificate = new X509Certificate(der);
  const key = certificate.publicKey;
  const details = key.asymmetricKeyDetails;
  const type = keyType(key.asymmetricKeyType);
  const curve = details?.namedCurve;
  const keyBits =
    details?.modulusLength ??
    (curve !== undefined ? curveBits[curve] : type === 'ed25519' ? 256 : type === 'ed448' ? 456 : undefined);
  const oid = signatureAlgorithmOid(der);
  const names = altNames(certificate.subjectAltName);
  const commonName = /(?:^|\n)CN=([^\n]*)/.exec(certificate.subject)?.[1];
  return {
    index,
    der: new Uint8Array(der),
    pem: pem(der),
    spkiDer: new Uint8Array(key.export({ type: 'spki', format: 'der' })),
    subject: certificate.subject,
    issuer: certificate.issuer,
    ...(commonName === undefined ? {} : { subjectCommonName: commonName }),
    dnsNames: names.dns,
    ipAddresses: names.ip,
    serialNumber: certificate.serialNumber,
    notBefore: new Date(certificate.validFrom).toISOString(),
    notAfter: new Date(certificate.validTo).toISOString(),
    keyType: type,
    ...(keyBits === undefined ? {} : { keyBits }),
    ...(curve === undefined ? {} : { curve }),
    signatureAlgorithm: { oid, name: signatureNames[oid] ?? oid },
    selfSigned: selfSigned(certificate),
    isCa: certificate.ca,
    fingerprint256: certificate.fingerprint256,
  };
}
