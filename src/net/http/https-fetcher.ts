// The HttpsFetcher over node:net, node:tls and node:http: names resolved through the DnsClient port, sockets
// through the AddressMap, one bounded GET per call, and the certificate verdict recorded rather than thrown.

import http, { type IncomingMessage } from 'node:http';
import net from 'node:net';
import tls, { type SecureContext, type TLSSocket } from 'node:tls';
import { parseIp } from '../../protocols/ip/address.js';
import { type AddressMap, identityAddressMap } from '../address-map.js';
import type { DnsAnswer, DnsClient } from '../dns/types.js';
import type {
  HttpsErrorReason,
  HttpsFetcher,
  HttpsRequest,
  HttpsResponse,
  PeerCertificate,
  TlsVerdict,
} from './types.js';

export interface HttpsFetcherOptions {
  readonly addressMap?: AddressMap;
  /** Extra trusted roots (PEM), added to the default store: the lab CA. */
  readonly ca?: readonly string[];
  readonly userAgent?: string;
}

/** Plain words for the TLS library's verification codes; unknown codes are shown as they are. */
const tlsErrorText: Readonly<Record<string, string>> = {
  CERT_HAS_EXPIRED: 'certificate expired',
  CERT_NOT_YET_VALID: 'certificate not yet valid',
  ERR_TLS_CERT_ALTNAME_INVALID: 'hostname mismatch: the certificate is not valid for this name',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed certificate',
  SELF_SIGNED_CERT_IN_CHAIN: 'self-signed certificate in the chain (untrusted root)',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'untrusted certificate: issuer unknown or intermediate missing',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'untrusted certificate: issuer unknown or intermediate missing',
  UNABLE_TO_GET_ISSUER_CERT: 'untrusted certificate: issuer unknown',
  CERT_REVOKED: 'certificate revoked',
  CERT_SIGNATURE_FAILURE: 'certificate signature invalid',
  CERT_UNTRUSTED: 'certificate not trusted',
  CERT_REJECTED: 'certificate rejected',
};

export function describeTlsError(code: string): string {
  const text = tlsErrorText[code];
  return text === undefined ? code : `${text} (${code})`;
}

/**
 * Why a fetch failed. Thrown only inside this module and always returned as an `error` response, so it is a
 * plain value, not an Error: an Error captures a stack trace nobody reads, about 5 % of the CPU of a refused
 * fetch (which makes two failures).
 */
class FetchFailure {
  constructor(
    readonly reason: HttpsErrorReason,
    readonly detail: string,
  ) {}
}

function classifySocketError(error: unknown): FetchFailure {
  if (error instanceof FetchFailure) return error;
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  if (typeof code === 'string') {
    if (/^(ECONNREFUSED|ECONNRESET|EHOSTUNREACH|ENETUNREACH|EADDRNOTAVAIL|EPIPE)$/.test(code))
      return new FetchFailure('connect', message);
    if (code.startsWith('ERR_SSL') || code === 'EPROTO' || code.startsWith('ERR_TLS'))
      return new FetchFailure('tls', message);
    if (code.startsWith('HPE_')) return new FetchFailure('protocol', `malformed HTTP response: ${message}`);
  }
  return new FetchFailure('other', message);
}

function joinHeaders(raw: IncomingMessage['headers']): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

function peerCertificate(socket: TLSSocket): PeerCertificate | undefined {
  const cert = socket.getPeerCertificate();
  if (cert === null || Object.keys(cert).length === 0) return undefined;
  const name = (entries: Record<string, unknown> | undefined): string =>
    Object.entries(entries ?? {})
      .map(([field, value]) => `${field}=${Array.isArray(value) ? value.join('+') : String(value)}`)
      .join(', ');
  return {
    subject: name(cert.subject as unknown as Record<string, unknown>),
    issuer: name(cert.issuer as unknown as Record<string, unknown>),
    subjectAltName: cert.subjectaltname ?? '',
    validFrom: cert.valid_from,
    validTo: cert.valid_to,
    fingerprint256: cert.fingerprint256,
  };
}

function tlsVerdict(socket: TLSSocket): TlsVerdict {
  const protocol = socket.getProtocol() ?? undefined;
  const certificate = peerCertificate(socket);
  const extra = { ...(protocol ? { protocol } : {}), ...(certificate ? { certificate } : {}) };
  if (socket.authorized) return { authorized: true, ...extra };
  const rawCode = socket.authorizationError as unknown;
  const code = rawCode instanceof Error ? rawCode.message : String(rawCode ?? 'unknown');
  return { authorized: false, code, error: describeTlsError(code), ...extra };
}

