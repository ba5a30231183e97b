// The lab's HTTPS hosts: one loopback listener that picks a certificate per SNI name and answers per
// host and path from data (the `https:` section of scenario YAML), including broken and hostile servers.

import type { IncomingMessage, ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import tls from 'node:tls';
import { fileURLToPath } from 'node:url';
import type { AddressMapEntry } from '../src/net/address-map.js';
import {
  buildNtlmChallenge,
  decodeBase64Token,
  isNtlmNegotiate,
  type NtlmChallengeFields,
} from '../src/protocols/ntlm/challenge.js';
import {
  addressEntries,
  asRecord,
  type CertificateKind,
  certificateKinds,
  hostService,
  issueCertificateOfKind,
  keyAlgorithms,
  scenarioSections,
} from './host-kit.js';
import type { LabService } from './lab.js';
import type { IssuedCertificate, KeyAlgorithm, TestCa } from './test-ca.js';
import type { ZoneStore } from './zone-store.js';

export type { CertificateKind } from './host-kit.js';

export interface RouteResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  /** Pads (repeating the body, or `x`) to this many bytes: oversized bodies without huge YAML. */
  readonly bodySize?: number;
  /** Slow servers: the body is sent `chunkBytes` at a time, `chunkDelayMs` apart. */
  readonly chunkBytes?: number;
  readonly chunkDelayMs?: number;
  /**
   * An NTLM endpoint (Exchange EWS, Autodiscover, MAPI): a request carrying `Authorization: NTLM <type 1>`
   * gets `401` with `WWW-Authenticate: NTLM <type 2>` built from these fields (timestamp: now).
   */
  readonly ntlm?: Omit<NtlmChallengeFields, 'timestamp' | 'serverChallenge' | 'flags'>;
  /** Load-balanced servers: this route and its alternates answer in turn, one per request. */
  readonly alternates?: readonly RouteResponse[];
}

export interface HostRoutes {
  readonly certificate: CertificateKind;
  readonly keyAlgorithm?: KeyAlgorithm;
  readonly paths: Readonly<Record<string, RouteResponse>>;
}

/** Host name (lower case) → its certificate and paths. */
export type HttpsRoutes = Readonly<Record<string, HostRoutes>>;

export interface HttpsHostOptions {
  readonly ca: TestCa;
  readonly routes: HttpsRoutes;
  /** Loopback address to listen on; 127.0.0.1 by default. */
  readonly host?: string;
  /** 0 (any free port) by default. */
  readonly port?: number;
}

export interface RunningHttpsHost {
  readonly address: string;
  readonly port: number;
  close(): Promise<void>;
}

function issueFor(ca: TestCa, host: string, routes: HostRoutes): Promise<IssuedCertificate> {
  return issueCertificateOfKind(ca, {
    kind: routes.certificate,
    names: [host],
    wrongName: `other-name.${host.split('.').slice(-1)[0] ?? 'test'}`,
    ...(routes.keyAlgorithm ? { keyAlgorithm: routes.keyAlgorithm } : {}),
  });
}

/** The body as sent: the text, padded or repeated up to `bodySize` bytes. */
export function routeBody(route: RouteResponse): Buffer {
  const text = Buffer.from(route.body, 'utf8');
  if (route.bodySize === undefined) return text;
  const unit = text.length > 0 ? text : Buffer.from('x');
  const out = Buffer.alloc(route.bodySize);
  for (let offset = 0; offset < route.bodySize; offset += unit.length) unit.copy(out, offset);
  return out;
}

function sendBody(res: ServerResponse, route: RouteResponse, body: Buffer): void {
  const step = route.chunkBytes ?? 0;
  const delay = route.chunkDelayMs ?? 0;
  if (step <= 0 || delay <= 0) {
    res.end(body);
    return;
  }
  let offset = 0;
  let timer: NodeJS.Timeout | undefined;
  const next = (): void => {
    if (res.destroyed) return;
    if (offset >= body.length) {
      res.end();
      return;
    }
    res.write(body.subarray(offset, offset + step));
    offset += step;
    timer = setTimeout(next, delay);
  };
  res.on('close', () => clearTimeout(timer));
  next();
}

/** The NTLM type 2 answer to a type 1 negotiate, when the route is an NTLM endpoint and the client sent one. */
function ntlmAnswer(route: RouteResponse, req: IncomingMessage): RouteResponse | undefined {
  if (route.ntlm === undefined) return undefined;
  const match = /^NTLM\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  const token = match?.[1] === undefined ? undefined : decodeBase64Token(match[1]);
  if (token === undefined || !isNtlmNegotiate(token)) return undefined;
  const challenge = buildNtlmChallenge({ ...route.ntlm, timestamp: new Date() });
  return {
    status: 401,
    headers: { ...route.headers, 'www-authenticate': `NTLM ${Buffer.from(challenge).toString('base64')}` },
    body: '',
  };
}

