// Domain names as the DNS engine handles them: validated and normalised before they go on the wire,
// normalised again when they come back, so that every comparison is a plain string compare.

/** RFC 1035 §2.3.4: 63 octets per label, 255 octets for the whole name in wire form. */
export const maxLabelOctets = 63;
export const maxNameOctets = 255;

export type NameCheck =
  | { readonly ok: true; readonly name: string }
  | { readonly ok: false; readonly error: string };

/** DNS compares names case-insensitively for ASCII only (RFC 4343), so only A-Z are folded. */
export function asciiLower(value: string): string {
  // Most names arrive in lower case already: testing first skips building a new string.
  return upperAscii.test(value) ? value.replace(upperAsciiAll, (char) => char.toLowerCase()) : value;
}

const upperAscii = /[A-Z]/;
const upperAsciiAll = /[A-Z]/g;
/** Printable ASCII but the dot and backslash: labels where one character is one octet. */
const asciiLabelCharacter = (code: number): boolean =>
  code > 0x20 && code < 0x7f && code !== 0x2e && code !== 0x5c;

/** A name decoded from a packet, in our form: lower case, no trailing dot, the root as "". */
export function normalizeWireName(name: string): string {
  const lowered = asciiLower(name);
  if (lowered === '.') return '';
  return lowered.endsWith('.') ? lowered.slice(0, -1) : lowered;
}

/**
 * Checks a name a caller wants to query. The root is written "." and normalised to "" (a DNSKEY or NS
 * query for the root is legitimate); an empty string is refused because it is almost always a bug.
 */
export function normalizeQueryName(input: string): NameCheck {
  if (input === '') return { ok: false, error: 'empty name' };
  if (input === '.') return { ok: true, name: '' };
  if (input.includes('\\')) {
    return { ok: false, error: `"${input}": escaped (\\) names are not supported` };
  }
  const name = normalizeWireName(input);
  if (isShortAsciiName(name)) return { ok: true, name };
  const labels = name.split('.');
  let wireOctets = 1;
  for (const label of labels) {
    const octets = Buffer.byteLength(label, 'utf8');
    if (octets === 0) return { ok: false, error: `"${input}": empty label` };
    if (octets > maxLabelOctets) {
      return { ok: false, error: `"${input}": label of ${octets} octets (at most ${maxLabelOctets})` };
    }
    wireOctets += octets + 1;
  }
  if (wireOctets > maxNameOctets) {
    return {
      ok: false,
      error: `"${input}": name of ${wireOctets} octets on the wire (at most ${maxNameOctets})`,
    };
  }
  return { ok: true, name };
}

/**
 * The common case decided without splitting: printable ASCII, no empty label, no label over 63 octets
 * and short enough that the whole name fits in 255 octets (length + 2 on the wire). False means "look
 * closer", not "invalid".
 */
function isShortAsciiName(name: string): boolean {
  if (name.length === 0 || name.length > maxNameOctets - 2) return false;
  let labelStart = 0;
  for (let index = 0; index < name.length; index++) {
    const code = name.charCodeAt(index);
    if (code === 0x2e) {
      if (index === labelStart || index - labelStart > maxLabelOctets) return false;
      labelStart = index + 1;
    } else if (!asciiLabelCharacter(code)) {
      return false;
    }
  }
  return name.length > labelStart && name.length - labelStart <= maxLabelOctets;
}

/** True when `name` is `zone` or below it (both normalised). */
export function isAtOrBelow(name: string, zone: string): boolean {
  return zone === '' || name === zone || name.endsWith(`.${zone}`);
}
