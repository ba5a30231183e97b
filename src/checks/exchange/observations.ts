// What one HTTPS response says about Exchange: build numbers (with source and precision), Exchange markers,
// internal names in headers. Pure over HttpsResponse, so every technique is tested without a network.

import type { HttpsResponse } from '../../net/http/types.js';
import type { ExchangeVersion } from '../../protocols/exchange-build/types.js';

/** cu = major.minor.build (the CU, no SU information); full = all four parts (CU and SU). */
export type BuildPrecision = Exclude<ExchangeVersion['precision'], 'major'>;

/** Where a build number was read (fingerprinting.md rows 1, 1b, 2, 3). */
export type BuildSource = 'owa-resource-path' | 'owa-2010-path' | 'x-owa-version' | 'ecp-exporttool-manifest';

export interface BuildObservation {
  readonly version: Extract<ExchangeVersion, { precision: BuildPrecision }>;
  readonly source: BuildSource;
  readonly url: string;
  /** X-FEServer of the response that carried it: which load-balanced front-end answered. */
  readonly frontEnd?: string;
  /** The text it was read from, for evidence. */
  readonly raw: string;
}

/** Headers that name internal servers (fingerprinting.md row 8). */
export const leakHeaders = ['x-feserver', 'x-beserver', 'x-calculatedbetarget', 'x-diaginfo'] as const;
export type LeakHeader = (typeof leakHeaders)[number];

export interface HeaderLeak {
  readonly header: LeakHeader;
  readonly value: string;
  readonly url: string;
}

export const sourceText: Readonly<Record<BuildSource, string>> = {
  'owa-resource-path': 'OWA logon page resource path /owa/auth/<build>/',
  'owa-2010-path': 'Exchange 2010 OWA resource path /owa/<build>/',
  'x-owa-version': 'X-OWA-Version response header',
  'ecp-exporttool-manifest': 'ECP eDiscovery export tool manifest (ClickOnce assemblyIdentity version)',
};

/** Only so much of a page is searched: markers sit near the top of the OWA logon page. */
const maxTextChars = 512 * 1024;

export function bodyText(response: HttpsResponse): string {
  if (response.kind !== 'response') return '';
  return new TextDecoder('utf-8', { fatal: false }).decode(response.body.subarray(0, maxTextChars));
}

type ObservedVersion = BuildObservation['version'];

function integers(text: string): number[] | undefined {
  const parts = text.split('.');
  const numbers = parts.map((part) => (/^\d{1,5}$/.test(part) ? Number(part) : Number.NaN));
  return numbers.every((value) => Number.isInteger(value) && value <= 65535) ? numbers : undefined;
}

/** "15.1.2176.2" → full, "15.1.2176" → cu; undefined unless every part is a plain bounded integer. */
export function parseVersion(text: string): ObservedVersion | undefined {
  const numbers = integers(text.trim());
  if (numbers === undefined) return undefined;
  const [major, minor, build, revision] = numbers;
  if (major === undefined || minor === undefined || build === undefined) return undefined;
  if (numbers.length === 3) return { precision: 'cu', parts: [major, minor, build] };
  if (numbers.length === 4 && revision !== undefined)
    return { precision: 'full', parts: [major, minor, build, revision] };
  return undefined;
}

export function formatVersion(version: ExchangeVersion): string {
  return version.parts.join('.');
}

function frontEndOf(response: HttpsResponse): { frontEnd?: string } {
  if (response.kind !== 'response') return {};
  const value = response.headers['x-feserver']?.trim();
  return value ? { frontEnd: value } : {};
}

