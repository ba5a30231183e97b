// What the fleet's main thread and its scanning worker threads say to each other. Plain data only: every
// message crosses the thread boundary by structured clone.

import type { CheckOptions } from '../checks/check.js';
import type { Severity } from '../model/finding.js';
import type { Report } from '../model/report.js';
import type { DnsClientStats } from '../net/dns/client.js';
import type { ResolverAddress } from '../net/dns/types.js';
import type { FleetFormat } from './format-names.js';
import type { RenderedResult } from './sinks.js';

/** What a worker hands back for each domain: the text to append, or the report for the store. */
export type WorkerOutput =
  | { readonly kind: 'text'; readonly format: FleetFormat; readonly failOn?: Severity }
  | { readonly kind: 'report' };

/** Given to each worker at start (as `workerData.setup`). */
export interface WorkerSetup {
  readonly resolvers: readonly ResolverAddress[];
  readonly timeoutMs: number;
  readonly cacheEntries: number;
  /** The checks to run, by name, from the built-in registry. */
  readonly checkNames: readonly string[];
  readonly checkOptions: CheckOptions;
  readonly output: WorkerOutput;
}

export type ToWorker =
  | { readonly kind: 'scan'; readonly id: number; readonly domain: string }
  /** Ctrl-C: scans in flight stop waiting on the network and finish with what they have. */
  | { readonly kind: 'abort' }
  /** No more work: close the runtime, answer `closed` with the DNS counters. */
  | { readonly kind: 'close' };

export type WorkerResult = RenderedResult | Report;

export type FromWorker =
  | { readonly kind: 'ready' }
  | { readonly kind: 'done'; readonly id: number; readonly result: WorkerResult }
  | { readonly kind: 'failed'; readonly id: number; readonly message: string }
  /** The runtime's DNS counters, when it keeps them. */
  | { readonly kind: 'closed'; readonly stats?: DnsClientStats };
