// Where a fleet's results go as they finish: a text stream (stdout or an output file, jsonl/csv) or the
// history store (batched into one transaction per batch). A sink says when a result is committed, and only
// then is the domain recorded as done.

import type { Report } from '../model/report.js';
import type { CheckLogic, ScanStore } from '../store/types.js';
import type { FleetFormat } from './format-names.js';
import { formatter } from './formats.js';

/** Called synchronously once a result is committed; `offset` is the output size after it (files only). */
export type OnCommitted = (offset: number | undefined) => void;

export interface FleetSink<R = Report> {
  /** Resolves once the result is committed (and `onCommitted` has run): workers wait on it (backpressure). */
  add(result: R, onCommitted: OnCommitted): Promise<void>;
  /** Makes what is committed durable (fsync, pending batch). Called on each checkpoint and at the end. */
  flush(): Promise<void>;
}

/** Anything bytes can be appended to; `write` returns the size after the write when it is a file. */
export interface TextTarget {
  /** The bytes are the caller's again once this returns: a target that keeps them must copy them. */
  write(bytes: Uint8Array): number | undefined;
  /** Makes what was written durable (fsync); may run off the main thread. */
  sync(): Promise<void> | void;
}

export function textSink(target: TextTarget, format: FleetFormat, fresh: boolean): FleetSink {
  const { render } = formatter(format);
  return renderedTextSink(target, format, fresh, render);
}

/** A domain's result already rendered in the fleet's format (by a worker thread), with what --fail-on needs. */
export interface RenderedResult {
  readonly domain: string;
  readonly text: string;
  /** Has a failed or warned finding at or above --fail-on. */
  readonly exceedsThreshold: boolean;
}

export function renderedSink(
  target: TextTarget,
  format: FleetFormat,
  fresh: boolean,
): FleetSink<RenderedResult> {
  return renderedTextSink(target, format, fresh, (result) => result.text);
}

/**
 * Rendered lines are encoded into one buffer and written when it is full: one system call for several
 * domains instead of one each, and each line encoded once, in place. A batch is committed (its domains
 * recorded as done) only once written, so a kill loses at most one batch, scanned again on --resume.
 */
const batchBytes = 1 << 20;
/** …or after this long, so a slow trickle of results (and the runner's window) does not wait for a checkpoint. */
const batchDelayMs = 50;
/** UTF-8 needs at most 3 bytes per UTF-16 code unit: a line that fits by this measure fits. */
const maxBytesPerUnit = 3;

interface Written {
  readonly end: number;
  readonly onCommitted: OnCommitted;
}

function renderedTextSink<R>(
  target: TextTarget,
  format: FleetFormat,
  fresh: boolean,
  render: (result: R) => string,
): FleetSink<R> {
  const { header } = formatter(format);
  if (fresh && header !== '') target.write(Buffer.from(header, 'utf8'));
  const buffer = Buffer.allocUnsafeSlow(batchBytes);
  let used = 0;
  let pending: Written[] = [];
  let timer: NodeJS.Timeout | undefined;
  /** A write that failed in the timer, thrown to the next caller (the runner reports it and stops). */
  let failure: { readonly error: unknown } | undefined;
  const rethrow = (): void => {
    if (failure !== undefined) throw failure.error;
  };
  const commit = (batch: readonly Written[], bytes: Uint8Array): void => {
    const end = target.write(bytes);
    // Each domain's state entry vouches for the output up to the end of its own line.
    const start = end === undefined ? undefined : end - bytes.length;
    for (const item of batch) item.onCommitted(start === undefined ? undefined : start + item.end);
  };
  const writePending = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    const bytes = buffer.subarray(0, used);
    used = 0;
    commit(batch, bytes);
  };
  return {
    async add(result, onCommitted) {
      rethrow();
      const text = render(result);
      if (used + text.length * maxBytesPerUnit > batchBytes) writePending();
      if (text.length * maxBytesPerUnit > batchBytes) {
        // A line larger than the whole buffer goes out on its own.
        const bytes = Buffer.from(text, 'utf8');
        commit([{ end: bytes.length, onCommitted }], bytes);
        return;
      }
      used += buffer.write(text, used, 'utf8');
      pending.push({ end: used, onCommitted });
      timer ??= setTimeout(() => {
        try {
          writePending();
        } catch (error) {
          failure ??= { error };
        }
      }, batchDelayMs).unref();
    },
    async flush() {
      rethrow();
      writePending();
      await target.sync();
    },
  };
}

interface Pending {
  readonly report: Report;
  readonly onCommitted: OnCommitted;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/** Results are saved in batches of `batchSize` (or whatever is waiting after `maxDelayMs`), one transaction each. */
export function storeSink(
  store: ScanStore,
  checkLogic: CheckLogic,
  options: { batchSize?: number; maxDelayMs?: number } = {},
): FleetSink {
  const batchSize = options.batchSize ?? 64;
  const maxDelayMs = options.maxDelayMs ?? 200;
  let pending: Pending[] = [];
  let timer: NodeJS.Timeout | undefined;
  let writing: Promise<void> = Promise.resolve();

  const save = (): Promise<void> => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    const batch = pending;
    pending = [];
    if (batch.length === 0) return writing;
    // One batch at a time, in order.
    writing = writing.then(async () => {
      try {
        await store.saveScans(
          batch.map((item) => item.report),
          checkLogic,
        );
      } catch (error) {
        for (const item of batch) item.reject(error);
        return;
      }
      for (const item of batch) {
        item.onCommitted(undefined);
        item.resolve();
      }
    });
    return writing;
  };

  return {
    add(report, onCommitted) {
      return new Promise<void>((resolve, reject) => {
        pending.push({ report, onCommitted, resolve, reject });
        if (pending.length >= batchSize) void save();
        else if (timer === undefined) timer = setTimeout(() => void save(), maxDelayMs);
      });
    },
    flush: save,
  };
}
