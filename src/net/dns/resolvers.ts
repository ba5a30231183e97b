// Which resolvers to ask: parsing /etc/resolv.conf and the `--resolver HOST[:PORT]` option, and the one
// small read of the real resolv.conf.

import { readFile } from 'node:fs/promises';
import net from 'node:net';
import type { ResolverAddress } from './types.js';

export const defaultDnsPort = 53;
export const fallbackResolver: ResolverAddress = { host: '127.0.0.1', port: defaultDnsPort };

/**
 * One spelling per address, so a reply's source can be compared with the resolver asked: the WHATWG
 * URL parser already canonicalises IPv6 ("0:0::1" → "::1", RFC 5952).
 */
export function canonicalHost(host: string): string {
  if (!net.isIPv6(host)) return host;
  try {
    return new URL(`http://[${host}]/`).hostname.slice(1, -1);
  } catch {
    return host.toLowerCase();
  }
}

export function formatResolver(resolver: ResolverAddress): string {
  return net.isIPv6(resolver.host)
    ? `[${resolver.host}]:${resolver.port}`
    : `${resolver.host}:${resolver.port}`;
}

/** Nameservers from resolv.conf text, in order. A zone index (`fe80::1%eth0`) is dropped. */
export function readSystemResolvers(text: string): ResolverAddress[] {
  const resolvers: ResolverAddress[] = [];
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.replace(/[#;].*$/, '').trim();
    const [keyword, value] = line.split(/\s+/);
    if (keyword !== 'nameserver' || value === undefined) continue;
    const host = value.replace(/%.*$/, '');
    if (net.isIP(host) === 0) continue;
    resolvers.push({ host: canonicalHost(host), port: defaultDnsPort });
  }
  return resolvers;
}

export type ResolverOption =
  | { readonly ok: true; readonly resolver: ResolverAddress }
  | { readonly ok: false; readonly error: string };

function parsePort(text: string, original: string): number | string {
  if (!/^\d{1,5}$/.test(text)) return `"${original}": port "${text}" is not a number`;
  const port = Number(text);
  return port >= 1 && port <= 65535 ? port : `"${original}": port ${port} is outside 1–65535`;
}

/** `--resolver`: IPv4[:PORT], [IPv6]:PORT, or a bare IPv6. Names are refused: we need an address to ask. */
export function parseResolverOption(text: string): ResolverOption {
  const input = text.trim();
  const fail = (error: string): ResolverOption => ({ ok: false, error });
  const make = (host: string, portText: string | undefined): ResolverOption => {
    const port = portText === undefined ? defaultDnsPort : parsePort(portText, input);
    return typeof port === 'string'
      ? fail(port)
      : { ok: true, resolver: { host: canonicalHost(host), port } };
  };
  if (input === '')
    return fail('empty resolver: expected HOST[:PORT], e.g. 192.0.2.53 or [2001:db8::53]:5353');
  const bracketed = /^\[([^\]]+)\](?::(.*))?$/.exec(input);
  if (bracketed) {
    const host = bracketed[1] ?? '';
    if (!net.isIPv6(host)) return fail(`"${input}": "${host}" is not an IPv6 address`);
    return make(host, bracketed[2]);
  }
  if (net.isIPv6(input)) return make(input, undefined);
  const colon = input.lastIndexOf(':');
  const host = colon >= 0 ? input.slice(0, colon) : input;
  const portText = colon >= 0 ? input.slice(colon + 1) : undefined;
  if (host.includes(':')) return fail(`"${input}": write an IPv6 address with a port as [ADDRESS]:PORT`);
  if (net.isIPv4(host)) return make(host, portText);
  return fail(
    `"${input}": "${host}" is not an IP address; --resolver needs an address (a name would itself need DNS)`,
  );
}

export interface SystemResolvers {
  readonly resolvers: ResolverAddress[];
  /** Set when the fallback was used, saying why: for the log and the report. */
  readonly note?: string;
}

/** Reads the system's resolv.conf; falls back to 127.0.0.1:53 when it is missing or names no server. */
export async function loadSystemResolvers(path = '/etc/resolv.conf'): Promise<SystemResolvers> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const cause = error instanceof Error ? error.message : String(error);
    return { resolvers: [fallbackResolver], note: `could not read ${path} (${cause}); using 127.0.0.1:53` };
  }
  const resolvers = readSystemResolvers(text);
  if (resolvers.length > 0) return { resolvers };
  return { resolvers: [fallbackResolver], note: `${path} names no nameserver; using 127.0.0.1:53` };
}
