// Which address classes a sender on the internet can connect to: one answer shared by the MX audit
// (mx.private-address, mx.ip-literal) and the connector checks that choose which MX addresses to probe.

import type { AddressClass } from '../protocols/ip/address.js';

/**
 * Whether a sender on the internet could connect to an address of this class. Documentation blocks count
 * as public on purpose: they never occur on the real internet, so a real zone cannot be excused by this,
 * and the lab models its public hosts with them. NAT64 appears when the scanner's own resolver does
 * DNS64; 6to4 and Teredo are odd for a mail server but reachable.
 */
export function isInternetReachable(addressClass: AddressClass): boolean {
  switch (addressClass) {
    case 'public':
    case 'documentation':
    case 'nat64':
    case '6to4':
    case 'teredo':
      return true;
    case 'private':
    case 'shared':
    case 'loopback':
    case 'link-local':
    case 'unspecified':
    case 'this-network':
    case 'broadcast':
    case 'multicast':
    case 'benchmark':
    case 'protocol-assignment':
    case 'reserved':
    case 'unique-local':
    case 'site-local':
    case 'ipv4-mapped':
    case 'ipv4-compatible':
    case 'discard-only':
    case 'segment-routing':
      return false;
  }
}