function handler(routes: HttpsRoutes) {
  const turns = new Map<string, number>();
  /** Round-robin over a route and its alternates, counted per host and path. */
  const pick = (key: string, route: RouteResponse): RouteResponse => {
    if (route.alternates === undefined || route.alternates.length === 0) return route;
    const turn = turns.get(key) ?? 0;
    turns.set(key, turn + 1);
    return [route, ...route.alternates][turn % (route.alternates.length + 1)] ?? route;
  };
  return (req: IncomingMessage, res: ServerResponse): void => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const found = routes[host]?.paths[path];
    if (found === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end(`lab: no route for https://${host}${path}\n`);
      return;
    }
    const chosen = pick(`${host}${path}`, found);
    const route = ntlmAnswer(chosen, req) ?? chosen;
    const body = routeBody(route);
    res.writeHead(route.status, { 'content-length': String(body.length), ...route.headers });
    sendBody(res, route, body);
  };
}

/** Starts one listener serving every host of `routes` under its own certificate (chosen by SNI). */
export async function startHttpsHost(options: HttpsHostOptions): Promise<RunningHttpsHost> {
  const entries = Object.entries(options.routes);
  const contexts = new Map<string, tls.SecureContext>(
    await Promise.all(
      entries.map(async ([host, routes]) => {
        const issued = await issueFor(options.ca, host, routes);
        return [
          host.toLowerCase(),
          tls.createSecureContext({ cert: issued.chainPem, key: issued.keyPem }),
        ] as const;
      }),
    ),
  );
  // A client that names a host the lab does not know, or sends no SNI, gets a certificate for another name.
  const fallback = await issueFor(options.ca, 'unknown-host.lab.test', { certificate: 'valid', paths: {} });
  const server = https.createServer(
    {
      cert: fallback.chainPem,
      key: fallback.keyPem,
      SNICallback: (servername, callback) => callback(null, contexts.get(servername.toLowerCase())),
    },
    handler(options.routes),
  );
  const listenHost = options.host ?? '127.0.0.1';
  await new Promise<void>((resolvePromise, rejectPromise) => {
    server.once('error', rejectPromise);
    server.listen(options.port ?? 0, listenHost, () => resolvePromise());
  });
  const address = server.address() as AddressInfo;
  return {
    address: address.address,
    port: address.port,
    close: () =>
      new Promise<void>((resolvePromise) => {
        server.close(() => resolvePromise());
        server.closeAllConnections();
      }),
  };
}

function optionalNumber(value: unknown, where: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0)
    throw new Error(`${where}: expected a non-negative integer`);
  return value;
}

