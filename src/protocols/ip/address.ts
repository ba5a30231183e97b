// IP addresses as values: strict text parsing, RFC 5952 formatting, CIDR tests, reverse-DNS names and
// the IANA special-purpose classification. Pure (no node:net) so SPF, MX and report code share one truth.

export interface Ipv4Address {
  readonly family: 4;
  /** Exactly 4 bytes, network order. */
  readonly bytes: Uint8Array;
}

export interface Ipv6Address {
  readonly family: 6;
  /** Exactly 16 bytes, network order. */
  readonly bytes: Uint8Array;
}

export type IpAddress = Ipv4Address | Ipv6Address;

/** Longest valid text: eight groups in full with an embedded dotted quad ("ffff:…:ffff:255.255.255.255"). */
const maxTextLength = 45;

/**
 * Four decimal octets, each strictly "0" or 1–3 digits without a leading zero, at most 255. Leading zeros are
 * rejected rather than read as decimal because inet_aton() and many resolvers read "010" as octal 8
 * (RFC 6943 §3.1.1): an address that two programs read differently must not be trusted either way. One pass
 * over the characters: this runs for every address of every answer in a fleet scan.
 */
function parseIpv4Bytes(text: string): Uint8Array | undefined {
  const bytes = new Uint8Array(4);
  let index = 0;
  let value = 0;
  let digits = 0;
  for (let position = 0; position <= text.length; position += 1) {
    // The end of the text closes the last part as a dot would.
    const code = position < text.length ? text.charCodeAt(position) : 0x2e;
    if (code === 0x2e) {
      if (digits === 0 || index > 3 || value > 255) return undefined;
      bytes[index] = value;
      index += 1;
      value = 0;
      digits = 0;
    } else if (code >= 0x30 && code <= 0x39) {
      // No leading zero, at most three digits.
      if ((digits === 1 && value === 0) || digits === 3) return undefined;
      value = value * 10 + (code - 0x30);
      digits += 1;
    } else {
      return undefined;
    }
  }
  return index === 4 ? bytes : undefined;
}

/** Groups of one side of "::" as 16-bit values; a trailing dotted quad counts as two groups. */
function parseGroups(text: string, mayEndWithIpv4: boolean): number[] | undefined {
  if (text === '') return [];
  const parts = text.split(':');
  const groups: number[] = [];
  for (const [index, part] of parts.entries()) {
    const last = index === parts.length - 1;
    if (last && mayEndWithIpv4 && part.includes('.')) {
      const v4 = parseIpv4Bytes(part);
      if (v4 === undefined) return undefined;
      groups.push(((v4[0] ?? 0) << 8) | (v4[1] ?? 0), ((v4[2] ?? 0) << 8) | (v4[3] ?? 0));
    } else {
      if (!/^[0-9a-fA-F]{1,4}$/.test(part)) return undefined;
      groups.push(Number.parseInt(part, 16));
    }
  }
  return groups;
}

/**
 * RFC 4291 §2.2 text forms: eight groups, "::" once for one or more zero groups, and a dotted quad in
 * the last 32 bits. Zone identifiers ("fe80::1%eth0", RFC 4007) are rejected: they only mean something
 * on one host, never in DNS data or a policy.
 */
function parseIpv6Bytes(text: string): Uint8Array | undefined {
  if (!/^[0-9a-fA-F:.]+$/.test(text)) return undefined;
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const [head = '', tail] = halves;
  let groups: number[];
  if (tail === undefined) {
    const all = parseGroups(head, true);
    if (all === undefined || all.length !== 8) return undefined;
    groups = all;
  } else {
    const before = parseGroups(head, false);
    const after = parseGroups(tail, true);
    if (before === undefined || after === undefined) return undefined;
    const missing = 8 - before.length - after.length;
    if (missing < 1) return undefined;
    groups = [...before, ...new Array<number>(missing).fill(0), ...after];
  }
  const bytes = new Uint8Array(16);
  for (const [index, group] of groups.entries()) {
    bytes[index * 2] = group >> 8;
    bytes[index * 2 + 1] = group & 0xff;
  }
  return bytes;
}

