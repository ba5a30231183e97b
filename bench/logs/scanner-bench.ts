// Times the pure file scanner on one log file already in memory (no I/O), to compare scanner changes
// without the noise of reading: MB/s of one thread, best of N rounds.
// Usage: node --import tsx bench/logs/scanner-bench.ts FILE [ROUNDS] [--dist]
// --dist times the built dist/ (tsx adds a naming helper to every closure it compiles, which skews this).

import { readFileSync } from 'node:fs';
import type * as Indicators from '../../src/knowledge/log-indicators.js';
import type * as Scanner from '../../src/logs/file-scanner.js';

const file = process.argv[2];
if (file === undefined) throw new Error('usage: scanner-bench.ts FILE [ROUNDS] [--dist]');
const rounds = Number(process.argv[3] ?? '5');
const root = process.argv.includes('--dist') ? '../../dist/src' : '../../src';
const { logIndicatorDataset } = (await import(`${root}/knowledge/log-indicators.js`)) as typeof Indicators;
const { createFileScanner } = (await import(`${root}/logs/file-scanner.js`)) as typeof Scanner;
const bytes = readFileSync(file);
const chunkBytes = Number(process.env.CHUNK_KIB ?? '1024') * 1024;
const chunks: Buffer[] = [];
for (let offset = 0; offset < bytes.length; offset += chunkBytes)
  chunks.push(bytes.subarray(offset, offset + chunkBytes));

let best = Number.POSITIVE_INFINITY;
let bestCpu = Number.POSITIVE_INFINITY;
for (let round = 0; round < rounds; round += 1) {
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  const scanner = createFileScanner(file, {
    indicators: logIndicatorDataset.indicators,
    maxLineLength: 64 * 1024,
    exampleLimit: 5,
    thorough: false,
    latin1Utf8: true,
  });
  for (const chunk of chunks) scanner.push(chunk.toString('latin1'));
  const result = scanner.end();
  const ms = performance.now() - started;
  const cpu = process.cpuUsage(cpuStarted);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  best = Math.min(best, ms);
  bestCpu = Math.min(bestCpu, cpuMs);
  const hits = [...result.tallies.values()].reduce((sum, tally) => sum + tally.count, 0);
  process.stdout.write(
    `round ${round + 1}: ${ms.toFixed(0)} ms (CPU ${cpuMs.toFixed(0)} ms), ${result.lines} lines, ${hits} hits\n`,
  );
}
const rate = (ms: number): string => (bytes.length / 1e6 / (ms / 1000)).toFixed(0);
process.stdout.write(`best: ${rate(best)} MB/s (one thread), ${rate(bestCpu)} MB/s per CPU second\n`);
