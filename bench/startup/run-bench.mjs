#!/usr/bin/env node
// Start-up time of the built CLI: each command line run N times, interleaved with a bare `node` as the
// reference, so load from other work on the machine hits every command alike. Needs `npm run build`.
//
//   node bench/startup/run-bench.mjs [runs=21] [root…]
//
// Each root is a built checkout (default: this one). Several roots are measured in the same rounds, so a
// before/after comparison sees the same load: e.g. `git archive <commit> | tar -x -C /tmp/before`, link
// node_modules there, `npx tsc -p tsconfig.build.json`, then pass /tmp/before and this checkout.
// Prints per root and command: median, min and max wall time in ms, the median minus bare node, and the
// ratio of the median to the first root's.
import { spawnSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';

const runs = Number(process.argv[2] ?? 21);
const given = process.argv.slice(3);
const roots = given.length > 0 ? given : [fileURLToPath(new URL('../../', import.meta.url))];

/** Each case: the arguments after `node`, and the exit code it must end with (a wrong one spoils the figure). */
const cases = [
  { name: 'telltale --help', args: ['bin/telltale.js', '--help'], code: 0 },
  { name: 'telltale checks', args: ['bin/telltale.js', 'checks'], code: 0 },
  { name: 'telltale scan --help', args: ['bin/telltale.js', 'scan', '--help'], code: 0 },
  // A domain that fails validation: exit 2 before any DNS, so no network is involved.
  {
    name: 'telltale spf bad..domain --ip 192.0.2.1',
    args: ['bin/telltale.js', 'spf', 'bad..domain', '--ip', '192.0.2.1'],
    code: 2,
  },
];
const reference = { name: 'node -e 0 (reference)', args: ['-e', '0'], code: 0 };

function timeOnce(root, { args, code }) {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== code) {
    throw new Error(
      `${root}: node ${args.join(' ')} exited ${result.status}, expected ${code}: ${result.stderr}`,
    );
  }
  return ms;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const referenceSamples = [];
const samples = roots.map(() => cases.map(() => []));
for (const root of roots) for (const each of cases) timeOnce(root, each); // warm the page cache
for (let run = 0; run < runs; run++) {
  referenceSamples.push(timeOnce(roots[0], reference));
  for (const [caseIndex, each] of cases.entries()) {
    for (const [rootIndex, root] of roots.entries()) samples[rootIndex][caseIndex].push(timeOnce(root, each));
  }
}

const model = cpus()[0]?.model ?? '?';
console.log(`${new Date().toISOString()}  node ${process.version}  ${cpus().length} cores (${model})`);
const load = loadavg()
  .map((value) => value.toFixed(2))
  .join(' ');
console.log(`load average after: ${load}  runs per command: ${runs}`);
const nodeMedian = median(referenceSamples);
console.log(`${reference.name.padEnd(42)}  median ${nodeMedian.toFixed(0).padStart(5)} ms`);
for (const [rootIndex, root] of roots.entries()) {
  console.log(`\n${root}`);
  for (const [caseIndex, { name }] of cases.entries()) {
    const values = samples[rootIndex][caseIndex];
    const mid = median(values);
    const first = median(samples[0][caseIndex]);
    const line = [
      name.padEnd(42),
      `median ${mid.toFixed(0).padStart(5)} ms`,
      `min ${Math.min(...values)
        .toFixed(0)
        .padStart(5)}`,
      `max ${Math.max(...values)
        .toFixed(0)
        .padStart(5)}`,
      `minus node ${(mid - nodeMedian).toFixed(0).padStart(5)} ms`,
      `× ${(mid / first).toFixed(2)} of the first root`,
    ];
    console.log(line.join('  '));
  }
}
