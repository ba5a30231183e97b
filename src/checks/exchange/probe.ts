// Asks one host, over the HttpsFetcher port, the questions fingerprinting.md lists (OWA logon page, /owa/
// redirects, ECP export-tool manifest, NTLM negotiate on EWS/Autodiscover/MAPI, ECP and PowerShell vdirs).
// Passive: ordinary GETs a browser or Outlook would send; every request bounded in time, size and redirects.

import type { HttpsFetcher, HttpsResponse, TlsVerdict } from '../../net/http/types.js';
import {
  decodeNtlmChallenge,
  type NtlmChallenge,
  ntlmNegotiateHeader,
  ntlmTokenFromHeader,
} from '../../protocols/ntlm/challenge.js';
import {
  type BuildObservation,
  exchangeMarkers,
  type HeaderLeak,
  headerLeaks,
  headerObservations,
  manifestObservations,
  pathObservations,
  sameHostRedirect,
} from './observations.js';

export interface ProbeLimits {
  readonly timeoutMs: number;
  readonly maxBytes: number;
  readonly maxRedirects: number;
  /** Times the logon page is fetched: load-balanced front-ends of different builds show up one by one. */
  readonly logonSamples: number;
}

export const defaultProbeLimits: ProbeLimits = {
  timeoutMs: 5000,
  maxBytes: 256 * 1024,
  maxRedirects: 3,
  logonSamples: 2,
};

export const paths = {
  logon: '/owa/auth/logon.aspx',
  owa: '/owa/',
  manifest: '/ecp/Current/exporttool/microsoft.exchange.ediscovery.exporttool.application',
  ecp: '/ecp/',
  powershell: '/powershell/',
  ntlm: ['/EWS/Exchange.asmx', '/Autodiscover/Autodiscover.xml', '/mapi/'],
} as const;

export type NtlmProbe =
  | {
      readonly kind: 'challenge';
      readonly url: string;
      readonly header: string;
      readonly challenge: NtlmChallenge;
    }
  | { readonly kind: 'invalid'; readonly url: string; readonly header: string; readonly reason: string }
  /** No NTLM challenge offered on any endpoint (or they could not be reached). */
  | { readonly kind: 'none'; readonly tried: readonly string[] };

/** Whether a virtual directory answers from outside: `exposed` if it asks for a login or serves a page. */
export type SurfaceProbe =
  | { readonly kind: 'exposed'; readonly response: HttpsResponse & { kind: 'response' } }
  | { readonly kind: 'blocked'; readonly response: HttpsResponse & { kind: 'response' } }
  | { readonly kind: 'error'; readonly response: HttpsResponse & { kind: 'error' } };

export interface ExchangeHostProbe {
  readonly kind: 'exchange';
  readonly host: string;
  readonly observations: readonly BuildObservation[];
  readonly markers: readonly string[];
  readonly leaks: readonly HeaderLeak[];
  readonly ntlm: NtlmProbe;
  readonly ecp: SurfaceProbe;
  readonly powershell: SurfaceProbe;
  /** The first TLS verdict that was not clean, else the first one: shown, never blocking. */
  readonly tls: TlsVerdict;
  /** Every request and its outcome, in order: the evidence. */
  readonly responses: readonly HttpsResponse[];
}

export type HostProbe =
  | ExchangeHostProbe
  /** Answers over HTTPS, but nothing Exchange-specific. */
  | { readonly kind: 'not-exchange'; readonly host: string; readonly responses: readonly HttpsResponse[] }
  /** No address, or nothing listening: there is no web front-end to look at. */
  | { readonly kind: 'absent'; readonly host: string; readonly response: HttpsResponse & { kind: 'error' } }
  /** Timeout, DNS failure, TLS handshake or protocol failure: could not be checked. */
  | {
      readonly kind: 'unreachable';
      readonly host: string;
      readonly response: HttpsResponse & { kind: 'error' };
    };

type Answered = HttpsResponse & { kind: 'response' };
type Failed = HttpsResponse & { kind: 'error' };

class Prober {
  readonly responses: HttpsResponse[] = [];

  constructor(
    private readonly fetcher: HttpsFetcher,
    private readonly origin: string,
    private readonly limits: ProbeLimits,
    private readonly signal: AbortSignal,
  ) {}

