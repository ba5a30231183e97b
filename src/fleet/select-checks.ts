// `--checks dns|smtp|exchange|all`: which check units a fleet runs, chosen by the areas they report in.

import type { DomainCheck } from '../checks/check.js';

export type CheckGroup = 'dns' | 'smtp' | 'exchange';
export const checkGroups: readonly (CheckGroup | 'all')[] = ['dns', 'smtp', 'exchange', 'all'];

/** Areas answered from DNS alone (MTA-STS also fetches its policy over HTTPS, a single polite request). */
const dnsAreas: ReadonlySet<string> = new Set([
  'mx',
  'spf',
  'dmarc',
  'dkim',
  'mta-sts',
  'tls-rpt',
  'bimi',
  'dnssec',
  'dnsbl',
  'dane',
  'scan',
]);

/** A unit is `exchange` if it reports in the exchange area, `dns` if all its areas are DNS ones, else `smtp`. */
export function groupOf(check: DomainCheck): CheckGroup {
  const areas = check.meta.map((meta): string => meta.area);
  if (areas.includes('exchange') || check.name.includes('exchange')) return 'exchange';
  if (areas.length > 0 && areas.every((area) => dnsAreas.has(area))) return 'dns';
  return 'smtp';
}

export type ChecksChoice =
  | { readonly ok: true; readonly groups: ReadonlySet<CheckGroup> }
  | { readonly ok: false; readonly error: string };

/** Parses `dns`, `dns,smtp`, `all`. */
export function parseChecksOption(text: string): ChecksChoice {
  const groups = new Set<CheckGroup>();
  for (const raw of text.split(',')) {
    const part = raw.trim().toLowerCase();
    if (part === 'all') {
      groups.add('dns').add('smtp').add('exchange');
    } else if (part === 'dns' || part === 'smtp' || part === 'exchange') {
      groups.add(part);
    } else {
      return {
        ok: false,
        error: `--checks '${text}': choose from ${checkGroups.join(', ')} (comma-separated)`,
      };
    }
  }
  return { ok: true, groups };
}

export function selectChecks(checks: readonly DomainCheck[], groups: ReadonlySet<CheckGroup>): DomainCheck[] {
  return checks.filter((check) => groups.has(groupOf(check)));
}
