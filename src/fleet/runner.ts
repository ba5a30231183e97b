// The fleet engine: reads domains as a stream, scans up to `concurrency` at once through a scan function,
// hands each result to a sink as it finishes, and records finished domains so a restart can resume.
// Memory is bounded: input is pulled only when a worker is free, and no domain starts more than `window`
// places ahead of the oldest unfinished one (so the record of what is done stays small).

import type { ScanTarget } from '../model/report.js';
import type { FleetLine } from './input.js';
import { CompletionTracker, entryLine, type StateEntry } from './progress-state.js';
import type { FleetSink } from './sinks.js';

export interface FleetState {
  /** What is already done (from the state file on --resume, empty otherwise). */
  readonly tracker: CompletionTracker;
  /** Appends one line to the state file (written by the next `sync` at the latest). */
  record(line: string): void;
  /** Writes what is recorded and fsyncs the state file. */
  sync(): Promise<void> | void;
}

export interface FleetEvents<R> {
  onBadLine?(line: number, reason: string): void;
  onResult?(result: R): void;
  onScanError?(domain: string, error: unknown): void;
}

/** `R` is what a scan hands the sink: a report, or its rendered text when worker threads scan. */
export interface FleetRunOptions<R> {
  /** Domain lines in input order (see `fleetDomains`). */
  readonly lines: AsyncIterable<FleetLine>;
  readonly concurrency: number;
  readonly scan: (target: ScanTarget) => Promise<R>;
  readonly sink: FleetSink<R>;
  readonly state?: FleetState;
  /** Stops taking new domains; those in flight finish and are recorded. */
  readonly signal?: AbortSignal;
  readonly events?: FleetEvents<R>;
  /** Default: max(1024, 16 × concurrency). */
  readonly window?: number;
  /** How often results are made durable (fsync / batch). Default 500 ms. */
  readonly checkpointMs?: number;
  /**
   * A scan error that says the scanner itself is gone (every worker thread died), not this domain: the run
   * stops taking domains, the domain is not recorded (a resume retries it), and runFleet rejects with it.
   */
  readonly isFatal?: (error: unknown) => boolean;
}

export interface FleetSummary {
  /** Domains scanned and committed by this run. */
  readonly scanned: number;
  /** Domains skipped because a previous run had finished them (--resume). */
  readonly alreadyDone: number;
  readonly badLines: number;
  /** Domains whose scan threw: nothing stored, recorded as failed in the state file. */
  readonly failed: number;
  readonly interrupted: boolean;
}

interface Job {
  readonly index: number;
  readonly target: ScanTarget;
}

export async function runFleet<R>(options: FleetRunOptions<R>): Promise<FleetSummary> {
  const concurrency = Math.max(1, Math.floor(options.concurrency));
  const window = Math.max(options.window ?? Math.max(1024, concurrency * 16), concurrency);
  const tracker = options.state?.tracker ?? new CompletionTracker();
  const events = options.events ?? {};
  const counts = { scanned: 0, alreadyDone: 0, badLines: 0, failed: 0 };
  let fatal: { readonly error: unknown } | undefined;
  const stopped = (): boolean => options.signal?.aborted === true || fatal !== undefined;

  // Waiters for the window to move (the oldest unfinished domain finishing).
  let windowWaiters: (() => void)[] = [];
  const wakeWindow = (): void => {
    const waiters = windowWaiters;
    windowWaiters = [];
    for (const wake of waiters) wake();
  };
  const onAbort = (): void => wakeWindow();
  options.signal?.addEventListener('abort', onAbort, { once: true });

  // Jobs come from one shared iterator: workers pull in turn, so the input is read only as fast as scanned.
  const source = options.lines[Symbol.asyncIterator]();
  let nextIndex = 0;
  let exhausted = false;
  let pulling: Promise<Job | undefined> = Promise.resolve(undefined);
  const pullOne = async (): Promise<Job | undefined> => {
    while (!exhausted && !stopped()) {
      const step = await source.next();
      if (step.done === true) {
        exhausted = true;
        return undefined;
      }
      const line = step.value;
      if (line.kind === 'bad') {
        counts.badLines += 1;
        events.onBadLine?.(line.line, line.reason);
        continue;
      }
      if (line.kind !== 'domain') continue;
      const index = nextIndex++;
      if (tracker.isDone(index)) {
        counts.alreadyDone += 1;
        continue;
      }
      return { index, target: line.target };
    }
    return undefined;
  };
  const nextJob = (): Promise<Job | undefined> => {
    pulling = pulling.then(pullOne, pullOne);
    return pulling;
  };

  const waitForWindow = async (index: number): Promise<void> => {
    while (index >= tracker.mark + window && !stopped()) {
      await new Promise<void>((resolve) => windowWaiters.push(resolve));
    }
  };

  const finish = (entry: StateEntry): void => {
    options.state?.record(entryLine(entry));
    const before = tracker.mark;
    tracker.markDone(entry.index);
    if (tracker.mark !== before) wakeWindow();
  };
  const commit = (job: Job) => (offset: number | undefined) => {
    counts.scanned += 1;
    finish({ index: job.index, domain: job.target.domain, ...(offset === undefined ? {} : { offset }) });
  };

  const worker = async (): Promise<void> => {
    for (;;) {
      const job = await nextJob();
      if (job === undefined) return;
      await waitForWindow(job.index);
      let result: R;
      try {
        result = await options.scan(job.target);
      } catch (error) {
        if (options.isFatal?.(error) === true) {
          fatal ??= { error };
          wakeWindow();
          return;
        }
        // Recorded as failed, so the window moves on and a resume does not retry a crash forever.
        counts.failed += 1;
        events.onScanError?.(job.target.domain, error);
        finish({ index: job.index, domain: job.target.domain, failed: true });
        continue;
      }
      await options.sink.add(result, commit(job));
      events.onResult?.(result);
    }
  };

  const checkpoint = async (): Promise<void> => {
    // Output first, then the record of it: the state file never vouches for output a power loss could lose.
    await options.sink.flush();
    await options.state?.sync();
  };
  let checkpointing: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    checkpointing = checkpointing.then(checkpoint, checkpoint);
  }, options.checkpointMs ?? 500);
  try {
    await Promise.all(Array.from({ length: concurrency }, worker));
  } finally {
    clearInterval(timer);
    options.signal?.removeEventListener('abort', onAbort);
    await checkpointing.catch(() => undefined);
    await checkpoint();
  }
  if (fatal !== undefined) throw fatal.error;
  return { ...counts, interrupted: stopped() && !exhausted };
}
