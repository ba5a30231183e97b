import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { logIndicatorDataset } from '../../knowledge/log-indicators.js';
import { type ScanFilesOptions, scanFiles } from './scan-files.js';
import { expandPaths } from './walk.js';
import { scanFilesInWorkers } from './worker-pool.js';

const scan = {
  indicators: logIndicatorDataset.indicators,
  maxLineLength: 65_536,
  exampleLimit: 50,
  thorough: false,
};
const inThread: ScanFilesOptions = { ...scan, concurrency: 2 };
const onThreads: ScanFilesOptions = { ...scan, concurrency: 1, workers: 2, minBytesForWorkers: 0 };

// A stand-in worker entry: answers like the real one, but fails on purpose for some file names.
const failingWorker = `
import { parentPort } from 'node:worker_threads';
parentPort.on('message', (message) => {
  if (message.kind === 'stop') return parentPort.close();
  const path = message.entry.path;
  if (path.includes('throws')) throw new Error('planted failure');
  if (path.includes('exits')) process.exit(7);
  parentPort.postMessage({ kind: 'done', index: message.index, outcome: {
    report: { path, status: 'scanned', compressed: false, bytes: 0, lines: 0, notes: [] },
    tallies: new Map(), notEvaluable: [] } });
});
parentPort.postMessage({ kind: 'ready' });
`;

describe('worker pool', () => {
  let work: string;
  before(async () => {
    work = await mkdtemp(join(tmpdir(), 'telltale-pool-'));
  });
  after(async () => {
    await rm(work, { recursive: true, force: true });
  });

  test('worker threads give exactly the outcomes and tallies of the single-thread path', async () => {
    const { files } = await expandPaths(['test/fixtures/logs/compromised', 'test/fixtures/logs/clean']);
    assert.ok(files.length >= 8);
    const reference = await scanFiles(files, inThread);
    let bytes = 0;
    const threaded = await scanFiles(files, { ...onThreads, onBytes: (count) => (bytes += count) });
    assert.deepEqual(threaded, reference);
    assert.equal(
      bytes,
      files.reduce((sum, file) => sum + file.size, 0),
    );
    const thorough = await scanFiles(files, { ...onThreads, thorough: true });
    assert.deepEqual(thorough.tallies, reference.tallies);
  });

  test('a file that cannot be read in a worker is reported as an error like in this thread', async () => {
    const gone = { path: join(work, 'rotated-away.log'), size: 1 };
    const { files } = await expandPaths(['test/fixtures/logs/clean']);
    const result = await scanFiles([gone, ...files], onThreads);
    assert.deepEqual(result.outcomes, (await scanFiles([gone, ...files], inThread)).outcomes);
    assert.equal(result.outcomes[0]?.report.status, 'error');
    assert.match(result.outcomes[0]?.report.notes.join() ?? '', /disappeared/);
  });

  test('a worker that throws or exits costs only its file, reported, and the rest are still scanned', async () => {
    const entry = join(work, 'failing-worker.mjs');
    await writeFile(entry, failingWorker);
    const names = ['a.log', 'throws.log', 'b.log', 'exits.log', 'c.log'];
    const files = names.map((name) => ({ path: join(work, name), size: 10 }));
    const outcomes = await scanFilesInWorkers(files, { workers: 2, scan, entry: pathToFileURL(entry) });
    assert.deepEqual(
      outcomes.map((outcome) => outcome?.report.status),
      ['scanned', 'error', 'scanned', 'error', 'scanned'],
    );
    assert.match(outcomes[1]?.report.notes.join() ?? '', /scanner thread failed \(planted failure\)/);
    assert.match(outcomes[3]?.report.notes.join() ?? '', /exited with code 7/);
  });

  test('an abort stops the workers and returns what was done, without hanging', async () => {
    const entry = join(work, 'slow-worker.mjs');
    // Answers the first file, then never answers again: only the abort can end the scan.
    await writeFile(
      entry,
      `import { parentPort } from 'node:worker_threads';
let answered = false;
parentPort.on('message', (message) => {
  if (message.kind !== 'scan' || answered) return;
  answered = true;
  parentPort.postMessage({ kind: 'done', index: message.index, outcome: { report: { path: message.entry.path,
    status: 'scanned', compressed: false, bytes: 0, lines: 0, notes: [] }, tallies: new Map(), notEvaluable: [] } });
  parentPort.postMessage({ kind: 'bytes', count: 1 });
});
parentPort.postMessage({ kind: 'ready' });
`,
    );
    const files = ['a.log', 'b.log', 'c.log'].map((name) => ({ path: join(work, name), size: 1 }));
    const controller = new AbortController();
    const pending = scanFilesInWorkers(files, {
      workers: 1,
      scan,
      entry: pathToFileURL(entry),
      signal: controller.signal,
      // Sent right after the first file's outcome: abort while the second file hangs.
      onBytes: () => controller.abort(),
    });
    const outcomes = await pending;
    assert.equal(outcomes.filter((outcome) => outcome !== undefined).length, 1);
    const early = new AbortController();
    early.abort();
    const none = await scanFilesInWorkers(files, {
      workers: 2,
      scan,
      entry: pathToFileURL(entry),
      signal: early.signal,
    });
    assert.deepEqual(Array.from(none), [undefined, undefined, undefined]);
  });

  test('a worker that cannot start fails the scan instead of hanging', async () => {
    const entry = join(work, 'broken-worker.mjs');
    await writeFile(entry, "throw new Error('cannot start');\n");
    const files = [{ path: join(work, 'a.log'), size: 1 }];
    await assert.rejects(
      scanFilesInWorkers(files, { workers: 2, scan, entry: pathToFileURL(entry) }),
      /cannot start/,
    );
  });
});