function describeDnsFailure(answer: DnsAnswer): string {
  switch (answer.kind) {
    case 'error':
      return `${answer.name} ${answer.type}: ${answer.reason} (${answer.detail})`;
    case 'nxdomain':
    case 'nodata':
      return `${answer.name} ${answer.type}: ${answer.kind}`;
    case 'ok':
      return `${answer.name} ${answer.type}: ok`;
  }
}

/** Settles with the abort reason as soon as the signal fires, whether or not the port honours the signal. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolvePromise, rejectPromise) => {
    const onAbort = (): void => rejectPromise(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolvePromise(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        rejectPromise(error);
      },
    );
  });
}

/** A URL's host is an IP literal (the URL parser has already put it in canonical form, brackets removed). */
const isIpLiteral = (host: string): boolean => parseIp(host) !== undefined;

export class NodeHttpsFetcher implements HttpsFetcher {
  private readonly addressMap: AddressMap;
  /**
   * One TLS context for every request: building one (trust store, cipher lists) per connection was a visible
   * share of a fleet scan's CPU. Sessions are not resumed through it (Node keeps no client session cache in the
   * context), so each request still makes a full handshake and reports its own certificate.
   */
  private readonly secureContext: SecureContext;
  private readonly userAgent: string;

  constructor(
    private readonly dns: DnsClient,
    options: HttpsFetcherOptions = {},
  ) {
    this.addressMap = options.addressMap ?? identityAddressMap;
    // `ca` replaces Node's default store, so the defaults are listed again beside the extra roots.
    const ca = options.ca && options.ca.length > 0 ? [...tls.rootCertificates, ...options.ca] : undefined;
    this.secureContext = tls.createSecureContext(ca ? { ca } : {});
    this.userAgent = options.userAgent ?? 'telltale (mail domain audit)';
  }

  async get(request: HttpsRequest): Promise<HttpsResponse> {
    const budget = new AbortController();
    const timer = setTimeout(
      () => budget.abort(new FetchFailure('timeout', `no complete response within ${request.timeoutMs} ms`)),
      request.timeoutMs,
    );
    const onOuterAbort = (): void => budget.abort(new FetchFailure('other', 'aborted by the caller'));
    if (request.signal?.aborted) onOuterAbort();
    request.signal?.addEventListener('abort', onOuterAbort, { once: true });
    try {
      let url: URL;
      try {
        url = new URL(request.url);
      } catch {
        throw new FetchFailure('other', `not a URL: ${request.url}`);
      }
      if (url.protocol !== 'https:') throw new FetchFailure('other', `not an https URL: ${request.url}`);
      const host = url.hostname.replace(/^\[|\]$/g, '');
      const addresses = await this.resolve(host, budget.signal);
      return await this.firstReachable(url, host, addresses, request, budget.signal);
    } catch (error) {
      const failure =
        budget.signal.aborted && budget.signal.reason instanceof FetchFailure
          ? budget.signal.reason
          : classifySocketError(error);
      return { kind: 'error', url: request.url, reason: failure.reason, detail: failure.detail };
    } finally {
      clearTimeout(timer);
      request.signal?.removeEventListener('abort', onOuterAbort);
    }
  }

  /** A and AAAA through the DnsClient port, IPv4 first; an IP literal is used as it is. */
  private async resolve(host: string, signal: AbortSignal): Promise<string[]> {
    if (isIpLiteral(host)) return [host];
    const [a, aaaa] = await untilAborted(
      Promise.all([this.dns.query(host, 'A', { signal }), this.dns.query(host, 'AAAA', { signal })]),
      signal,
    );
    const addresses = [
      ...(a.kind === 'ok' ? a.records.map((record) => record.address) : []),
      ...(aaaa.kind === 'ok' ? aaaa.records.map((record) => record.address) : []),
    ];
    if (addresses.length > 0) return addresses;
    if (a.kind === 'error' || aaaa.kind === 'error')
      throw new FetchFailure(
        'dns',
        `could not resolve ${host}: ${describeDnsFailure(a)}; ${describeDnsFailure(aaaa)}`,
      );
    throw new FetchFailure('no-address', `${host} has no address: A ${a.kind}, AAAA ${aaaa.kind}`);
  }