/** Parses an IPv4 dotted quad or an IPv6 address; anything else (names, CIDR, zones, brackets) is undefined. */
export function parseIp(text: string): IpAddress | undefined {
  if (text.length === 0 || text.length > maxTextLength) return undefined;
  if (text.includes(':')) {
    const bytes = parseIpv6Bytes(text);
    return bytes === undefined ? undefined : { family: 6, bytes };
  }
  const bytes = parseIpv4Bytes(text);
  return bytes === undefined ? undefined : { family: 4, bytes };
}

function groupsOf(address: Ipv6Address): number[] {
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((address.bytes[i] ?? 0) << 8) | (address.bytes[i + 1] ?? 0));
  return groups;
}

function formatIpv4Bytes(bytes: Uint8Array): string {
  return `${bytes[0]}.${bytes[1]}.${bytes[2]}.${bytes[3]}`;
}

const mappedPrefix = [0, 0, 0, 0, 0, 0xffff];

/** The first longest run of two or more zero groups (RFC 5952 §4.2.2, §4.2.3), or undefined. */
function longestZeroRun(groups: readonly number[]): { start: number; length: number } | undefined {
  let best: { start: number; length: number } | undefined;
  let start = -1;
  for (let i = 0; i <= groups.length; i += 1) {
    if (i < groups.length && groups[i] === 0) {
      if (start < 0) start = i;
      continue;
    }
    if (start >= 0) {
      const length = i - start;
      if (length >= 2 && (best === undefined || length > best.length)) best = { start, length };
      start = -1;
    }
  }
  return best;
}

function formatIpv6(address: Ipv6Address): string {
  const groups = groupsOf(address);
  // RFC 5952 §5: IPv4-mapped addresses keep their dotted quad so the IPv4 address stays recognisable.
  if (mappedPrefix.every((value, index) => groups[index] === value)) {
    return `::ffff:${formatIpv4Bytes(address.bytes.subarray(12))}`;
  }
  const hex = groups.map((group) => group.toString(16));
  const run = longestZeroRun(groups);
  if (run === undefined) return hex.join(':');
  const head = hex.slice(0, run.start).join(':');
  const tail = hex.slice(run.start + run.length).join(':');
  return `${head}::${tail}`;
}

/** Dotted quad for IPv4; RFC 5952 canonical text (lower case, shortest, first longest "::") for IPv6. */
export function formatIp(address: IpAddress): string {
  switch (address.family) {
    case 4:
      return formatIpv4Bytes(address.bytes);
    case 6:
      return formatIpv6(address);
  }
}

function maxPrefix(family: 4 | 6): number {
  return family === 4 ? 32 : 128;
}

/**
 * Whether `address` lies in `network`/`prefixLength`. Families never mix: an IPv4-mapped IPv6 address
 * is not in an IPv4 network (SPF's ip4/ip6 mechanisms and the registries keep them apart too).
 * Host bits set in `network` are ignored, as SPF requires for "ip4:192.0.2.1/24".
 */
export function inCidr(address: IpAddress, network: IpAddress, prefixLength: number): boolean {
  if (!Number.isInteger(prefixLength) || prefixLength < 0 || prefixLength > maxPrefix(network.family)) {
    throw new RangeError(`prefix length ${prefixLength} is not valid for IPv${network.family}`);
  }
  if (address.family !== network.family) return false;
  const whole = Math.floor(prefixLength / 8);
  for (let i = 0; i < whole; i += 1) if (address.bytes[i] !== network.bytes[i]) return false;
  const rest = prefixLength % 8;
  if (rest === 0) return true;
  const mask = (0xff << (8 - rest)) & 0xff;
  return ((address.bytes[whole] ?? 0) & mask) === ((network.bytes[whole] ?? 0) & mask);
}

/** The 32 hex nibbles of an IPv6 address, most significant first, lower case (SPF's %{i} for IPv6). */
export function ipv6Nibbles(address: Ipv6Address): string[] {
  const nibbles: string[] = [];
  for (const byte of address.bytes) nibbles.push((byte >> 4).toString(16), (byte & 0xf).toString(16));
  return nibbles;
}

/** The PTR owner name: "1.2.0.192.in-addr.arpa" or 32 reversed nibbles + ".ip6.arpa", no trailing dot. */
export function reverseName(address: IpAddress): string {
  switch (address.family) {
    case 4:
      return `${Array.from(address.bytes, String).reverse().join('.')}.in-addr.arpa`;
    case 6:
      return `${ipv6Nibbles(address).reverse().join('.')}.ip6.arpa`;
  }
}

