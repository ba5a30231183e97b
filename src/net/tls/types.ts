// What a TLS handshake tells about a server, as plain data: the negotiated session and the certificate chain
// as presented, parsed, with the verification verdict kept apart from the hostname verdict.

/** Protocol versions as Node (OpenSSL) names them. */
export type TlsVersionName = 'SSLv3' | 'TLSv1' | 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3';

export const tlsVersionNames: readonly TlsVersionName[] = ['SSLv3', 'TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'];

export type PublicKeyType = 'rsa' | 'rsa-pss' | 'ec' | 'ed25519' | 'ed448' | 'dsa' | 'dh' | 'unknown';

/** One certificate of the chain the server sent, parsed. Dates are ISO 8601 (UTC). */
export interface CertificateInfo {
  /** Position in the chain as sent: 0 is the server's own (leaf) certificate. */
  readonly index: number;
  readonly der: Uint8Array;
  readonly pem: string;
  /** DER of the SubjectPublicKeyInfo: what DANE selector 1 hashes. */
  readonly spkiDer: Uint8Array;
  /** Distinguished names one attribute a line as Node prints them (`CN=mx1.example.test`). */
  readonly subject: string;
  readonly issuer: string;
  readonly subjectCommonName?: string;
  /** subjectAltName dNSName entries, lower case. */
  readonly dnsNames: readonly string[];
  /** subjectAltName iPAddress entries. */
  readonly ipAddresses: readonly string[];
  readonly serialNumber: string;
  readonly notBefore: string;
  readonly notAfter: string;
  readonly keyType: PublicKeyType;
  /** RSA/DSA modulus bits, EC curve size; absent when unknown. */
  readonly keyBits?: number;
  /** EC named curve (`prime256v1`). */
  readonly curve?: string;
  /** Dotted OID and a short name when known (`sha256WithRSAEncryption`). */
  readonly signatureAlgorithm: { readonly oid: string; readonly name: string };
  /** Issuer equals subject and the certificate verifies under its own key. */
  readonly selfSigned: boolean;
  readonly isCa: boolean;
  /** SHA-256 of the DER, upper-case hex with colons as Node prints it. */
  readonly fingerprint256: string;
}

/** Chain verification against the system store plus the extra CAs given, hostname not included. */
export type ChainVerification =
  | { readonly trusted: true }
  | {
      readonly trusted: false;
      /** OpenSSL's code (CERT_HAS_EXPIRED, DEPTH_ZERO_SELF_SIGNED_CERT, UNABLE_TO_GET_ISSUER_CERT_LOCALLY…). */
      readonly code: string;
      /** The same in plain words. */
      readonly reason: string;
    };

/** Whether the leaf certificate is valid for a name (RFC 6125 rules, as Node's checkServerIdentity). */
export interface HostnameVerdict {
  readonly name: string;
  readonly matches: boolean;
  readonly reason?: string;
}

export interface NegotiatedCipher {
  /** OpenSSL name (`ECDHE-RSA-AES128-GCM-SHA256`, `TLS_AES_256_GCM_SHA384`). */
  readonly name: string;
  /** IANA name when Node knows it. */
  readonly standardName?: string;
  /** Forward secrecy: ECDHE/DHE key exchange, or any TLS 1.3 suite. */
  readonly forwardSecrecy: boolean;
}

/** A completed handshake. */
export interface TlsSessionInfo {
  readonly protocol: TlsVersionName | string;
  readonly cipher: NegotiatedCipher;
  /** The ephemeral key exchange (`ECDH X25519 253`), when there was one. */
  readonly ephemeralKey?: { readonly type: string; readonly name?: string; readonly size: number };
  /** The SNI name we sent; absent when we sent none (addresses cannot be SNI names). */
  readonly serverName?: string;
  /** As sent by the server, leaf first. Empty if the server sent none (anonymous suites). */
  readonly chain: readonly CertificateInfo[];
  readonly verification: ChainVerification;
  /** Present when a name was given to check the certificate against. */
  readonly hostname?: HostnameVerdict;
}
