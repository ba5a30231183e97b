// For check tests: every scenario zone in an in-memory DNS client, the lab's HTTPS hosts on loopback, and a
// real fetcher that trusts the lab CA and reaches the hosts through the address map. No DNS server needed.

import { type CheckContext, defaultCheckOptions } from '../src/checks/check.js';
import { TableAddressMap } from '../src/net/address-map.js';
import { NodeHttpsFetcher } from '../src/net/http/https-fetcher.js';
import type { HttpsFetcher } from '../src/net/http/types.js';
import { startLabHttps } from './https-server.js';
import { defaultZonesDir, loadZones } from './lab.js';
import { createTestCa, type TestCa } from './test-ca.js';
import { ZoneClient } from './zone-client.js';
import type { ZoneStore } from './zone-store.js';

export interface HttpsTestLab {
  readonly store: ZoneStore;
  readonly ca: TestCa;
  readonly fetcher: HttpsFetcher;
  /** A check context over the lab; `https` may be replaced (e.g. by a fetcher with a shorter budget). */
  context(overrides?: Partial<Pick<CheckContext, 'https'>>): CheckContext;
  stop(): Promise<void>;
}

export async function startHttpsTestLab(): Promise<HttpsTestLab> {
  const store = loadZones(defaultZonesDir());
  const ca = await createTestCa();
  const https = await startLabHttps({ store, ca });
  const dns = new ZoneClient(store);
  const fetcher = new NodeHttpsFetcher(dns, {
    addressMap: new TableAddressMap(https.addressMapEntries),
    ca: [ca.rootPem],
  });
  return {
    store,
    ca,
    fetcher,
    context: (overrides = {}) => ({
      dns,
      https: overrides.https ?? fetcher,
      clock: { now: () => new Date('2025-03-01T12:00:00Z') },
      signal: new AbortController().signal,
      options: defaultCheckOptions,
    }),
    stop: () => https.stop(),
  };
}
