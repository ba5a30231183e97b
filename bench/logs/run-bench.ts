// Benchmarks `telltale logs` on a generated corpus against grep -E and ripgrep counting the same prefilter
// literals in the same run; prints a Markdown table for docs/performance.md. Runs are interleaved (one of
// each tool per round) so a busy neighbour slows every tool alike, and the load average is printed first.
// Usage: npm run build; node --import tsx bench/logs/run-bench.ts [DIR] [RUNS] [--with-sources]
// (generate DIR with generate-corpus.ts first; --with-sources also times the CLI run through tsx)

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { logIndicatorDataset } from '../../src/knowledge/log-indicators.js';

const positional = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
const dir = positional[0] ?? '/tmp/telltale-logs-corpus';
const runs = Number(positional[1] ?? '3');
const withSources = process.argv.includes('--with-sources');
if (!existsSync('dist/src/cli/entry.js'))
  throw new Error('run `npm run build` first: the benchmark times dist/');

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

const logsArgs = ['logs', dir, '--format', 'json', '--no-progress', '--examples', '2'];
const commands: readonly { name: string; argv: readonly string[] }[] = [
  { name: 'telltale logs', argv: [process.execPath, 'bin/telltale.js', ...logsArgs] },
  ...(withSources
    ? [
        {
          name: 'telltale logs (tsx, sources)',
          argv: [process.execPath, '--import', 'tsx', 'bench/logs/telltale-cli.ts', ...logsArgs],
        },
      ]
    : []),
  { name: 'grep -Eic -r', argv: ['grep', '-E', '-i', '-c', '-r', pattern, dir] },
  { name: 'rg -ic', argv: ['rg', '-i', '-c', pattern, dir] },
];

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

const bytes = totalBytes(dir);
const results = commands.map((command) => ({
  name: command.name,
  seconds: [] as number[],
  cpu: [] as number[],
}));
// CPU seconds (user + system, all threads) from GNU time: a figure a busy neighbour disturbs much less.
const timing = mkdtempSync(join(tmpdir(), 'telltale-bench-'));
const timeFile = join(timing, 'time.txt');
const loads: string[] = [];
// Every telltale run (built or from the sources, whatever the threads) must give the same report.
const reports = new Set<string>();
function telltaleDigest(stdout: string): string {
  const report = JSON.parse(stdout) as { findings: { indicatorId: string; hits: number }[]; totals: unknown };
  return JSON.stringify({
    hits: report.findings.map((finding) => `${finding.indicatorId}: ${finding.hits}`),
    totals: report.totals,
  });
}
for (let run = 0; run < runs; run += 1) {
  for (const [position, command] of commands.entries()) {
    const [program, ...args] = command.argv;
    const uptime = spawnSync('uptime', { encoding: 'utf8' }).stdout?.trim() ?? '';
    const load =
      uptime !== ''
        ? uptime
        : `load average: ${loadavg()
            .map((value) => value.toFixed(2))
            .join(', ')}`;
    loads.push(`round ${run + 1}, ${command.name}: ${load}`);
    process.stderr.write(`${loads[loads.length - 1]}\n`);
    const started = performance.now();
    const result = spawnSync('/usr/bin/time', ['-f', '%U %S', '-o', timeFile, program ?? '', ...args], {
      // stdout is read, not /dev/null: GNU grep stops at the first match when its output is discarded.
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 1 << 30,
    });
    results[position]?.seconds.push((performance.now() - started) / 1000);
    if (command.name.startsWith('telltale')) reports.add(telltaleDigest(result.stdout.toString()));
    if (result.error !== undefined) throw result.error;
    const [user, system] =
      readFileSync(timeFile, 'utf8').trim().split('\n').at(-1)?.split(' ').map(Number) ?? [];
    results[position]?.cpu.push((user ?? Number.NaN) + (system ?? Number.NaN));
  }
}
rmSync(timing, { recursive: true, force: true });

const cpu = /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? 'unknown';
const rate = (seconds: number): number => bytes / 1e6 / seconds;
const rg = results.find((result) => result.name === 'rg -ic');
const rgRate = rate(median(rg?.seconds ?? []));
const rgCpu = median(rg?.cpu ?? []);
process.stdout.write(
  `telltale reports: ${reports.size === 1 ? 'identical in every run' : 'DIFFERENT between runs'}: ${[...reports].join(' / ')}\n\n`,
);
process.stdout.write(
  `Date: ${new Date().toISOString()}; machine: ${cpus().length} cores (nproc), ${cpu}; node ${process.version}\n` +
    `Corpus: ${dir}, ${(bytes / 1e9).toFixed(2)} GB; ${runs} runs each, median\n` +
    `Pattern: ${pattern}\n${loads.join('\n')}\n\n| tool | runs (s) | median (s) | MB/s | vs rg | CPU s (median) | vs rg, CPU |\n| --- | --- | --- | --- | --- | --- | --- |\n`,
);
for (const result of results) {
  const med = median(result.seconds);
  const cpuSeconds = median(result.cpu);
  process.stdout.write(
    `| ${result.name} | ${result.seconds.map((value) => value.toFixed(2)).join(', ')} | ${med.toFixed(2)} | ${rate(med).toFixed(0)} | ${(rate(med) / rgRate).toFixed(2)} | ${cpuSeconds.toFixed(2)} | ${(rgCpu / cpuSeconds).toFixed(2)} |\n`,
  );
}