  /** Tries each address in turn while the failure is a connection failure, as a browser would. */
  private async firstReachable(
    url: URL,
    host: string,
    addresses: readonly string[],
    request: HttpsRequest,
    signal: AbortSignal,
  ): Promise<HttpsResponse> {
    const failures: string[] = [];
    for (const address of addresses) {
      try {
        return await this.exchange(url, host, address, request, signal);
      } catch (error) {
        const failure = classifySocketError(error);
        if (failure.reason !== 'connect' || signal.aborted) throw failure;
        failures.push(`${address}: ${failure.detail}`);
      }
    }
    throw new FetchFailure('connect', `could not connect to ${host}: ${failures.join('; ')}`);
  }

  /**
   * One GET to one address: TCP first, then TLS and HTTP on the connected socket. Most policy hosts of a fleet
   * scan refuse the connection; connecting first means a refusal costs one plain socket instead of a TLS
   * socket, an HTTP request and an agent built for nothing. Once connected, the steps are the ones node:https
   * takes (the request is written at once and waits in TLS for the handshake), so every error is the same
   * object with the same message as before.
   */
  private exchange(
    url: URL,
    host: string,
    address: string,
    request: HttpsRequest,
    signal: AbortSignal,
  ): Promise<HttpsResponse> {
    const port = url.port === '' ? 443 : Number(url.port);
    const target = this.addressMap.resolve({ address, port });
    return new Promise<HttpsResponse>((resolvePromise, rejectPromise) => {
      let settled = false;
      // What an abort must destroy: the TCP socket until it connects, then the HTTP request (and its socket).
      let live: { destroy(): unknown } | undefined;
      const settle = (outcome: HttpsResponse | FetchFailure): void => {
        if (settled) return;
        settled = true;
        signal.removeEventListener('abort', onAbort);
        if (outcome instanceof FetchFailure) rejectPromise(outcome);
        else resolvePromise(outcome);
      };
      const onAbort = (): void => {
        live?.destroy();
        settle(signal.reason instanceof FetchFailure ? signal.reason : new FetchFailure('other', 'aborted'));
      };
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      const tcp = net.connect({ host: target.address, port: target.port });
      live = tcp;
      const onConnectError = (error: Error): void => settle(classifySocketError(error));
      tcp.on('error', onConnectError);
      tcp.once('connect', () => {
        // From here the TLS socket owns the TCP socket and re-emits its errors to the request.
        tcp.removeListener('error', onConnectError);
        const secure = tls.connect({
          socket: tcp,
          ...(isIpLiteral(host) ? {} : { servername: host }),
          secureContext: this.secureContext,
          // The verdict is read from the socket instead of thrown, so a check can say why a certificate is bad.
          rejectUnauthorized: false,
          checkServerIdentity: (_name, cert) => tls.checkServerIdentity(host, cert),
        });
        live = this.send(url, secure, address, request, settle, () => settled);
      });
    });
  }

  /** The GET on a TLS socket; `settle` takes the response or the error (the first one counts). */
  private send(
    url: URL,
    secure: TLSSocket,
    address: string,
    request: HttpsRequest,
    settle: (outcome: HttpsResponse | FetchFailure) => void,
    settled: () => boolean,
  ): http.ClientRequest {
    const req = http.request({
      // No agent: the socket is this request's alone and closes with it.
      createConnection: () => secure,
      method: 'GET',
      path: `${url.pathname}${url.search}`,
      headers: {
        'user-agent': this.userAgent,
        accept: '*/*',
        ...request.headers,
        host: url.host,
        connection: 'close',
      },
    });
    req.on('error', (error) => settle(classifySocketError(error)));
    req.on('response', (res) => {
      const verdict = tlsVerdict(secure);
      const chunks: Buffer[] = [];
      let received = 0;
      const finish = (truncated: boolean): void =>
        settle({
          kind: 'response',
          url: request.url,
          remoteAddress: address,
          status: res.statusCode ?? 0,
          headers: joinHeaders(res.headers),
          body: new Uint8Array(Buffer.concat(chunks)),
          truncated,
          tls: verdict,
        });
      res.on('data', (chunk: Buffer) => {
        if (settled()) return;
        const room = request.maxBytes - received;
        if (chunk.length > room) {
          chunks.push(chunk.subarray(0, Math.max(0, room)));
          received = request.maxBytes;
          finish(true);
          // Stop reading: the rest of a hostile body never reaches memory.
          req.destroy();
          return;
        }
        chunks.push(chunk);
        received += chunk.length;
      });
      res.on('end', () => finish(false));
      res.on('error', (error) => settle(classifySocketError(error)));
      res.on('aborted', () =>
        settle(new FetchFailure('protocol', 'connection closed before the body was complete')),
      );
    });
    req.end();
    return req;
  }
}
