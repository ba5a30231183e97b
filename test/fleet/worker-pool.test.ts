// The fleet's thread pool with a stand-in worker: jobs spread over the threads, a thread that dies fails
// only its own jobs, a thread that cannot start stops the pool's start, and the counters add up.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { RenderedResult } from '../../src/fleet/sinks.js';
import { FleetWorkerPool, NoScanningThreadError, parentPreloads } from '../../src/fleet/worker-pool.js';
import type { WorkerSetup } from '../../src/fleet/worker-protocol.js';

const script = new URL('./echo-worker.ts', import.meta.url);
const setup = (checkNames: string[] = []): WorkerSetup => ({
  resolvers: [],
  timeoutMs: 1000,
  cacheEntries: 10,
  checkNames,
  checkOptions: { dkimSelectors: [] },
  output: { kind: 'text', format: 'jsonl' },
});

describe('FleetWorkerPool', () => {
  test('spreads jobs over its threads and adds up their counters when closed', async () => {
    const pool = await FleetWorkerPool.start<RenderedResult>(2, script, setup());
    const domains = Array.from({ length: 20 }, (_, index) => `d${index}.test`);
    const results = await Promise.all(domains.map((domain) => pool.scan(domain)));
    assert.deepEqual(
      results.map((result) => result.domain),
      domains,
    );
    const stats = await pool.close();
    assert.equal(stats?.queriesSent, 20);
  });

  test('a thread that dies fails its own jobs; the other thread takes the rest', async () => {
    const pool = await FleetWorkerPool.start<RenderedResult>(2, script, setup());
    const outcomes = await Promise.allSettled([pool.scan('a.test'), pool.scan('crash.test')]);
    const failed = outcomes.filter((outcome) => outcome.status === 'rejected');
    assert.ok(failed.length >= 1);
    for (const outcome of failed) assert.match(String(outcome.reason), /scanning thread exited \(code 3\)/);
    const after = await Promise.all(['b.test', 'c.test', 'd.test'].map((domain) => pool.scan(domain)));
    assert.deepEqual(
      after.map((result) => result.text),
      ['b.test\n', 'c.test\n', 'd.test\n'],
    );
    await assert.rejects(pool.scan('throw.test'), /scan threw/);
    await pool.close();
  });

  test('when every thread is gone, a scan is refused with the reason', async () => {
    const pool = await FleetWorkerPool.start<RenderedResult>(1, script, setup());
    await assert.rejects(pool.scan('crash.test'), /exited/);
    await assert.rejects(pool.scan('e.test'), (error: unknown) => {
      assert.ok(error instanceof NoScanningThreadError);
      assert.match(error.message, /no scanning thread is left \(scanning thread exited \(code 3\)\)/);
      return true;
    });
    await pool.close();
  });

  test('a thread that cannot start makes start fail with its error', async () => {
    await assert.rejects(
      FleetWorkerPool.start<RenderedResult>(2, script, setup(['fail-at-start'])),
      /a scanning thread could not start: cannot open the runtime/,
    );
  });

  test('parentPreloads keeps --import modules other than tsx, resolving relative paths', () => {
    const modules = parentPreloads([
      '--import',
      'tsx',
      '--import',
      './guard.ts',
      '--import=some-package',
      '--test',
    ]);
    assert.equal(modules.length, 2);
    assert.match(modules[0] ?? '', /^file:\/\/\/.*\/guard\.ts$/);
    assert.equal(modules[1], 'some-package');
  });
});
