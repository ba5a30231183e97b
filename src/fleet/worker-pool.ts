// The fleet's worker threads, seen from the main thread: each thread has its own runtime (DNS client and
// cache) and scans the domains it is given, so a fleet uses more than one core. The main thread keeps the
// input, the output and the record of what is done, exactly as when it scans by itself.

import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { DnsClientStats } from '../net/dns/client.js';
import type { FromWorker, ToWorker, WorkerResult, WorkerSetup } from './worker-protocol.js';

interface Pending<R> {
  readonly resolve: (result: R) => void;
  readonly reject: (error: Error) => void;
}

interface Slot<R> {
  readonly worker: Worker;
  readonly pending: Map<number, Pending<R>>;
  /** Why the thread stopped, once it has: its jobs fail with this and it gets no more. */
  stopped?: string;
  stats?: DnsClientStats;
  onClosed?: () => void;
}

/** Every thread of the pool has stopped: the fleet cannot go on (see FleetRunOptions.isFatal). */
export class NoScanningThreadError extends Error {}

export class FleetWorkerPool<R extends WorkerResult> {
  private nextId = 0;

  private constructor(private readonly slots: readonly Slot<R>[]) {}

  /** Starts `count` threads running `script` and waits until each has opened its runtime. */
  static async start<R extends WorkerResult>(
    count: number,
    script: URL,
    setup: WorkerSetup,
  ): Promise<FleetWorkerPool<R>> {
    const slots = Array.from({ length: count }, (): Slot<R> => {
      const slot: Slot<R> = { worker: startWorker(script, setup), pending: new Map() };
      slot.worker.on('message', (message: FromWorker) => receive(slot, message));
      slot.worker.on('error', (error) => stop(slot, `scanning thread failed: ${error.message}`));
      slot.worker.on('exit', (code) => stop(slot, `scanning thread exited (code ${code})`));
      return slot;
    });
    const pool = new FleetWorkerPool(slots);
    try {
      await Promise.all(slots.map(ready));
    } catch (error) {
      await pool.terminate();
      throw error;
    }
    return pool;
  }

  /** Scans one domain on the least busy thread. */
  scan(domain: string): Promise<R> {
    let chosen: Slot<R> | undefined;
    for (const slot of this.slots) {
      if (slot.stopped !== undefined) continue;
      if (chosen === undefined || slot.pending.size < chosen.pending.size) chosen = slot;
    }
    if (chosen === undefined) {
      const reason = this.slots[0]?.stopped ?? 'no thread was started';
      return Promise.reject(new NoScanningThreadError(`no scanning thread is left (${reason})`));
    }
    const id = this.nextId++;
    const slot = chosen;
    return new Promise<R>((resolve, reject) => {
      slot.pending.set(id, { resolve, reject });
      post(slot, { kind: 'scan', id, domain });
    });
  }

  /** Every thread stops waiting on the network; the scans in flight finish with what they have. */
  abort(): void {
    for (const slot of this.slots) if (slot.stopped === undefined) post(slot, { kind: 'abort' });
  }

  /** Closes every thread's runtime and ends the threads; the DNS counters of all of them, added up. */
  async close(): Promise<DnsClientStats | undefined> {
    await Promise.all(
      this.slots.map(
        (slot) =>
          new Promise<void>((resolve) => {
            if (slot.stopped !== undefined) return resolve();
            slot.onClosed = resolve;
            post(slot, { kind: 'close' });
          }),
      ),
    );
    await this.terminate();
    const all = this.slots.flatMap((slot) => (slot.stats === undefined ? [] : [slot.stats]));
    return all.length === 0 ? undefined : addStats(all);
  }

  private async terminate(): Promise<void> {
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
  }
}

/**
 * Each thread's heap grows with what it is allowed, not with what it keeps: a fleet thread keeps a bounded
 * cache and the domains in flight (tens of MB), and V8 left to its defaults let two threads peak near
 * 400 MB on 10 000 domains; capped, it collects sooner (about 280 MB). The young generation is larger than
 * V8's default so the short-lived objects of many domains in flight die before a scavenge copies them.
 */
const resourceLimits = { maxOldGenerationSizeMb: 160, maxYoungGenerationSizeMb: 96 };

