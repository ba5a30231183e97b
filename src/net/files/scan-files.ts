// Runs the pure file scanner over many files: each file streamed by the reader, a bounded number at a
// time (reading and inflating overlap with parsing), results merged in the order files were given.

import { createFileScanner, type FileScanner, type FileScanOptions } from '../../logs/file-scanner.js';
import { logMessages } from '../../logs/messages.js';
import type { FileOutcome, FileReport, FileStatus } from '../../logs/report.js';
import { mergeTallies, type Tallies } from '../../logs/tally.js';
import { readLogFile } from './log-reader.js';
import type { FileEntry } from './walk.js';

export interface ScanFilesOptions extends Omit<FileScanOptions, 'latin1Utf8'> {
  /** Files read at the same time. */
  readonly concurrency: number;
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

export async function scanFiles(
  files: readonly FileEntry[],
  options: ScanFilesOptions,
): Promise<ScanFilesResult> {
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
  const done = outcomes.filter((outcome): outcome is FileOutcome => outcome !== undefined);
  const tallies: Tallies = new Map();
  for (const outcome of done) mergeTallies(tallies, outcome.tallies, options.exampleLimit);
  return { outcomes: done, tallies };
}
