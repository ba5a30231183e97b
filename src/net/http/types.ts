// The HTTPS port: a bounded GET with the TLS verdict attached, as checks (MTA-STS, BIMI, Exchange) need it.

export interface HttpsRequest {
  readonly url: string;
  readonly signal?: AbortSignal;
  /** Body bytes kept; a longer body is cut, the connection closed and `truncated` set. */
  readonly maxBytes: number;
  /** Whole-request budget: DNS, connect, TLS, headers and body. */
  readonly timeoutMs: number;
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * `no-address`: the host has no A/AAAA record (a definite answer about the target).
 * `dns`: the host name could not be resolved (timeout, SERVFAIL…: says nothing about the target).
 */
export type HttpsErrorReason = 'timeout' | 'no-address' | 'dns' | 'connect' | 'tls' | 'protocol' | 'other';

/** The server certificate as evidence. */
export interface PeerCertificate {
  readonly subject: string;
  readonly issuer: string;
  readonly subjectAltName: string;
  readonly validFrom: string;
  readonly validTo: string;
  readonly fingerprint256: string;
}

export interface TlsVerdict {
  /** Whether the certificate chain is trusted, in its validity period and valid for the URL's host. */
  readonly authorized: boolean;
  /** Why not, in plain words (certificate expired, hostname mismatch, self-signed…). */
  readonly error?: string;
  /** The TLS library's code for it (CERT_HAS_EXPIRED, ERR_TLS_CERT_ALTNAME_INVALID…). */
  readonly code?: string;
  readonly protocol?: string;
  readonly certificate?: PeerCertificate;
}

export type HttpsResponse =
  | {
      readonly kind: 'response';
      readonly url: string;
      /** The address DNS gave and the request went to (before any lab address mapping). */
      readonly remoteAddress: string;
      readonly status: number;
      /** Header names lower case; repeated headers joined with ", ". */
      readonly headers: Readonly<Record<string, string>>;
      /** Never to be trusted as content when `tls.authorized` is false: it came over an unverified channel. */
      readonly body: Uint8Array;
      readonly truncated: boolean;
      readonly tls: TlsVerdict;
    }
  | {
      readonly kind: 'error';
      readonly url: string;
      readonly reason: HttpsErrorReason;
      readonly detail: string;
    };

/** Never follows redirects: a 3xx is returned as is, so checks decide (MTA-STS forbids them). */
export interface HttpsFetcher {
  get(request: HttpsRequest): Promise<HttpsResponse>;
}
