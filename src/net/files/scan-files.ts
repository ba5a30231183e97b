// Runs the pure file scanner over many files: on worker threads when there is enough to read (every
// core parses), otherwise in this thread a bounded number at a time (reading and inflating overlap with
// parsing); results merged in the order files were given, so both paths give the same report.

import { createFileScanner, type FileScanner, type FileScanOptions } from '../../logs/file-scanner.js';
import { logMessages } from '../../logs/messages.js';
import type { FileOutcome, FileReport, FileStatus } from '../../logs/report.js';
import { mergeTallies, type Tallies } from '../../logs/tally.js';
import { readLogFile } from './log-reader.js';
import type { FileEntry } from './walk.js';
import { scanFilesInWorkers } from './worker-pool.js';

export interface ScanFilesOptions extends Omit<FileScanOptions, 'latin1Utf8'> {
  /** Files read at the same time by one thread. */
  readonly concurrency: number;
  /** Worker threads; 1 (the default) scans in this thread. */
  readonly workers?: number;
  /** Below this many bytes in all, starting threads costs more than it saves: scan in this thread. */
  readonly minBytesForWorkers?: number;
  readonly onBytes?: (count: number) => void;
  readonly signal?: AbortSignal;
}

export interface ScanFilesResult {
  readonly outcomes: readonly FileOutcome[];
  readonly tallies: Tallies;
}

export async function scanOneFile(entry: FileEntry, options: ScanFilesOptions): Promise<FileOutcome> {
  let scanner: FileScanner | undefined;
  const outcome = await readLogFile(
    entry.path,
    {
      start: (info) => {
        const created = createFileScanner(entry.path, { ...options, latin1Utf8: info.encoding === 'utf-8' });
        scanner = created;
        return (text) => created.push(text);
      },
      onBytes: (count) => options.onBytes?.(count),
    },
    options.signal,
  );
  const result = (scanner ?? createFileScanner(entry.path, { ...options, latin1Utf8: true })).end();
  const notes: string[] = [];
  if (result.skipReason !== undefined) notes.push(logMessages.skipped(result.skipReason));
  if (outcome.error !== undefined) notes.push(logMessages.readError(outcome.error));
  if (outcome.shrank) notes.push(logMessages.shrank());
  if (result.longLines > 0) notes.push(logMessages.longLines(result.longLines, options.maxLineLength));
  if (result.binaryLines > 0) notes.push(logMessages.binaryLines(result.binaryLines));
  const status: FileStatus =
    result.format === undefined
      ? outcome.error !== undefined && outcome.bytesRead === 0
        ? 'error'
        : outcome.error !== undefined
          ? 'error'
          : 'skipped'
      : outcome.error !== undefined || outcome.shrank
        ? 'partial'
        : 'scanned';
  const report: FileReport = {
    path: entry.path,
    status,
    ...(result.format === undefined ? {} : { format: result.format }),
    compressed: outcome.compressed,
    ...(outcome.encoding === undefined ? {} : { encoding: outcome.encoding }),
    bytes: outcome.bytesRead,
    lines: result.lines,
    ...(result.firstTime === undefined ? {} : { firstTime: result.firstTime }),
    ...(result.lastTime === undefined ? {} : { lastTime: result.lastTime }),
    notes,
  };
  return { report, tallies: result.tallies, notEvaluable: result.notEvaluable };
}

/** Worth starting threads from here on (a thread starts in about 0.1 s, 0.5 s from the sources). */
export const defaultMinBytesForWorkers = 64 * 1024 * 1024;

function usesWorkers(files: readonly FileEntry[], options: ScanFilesOptions): boolean {
  if ((options.workers ?? 1) < 2 || files.length < 2) return false;
  const total = files.reduce((sum, file) => sum + file.size, 0);
  return total >= (options.minBytesForWorkers ?? defaultMinBytesForWorkers);
}

async function scanInThread(
  files: readonly FileEntry[],
  options: ScanFilesOptions,
): Promise<(FileOutcome | undefined)[]> {
  const outcomes: (FileOutcome | undefined)[] = new Array(files.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let index = next++; index < files.length; index = next++) {
      const entry = files[index];
      if (entry === undefined || options.signal?.aborted) continue;
      outcomes[index] = await scanOneFile(entry, options);
    }
  };
  const lanes = Math.max(1, Math.min(options.concurrency, files.length));
  await Promise.all(Array.from({ length: lanes }, worker));
  return outcomes;
}

export async function scanFiles(
  files: readonly FileEntry[],
  options: ScanFilesOptions,
): Promise<ScanFilesResult> {
  const outcomes = usesWorkers(files, options)
    ? await scanFilesInWorkers(files, {
        workers: options.workers ?? 1,
        scan: {
          indicators: options.indicators,
          maxLineLength: options.maxLineLength,
          exampleLimit: options.exampleLimit,
          thorough: options.thorough,
        },
        ...(options.onBytes === undefined ? {} : { onBytes: options.onBytes }),
        ...(options.signal === undefined ? {} : { signal: options.signal }),
      })
    : await scanInThread(files, options);
  const done = outcomes.filter((outcome): outcome is FileOutcome => outcome !== undefined);
  const tallies: Tallies = new Map();
  for (const outcome of done) mergeTallies(tallies, outcome.tallies, options.exampleLimit);
  return { outcomes: done, tallies };
}
