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

/** Anything text can be appended to; `write` returns the size after the write when it is a file. */
export interface TextTarget {
  write(text: string): number | undefined;
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
 * Rendered lines are written in batches of about this many characters: one system call for several
 * domains instead of one each. A batch is committed (and its domains recorded as done) only once written,
 * so a kill loses at most one batch, and those domains are scanned again on --resume.
 */
const batchChars = 1 << 17;
/** …or after this long, so a slow trickle of results (and the runner's window) does not wait for a checkpoint. */
const batchDelayMs = 50;

interface Rendered {
  readonly text: string;
  readonly onCommitted: OnCommitted;
}

function renderedTextSink<R>(
  target: TextTarget,
  format: FleetFormat,
  fresh: boolean,
  render: (result: R) => string,
): FleetSink<R> {
  const { header } = formatter(format);
  if (fresh && header !== '') target.write(header);
  let pending: Rendered[] = [];
  let pendingChars = 0;
  let timer: NodeJS.Timeout | undefined;
  const writePending = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    pendingChars = 0;
    const end = target.write(
      batch.length === 1 ? (batch[0]?.text ?? '') : batch.map((item) => item.text).join(''),
    );
    if (end === undefined) {
      for (const item of batch) item.onCommitted(undefined);
      return;
    }
    // Each domain's state entry vouches for the output up to the end of its own line.
    let offset = end;
    for (const item of batch) offset -= Buffer.byteLength(item.text, 'utf8');
    for (const item of batch) {
      offset += Buffer.byteLength(item.text, 'utf8');
      item.onCommitted(offset);
    }
  };
  return {
    async add(result, onCommitted) {
      const text = render(result);
      pending.push({ text, onCommitted });
      pendingChars += text.length;
      if (pendingChars >= batchChars) writePending();
      else timer ??= setTimeout(writePending, batchDelayMs).unref();
    },
    async flush() {
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
