// The whole fake network in one call: every scenario zone file loaded into one store, the DNS server
// started on loopback, then the lab's other services (SMTP, HTTPS hosts) in order; stopped in reverse.

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ResolverAddress } from '../src/net/dns/types.js';
import type { LabDnsServer } from './dns-server.js';
import { startDnsServer } from './dns-server.js';
import { ZoneStore } from './zone-store.js';

/** What a service started after DNS can use: the zone data (to publish its own names) and the resolver. */
export interface LabContext {
  readonly store: ZoneStore;
  readonly dns: ResolverAddress;
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
export const labServices: readonly LabService[] = [];

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
export function zoneFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) files.push(...zoneFiles(path));
    else if (entry.endsWith('.yaml') || entry.endsWith('.yml')) files.push(path);
  }
  return files;
}

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
  const store = loadZones(options.zonesDir ?? defaultZonesDir(), options.extraZoneData);
  const dnsServer = await startDnsServer(store);
  const running: RunningService[] = [{ name: 'dns', stop: () => dnsServer.close() }];
  const context: LabContext = { store, dns: dnsServer.address };
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
    store,
    dnsServer,
    services: running,
    stop: () => {
      stopped ??= stopAll(running);
      return stopped;
    },
  };
}
