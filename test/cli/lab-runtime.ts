// CLI services whose runtime reaches the lab: DNS from the lab's resolver and HTTPS through the lab's address
// map and CA, as `telltale demo` wires them, so commands that fetch over HTTPS can be tested end to end.

import type { Lab } from '../../lab/lab.js';
import { type CliServices, defaultServices } from '../../src/cli/main.js';
import type { RuntimeFactory } from '../../src/cli/runtime.js';
import { createDnsClient } from '../../src/net/dns/client.js';
import { formatResolver } from '../../src/net/dns/resolvers.js';
import { NodeHttpsFetcher } from '../../src/net/http/https-fetcher.js';

export function labRuntime(lab: Lab): RuntimeFactory {
  return async (settings) => {
    const dns = createDnsClient({ resolvers: [lab.dns], timeoutMs: settings.timeoutMs, dnssec: true });
    return {
      dns,
      https: new NodeHttpsFetcher(dns, { addressMap: lab.addressMap, ca: lab.trustedCas }),
      resolvers: [`${formatResolver(lab.dns)} (the lab)`],
      notes: [],
      close: () => dns.close(),
    };
  };
}

export function labServices(lab: Lab, base: CliServices = defaultServices): CliServices {
  return { ...base, openRuntime: labRuntime(lab) };
}
