// The whole fake network in one call: every scenario zone file loaded into one store, the DNS server
// started on loopback, then the lab's other services (SMTP, HTTPS hosts) in order; stopped in reverse.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type AddressMap,
  type AddressMapEntry,
  type SocketAddress,
  TableAddressMap,
} from '../src/net/address-map.js';
import type { ResolverAddress } from '../src/net/dns/types.js';
import type { LabDnsServer } from './dns-server.js';
import { startDnsServer } from './dns-server.js';
import { scenarioFiles } from './host-kit.js';
import { httpsLabService } from './https-server.js';
import { smtpLabService } from './smtp-hosts.js';
import { createTestCa, type TestCa } from './test-ca.js';
import { ZoneStore } from './zone-store.js';

/** What a service started after DNS can use: the zone data (to publish its own names) and the resolver. */
export interface LabContext {
  readonly store: ZoneStore;
  readonly dns: ResolverAddress;
  /** The lab's root CA: services issue their certificates from it, clients trust it. */
  readonly ca: TestCa;
  /** The scenario files' folder: services read their own data (HTTPS routes) from it too. */
  readonly zonesDir: string;
  /** Services publish here which public (documentation) address:port leads to their loopback listener. */
  readonly addressMap: LabAddressMap;
}

/**
 * The lab is a closed network: an address no lab service listens on leads to a closed loopback port
 * (connection refused at once), never to the real address the zone data names.
 */
export class LabAddressMap implements AddressMap {
  private readonly table = new TableAddressMap();
  static readonly nowhere: SocketAddress = { address: '127.0.0.1', port: 9 };

  add(entry: AddressMapEntry): void {
    this.table.add(entry);
  }

  resolve(target: SocketAddress): SocketAddress {
    const mapped = this.table.resolve(target);
    if (mapped !== target) return mapped;
    const loopback = /^127\./.test(target.address) || target.address === '::1';
    return loopback ? target : LabAddressMap.nowhere;
  }
}

export interface RunningService {
  readonly name: string;
  stop(): Promise<void>;
}

/** One lab service (an SMTP server, an HTTPS host…): started in list order, after DNS. */
export interface LabService {
  readonly name: string;
  start(context: LabContext): Promise<RunningService>;
}

/**
 * The extension point: SMTP servers and HTTPS hosts join this list, in the order they must start.
 * Later services may rely on earlier ones; stop() runs them down in reverse.
 */
export const labServices: readonly LabService[] = [httpsLabService, smtpLabService];

export interface LabOptions {
  /** Where the scenario YAML files are; lab/zones by default. */
  readonly zonesDir?: string;
  /** More zone data (the `records:` mapping format), added after the files: tests' own names. */
  readonly extraZoneData?: readonly unknown[];
  /** Replaces `labServices`, e.g. `[]` for a DNS-only lab. */
  readonly services?: readonly LabService[];
}

export interface Lab {
  readonly dns: ResolverAddress;
  /** Give it to every dialer (HTTPS, SMTP) so lab names lead to lab listeners. */
  readonly addressMap: AddressMap;
  /** PEM roots a client must trust to accept the lab's certificates. */
  readonly trustedCas: readonly string[];
  readonly store: ZoneStore;
  readonly dnsServer: LabDnsServer;
  readonly services: readonly RunningService[];
  stop(): Promise<void>;
}

/**
 * lab/zones seen from this module: beside it when run from source (tsx), or back in the source tree
 * when run from dist/lab/, since the build copies no data.
 */
export function defaultZonesDir(moduleUrl: string = import.meta.url): string {
  const here = dirname(fileURLToPath(moduleUrl));
  const candidates = [join(here, 'zones'), resolve(here, '..', '..', 'lab', 'zones')];
  const found = candidates.find((candidate) => existsSync(candidate));
  if (found === undefined) throw new Error(`lab: no zones directory at ${candidates.join(' or ')}`);
  return found;
}

/** Every *.yaml file under dir, at any depth, in a stable order so merges are reproducible. */
export const zoneFiles: (dir: string) => string[] = scenarioFiles;

/** One store from every file: the same name in two files gets both files' records. */
export function loadZones(dir: string, extraZoneData: readonly unknown[] = []): ZoneStore {
  const store = new ZoneStore();
  for (const file of zoneFiles(dir)) store.addYaml(readFileSync(file, 'utf8'), file);
  extraZoneData.forEach((data, index) => {
    store.addZoneData(data, `extraZoneData[${index}]`);
  });
  return store;
}

async function stopAll(running: readonly RunningService[]): Promise<void> {
  const failures: unknown[] = [];
  for (const service of [...running].reverse()) {
    try {
      await service.stop();
    } catch (error) {
      failures.push(error);
    }
  }
  if (failures.length > 0) throw new AggregateError(failures, 'lab: some services failed to stop');
}

export async function startLab(options: LabOptions = {}): Promise<Lab> {
  const zonesDir = options.zonesDir ?? defaultZonesDir();
  const store = loadZones(zonesDir, options.extraZoneData);
  const dnsServer = await startDnsServer(store);
  const running: RunningService[] = [{ name: 'dns', stop: () => dnsServer.close() }];
  const ca = await createTestCa();
  const addressMap = new LabAddressMap();
  const context: LabContext = { store, dns: dnsServer.address, ca, addressMap, zonesDir };
  try {
    for (const service of options.services ?? labServices) running.push(await service.start(context));
  } catch (error) {
    // A half-started lab would leave ports open behind a failed test: take down what did start.
    await stopAll(running).catch(() => {});
    throw error;
  }
  let stopped: Promise<void> | undefined;
  return {
    dns: dnsServer.address,
    addressMap,
    trustedCas: [ca.rootPem],
    store,
    dnsServer,
    services: running,
    stop: () => {
      stopped ??= stopAll(running);
      return stopped;
    },
  };
}
