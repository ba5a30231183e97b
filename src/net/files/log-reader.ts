// Streams one log file as decoded text chunks: gzip detected by its magic bytes and inflated on the fly,
// the text encoding taken from the BOM (UTF-16 exports from Windows) or sniffed. Never reads a whole file;
// a plain file is read into one reused buffer (decoding copies it), not a fresh megabyte per chunk.

import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be';

export interface StreamInfo {
  readonly compressed: boolean;
  readonly encoding: TextEncoding;
}

export interface ReadOutcome {
  /** Bytes read from disk (compressed size for .gz). */
  readonly bytesRead: number;
  /** Size when the file was opened. */
  readonly size: number;
  readonly compressed: boolean;
  readonly encoding?: TextEncoding;
  /** Why reading stopped early; the text before it was delivered. */
  readonly error?: string;
  /** Fewer bytes than the size at open: the file was truncated while we read it. */
  readonly shrank: boolean;
}

export interface ReadSinks {
  /** Called once, before the first text, when the encoding is known; returns where text goes. */
  start(info: StreamInfo): (text: string) => void;
  onBytes(count: number): void;
}

export const readChunkBytes = 1024 * 1024;
/**
 * Text is handed on in pieces of at most this many bytes: V8 puts a string above 128 KiB in its large-
 * object space, where every chunk would be a fresh mapping and would drive full garbage collections;
 * smaller strings live and die in the young generation (measured: a few per cent less CPU, less system time).
 */
export const textPieceBytes = 64 * 1024;

function describe(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case 'ENOENT':
      return 'the file disappeared before it could be read';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a folder';
    case 'Z_DATA_ERROR':
    case 'Z_BUF_ERROR':
      return `corrupt or truncated gzip data (${error instanceof Error ? error.message : String(error)})`;
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

/** Decides the encoding from the first decoded bytes; returns how many BOM bytes to skip. */
export function sniffEncoding(head: Buffer): { encoding: TextEncoding; bomLength: number } {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', bomLength: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2 };
  // UTF-16 without a BOM: ASCII text shows as NULs in every other byte.
  const sample = head.subarray(0, 512);
  let evenZero = 0;
  let oddZero = 0;
  for (let index = 0; index < sample.length; index += 1) {
    if (sample[index] !== 0) continue;
    if (index % 2 === 0) evenZero += 1;
    else oddZero += 1;
  }
  const pairs = sample.length / 2;
  if (pairs >= 8 && oddZero > pairs * 0.6 && evenZero < pairs * 0.05)
    return { encoding: 'utf-16le', bomLength: 0 };
  if (pairs >= 8 && evenZero > pairs * 0.6 && oddZero < pairs * 0.05)
    return { encoding: 'utf-16be', bomLength: 0 };
  return { encoding: 'utf-8', bomLength: 0 };
}

type Decode = (chunk: Buffer) => string;

function decoderFor(encoding: TextEncoding): Decode {
  // UTF-8 is read as Latin-1: one char per byte, no validation, several times faster; indicators are
  // ASCII and example lines are re-decoded as UTF-8 when shown.
  if (encoding === 'utf-8') return (chunk) => chunk.toString('latin1');
  const decoder = new TextDecoder(encoding, { ignoreBOM: true });
  return (chunk) => decoder.decode(chunk, { stream: true });
}

export async function readLogFile(
  path: string,
  sinks: ReadSinks,
  signal?: AbortSignal,
): Promise<ReadOutcome> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    return { bytesRead: 0, size: 0, compressed: false, error: describe(error), shrank: false };
  }
  let size = 0;
  let compressed = false;
  let bytesRead = 0;
  let encoding: TextEncoding | undefined;
  try {
    const stat = await handle.stat();
    if (stat.isDirectory())
      return { bytesRead: 0, size: 0, compressed: false, error: 'is a folder', shrank: false };
    size = stat.size;
    const magic = Buffer.alloc(2);
    const { bytesRead: magicBytes } = await handle.read(magic, 0, 2, 0);
    compressed = magicBytes === 2 && magic[0] === 0x1f && magic[1] === 0x8b;
    let decode: Decode | undefined;
    let write: ((text: string) => void) | undefined;
    const deliver = (raw: Buffer): void => {
      let chunk = raw;
      if (decode === undefined || write === undefined) {
        const sniffed = sniffEncoding(chunk);
        encoding = sniffed.encoding;
        decode = decoderFor(sniffed.encoding);
        write = sinks.start({ compressed, encoding });
        chunk = chunk.subarray(sniffed.bomLength);
      }
      for (let offset = 0; offset < chunk.length; offset += textPieceBytes)
        write(decode(chunk.subarray(offset, offset + textPieceBytes)));
    };
    if (!compressed) {
      const buffer = Buffer.allocUnsafe(readChunkBytes);
      for (;;) {
        if (signal?.aborted) break;
        const { bytesRead: count } = await handle.read(buffer, 0, buffer.length, bytesRead);
        if (count === 0) break;
        bytesRead += count;
        sinks.onBytes(count);
        deliver(buffer.subarray(0, count));
      }
      return {
        bytesRead,
        size,
        compressed,
        ...(encoding === undefined ? {} : { encoding }),
        shrank: bytesRead < size,
      };
    }
    const source = handle.createReadStream({ start: 0, highWaterMark: readChunkBytes, autoClose: false });
    source.on('data', (chunk: Buffer | string) => {
      bytesRead += chunk.length;
      sinks.onBytes(chunk.length);
    });
    const gunzip = createGunzip({ chunkSize: 256 * 1024 });
    source.on('error', (error) => gunzip.destroy(error));
    const stream: Readable = source.pipe(gunzip);
    for await (const raw of stream) {
      if (signal?.aborted) break;
      deliver(raw as Buffer);
    }
    return {
      bytesRead,
      size,
      compressed,
      ...(encoding === undefined ? {} : { encoding }),
      shrank: !compressed && bytesRead < size,
    };
  } catch (error) {
    return {
      bytesRead,
      size,
      compressed,
      ...(encoding === undefined ? {} : { encoding }),
      error: describe(error),
      shrank: !compressed && bytesRead < size,
    };
  } finally {
    await handle.close().catch(() => undefined);
  }
}
