// Test helper: lab SMTP hosts from inline specs, each mapped from a documentation address at port 25, and a
// prober that trusts the lab CA. Shared by the SMTP engine's tests.

import { parseSmtpHost } from '../../../lab/smtp-hosts.js';
import { type RunningSmtpHost, startSmtpHost } from '../../../lab/smtp-server.js';
import { createTestCa, type TestCa } from '../../../lab/test-ca.js';
import { TableAddressMap } from '../address-map.js';
import { NodeSmtpProber, type NodeSmtpProberOptions } from './prober.js';
import type { SmtpTarget } from './types.js';

export interface TestMailHosts {
  readonly ca: TestCa;
  readonly map: TableAddressMap;
  host(name: string): RunningSmtpHost;
  target(name: string): SmtpTarget;
  prober(options?: NodeSmtpProberOptions): NodeSmtpProber;
  stop(): Promise<void>;
}

/** `hosts`: MX name → its YAML-like spec; each gets address 192.0.2.(200 + index). */
export async function startTestMailHosts(hosts: Readonly<Record<string, unknown>>): Promise<TestMailHosts> {
  const ca = await createTestCa();
  const map = new TableAddressMap();
  const running = new Map<string, RunningSmtpHost>();
  const addresses = new Map<string, string>();
  let index = 0;
  for (const [name, spec] of Object.entries(hosts)) {
    const host = await startSmtpHost({ ca, spec: parseSmtpHost(name, spec, `test: ${name}`) });
    const address = `192.0.2.${200 + index}`;
    index += 1;
    map.add({ from: { address, port: 25 }, to: { address: host.address, port: host.port } });
    running.set(name, host);
    addresses.set(name, address);
  }
  const get = <T>(table: Map<string, T>, name: string): T => {
    const value = table.get(name);
    if (value === undefined) throw new Error(`test: no mail host ${name}`);
    return value;
  };
  return {
    ca,
    map,
    host: (name) => get(running, name),
    target: (name) => ({
      address: get(addresses, name),
      port: 25,
      serverName: name,
      heloName: 'probe.telltale.test',
    }),
    prober: (options = {}) => new NodeSmtpProber({ addressMap: map, extraCas: [ca.rootPem], ...options }),
    stop: async () => {
      await Promise.all([...running.values()].map((host) => host.close()));
    },
  };
}