/**
 * What an address is for, after the IANA IPv4 and IPv6 Special-Purpose Address Registries (RFC 6890 and
 * the RFCs that added entries since), the IPv4 multicast space (RFC 5771) and the IPv6 address space
 * registry (RFC 4291). 'public' means "no special purpose": ordinary, globally reachable unicast.
 */
export type AddressClass =
  | 'public'
  | 'private'
  | 'shared'
  | 'loopback'
  | 'link-local'
  | 'unspecified'
  | 'this-network'
  | 'broadcast'
  | 'multicast'
  | 'documentation'
  | 'benchmark'
  | 'protocol-assignment'
  | 'reserved'
  | 'unique-local'
  | 'site-local'
  | 'ipv4-mapped'
  | 'ipv4-compatible'
  | 'nat64'
  | '6to4'
  | 'teredo'
  | 'discard-only'
  | 'segment-routing';

export interface SpecialBlock {
  /** The block in CIDR text, e.g. "10.0.0.0/8". */
  readonly cidr: string;
  /** The registry's name for it, for messages. */
  readonly name: string;
  readonly source: string;
  readonly addressClass: AddressClass;
}

interface CompiledBlock extends SpecialBlock {
  readonly network: IpAddress;
  readonly prefixLength: number;
}

function block(cidr: string, name: string, source: string, addressClass: AddressClass): CompiledBlock {
  const [text = '', length = ''] = cidr.split('/');
  const network = parseIp(text);
  if (network === undefined) throw new Error(`bad special-purpose block ${cidr}`);
  return { cidr, name, source, addressClass, network, prefixLength: Number(length) };
}

/**
 * More specific blocks come first: the first match wins. Globally reachable anycast services carved out
 * of special blocks (PCP and TURN anycast, AS112, AMT, ORCHIDv2, DETs) are listed as 'public' so they
 * do not inherit their parent's class.
 */
