// The HTTPS port: a bounded GET with the TLS verdict attached, as checks (MTA-STS, BIMI, Exchange) need it.

export interface HttpsRequest {
  readonly url: string;
  readonly signal?: AbortSignal;
  /** Body bytes kept; a longer body is cut and `truncated` set. */
  readonly maxBytes: number;
  /** Whole-request budget: connect, TLS, headers and body. */
  readonly timeoutMs: number;
  readonly headers?: Readonly<Record<string, string>>;
}

export type HttpsErrorReason = 'timeout' | 'dns' | 'connect' | 'tls' | 'protocol' | 'other';

export type HttpsResponse =
  | {
      readonly kind: 'response';
      readonly url: string;
      readonly status: number;
      /** Header names lower case; repeated headers joined with ", ". */
      readonly headers: Readonly<Record<string, string>>;
      readonly body: Uint8Array;
      readonly truncated: boolean;
      /** Whether the certificate chain and name were valid for the URL's host, and why not. */
      readonly tls: { readonly authorized: boolean; readonly error?: string };
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