function optionalText(data: Record<string, unknown>, key: string, where: string): string | undefined {
  const value = data[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new Error(`${where}.${key}: expected a string`);
  return value;
}

/** `ntlm: {targetName, nbDomainName?, nbComputerName?, dnsDomainName?, dnsComputerName?, dnsTreeName?, version?: "10.0.17763"}`. */
function parseNtlm(value: unknown, where: string): NonNullable<RouteResponse['ntlm']> {
  const data = asRecord(value, where);
  const targetName = optionalText(data, 'targetName', where);
  if (targetName === undefined) throw new Error(`${where}.targetName: required`);
  const names = [
    'nbDomainName',
    'nbComputerName',
    'dnsDomainName',
    'dnsComputerName',
    'dnsTreeName',
  ] as const;
  const fields: Record<string, string> = {};
  for (const name of names) {
    const text = optionalText(data, name, where);
    if (text !== undefined) fields[name] = text;
  }
  const versionText = optionalText(data, 'version', where);
  const parts = versionText?.split('.').map(Number);
  if (versionText !== undefined && (parts?.length !== 3 || parts.some((part) => !Number.isInteger(part))))
    throw new Error(`${where}.version: expected major.minor.build`);
  const [major = 0, minor = 0, build = 0] = parts ?? [];
  return {
    targetName,
    ...fields,
    ...(versionText === undefined ? {} : { version: { major, minor, build } }),
  };
}

function parseRoute(value: unknown, where: string): RouteResponse {
  const data = asRecord(value, where);
  const alternates = data.alternates;
  if (alternates !== undefined && !Array.isArray(alternates))
    throw new Error(`${where}.alternates: expected a list`);
  const headers: Record<string, string> = {};
  for (const [name, header] of Object.entries(asRecord(data.headers ?? {}, `${where}.headers`)))
    headers[name.toLowerCase()] = String(header);
  const bodySize = optionalNumber(data.bodySize, `${where}.bodySize`);
  const chunkBytes = optionalNumber(data.chunkBytes, `${where}.chunkBytes`);
  const chunkDelayMs = optionalNumber(data.chunkDelayMs, `${where}.chunkDelayMs`);
  return {
    status: optionalNumber(data.status, `${where}.status`) ?? 200,
    headers,
    body: typeof data.body === 'string' ? data.body : '',
    ...(bodySize === undefined ? {} : { bodySize }),
    ...(chunkBytes === undefined ? {} : { chunkBytes }),
    ...(chunkDelayMs === undefined ? {} : { chunkDelayMs }),
    ...(data.ntlm === undefined ? {} : { ntlm: parseNtlm(data.ntlm, `${where}.ntlm`) }),
    ...(alternates === undefined
      ? {}
      : { alternates: alternates.map((item, index) => parseRoute(item, `${where}.alternates[${index}]`)) }),
  };
}

/**
 * Reads an `https:` section: `{host: {certificate?: valid|expired|…, keyAlgorithm?, paths: {path: {status?,
 * headers?, body?, bodySize?, chunkBytes?, chunkDelayMs?, ntlm?, alternates?: [route…]}}}}`.
 */
export function parseHttpsRoutes(data: unknown, source: string): Record<string, HostRoutes> {
  const routes: Record<string, HostRoutes> = {};
  for (const [host, value] of Object.entries(asRecord(data, `${source}: https`))) {
    const where = `${source}: https.${host}`;
    const spec = asRecord(value, where);
    const certificate = (spec.certificate ?? 'valid') as CertificateKind;
    if (!certificateKinds.includes(certificate)) throw new Error(`${where}.certificate: unknown kind`);
    const keyAlgorithm = spec.keyAlgorithm as KeyAlgorithm | undefined;
    if (keyAlgorithm !== undefined && !keyAlgorithms.includes(keyAlgorithm))
      throw new Error(`${where}.keyAlgorithm: unknown algorithm`);
    const paths: Record<string, RouteResponse> = {};
    for (const [path, route] of Object.entries(asRecord(spec.paths ?? {}, `${where}.paths`)))
      paths[path] = parseRoute(route, `${where}.paths.${path}`);
    routes[host.toLowerCase().replace(/\.$/, '')] = {
      certificate,
      ...(keyAlgorithm ? { keyAlgorithm } : {}),
      paths,
    };
  }
  return routes;
}

const zonesDirectory = fileURLToPath(new URL('./zones/', import.meta.url));

/** Every `https:` section of the scenario files under lab/zones (or `directory`), merged. */
export function labHttpsRoutes(directory = zonesDirectory): Record<string, HostRoutes> {
  const routes: Record<string, HostRoutes> = {};
  for (const { file, data } of scenarioSections(directory, 'https')) {
    for (const [host, spec] of Object.entries(parseHttpsRoutes(data, file))) {
      if (routes[host] !== undefined) throw new Error(`${file}: https host ${host} defined twice`);
      routes[host] = spec;
    }
  }
  return routes;
}

export interface LabHttps {
  readonly address: string;
  readonly port: number;
  /** DNS address:443 of every lab HTTPS host → the listener: feed them to the lab's AddressMap. */
  readonly addressMapEntries: readonly AddressMapEntry[];
  stop(): Promise<void>;
}

/** The lab's HTTPS side: every host of the scenario files on one loopback listener, mapped from its DNS addresses. */
export async function startLabHttps(options: {
  readonly store: ZoneStore;
  readonly ca: TestCa;
  readonly routes?: HttpsRoutes;
}): Promise<LabHttps> {
  const routes = options.routes ?? labHttpsRoutes();
  const host = await startHttpsHost({ ca: options.ca, routes });
  // Hosts sharing an address share the one listener: each address is mapped once.
  const seen = new Set<string>();
  const addressMapEntries = Object.keys(routes).flatMap((name) =>
    addressEntries(options.store, name, 443, host).filter((entry) => {
      if (seen.has(entry.from.address)) return false;
      seen.add(entry.from.address);
      return true;
    }),
  );
  return { address: host.address, port: host.port, addressMapEntries, stop: () => host.close() };
}

/** The HTTPS hosts of the lab's scenario files as a lab service, mapped into the lab's address map. */
export const httpsLabService: LabService = hostService('https', (context) =>
  startLabHttps({ store: context.store, ca: context.ca, routes: labHttpsRoutes(context.zonesDir) }),
);
