// The fleet's files: the output it appends results to and the state file that records finished domains.
// Writes are synchronous and in order (output, then the state lines vouching for it), so a kill between two
// writes leaves both files consistent; fsync is batched (checkpoint) and runs off the main thread.

import {
  closeSync,
  createReadStream,
  existsSync,
  fstatSync,
  fsync,
  fsyncSync,
  ftruncateSync,
  openSync,
  writeSync,
} from 'node:fs';
import { createInterface } from 'node:readline';
import {
  headerLine,
  type ParsedState,
  parseState,
  type StateEntry,
  type StateHeader,
} from './progress-state.js';

/** An output file written from `offset` on; `write` returns the size once the text is in. */
export class OutputFile {
  private constructor(
    private readonly fd: number,
    private position: number,
  ) {}

  /** Fresh (`offset` 0: truncated), or resumed: cut back to `offset`, what the state file vouches for. */
  static open(path: string, offset: number): OutputFile {
    const fd = openSync(path, existsSync(path) ? 'r+' : 'w+');
    const size = fstatSync(fd).size;
    const keep = Math.min(offset, size);
    if (size !== keep) ftruncateSync(fd, keep);
    return new OutputFile(fd, keep);
  }

  get offset(): number {
    return this.position;
  }

  write(bytes: Uint8Array): number {
    let written = 0;
    while (written < bytes.length) {
      written += writeSync(this.fd, bytes, written, bytes.length - written, this.position + written);
    }
    this.position += bytes.length;
    return this.position;
  }

  sync(): Promise<void> {
    return fsyncAsync(this.fd);
  }

  close(): void {
    fsyncSync(this.fd);
    closeSync(this.fd);
  }
}

/** Reads an existing state file line by line (bounded memory); undefined when there is none. */
export async function readStateFile(path: string): Promise<ParsedState | undefined> {
  if (!existsSync(path)) return undefined;
  const lines = createInterface({
    input: createReadStream(path, 'utf8'),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  return parseState(lines);
}

function fsyncAsync(fd: number): Promise<void> {
  return new Promise((resolve, reject) => fsync(fd, (error) => (error === null ? resolve() : reject(error))));
}

/**
 * The append-only record of finished domains. The lines recorded in one turn of the event loop (a batch
 * of output just written) go out in one write at the end of it; a line lost to a kill only means that
 * domain is scanned again on --resume.
 */
export class StateFile {
  private pending: string[] = [];
  private scheduled = false;
  /** A write that failed at the end of a turn, thrown to the next caller (the runner reports it). */
  private failure: { readonly error: unknown } | undefined;
  private constructor(private readonly fd: number) {}

  /** `fresh`: starts over with a new header; otherwise appends to what is there. */
  static open(path: string, header: StateHeader, fresh: boolean): StateFile {
    const fd = openSync(path, fresh ? 'w' : 'a');
    if (fresh) {
      writeSync(fd, headerLine(header));
      fsyncSync(fd);
    }
    return new StateFile(fd);
  }

  record(line: string): void {
    this.rethrow();
    this.pending.push(line);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      try {
        this.writePending();
      } catch (error) {
        this.failure ??= { error };
      }
    });
  }

  sync(): Promise<void> {
    this.rethrow();
    this.writePending();
    return fsyncAsync(this.fd);
  }

  close(): void {
    try {
      this.rethrow();
      this.writePending();
      fsyncSync(this.fd);
    } finally {
      closeSync(this.fd);
    }
  }

  private rethrow(): void {
    if (this.failure !== undefined) throw this.failure.error;
  }

  private writePending(): void {
    if (this.pending.length === 0) return;
    const text = this.pending.join('');
    this.pending = [];
    writeSync(this.fd, text);
  }
}

export type { StateEntry };

/** Lines that name a domain (not blank, not only a comment): the progress bar's total, counted first. */
export async function countDomainLines(path: string): Promise<number> {
  let count = 0;
  const lines = createInterface({
    input: createReadStream(path, 'utf8'),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  for await (const line of lines) if (line.replace(/#.*$/, '').trim() !== '') count += 1;
  return count;
}
