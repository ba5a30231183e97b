// The organisational domain by the Public Suffix List (RFC 7489's method), through tldts's bundled list.
// RFC 9989 replaced it with the DNS tree walk; telltale keeps it as a cross-check and for report destinations.

import { createRequire } from 'node:module';
import { BoundedMemo } from '../bounded-memo.js';

type Tldts = typeof import('tldts');

// tldts (its list is one 220 kB module) is loaded on the first lookup, not at import: every command line
// imports the checks registry, and `telltale --help` or `telltale checks` never asks for a domain's PSL.
// require() rather than import(): this function stays synchronous, and Node skips the ESM wrapper's
// export scan of that large CommonJS file.
let tldts: Tldts | undefined;
function loadTldts(): Tldts {
  tldts ??= createRequire(import.meta.url)('tldts') as Tldts;
  return tldts;
}

/**
 * The registrable domain of `name` (public suffix plus one label), or null when `name` is itself a
 * public suffix or not a usable domain name. ICANN and private sections both count, as DMARC
 * receivers using the PSL did. Input may be U-labels or A-labels; the answer keeps the input's form.
 */
export function pslOrganizationalDomain(name: string | null): string | null {
  if (name === null) return null;
  const domain = name.toLowerCase().replace(/\.$/, '');
  // tldts forgives a leading dot; a name with an empty label is not a domain name.
  if (domain === '' || domain.split('.').some((label) => label === '')) return null;
  return registrableDomains.get(domain, registrableDomain);
}

// One scan asks for the same names several times (the domain, then each report destination against it), and
// a fleet's report destinations recur across domains; the answer depends on the name and the bundled list only.
const registrableDomains = new BoundedMemo<string, string | null>(4096);

function registrableDomain(domain: string): string | null {
  const result = loadTldts().parse(domain, { allowPrivateDomains: true });
  if (result.isIp === true) return null;
  return result.domain;
}
