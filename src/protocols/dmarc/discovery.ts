// RFC 9989 §4.10 DNS tree walk: which _dmarc names to ask, what each answer holds, and what the walk decides
// (the policy record that applies, and the organisational domain). Asks only through the DnsClient port.

import type { DnsAnswer, DnsClient } from '../../net/dns/types.js';
import { type DmarcParse, isDmarcRecord, parseDmarcRecord } from './record.js';

/** RFC 9989 §4.10 step 4: names of eight or more labels are cut to seven after the first query. */
const shortcutAt = 8;
const shortenTo = 7;

export type UsableDmarc = DmarcParse & { kind: 'dmarc' };

/**
 * The domains whose `_dmarc` TXT the walk asks, in order: the start, then (x < 8) its parent or
 * (x >= 8) its last seven labels, then one label less each time down to the TLD: at most eight.
 */
export function treeWalkTargets(start: string): string[] {
  const labels = start.toLowerCase().replace(/\.$/, '').split('.');
  const targets = [labels.join('.')];
  let current = labels.length >= shortcutAt ? labels.slice(-shortenTo) : labels.slice(1);
  while (current.length > 0) {
    targets.push(current.join('.'));
    current = current.slice(1);
  }
  return targets;
}

export interface WalkStep {
  /** The domain asked about (without `_dmarc.`). */
  readonly domain: string;
  readonly answer: DnsAnswer<'TXT'>;
  /** Every TXT record's strings joined (RFC 9989 §4.5), in answer order. */
  readonly texts: readonly string[];
  /** Those starting with `v=DMARC1`, parsed. */
  readonly dmarc: readonly UsableDmarc[];
  /** The one DMARC record, when exactly one was returned (several are all discarded, step 2). */
  readonly single?: UsableDmarc;
}

export interface TreeWalk {
  readonly start: string;
  readonly steps: readonly WalkStep[];
  /** Why the walk ended: psd=y/psd=n on a single record, no labels left, or a DNS failure. */
  readonly ended: 'psd' | 'exhausted' | 'dns-error';
}

export function dmarcName(domain: string): string {
  return `_dmarc.${domain}`;
}

function stepFrom(domain: string, answer: DnsAnswer<'TXT'>): WalkStep {
  const texts = answer.kind === 'ok' ? answer.records.map((record) => record.strings.join('')) : [];
  const dmarc = texts
    .filter(isDmarcRecord)
    .map(parseDmarcRecord)
    .filter((parse): parse is UsableDmarc => parse.kind === 'dmarc');
  const single = dmarc.length === 1 ? dmarc[0] : undefined;
  return { domain, answer, texts, dmarc, ...(single === undefined ? {} : { single }) };
}

const stopsWalk = (step: WalkStep): boolean =>
  step.single !== undefined && (step.single.record.psd === 'y' || step.single.record.psd === 'n');

/**
 * Walks from `start` the whole way (the organisational-domain walk of §4.10.2, whose queries also
 * contain policy discovery's): it stops early only on a single record with psd=y or psd=n, or on a
 * DNS failure, which leaves what lies above unknown.
 */
export async function walkDmarcTree(dns: DnsClient, start: string, signal?: AbortSignal): Promise<TreeWalk> {
  const steps: WalkStep[] = [];
  const options = signal === undefined ? {} : { signal };
  const targets = treeWalkTargets(start);
  for (const domain of targets) {
    const step = stepFrom(domain, await dns.query(dmarcName(domain), 'TXT', options));
    steps.push(step);
    if (step.answer.kind === 'error') return { start: targets[0] ?? start, steps, ended: 'dns-error' };
    if (stopsWalk(step)) return { start: targets[0] ?? start, steps, ended: 'psd' };
  }
  return { start: targets[0] ?? start, steps, ended: 'exhausted' };
}

const usableAt = (step: WalkStep): UsableDmarc | undefined => (step.single?.usable ? step.single : undefined);

/** The domain `depth` labels long that ends `name` (its ancestor at that depth). */
function ancestorWithLabels(name: string, count: number): string {
  return name.split('.').slice(-count).join('.');
}

/**
 * RFC 9989 §4.10.2 over one walk, records taken longest name first: psd=n names itself; psd=y
 * (other than at the start) names the domain one label below it; otherwise the record with the
 * fewest labels; with no record at all, the start domain.
 */
export function organizationalDomainOf(walk: TreeWalk): string {
  const found = walk.steps.filter((step) => usableAt(step) !== undefined);
  for (const step of found) {
    const psd = step.single?.record.psd;
    if (psd === 'n') return step.domain;
    if (psd === 'y' && step.domain !== walk.start) {
      return ancestorWithLabels(walk.start, step.domain.split('.').length + 1);
    }
  }
  const last = found.at(-1);
  return last === undefined ? walk.start : last.domain;
}

export type PolicyDiscovery =
  /** A usable record at the domain itself: its p applies. */
  | { readonly kind: 'own'; readonly step: WalkStep; readonly orgDomain: string }
  /** Inherited from the organisational domain or a public suffix domain (psd=y): sp/np apply. */
  | {
      readonly kind: 'inherited';
      readonly step: WalkStep;
      readonly from: 'organizational-domain' | 'public-suffix-domain';
      readonly orgDomain: string;
    }
  | { readonly kind: 'none'; readonly orgDomain: string }
  /** A lookup failed before the answer was known. */
  | { readonly kind: 'dns-error'; readonly failed: WalkStep };

/**
 * RFC 9989 §4.10.1: the domain's own usable record; else the organisational domain's; else the
 * public suffix domain's (psd=y). A failure above the domain matters only when the domain has no
 * record of its own. The organisational domain is reported even for `own`, when the walk reached
 * far enough to know it (else it is the start domain, the RFC's default).
 */
export function discoverPolicy(walk: TreeWalk): PolicyDiscovery {
  const [first] = walk.steps;
  if (first === undefined) throw new Error('a tree walk always asks at least once');
  if (first.answer.kind === 'error') return { kind: 'dns-error', failed: first };
  const orgDomain = organizationalDomainOf(walk);
  if (usableAt(first) !== undefined) return { kind: 'own', step: first, orgDomain };
  const failed = walk.steps.find((step) => step.answer.kind === 'error');
  if (failed !== undefined) return { kind: 'dns-error', failed };
  const orgStep = walk.steps.find((step) => step.domain === orgDomain && usableAt(step) !== undefined);
  if (orgStep !== undefined && orgStep !== first) {
    return { kind: 'inherited', step: orgStep, from: 'organizational-domain', orgDomain };
  }
  const psdStep = walk.steps.find((step) => usableAt(step)?.record.psd === 'y');
  if (psdStep !== undefined)
    return { kind: 'inherited', step: psdStep, from: 'public-suffix-domain', orgDomain };
  return { kind: 'none', orgDomain };
}
