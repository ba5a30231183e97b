// Private IP helpers for SPF until src/protocols/ip/address.ts lands: parse, CIDR match, nibble and
// display forms. Same names and shapes as that module so the merge is an import change.

export interface IpAddress {
  readonly family: 4 | 6;
  readonly bytes: Uint8Array;
}

const ipv4Pattern = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

function parseIpv4(text: string): IpAddress | undefined {
  if (!ipv4Pattern.test(text)) return undefined;
  return { family: 4, bytes: Uint8Array.from(text.split('.').map(Number)) };
}

function parseGroups(text: string): number[] | undefined {
  if (text === '') return [];
  const groups: number[] = [];
  for (const group of text.split(':')) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(group)) return undefined;
    groups.push(Number.parseInt(group, 16));
  }
  return groups;
}

/** RFC 4291 §2.2 text forms, with an optional embedded dotted quad; no zone index. */
function parseIpv6(text: string): IpAddress | undefined {
  let body = text;
  let tail: number[] = [];
  const lastColon = body.lastIndexOf(':');
  if (lastColon >= 0 && body.slice(lastColon + 1).includes('.')) {
    const v4 = parseIpv4(body.slice(lastColon + 1));
    if (v4 === undefined) return undefined;
    const b = v4.bytes;
    tail = [((b[0] ?? 0) << 8) | (b[1] ?? 0), ((b[2] ?? 0) << 8) | (b[3] ?? 0)];
    body = body.slice(0, lastColon + 1);
    // "::1.2.3.4" keeps its "::"; "1::2:1.2.3.4" leaves a dangling ':' to drop.
    if (!body.endsWith('::')) body = body.slice(0, -1);
  }
  const halves = body.split('::');
  if (halves.length > 2) return undefined;
  const head = parseGroups(halves[0] ?? '');
  const rest = halves.length === 2 ? parseGroups(halves[1] ?? '') : [];
  if (head === undefined || rest === undefined) return undefined;
  const explicit = head.length + rest.length + tail.length;
  if (halves.length === 2 ? explicit > 7 : explicit !== 8) return undefined;
  const groups = [...head, ...new Array<number>(8 - explicit).fill(0), ...rest, ...tail];
  const bytes = new Uint8Array(16);
  groups.forEach((group, index) => {
    bytes[index * 2] = group >> 8;
    bytes[index * 2 + 1] = group & 0xff;
  });
  return { family: 6, bytes };
}

export function parseIp(text: string): IpAddress | undefined {
  return text.includes(':') ? parseIpv6(text) : parseIpv4(text);
}

export function parseIpv4Strict(text: string): IpAddress | undefined {
  return parseIpv4(text);
}

export function parseIpv6Strict(text: string): IpAddress | undefined {
  return text.includes(':') ? parseIpv6(text) : undefined;
}

/** An IPv4-mapped IPv6 address (::ffff:a.b.c.d) is the IPv4 address it carries. */
export function unmapIpv4(address: IpAddress): IpAddress {
  if (address.family !== 6) return address;
  const b = address.bytes;
  const mapped = b.slice(0, 10).every((byte) => byte === 0) && b[10] === 0xff && b[11] === 0xff;
  return mapped ? { family: 4, bytes: b.slice(12) } : address;
}

export function inCidr(address: IpAddress, network: IpAddress, prefixLength: number): boolean {
  if (address.family !== network.family) return false;
  let remaining = prefixLength;
  for (let index = 0; index < address.bytes.length && remaining > 0; index += 1) {
    const bits = Math.min(8, remaining);
    const mask = (0xff << (8 - bits)) & 0xff;
    if (((address.bytes[index] ?? 0) & mask) !== ((network.bytes[index] ?? 0) & mask)) return false;
    remaining -= bits;
  }
  return true;
}

export function sameIp(left: IpAddress, right: IpAddress): boolean {
  return inCidr(left, right, left.family === 4 ? 32 : 128);
}

/** Dot-separated forward form: dotted quad, or 32 hex nibbles for IPv6 (the SPF `%{i}` form). */
export function dottedForm(address: IpAddress): string {
  if (address.family === 4) return [...address.bytes].join('.');
  return [...address.bytes]
    .flatMap((byte) => [byte >> 4, byte & 0xf])
    .map((n) => n.toString(16))
    .join('.');
}

export function reverseName(address: IpAddress): string {
  const labels = dottedForm(address).split('.').reverse().join('.');
  return `${labels}.${address.family === 4 ? 'in-addr.arpa' : 'ip6.arpa'}`;
}

/** RFC 5952 text: lower case, longest run of two or more zero groups compressed. */
export function formatIp(address: IpAddress): string {
  if (address.family === 4) return [...address.bytes].join('.');
  const groups: number[] = [];
  for (let index = 0; index < 16; index += 2)
    groups.push(((address.bytes[index] ?? 0) << 8) | (address.bytes[index + 1] ?? 0));
  let bestStart = -1;
  let bestLength = 1;
  for (let start = 0; start < 8; ) {
    let end = start;
    while (end < 8 && groups[end] === 0) end += 1;
    if (end - start > bestLength) {
      bestStart = start;
      bestLength = end - start;
    }
    start = end === start ? start + 1 : end;
  }
  const hex = groups.map((group) => group.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}
