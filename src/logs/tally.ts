// Bounded per-indicator accumulation of hits: counts, time span, client addresses and a few examples,
// so a scanner that hit a server a million times costs a few kilobytes (pure).

import type { Hit } from './types.js';

/** Distinct client addresses kept per indicator; beyond this only the count of hits grows. */
export const maxClientsTracked = 10_000;

export interface IndicatorTally {
  readonly indicatorId: string;
  count: number;
  succeeded: number;
  firstTime?: string;
  lastTime?: string;
  readonly clients: Map<string, number>;
  clientsTruncated: boolean;
  readonly files: Set<string>;
  /** The first examples in scan order, successes preferred. */
  examples: Hit[];
}

export type Tallies = Map<string, IndicatorTally>;

function emptyTally(indicatorId: string): IndicatorTally {
  return {
    indicatorId,
    count: 0,
    succeeded: 0,
    clients: new Map(),
    clientsTruncated: false,
    files: new Set(),
    examples: [],
  };
}

function earlier(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return a <= b ? a : b;
}

function later(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return a >= b ? a : b;
}

function byPreference(a: Hit, b: Hit): number {
  if (a.succeeded !== b.succeeded) return a.succeeded ? -1 : 1;
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return a.line - b.line;
}

function keepExamples(examples: Hit[], limit: number): Hit[] {
  return examples.sort(byPreference).slice(0, limit);
}

function countClient(tally: IndicatorTally, ip: string, count: number): void {
  const known = tally.clients.get(ip);
  if (known !== undefined) tally.clients.set(ip, known + count);
  else if (tally.clients.size < maxClientsTracked) tally.clients.set(ip, count);
  else tally.clientsTruncated = true;
}

export function addHit(tallies: Tallies, hit: Hit, exampleLimit: number): void {
  let tally = tallies.get(hit.indicatorId);
  if (tally === undefined) {
    tally = emptyTally(hit.indicatorId);
    tallies.set(hit.indicatorId, tally);
  }
  tally.count += 1;
  if (hit.succeeded) tally.succeeded += 1;
  tally.firstTime = earlier(tally.firstTime, hit.time);
  tally.lastTime = later(tally.lastTime, hit.time);
  if (hit.clientIp !== undefined && hit.clientIp !== '') countClient(tally, hit.clientIp, 1);
  tally.files.add(hit.file);
  // Keep one success slot open: a flood of failed probes must not hide the one that worked.
  if (tally.examples.length < exampleLimit) tally.examples.push(hit);
  else if (hit.succeeded && tally.examples.some((example) => !example.succeeded)) {
    tally.examples = keepExamples([...tally.examples, hit], exampleLimit);
  }
}

/** Folds `from` into `into` (files scanned in parallel are merged at the end). */
export function mergeTallies(into: Tallies, from: Tallies, exampleLimit: number): void {
  for (const [id, source] of from) {
    const target = into.get(id);
    if (target === undefined) {
      into.set(id, source);
      continue;
    }
    target.count += source.count;
    target.succeeded += source.succeeded;
    target.firstTime = earlier(target.firstTime, source.firstTime);
    target.lastTime = later(target.lastTime, source.lastTime);
    for (const [ip, count] of source.clients) countClient(target, ip, count);
    target.clientsTruncated ||= source.clientsTruncated;
    for (const file of source.files) target.files.add(file);
    target.examples = keepExamples([...target.examples, ...source.examples], exampleLimit);
  }
}
