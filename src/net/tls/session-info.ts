// Reads a finished handshake off a TLSSocket: protocol, suite, forward secrecy, the chain parsed, and the
// chain verdict kept apart from the hostname verdict (we connect with rejectUnauthorized off to see both).

import type { DetailedPeerCertificate, TLSSocket } from 'node:tls';
import tls from 'node:tls';
import { parseCertificate } from './certificate.js';
import type {
  CertificateInfo,
  ChainVerification,
  HostnameVerdict,
  NegotiatedCipher,
  TlsSessionInfo,
} from './types.js';

/** Plain words for OpenSSL's verification codes the audit meets most. */
const verifyReasons: Readonly<Record<string, string>> = {
  CERT_HAS_EXPIRED: 'the certificate has expired',
  CERT_NOT_YET_VALID: 'the certificate is not yet valid',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'the certificate is self-signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'the chain ends in a self-signed certificate that is not trusted',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'the issuer is unknown (intermediate missing or untrusted root)',
  UNABLE_TO_GET_ISSUER_CERT: 'the issuer certificate could not be found',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'the certificate could not be verified (intermediate missing?)',
  CERT_SIGNATURE_FAILURE: 'a certificate signature does not verify',
  CERT_REVOKED: 'the certificate is revoked',
  CERT_UNTRUSTED: 'the certificate is not trusted',
  INVALID_CA: 'an issuer in the chain is not a CA',
  EE_KEY_TOO_SMALL: 'the certificate key is too small',
  CA_KEY_TOO_SMALL: 'an issuer key is too small',
  CA_MD_TOO_WEAK: 'an issuer signature uses a weak hash',
};

export function describeVerifyCode(code: string): string {
  return verifyReasons[code] ?? code.toLowerCase().replace(/_/g, ' ');
}

/** Forward secrecy: ephemeral (EC)DH, which every TLS 1.3 suite has. */
export function hasForwardSecrecy(protocol: string | null, cipherName: string): boolean {
  if (protocol === 'TLSv1.3' || cipherName.startsWith('TLS_')) return true;
  return /^(ECDHE|DHE|EDH)-/.test(cipherName);
}

export function negotiatedCipher(socket: TLSSocket): NegotiatedCipher {
  const cipher = socket.getCipher();
  const standardName = (cipher as { standardName?: string }).standardName;
  return {
    name: cipher.name,
    ...(standardName === undefined || standardName === cipher.name ? {} : { standardName }),
    forwardSecrecy: hasForwardSecrecy(socket.getProtocol(), cipher.name),
  };
}

/** The chain as Node gives it: the certificates the server sent, completed with issuers from the trust store. */
function peerChain(socket: TLSSocket): CertificateInfo[] {
  const chain: CertificateInfo[] = [];
  const seen = new Set<string>();
  let current: DetailedPeerCertificate | undefined = socket.getPeerCertificate(true);
  while (current?.raw !== undefined && !seen.has(current.fingerprint256) && chain.length < 10) {
    seen.add(current.fingerprint256);
    chain.push(parseCertificate(current.raw, chain.length));
    current = current.issuerCertificate;
  }
  return chain;
}

function verification(socket: TLSSocket): ChainVerification {
  if (socket.authorized) return { trusted: true };
  const raw = socket.authorizationError as unknown;
  const code =
    raw instanceof Error ? ((raw as { code?: string }).code ?? raw.message) : String(raw ?? 'UNKNOWN');
  return { trusted: false, code, reason: describeVerifyCode(code) };
}

function hostnameVerdict(socket: TLSSocket, name: string): HostnameVerdict {
  const certificate = socket.getPeerCertificate();
  if (certificate.raw === undefined)
    return { name, matches: false, reason: 'the server sent no certificate' };
  const error = tls.checkServerIdentity(name, certificate);
  return error === undefined ? { name, matches: true } : { name, matches: false, reason: error.message };
}

export function tlsSessionInfo(socket: TLSSocket, checkName: string | undefined): TlsSessionInfo {
  const ephemeral = socket.getEphemeralKeyInfo();
  const serverName = (socket as { servername?: string | false }).servername;
  const ephemeralKey =
    ephemeral !== null && typeof ephemeral === 'object' && 'type' in ephemeral && ephemeral.type !== undefined
      ? {
          type: ephemeral.type,
          ...(ephemeral.name === undefined ? {} : { name: ephemeral.name }),
          size: ephemeral.size ?? 0,
        }
      : undefined;
  return {
    protocol: socket.getProtocol() ?? 'unknown',
    cipher: negotiatedCipher(socket),
    ...(ephemeralKey === undefined ? {} : { ephemeralKey }),
    ...(typeof serverName === 'string' && serverName.length > 0 ? { serverName } : {}),
    chain: peerChain(socket),
    verification: verification(socket),
    ...(checkName === undefined ? {} : { hostname: hostnameVerdict(socket, checkName) }),
  };
}