  async get(pathOrUrl: string, headers?: Readonly<Record<string, string>>): Promise<HttpsResponse> {
    const url = pathOrUrl.startsWith('https://') ? pathOrUrl : `${this.origin}${pathOrUrl}`;
    const response = await this.fetcher.get({
      url,
      signal: this.signal,
      maxBytes: this.limits.maxBytes,
      timeoutMs: this.limits.timeoutMs,
      ...(headers === undefined ? {} : { headers }),
    });
    this.responses.push(response);
    return response;
  }

  /** Follows same-host redirects, at most `maxRedirects`; every hop kept as evidence. */
  async follow(path: string): Promise<HttpsResponse[]> {
    const hops = [await this.get(path)];
    for (let hop = 0; hop < this.limits.maxRedirects; hop += 1) {
      const last = hops[hops.length - 1];
      const next = last === undefined ? undefined : sameHostRedirect(last);
      if (next === undefined) break;
      hops.push(await this.get(next));
    }
    return hops;
  }
}

function surface(response: HttpsResponse): SurfaceProbe {
  if (response.kind === 'error') return { kind: 'error', response };
  // 401 (login asked), 200, or a redirect to the OWA logon form: the vdir is served to the internet.
  const exposed = response.status === 401 || (response.status >= 200 && response.status < 400);
  return exposed ? { kind: 'exposed', response } : { kind: 'blocked', response };
}

async function probeNtlm(prober: Prober): Promise<NtlmProbe> {
  const tried: string[] = [];
  for (const path of paths.ntlm) {
    const response = await prober.get(path, { authorization: ntlmNegotiateHeader() });
    tried.push(response.url);
    if (response.kind !== 'response') continue;
    const header = response.headers['www-authenticate'];
    const token = ntlmTokenFromHeader(header);
    if (token === undefined || header === undefined) continue;
    const decoded = decodeNtlmChallenge(token);
    switch (decoded.kind) {
      case 'challenge':
        return { kind: 'challenge', url: response.url, header, challenge: decoded.challenge };
      case 'invalid':
        return { kind: 'invalid', url: response.url, header, reason: decoded.reason };
    }
  }
  return { kind: 'none', tried };
}

function isAbsent(response: Failed): boolean {
  return response.reason === 'no-address' || response.reason === 'connect';
}

function tlsOf(responses: readonly HttpsResponse[]): TlsVerdict | undefined {
  const answered = responses.filter((response): response is Answered => response.kind === 'response');
  return (answered.find((response) => !response.tls.authorized) ?? answered[0])?.tls;
}

/**
 * Probes `host` (a name, optionally `:port`). The logon page comes first: a host with no web server costs
 * one request, and the NTLM/ECP/PowerShell requests go only to hosts that show themselves as Exchange.
 */
export async function probeExchangeHost(
  fetcher: HttpsFetcher,
  host: string,
  signal: AbortSignal,
  limits: ProbeLimits = defaultProbeLimits,
): Promise<HostProbe> {
  const prober = new Prober(fetcher, `https://${host}`, limits, signal);
  const first = await prober.get(paths.logon);
  if (first.kind === 'error')
    return isAbsent(first)
      ? { kind: 'absent', host, response: first }
      : { kind: 'unreachable', host, response: first };
  for (let sample = 1; sample < limits.logonSamples; sample += 1) await prober.get(paths.logon);
  await prober.follow(paths.owa);
  await prober.get(paths.manifest);
  const page = [...prober.responses];
  const observations = page.flatMap((response) => [
    ...headerObservations(response),
    ...pathObservations(response),
    ...manifestObservations(response),
  ]);
  const markers = [...new Set(page.flatMap(exchangeMarkers))];
  if (observations.length === 0 && markers.length === 0)
    return { kind: 'not-exchange', host, responses: prober.responses };
  const ntlm = await probeNtlm(prober);
  const ecp = surface(await prober.get(paths.ecp));
  const powershell = surface(await prober.get(paths.powershell));
  const leaks = prober.responses.flatMap(headerLeaks);
  return {
    kind: 'exchange',
    host,
    observations,
    markers,
    leaks,
    ntlm,
    ecp,
    powershell,
    tls: tlsOf(prober.responses) ?? { authorized: false, error: 'no TLS session' },
    responses: prober.responses,
  };
}
