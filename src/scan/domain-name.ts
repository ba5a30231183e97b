// Turns what a user typed into a scan target: a valid mail domain in A-label form, or a clear refusal.

import { domainToASCII, domainToUnicode } from 'node:url';
import type { ScanTarget } from '../model/report.js';

export type DomainParse =
  | { readonly ok: true; readonly target: ScanTarget }
  | { readonly ok: false; readonly error: string };

const ipv4Pattern = /^\d{1,3}(\.\d{1,3}){3}$/;
const labelPattern = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;

/**
 * Accepts Unicode (IDN) and ASCII names, any case, with or without the trailing dot. Refuses IP
 * addresses, URLs, e-mail addresses and names that cannot exist in the DNS, saying what to type instead.
 */
export function parseDomain(input: string): DomainParse {
  const raw = input.trim();
  if (raw === '')
    return { ok: false, error: 'the domain name is empty: give a mail domain such as example.com' };
  if (ipv4Pattern.test(raw) || raw.includes(':')) {
    return {
      ok: false,
      error: `'${raw}' looks like an IP address or a URL, not a domain: give the mail domain (example.com); for one server use 'telltale smtp HOST'`,
    };
  }
  if (raw.includes('@')) {
    const domainPart = raw.slice(raw.lastIndexOf('@') + 1);
    return { ok: false, error: `'${raw}' is an e-mail address: give its domain ('${domainPart}')` };
  }
  if (/[/\s]/.test(raw))
    return {
      ok: false,
      error: `'${raw}' contains spaces or slashes: give a bare domain such as example.com`,
    };
  const withoutDot = raw.endsWith('.') ? raw.slice(0, -1) : raw;
  // Checked before IDNA: the URL host parser takes a numeric last label for an IPv4 address.
  if (/^\d+$/.test(withoutDot.split('.').at(-1) ?? '')) {
    return { ok: false, error: `'${raw}' ends in a numeric label, which no top-level domain is` };
  }
  const ascii = domainToASCII(withoutDot).toLowerCase();
  if (ascii === '')
    return { ok: false, error: `'${raw}' is not a valid domain name (IDNA conversion failed)` };
  const labels = ascii.split('.');
  if (labels.length < 2)
    return { ok: false, error: `'${raw}' has a single label: give a full domain such as example.com` };
  if (ascii.length > 253)
    return { ok: false, error: `'${raw}' is longer than 253 characters, the limit for a domain name` };
  for (const label of labels) {
    if (label.length === 0) return { ok: false, error: `'${raw}' has an empty label (two dots in a row)` };
    if (label.length > 63) return { ok: false, error: `'${raw}' has a label longer than 63 characters` };
    if (!labelPattern.test(label)) {
      return {
        ok: false,
        error: `'${raw}': the label '${label}' may only hold letters, digits and inner hyphens`,
      };
    }
  }
  return { ok: true, target: { domain: ascii, unicode: domainToUnicode(ascii) || ascii } };
}

/** Both forms when they differ ("bücher.de (xn--bcher-kva.de)"), else the name alone. */
export function displayName(target: ScanTarget): string {
  return target.unicode === target.domain ? target.domain : `${target.unicode} (${target.domain})`;
}
