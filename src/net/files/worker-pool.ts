// Scans files on worker threads, one file at a time per worker, so every core parses: the main thread
// only hands out files and keeps the per-file outcomes. A worker that dies costs the file it was on
// (reported as an error), never a hang.

import { Worker } from 'node:worker_threads';
import type { FileScanOptions } from '../../logs/file-scanner.js';
import { logMessages } from '../../logs/messages.js';
import type { FileOutcome } from '../../logs/report.js';
import type { FileEntry } from './walk.js';

/** What a worker needs to scan files like the main thread would (structured-cloned to it). */
export type WorkerScanOptions = Omit<FileScanOptions, 'latin1Utf8'>;

export type ToWorker =
  | { readonly kind: 'scan'; readonly index: number; readonly entry: FileEntry }
  | { readonly kind: 'stop' };

export type FromWorker =
  | { readonly kind: 'ready' }
  | { readonly kind: 'bytes'; readonly count: number }
  | { readonly kind: 'done'; readonly index: number; readonly outcome: FileOutcome };

export interface WorkerPoolOptions {
  readonly workers: number;
  readonly scan: WorkerScanOptions;
  readonly onBytes?: (count: number) => void;
  readonly signal?: AbortSignal;
  /** The worker's entry module (tests give one that fails); defaults to scan-worker. */
  readonly entry?: URL;
}

const fromSources = import.meta.url.endsWith('.ts');

function defaultEntry(): URL {
  return new URL(`./scan-worker${fromSources ? '.ts' : '.js'}`, import.meta.url);
}

/**
 * Node 20 does not apply `--import tsx` hooks to a worker's own entry module, so when running from the
 * TypeScript sources the worker starts from a tiny bootstrap that registers tsx and then imports the
 * entry. From the built dist/ the entry is plain JavaScript and starts directly.
 */
function startWorker(entry: URL, scan: WorkerScanOptions): Worker {
  // execArgv is not inherited: the parent's `--import` hooks (tsx, a test guard) would run again there.
  // Profiling flags are, so `node --cpu-prof` shows where the workers spend their time.
  const execArgv = process.execArgv.filter((flag) => flag.startsWith('--cpu-prof'));
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry, { workerData: scan, execArgv });
  const api = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(api)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(bootstrap, { eval: true, workerData: scan, execArgv });
}

function failedOutcome(entry: FileEntry, reason: string): FileOutcome {
  return {
    report: {
      path: entry.path,
      status: 'error',
      compressed: false,
      bytes: 0,
      lines: 0,
      notes: [logMessages.workerFailed(reason)],
    },
    tallies: new Map(),
    notEvaluable: [],
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Scans `files` on up to `workers` threads; the outcome of file i is at index i (undefined only when
 * the scan was aborted first). Largest files go first so the last worker does not finish alone.
 */
export function scanFilesInWorkers(
  files: readonly FileEntry[],
  options: WorkerPoolOptions,
): Promise<(FileOutcome | undefined)[]> {
  const outcomes: (FileOutcome | undefined)[] = new Array(files.length);
  const queue = files.map((_, index) => index).sort((a, b) => (files[b]?.size ?? 0) - (files[a]?.size ?? 0));
  const entry = options.entry ?? defaultEntry();
  let remaining = files.length;
  let live = 0;
  let settled = false;

  return new Promise((resolve, reject) => {
    const workers = new Set<Worker>();
    const finish = (error?: Error): void => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener('abort', onAbort);
      for (const worker of workers) void worker.terminate();
      if (error === undefined) resolve(outcomes);
      else reject(error);
    };
    const onAbort = (): void => finish();
    if (options.signal?.aborted) {
      finish();
      return;
    }
    options.signal?.addEventListener('abort', onAbort, { once: true });

    const spawn = (): void => {
      const thread = startWorker(entry, options.scan);
      workers.add(thread);
      live += 1;
      let current: number | undefined;
      let started = false;
      const next = (): void => {
        const index = queue.shift();
        current = index;
        thread.postMessage(
          index === undefined ? { kind: 'stop' } : { kind: 'scan', index, entry: files[index] },
        );
      };
      thread.on('message', (message: FromWorker) => {
        // After an abort the array is already returned: late answers must not change it.
        if (settled) return;
        switch (message.kind) {
          case 'ready':
            started = true;
            next();
            return;
          case 'bytes':
            options.onBytes?.(message.count);
            return;
          case 'done':
            outcomes[message.index] = message.outcome;
            remaining -= 1;
            current = undefined;
            if (remaining === 0) finish();
            else next();
            return;
        }
      });
      const lost = (reason: string): void => {
        if (settled || !workers.has(thread)) return;
        workers.delete(thread);
        live -= 1;
        if (!started) {
          finish(new Error(logMessages.workerFailed(reason)));
          return;
        }
        if (current !== undefined) {
          const file = files[current];
          if (file !== undefined) outcomes[current] = failedOutcome(file, reason);
          remaining -= 1;
          current = undefined;
        }
        if (remaining === 0) finish();
        else if (queue.length > 0) spawn();
        else if (live === 0) finish();
      };
      thread.on('error', (error) => lost(describe(error)));
      thread.on('exit', (code) => lost(`the worker exited with code ${code}`));
    };

    const count = Math.max(1, Math.min(options.workers, files.length));
    if (files.length === 0) finish();
    else for (let index = 0; index < count; index += 1) spawn();
  });
}
