// What the lab's host services (HTTPS hosts, SMTP servers) share: their sections of the scenario YAML, their
// DNS addresses as address-map entries, certificates with the defect a host is meant to have, the service shape.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { AddressMapEntry, SocketAddress } from '../src/net/address-map.js';
// Type only: lab.ts lists the services built here, so a value import back into it would be a cycle.
import type { LabContext, LabService } from './lab.js';
import type { IssuedCertificate, KeyAlgorithm, TestCa } from './test-ca.js';
import type { ZoneStore } from './zone-store.js';

/** What the host's certificate is like: the lab CA's valid certificate, or one of the defects checks must catch. */
export type CertificateKind = 'valid' | 'expired' | 'not-yet-valid' | 'wrong-name' | 'self-signed';

export const certificateKinds: readonly CertificateKind[] = [
  'valid',
  'expired',
  'not-yet-valid',
  'wrong-name',
  'self-signed',
];
export const keyAlgorithms: readonly KeyAlgorithm[] = ['rsa-2048', 'rsa-1024', 'ecdsa-p256'];

export function asRecord(value: unknown, where: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new Error(`${where}: expected a mapping`);
  return value as Record<string, unknown>;
}

/** Every *.yaml file under dir, at any depth, in a stable order so merges are reproducible. */
export function scenarioFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) files.push(...scenarioFiles(path));
    else if (entry.endsWith('.yaml') || entry.endsWith('.yml')) files.push(path);
  }
  return files;
}

export interface ScenarioSection {
  readonly file: string;
  readonly data: unknown;
}

/** The `<key>:` section of every scenario file under dir that has one (`https:`, `smtp:`), in file order. */
export function scenarioSections(dir: string, key: string): ScenarioSection[] {
  return scenarioFiles(dir).flatMap((file) => {
    const document: unknown = parseYaml(readFileSync(file, 'utf8'));
    if (document === null || typeof document !== 'object') return [];
    const data = (document as Record<string, unknown>)[key];
    return data === undefined ? [] : [{ file, data }];
  });
}

/** Addresses the zone data gives a host (A and AAAA, CNAMEs followed). */
export function zoneAddresses(store: ZoneStore, host: string): string[] {
  return (['A', 'AAAA'] as const).flatMap((type) => {
    const lookup = store.lookup(host, type);
    if (lookup.kind !== 'answer' || lookup.answer.kind !== 'ok') return [];
    return lookup.answer.records.flatMap((record) =>
      record.type === 'A' || record.type === 'AAAA' ? [record.address] : [],
    );
  });
}

/** The host's DNS addresses at `port` → the loopback listener that plays it. */
export function addressEntries(
  store: ZoneStore,
  host: string,
  port: number,
  listener: SocketAddress,
): AddressMapEntry[] {
  return zoneAddresses(store, host).map((address) => ({
    from: { address, port },
    to: { address: listener.address, port: listener.port },
  }));
}

export interface CertificateRequest {
  readonly kind: CertificateKind;
  readonly names: readonly string[];
  /** The name a `wrong-name` certificate carries instead. */
  readonly wrongName: string;
  readonly keyAlgorithm?: KeyAlgorithm;
}

const day = 24 * 60 * 60 * 1000;

/** A certificate from the lab CA with the defect its kind names (expired, self-signed…). */
export function issueCertificateOfKind(ca: TestCa, request: CertificateRequest): Promise<IssuedCertificate> {
  const now = Date.now();
  const base = {
    names: request.names,
    ...(request.keyAlgorithm ? { keyAlgorithm: request.keyAlgorithm } : {}),
  };
  switch (request.kind) {
    case 'valid':
      return ca.issue(base);
    case 'expired':
      return ca.issue({ ...base, notBefore: new Date(now - 400 * day), notAfter: new Date(now - 10 * day) });
    case 'not-yet-valid':
      return ca.issue({ ...base, notBefore: new Date(now + 10 * day), notAfter: new Date(now + 400 * day) });
    case 'wrong-name':
      return ca.issue({ ...base, names: [request.wrongName] });
    case 'self-signed':
      return ca.issue({ ...base, selfSigned: true });
  }
}

/** What a host service hands back once listening: where its DNS addresses lead, and how to stop it. */
export interface StartedHosts {
  readonly addressMapEntries: readonly AddressMapEntry[];
  stop(): Promise<void>;
}

/** A lab service whose listeners join the lab's address map once started. */
export function hostService(name: string, start: (context: LabContext) => Promise<StartedHosts>): LabService {
  return {
    name,
    async start(context) {
      const started = await start(context);
      for (const entry of started.addressMapEntries) context.addressMap.add(entry);
      return { name, stop: () => started.stop() };
    },
  };
}