/** Exchange 2013+ names the OWA resource folder after the CU: /owa/auth/15.1.2176/themes/…; 2010 uses /owa/14.3.123.4/. */
export function pathObservations(response: HttpsResponse): BuildObservation[] {
  const text = bodyText(response);
  const seen = new Set<string>();
  const found: BuildObservation[] = [];
  const add = (observation: BuildObservation): void => {
    const key = `${observation.source}:${formatVersion(observation.version)}`;
    if (seen.has(key)) return;
    seen.add(key);
    found.push(observation);
  };
  for (const match of text.matchAll(/\/owa\/auth\/(\d{1,5}(?:\.\d{1,5}){2,3})\//gi)) {
    // A 4-part folder under /owa/auth/ is an Exchange 2010-era layout (Metasploit accepts both).
    const version = parseVersion(match[1] ?? '');
    if (version === undefined) continue;
    add({
      version,
      source: version.precision === 'full' ? 'owa-2010-path' : 'owa-resource-path',
      url: response.url,
      raw: match[0],
      ...frontEndOf(response),
    });
  }
  for (const match of text.matchAll(/\/owa\/(\d{1,2}\.\d{1,5}\.\d{1,5}\.\d{1,5})\//gi)) {
    const version = parseVersion(match[1] ?? '');
    if (version?.precision !== 'full') continue;
    add({
      version,
      source: 'owa-2010-path',
      url: response.url,
      raw: match[0],
      ...frontEndOf(response),
    });
  }
  return found;
}

export function headerObservations(response: HttpsResponse): BuildObservation[] {
  if (response.kind !== 'response') return [];
  const raw = response.headers['x-owa-version']?.trim();
  if (raw === undefined) return [];
  const version = parseVersion(raw);
  if (version?.precision !== 'full') return [];
  return [
    {
      version,
      source: 'x-owa-version',
      url: response.url,
      raw: `X-OWA-Version: ${raw}`,
      ...frontEndOf(response),
    },
  ];
}

/** The ClickOnce manifest's `<assemblyIdentity name="microsoft.exchange.ediscovery.exporttool" version="…">`. */
export function manifestObservations(response: HttpsResponse): BuildObservation[] {
  if (response.kind !== 'response' || response.status !== 200) return [];
  const text = bodyText(response);
  for (const match of text.matchAll(/<assemblyIdentity\b([^>]{0,2000})>/gi)) {
    const attributes = match[1] ?? '';
    const name = /\bname\s*=\s*"([^"]*)"/i.exec(attributes)?.[1];
    const version = /\bversion\s*=\s*"([^"]*)"/i.exec(attributes)?.[1];
    if (name?.toLowerCase() !== 'microsoft.exchange.ediscovery.exporttool' || version === undefined) continue;
    const parsed = parseVersion(version);
    if (parsed?.precision !== 'full') continue;
    return [
      {
        version: parsed,
        source: 'ecp-exporttool-manifest',
        url: response.url,
        raw: `<assemblyIdentity name="${name}" version="${version}" …/>`,
        ...frontEndOf(response),
      },
    ];
  }
  return [];
}

export function headerLeaks(response: HttpsResponse): HeaderLeak[] {
  if (response.kind !== 'response') return [];
  return leakHeaders.flatMap((header) => {
    const value = response.headers[header]?.trim();
    return value ? [{ header, value, url: response.url }] : [];
  });
}

/**
 * Exchange-specific signs other than a build number (fingerprinting.md rows 8 and 9): OWA logon page
 * markers, the OWA/Exchange headers. A plain IIS answers none of them.
 */
export function exchangeMarkers(response: HttpsResponse): string[] {
  if (response.kind !== 'response') return [];
  const markers: string[] = [];
  if (response.headers['x-owa-version'] !== undefined) markers.push('X-OWA-Version header');
  if (response.headers['x-feserver'] !== undefined) markers.push('X-FEServer header');
  if (response.headers['x-calculatedbetarget'] !== undefined) markers.push('X-CalculatedBETarget header');
  const text = bodyText(response);
  if (/function\s+IsOwaPremiumBrowser/i.test(text))
    markers.push('OWA logon page script (IsOwaPremiumBrowser)');
  if (/To use Outlook, browser settings must allow scripts to run/i.test(text))
    markers.push('OWA logon page text');
  if (/\/owa\/auth\/[\d.]+\/themes\//i.test(text)) markers.push('OWA theme resource path');
  return markers;
}

/** Same-host redirect target (absolute or relative), or undefined when it leaves the host or is not a redirect. */
export function sameHostRedirect(response: HttpsResponse): string | undefined {
  if (response.kind !== 'response' || response.status < 300 || response.status > 399) return undefined;
  const location = response.headers.location;
  if (location === undefined) return undefined;
  let next: URL;
  let current: URL;
  try {
    current = new URL(response.url);
    next = new URL(location, current);
  } catch {
    return undefined;
  }
  if (next.protocol !== 'https:' || next.host.toLowerCase() !== current.host.toLowerCase()) return undefined;
  return next.toString();
}
