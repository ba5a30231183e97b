// The MX addresses the connector checks look at: each distinct (host, address) pair of a domain's mail hosts,
// with the addresses no outside sender can reach set apart (mx.private-address already reports them).

import type { IpAddress } from '../../protocols/ip/address.js';
import { classifyAddress, formatIp } from '../../protocols/ip/address.js';
import { isInternetReachable } from '../address-reach.js';
import type { CheckContext } from '../check.js';
import { type MailHost, resolveMailHosts } from '../dns/mx.js';

export interface MailAddress {
  /** The MX host name, lower case, no trailing dot. */
  readonly host: string;
  readonly address: IpAddress;
  /** RFC 5952 text. */
  readonly text: string;
}

export interface MailAddresses {
  readonly hosts: readonly MailHost[];
  /** Reachable addresses, in MX preference order, each host once. */
  readonly addresses: readonly MailAddress[];
  /** Addresses no sender on the internet can reach (private, loopback…): not probed. */
  readonly unreachable: readonly MailAddress[];
}

/**
 * The domain's mail addresses, or undefined when there is nothing to connect to: the MX lookup failed
 * (mx.dns-error says so) or the domain has a Null MX and no other host.
 */
export async function mailAddressesOf(
  domain: string,
  context: CheckContext,
): Promise<MailAddresses | undefined> {
  const result = await resolveMailHosts(domain, context.dns, context.signal);
  let hosts: readonly MailHost[];
  switch (result.kind) {
    case 'error':
      return undefined;
    case 'implicit':
      hosts = result.host.addresses.length > 0 ? [result.host] : [];
      break;
    case 'mx':
    case 'null-mx':
      hosts = result.hosts;
      break;
  }
  if (hosts.length === 0) return undefined;
  const seen = new Set<string>();
  const addresses: MailAddress[] = [];
  const unreachable: MailAddress[] = [];
  for (const host of hosts) {
    for (const address of host.addresses) {
      const text = formatIp(address);
      const key = `${host.host} ${text}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const entry = { host: host.host, address, text };
      (isInternetReachable(classifyAddress(address)) ? addresses : unreachable).push(entry);
    }
  }
  return { hosts, addresses, unreachable };
}