const specialBlocks: readonly CompiledBlock[] = [
  block('0.0.0.0/32', 'This host on this network', 'RFC 1122', 'unspecified'),
  block('0.0.0.0/8', 'This network', 'RFC 791', 'this-network'),
  block('10.0.0.0/8', 'Private-Use', 'RFC 1918', 'private'),
  block('100.64.0.0/10', 'Shared Address Space', 'RFC 6598', 'shared'),
  block('127.0.0.0/8', 'Loopback', 'RFC 1122', 'loopback'),
  block('169.254.0.0/16', 'Link Local', 'RFC 3927', 'link-local'),
  block('172.16.0.0/12', 'Private-Use', 'RFC 1918', 'private'),
  block('192.0.0.9/32', 'Port Control Protocol Anycast', 'RFC 7723', 'public'),
  block('192.0.0.10/32', 'Traversal Using Relays around NAT Anycast', 'RFC 8155', 'public'),
  block('192.0.0.0/24', 'IETF Protocol Assignments', 'RFC 6890', 'protocol-assignment'),
  block('192.0.2.0/24', 'Documentation (TEST-NET-1)', 'RFC 5737', 'documentation'),
  block('192.31.196.0/24', 'AS112-v4', 'RFC 7535', 'public'),
  block('192.52.193.0/24', 'AMT', 'RFC 7450', 'public'),
  block('192.88.99.0/24', 'Deprecated (6to4 Relay Anycast)', 'RFC 7526', 'reserved'),
  block('192.168.0.0/16', 'Private-Use', 'RFC 1918', 'private'),
  block('192.175.48.0/24', 'Direct Delegation AS112 Service', 'RFC 7534', 'public'),
  block('198.18.0.0/15', 'Benchmarking', 'RFC 2544', 'benchmark'),
  block('198.51.100.0/24', 'Documentation (TEST-NET-2)', 'RFC 5737', 'documentation'),
  block('203.0.113.0/24', 'Documentation (TEST-NET-3)', 'RFC 5737', 'documentation'),
  block('224.0.0.0/4', 'Multicast', 'RFC 5771', 'multicast'),
  block('255.255.255.255/32', 'Limited Broadcast', 'RFC 919, RFC 8190', 'broadcast'),
  block('240.0.0.0/4', 'Reserved', 'RFC 1112', 'reserved'),

  block('::/128', 'Unspecified Address', 'RFC 4291', 'unspecified'),
  block('::1/128', 'Loopback Address', 'RFC 4291', 'loopback'),
  block('::ffff:0:0/96', 'IPv4-mapped Address', 'RFC 4291', 'ipv4-mapped'),
  block('::/96', 'IPv4-compatible Address (deprecated)', 'RFC 4291 §2.5.5.1', 'ipv4-compatible'),
  block('64:ff9b::/96', 'IPv4-IPv6 Translation', 'RFC 6052', 'nat64'),
  block('64:ff9b:1::/48', 'IPv4-IPv6 Translation (local use)', 'RFC 8215', 'nat64'),
  block('100::/64', 'Discard-Only Address Block', 'RFC 6666', 'discard-only'),
  block('100:0:0:1::/64', 'Dummy IPv6 Prefix', 'RFC 9780', 'reserved'),
  block('2001::/32', 'TEREDO', 'RFC 4380, RFC 8190', 'teredo'),
  block('2001:1::1/128', 'Port Control Protocol Anycast', 'RFC 7723', 'public'),
  block('2001:1::2/128', 'Traversal Using Relays around NAT Anycast', 'RFC 8155', 'public'),
  block('2001:1::3/128', 'DNS-SD Service Registration Protocol Anycast', 'RFC 9665', 'public'),
  block('2001:2::/48', 'Benchmarking', 'RFC 5180', 'benchmark'),
  block('2001:3::/32', 'AMT', 'RFC 7450', 'public'),
  block('2001:4:112::/48', 'AS112-v6', 'RFC 7535', 'public'),
  block('2001:10::/28', 'Deprecated (previously ORCHID)', 'RFC 4843', 'reserved'),
  block('2001:20::/28', 'ORCHIDv2', 'RFC 7343', 'public'),
  block('2001:30::/28', 'Drone Remote ID Protocol Entity Tags (DETs)', 'RFC 9374', 'public'),
  block('2001::/23', 'IETF Protocol Assignments', 'RFC 2928', 'protocol-assignment'),
  block('2001:db8::/32', 'Documentation', 'RFC 3849', 'documentation'),
  block('2002::/16', '6to4', 'RFC 3056', '6to4'),
  block('2620:4f:8000::/48', 'Direct Delegation AS112 Service', 'RFC 7534', 'public'),
  block('3fff::/20', 'Documentation', 'RFC 9637', 'documentation'),
  block('5f00::/16', 'Segment Routing (SRv6) SIDs', 'RFC 9602', 'segment-routing'),
  block('fc00::/7', 'Unique-Local', 'RFC 4193', 'unique-local'),
  block('fe80::/10', 'Link-Local Unicast', 'RFC 4291', 'link-local'),
  block('fec0::/10', 'Site-Local Unicast (deprecated)', 'RFC 3879', 'site-local'),
  block('ff00::/8', 'Multicast', 'RFC 4291', 'multicast'),
];

/** IANA hands out IPv6 unicast only from 2000::/3 (RFC 4291 §2.4); the rest of the space is reserved. */
const ipv6GlobalUnicast = block('2000::/3', 'Global Unicast', 'RFC 4291', 'public');
const ipv6Reserved: SpecialBlock = {
  cidr: '::/0',
  name: 'Reserved by IETF',
  source: 'RFC 4291',
  addressClass: 'reserved',
};

function publicView({ cidr, name, source, addressClass }: SpecialBlock): SpecialBlock {
  return { cidr, name, source, addressClass };
}

/** The registry block an address falls in, or undefined for an ordinary public address. */
export function specialBlock(address: IpAddress): SpecialBlock | undefined {
  const found = specialBlocks.find((entry) => inCidr(address, entry.network, entry.prefixLength));
  if (found !== undefined) return found.addressClass === 'public' ? undefined : publicView(found);
  if (address.family === 6 && !inCidr(address, ipv6GlobalUnicast.network, ipv6GlobalUnicast.prefixLength)) {
    return ipv6Reserved;
  }
  return undefined;
}

export function classifyAddress(address: IpAddress): AddressClass {
  return specialBlock(address)?.addressClass ?? 'public';
}
