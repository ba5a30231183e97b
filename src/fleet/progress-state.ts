// Which domains of a fleet run are done, in bounded memory: everything below a low-water mark, plus the few
// finished out of order above it. Rebuilt from the state file on --resume.

export class CompletionTracker {
  private lowWater = 0;
  private readonly above = new Set<number>();

  /** Every index below this is done. */
  get mark(): number {
    return this.lowWater;
  }

  /** Finished out of order, above the mark: bounded by the runner's window. */
  get outOfOrder(): number {
    return this.above.size;
  }

  isDone(index: number): boolean {
    return index < this.lowWater || this.above.has(index);
  }

  markDone(index: number): void {
    if (index < this.lowWater) return;
    this.above.add(index);
    while (this.above.delete(this.lowWater)) this.lowWater += 1;
  }
}

/** First line of a state file: what run it belongs to, so --resume refuses another run's state. */
export interface StateHeader {
  readonly telltale: 'fleet-state';
  readonly version: 1;
  /** `jsonl`, `csv` or `db`. */
  readonly sink: string;
  readonly checks: string;
}

/** One completed domain: its input index, its name, and the output size once its result was written. */
export interface StateEntry {
  readonly index: number;
  readonly domain: string;
  readonly offset?: number;
  /** The scan crashed: nothing was written for it. */
  readonly failed?: boolean;
}

export function headerLine(header: StateHeader): string {
  return `${JSON.stringify(header)}\n`;
}

export function entryLine(entry: StateEntry): string {
  const line = {
    i: entry.index,
    d: entry.domain,
    ...(entry.offset === undefined ? {} : { o: entry.offset }),
    ...(entry.failed === true ? { failed: true } : {}),
  };
  return `${JSON.stringify(line)}\n`;
}

export interface ParsedState {
  readonly header?: StateHeader;
  readonly tracker: CompletionTracker;
  readonly completed: number;
  /** Largest output offset recorded: output beyond it was never recorded as done and is cut off. */
  readonly offset: number;
}

function parseHeader(line: string): StateHeader | undefined {
  try {
    const value = JSON.parse(line) as Partial<StateHeader>;
    if (value.telltale !== 'fleet-state' || value.version !== 1) return undefined;
    if (typeof value.sink !== 'string' || typeof value.checks !== 'string') return undefined;
    return { telltale: 'fleet-state', version: 1, sink: value.sink, checks: value.checks };
  } catch {
    return undefined;
  }
}

function parseEntry(line: string): StateEntry | undefined {
  try {
    const value = JSON.parse(line) as { i?: unknown; d?: unknown; o?: unknown };
    if (!Number.isInteger(value.i) || typeof value.d !== 'string') return undefined;
    const offset = Number.isInteger(value.o) ? (value.o as number) : undefined;
    return { index: value.i as number, domain: value.d, ...(offset === undefined ? {} : { offset }) };
  } catch {
    return undefined;
  }
}

/** Reads state lines; a torn last line (a crash mid-write) is ignored, as if that domain had not finished. */
export async function parseState(lines: AsyncIterable<string>): Promise<ParsedState> {
  const tracker = new CompletionTracker();
  let header: StateHeader | undefined;
  let first = true;
  let completed = 0;
  let offset = 0;
  for await (const line of lines) {
    if (first) {
      first = false;
      header = parseHeader(line);
      continue;
    }
    const entry = parseEntry(line);
    if (entry === undefined) continue;
    if (!tracker.isDone(entry.index)) completed += 1;
    tracker.markDone(entry.index);
    if (entry.offset !== undefined) offset = Math.max(offset, entry.offset);
  }
  return { ...(header === undefined ? {} : { header }), tracker, completed, offset };
}
