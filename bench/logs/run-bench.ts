// Benchmarks `telltale logs` on a generated corpus against grep -E and ripgrep counting the same prefilter
// literals in the same run; prints a Markdown table for docs/performance.md.
// Usage: node --import tsx bench/logs/run-bench.ts [DIR] [RUNS]   (generate DIR with generate-corpus.ts first)

import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { logIndicatorDataset } from '../../src/knowledge/log-indicators.js';

const dir = process.argv[2] ?? '/tmp/telltale-logs-corpus';
const runs = Number(process.argv[3] ?? '3');

function totalBytes(path: string): number {
  const info = statSync(path);
  if (!info.isDirectory()) return info.size;
  return readdirSync(path).reduce((sum, name) => sum + totalBytes(join(path, name)), 0);
}

// The literals telltale looks for before it parses a line, as one case-insensitive alternation.
const literals = [
  ...new Set(logIndicatorDataset.indicators.flatMap((indicator) => indicator.prefilter)),
].sort();
const pattern = literals.map((literal) => literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');

const commands: readonly { name: string; argv: readonly string[] }[] = [
  {
    name: 'telltale logs',
    argv: [
      process.execPath,
      '--import',
      'tsx',
      'bench/logs/telltale-cli.ts',
      'logs',
      dir,
      '--format',
      'json',
      '--no-progress',
      '--examples',
      '2',
    ],
  },
  { name: 'grep -Eic -r', argv: ['grep', '-E', '-i', '-c', '-r', pattern, dir] },
  { name: 'rg -ic', argv: ['rg', '-i', '-c', pattern, dir] },
];

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

const bytes = totalBytes(dir);
const results: { name: string; seconds: number[] }[] = [];
for (const command of commands) {
  const [program, ...args] = command.argv;
  const seconds: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const started = performance.now();
    const result = spawnSync(program ?? '', args, {
      // stdout is read, not /dev/null: GNU grep stops at the first match when its output is discarded.
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 1 << 30,
    });
    seconds.push((performance.now() - started) / 1000);
    if (result.error !== undefined) throw result.error;
  }
  results.push({ name: command.name, seconds });
}

const cpu = /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? 'unknown';
const rate = (seconds: number): number => bytes / 1e6 / seconds;
const rgRate = rate(median(results.find((result) => result.name === 'rg -ic')?.seconds ?? []));
process.stdout.write(
  `Date: ${new Date().toISOString()}; machine: ${cpus().length} cores (nproc), ${cpu}; node ${process.version}\n` +
    `Corpus: ${dir}, ${(bytes / 1e9).toFixed(2)} GB; ${runs} runs each, median\n` +
    `Pattern: ${pattern}\n\n| tool | runs (s) | median (s) | MB/s | vs rg |\n| --- | --- | --- | --- | --- |\n`,
);
for (const result of results) {
  const med = median(result.seconds);
  process.stdout.write(
    `| ${result.name} | ${result.seconds.map((value) => value.toFixed(2)).join(', ')} | ${med.toFixed(2)} | ${rate(med).toFixed(0)} | ${(rate(med) / rgRate).toFixed(2)} |\n`,
  );
}
