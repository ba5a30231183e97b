// Replays a recorded `--checks dns` fleet scan in process, without sockets: runScan + jsonlLine for every
// domain, several passes, CPU µs per domain. Measures the checks and the report without the DNS client.
// See README.md.
//
// Usage: node bench/checks/bench.mjs DIST_DIR RECORDING [--passes N] [--limit N] [--concurrency N]
//                                    [--out FILE] [--cpu-prof DIR]
//   --passes N        passes over all domains (default 5); the first warms up the JIT and is not in the median
//   --out FILE        write each domain's whole report (JSON.stringify, with `checks`) from the first pass,
//                     in list order, to compare builds byte for byte (cmp)
//   --cpu-prof DIR    profile each pass after the first (node:inspector) into DIR/checks-PID-passN.cpuprofile

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { decodeValue, fixedClock, loadBuild, refusingFetcher } from './kit.mjs';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    passes: { type: 'string', default: '5' },
    limit: { type: 'string' },
    concurrency: { type: 'string', default: '12' },
    out: { type: 'string' },
    'cpu-prof': { type: 'string' },
  },
});
const [distDir, recordingFile] = positionals;
if (distDir === undefined || recordingFile === undefined) {
  console.error(
    'usage: bench.mjs DIST_DIR RECORDING [--passes N] [--limit N] [--concurrency N] [--out FILE] [--cpu-prof DIR]',
  );
  process.exit(2);
}

const build = await loadBuild(distDir);
const lines = readFileSync(recordingFile, 'utf8').split('\n');
const header = JSON.parse(lines[0]);
// By type and CD bit, then by name: the lookup then hashes only the name the check built, no joined key.
// Each pass gets answer objects of its own, read again from the recording before it starts: a real run's
// answers are new objects from the wire, so what checks remember per answer object (evidence) must not carry
// over from one pass to the next.
let answers = new Map();
function loadAnswers() {
  answers = new Map();
  for (let i = 1; i < lines.length; i++) {
    if (lines[i] === '') continue;
    const [key, answer] = JSON.parse(lines[i], decodeValue);
    const [name, type, cd] = key.split('\t');
    const group = `${type}\t${cd}`;
    if (!answers.has(group)) answers.set(group, new Map());
    answers.get(group).set(name, answer);
  }
}
const noAnswers = new Map();
// A full collection before each pass, so the previous pass's answers are not collected inside the next one.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc');
const domains = values.limit === undefined ? header.domains : header.domains.slice(0, Number(values.limit));
const targets = domains.map((domain) => {
  const parsed = build.parseDomain(domain);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.target;
});

// Answers come back as the wire client's cache gives them: the same object for the same question in a pass.
let misses = 0;
const dns = {
  async query(name, type, options) {
    const group = answers.get(options?.checkingDisabled === true ? `${type}\tcd` : `${type}\t`) ?? noAnswers;
    const answer = group.get(name);
    if (answer !== undefined) return answer;
    misses++;
    return { kind: 'error', name, type, reason: 'other', detail: 'not in the recording' };
  },
};
const https = refusingFetcher(dns);
const options = { dkimSelectors: [] };

async function pass(outLines) {
  let next = 0;
  let bytes = 0;
  const worker = async () => {
    while (next < targets.length) {
      const index = next++;
      const controller = new AbortController();
      const report = await build.runScan({
        target: targets[index],
        checks: build.checks,
        resolvers: ['127.0.0.1:5301'],
        context: { dns, https, clock: fixedClock, signal: controller.signal, options },
      });
      bytes += build.jsonlLine(report).length;
      if (outLines !== undefined) outLines[index] = JSON.stringify(report);
    }
  };
  const before = process.cpuUsage();
  const started = process.hrtime.bigint();
  await Promise.all(Array.from({ length: Number(values.concurrency) }, worker));
  const cpu = process.cpuUsage(before);
  return {
    usPerDomain: (cpu.user + cpu.system) / targets.length,
    wallMs: Number(process.hrtime.bigint() - started) / 1e6,
    bytes,
  };
}

const median = (list) => {
  const sorted = [...list].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

const passes = Math.max(1, Number(values.passes));
const measured = [];
const profileDir = values['cpu-prof'];
let session;
if (profileDir !== undefined) {
  mkdirSync(profileDir, { recursive: true });
  session = new Session();
  session.connect();
  await session.post('Profiler.enable');
}
for (let i = 0; i < passes; i++) {
  loadAnswers();
  collectGarbage();
  // Only the passes themselves are profiled, one file each: not the warm-up, not the reading of the recording.
  const profiled = session !== undefined && i > 0;
  if (profiled) await session.post('Profiler.start');
  const outLines = i === 0 && values.out !== undefined ? [] : undefined;
  const result = await pass(outLines);
  if (profiled) {
    const { profile } = await session.post('Profiler.stop');
    const file = path.join(profileDir, `checks-${process.pid}-pass${i + 1}.cpuprofile`);
    writeFileSync(file, JSON.stringify(profile));
    console.log(`profile: ${file}`);
  }
  if (outLines !== undefined) writeFileSync(values.out, `${outLines.join('\n')}\n`);
  if (i > 0) measured.push(result.usPerDomain);
  console.log(
    `pass ${i + 1}: ${result.usPerDomain.toFixed(1)} µs CPU/domain, ${result.wallMs.toFixed(0)} ms wall, ${(result.bytes / targets.length).toFixed(0)} B/report${i === 0 ? ' (warm-up)' : ''}`,
  );
}
if (misses > 0) console.log(`warning: ${misses} questions were not in the recording (answered as errors)`);
if (measured.length > 0)
  console.log(
    `median: ${median(measured).toFixed(1)} µs CPU/domain over ${measured.length} passes, ${targets.length} domains`,
  );
