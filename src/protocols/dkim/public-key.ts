// What a DKIM key record's p= really holds: an RSA key and its size (SubjectPublicKeyInfo or bare PKCS#1),
// a raw Ed25519 key (RFC 8463), or why verifiers cannot use it. Sizes come from the key, never from its length.

import { createPublicKey, type KeyObject } from 'node:crypto';

export type PublicKeyInfo =
  | { readonly kind: 'rsa'; readonly bits: number; readonly encoding: 'spki' | 'pkcs1' }
  | { readonly kind: 'ed25519' }
  | { readonly kind: 'invalid'; readonly reason: string };

const base64Pattern = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const ed25519KeyLength = 32;

/** Decodes p= after removing whitespace (RFC 6376 §3.6.1 allows it); undefined when it is not base64. */
export function decodeKeyData(value: string): Buffer | undefined {
  const compact = value.replace(/[ \t\r\n]+/g, '');
  if (!base64Pattern.test(compact)) return undefined;
  return Buffer.from(compact, 'base64');
}

function importDer(der: Buffer, type: 'spki' | 'pkcs1'): KeyObject | undefined {
  try {
    return createPublicKey({ key: der, format: 'der', type });
  } catch {
    return undefined;
  }
}

/** RFC 6376 expects SubjectPublicKeyInfo, but some signers publish the bare RSAPublicKey and verifiers accept it. */
export function inspectRsaKey(der: Buffer): PublicKeyInfo {
  const spki = importDer(der, 'spki');
  if (spki !== undefined) {
    if (spki.asymmetricKeyType !== 'rsa') {
      return {
        kind: 'invalid',
        reason: `p= holds a ${spki.asymmetricKeyType ?? 'non-RSA'} key, not an RSA key`,
      };
    }
    return { kind: 'rsa', bits: spki.asymmetricKeyDetails?.modulusLength ?? 0, encoding: 'spki' };
  }
  const pkcs1 = importDer(der, 'pkcs1');
  if (pkcs1 !== undefined) {
    return { kind: 'rsa', bits: pkcs1.asymmetricKeyDetails?.modulusLength ?? 0, encoding: 'pkcs1' };
  }
  return { kind: 'invalid', reason: 'p= does not decode to an RSA public key (truncated or corrupted data)' };
}

/** RFC 8463 §4.2: the raw 32-byte key, not wrapped in SubjectPublicKeyInfo. */
export function inspectEd25519Key(raw: Buffer): PublicKeyInfo {
  if (raw.length === ed25519KeyLength) return { kind: 'ed25519' };
  const spki = importDer(raw, 'spki');
  if (spki?.asymmetricKeyType === 'ed25519') {
    return {
      kind: 'invalid',
      reason: 'p= wraps the Ed25519 key in SubjectPublicKeyInfo; RFC 8463 requires the bare 32-byte key',
    };
  }
  return { kind: 'invalid', reason: `an Ed25519 key is 32 bytes, p= holds ${raw.length}` };
}

/** How strong an RSA modulus is against RFC 8301 §3.2: at least 1024 bits required, 2048 recommended. */
export type RsaStrength = 'too-short' | 'minimum' | 'recommended';

export function rsaStrength(bits: number): RsaStrength {
  if (bits < 1024) return 'too-short';
  if (bits < 2048) return 'minimum';
  return 'recommended';
}
