// The few IP views SPF needs beyond src/protocols/ip/address.ts: family-specific parsing for ip4:/ip6:,
// IPv4-mapped client addresses, and the dot-separated form of %{i}.

import type { IpAddress } from '../ip/address.js';
import { ipv6Nibbles, parseIp } from '../ip/address.js';

export type { IpAddress } from '../ip/address.js';
export { formatIp, inCidr, parseIp, reverseName } from '../ip/address.js';

export function parseIpv4Strict(text: string): IpAddress | undefined {
  const address = parseIp(text);
  return address?.family === 4 ? address : undefined;
}

export function parseIpv6Strict(text: string): IpAddress | undefined {
  const address = parseIp(text);
  return address?.family === 6 ? address : undefined;
}

/** A client at ::ffff:a.b.c.d is the IPv4 client a.b.c.d (the suite's a-cidr6-0-ip4mapped case). */
export function unmapIpv4(address: IpAddress): IpAddress {
  if (address.family !== 6) return address;
  const b = address.bytes;
  const mapped = b.subarray(0, 10).every((byte) => byte === 0) && b[10] === 0xff && b[11] === 0xff;
  return mapped ? { family: 4, bytes: b.slice(12) } : address;
}

/** `%{i}`: the dotted quad, or the 32 IPv6 nibbles joined by dots (RFC 7208 §7.3). */
export function dottedForm(address: IpAddress): string {
  return address.family === 4 ? Array.from(address.bytes, String).join('.') : ipv6Nibbles(address).join('.');
}
