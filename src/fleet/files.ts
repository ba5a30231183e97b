// The fleet's files: the output it appends results to and the state file that records finished domains.
// Writes are synchronous and in order, so a kill between two writes leaves both files consistent; fsync
// is batched (checkpoint) so a power loss loses at most the last checkpoint's worth, never consistency.

import {
  closeSync,
  createReadStream,
  existsSync,
  fstatSync,
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

  write(text: string): number {
    const bytes = Buffer.from(text, 'utf8');
    let written = 0;
    while (written < bytes.length) {
      written += writeSync(this.fd, bytes, written, bytes.length - written, this.position + written);
    }
    this.position += bytes.length;
    return this.position;
  }

  sync(): void {
    fsyncSync(this.fd);
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

/** The append-only record of finished domains. */
export class StateFile {
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
    writeSync(this.fd, line);
  }

  sync(): void {
    fsyncSync(this.fd);
  }

  close(): void {
    fsyncSync(this.fd);
    closeSync(this.fd);
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
