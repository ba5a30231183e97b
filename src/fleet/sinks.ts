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
  sync(): void;
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

function renderedTextSink<R>(
  target: TextTarget,
  format: FleetFormat,
  fresh: boolean,
  render: (result: R) => string,
): FleetSink<R> {
  const { header } = formatter(format);
  if (fresh && header !== '') target.write(header);
  return {
    async add(result, onCommitted) {
      // No await between the write and the record: a kill cannot fall between them.
      onCommitted(target.write(render(result)));
    },
    async flush() {
      target.sync();
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