/**
 * Node 20 does not carry loader hooks into worker threads: when the entry is TypeScript (tests, tsx), the
 * thread registers tsx itself, then imports the parent's --import preloads (the tests' loopback guard)
 * before its entry, so it runs under the same rules as the parent.
 */
function startWorker(script: URL, setup: WorkerSetup): Worker {
  if (!script.pathname.endsWith('.ts')) return new Worker(script, { workerData: { setup }, resourceLimits });
  const bootstrap = [
    "const { workerData } = await import('node:worker_threads');",
    "const { register } = await import('tsx/esm/api');",
    'register();',
    'for (const preload of workerData.preloads) await import(preload);',
    'await import(workerData.entry);',
  ].join('\n');
  return new Worker(bootstrap, {
    eval: true,
    resourceLimits,
    execArgv: [],
    workerData: { entry: script.href, preloads: parentPreloads(process.execArgv), setup },
  });
}

/** The modules of `--import X` / `--import=X` given to this process, tsx itself left out. */
export function parentPreloads(execArgv: readonly string[]): string[] {
  const modules: string[] = [];
  execArgv.forEach((arg, index) => {
    const value =
      arg === '--import' ? execArgv[index + 1] : arg.startsWith('--import=') ? arg.slice(9) : undefined;
    if (value === undefined || value === 'tsx' || value.startsWith('tsx/')) return;
    modules.push(value.startsWith('.') || value.startsWith('/') ? pathToFileURL(resolve(value)).href : value);
  });
  return modules;
}

function post<R>(slot: Slot<R>, message: ToWorker): void {
  slot.worker.postMessage(message);
}

function receive<R extends WorkerResult>(slot: Slot<R>, message: FromWorker): void {
  switch (message.kind) {
    case 'ready':
      return;
    case 'done': {
      const pending = slot.pending.get(message.id);
      slot.pending.delete(message.id);
      // The worker renders what this pool's owner asked for in its setup: R by construction.
      pending?.resolve(message.result as R);
      return;
    }
    case 'failed': {
      const pending = slot.pending.get(message.id);
      slot.pending.delete(message.id);
      pending?.reject(new Error(message.message));
      return;
    }
    case 'closed':
      if (message.stats !== undefined) slot.stats = message.stats;
      slot.stopped = 'closed';
      slot.onClosed?.();
      return;
  }
}

/** A thread that dies takes its jobs with it: they fail (recorded as failed), the others go on. */
function stop<R>(slot: Slot<R>, reason: string): void {
  if (slot.stopped !== undefined) return;
  slot.stopped = reason;
  for (const pending of slot.pending.values()) pending.reject(new Error(reason));
  slot.pending.clear();
  slot.onClosed?.();
}

function ready<R>(slot: Slot<R>): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const onMessage = (message: FromWorker): void => {
      if (message.kind !== 'ready') return;
      cleanup();
      resolve();
    };
    const onError = (error: Error): void => {
      cleanup();
      reject(new Error(`a scanning thread could not start: ${error.message}`));
    };
    const onExit = (code: number): void => {
      cleanup();
      reject(new Error(`a scanning thread could not start (exit code ${code})`));
    };
    const cleanup = (): void => {
      slot.worker.off('message', onMessage);
      slot.worker.off('error', onError);
      slot.worker.off('exit', onExit);
    };
    slot.worker.on('message', onMessage);
    slot.worker.on('error', onError);
    slot.worker.on('exit', onExit);
  });
}

function addStats(all: readonly DnsClientStats[]): DnsClientStats {
  const sum = (pick: (stats: DnsClientStats) => number): number =>
    all.reduce((total, stats) => total + pick(stats), 0);
  return {
    queriesSent: sum((stats) => stats.queriesSent),
    cacheHits: sum((stats) => stats.cacheHits),
    inFlightJoins: sum((stats) => stats.inFlightJoins),
    timeouts: sum((stats) => stats.timeouts),
    tcpFallbacks: sum((stats) => stats.tcpFallbacks),
    responsesIgnored: sum((stats) => stats.responsesIgnored),
    cacheEntries: sum((stats) => stats.cacheEntries),
    inFlight: sum((stats) => stats.inFlight),
    queued: sum((stats) => stats.queued),
  };
}
