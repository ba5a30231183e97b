// The fleet's pure parts: line reading and parsing, completion tracking and state files, CSV, progress,
// and the choice of checks; then the runner with a fake scan (concurrency, window, failures, batching).

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { DomainCheck } from '../../src/checks/check.js';
import { csvField, csvRows, jsonlLine } from '../../src/fleet/formats.js';
import { fleetDomains, maxLineLength, parseFleetLine, readLines } from '../../src/fleet/input.js';
import { formatDuration, progressLine } from '../../src/fleet/progress.js';
import { CompletionTracker, entryLine, headerLine, parseState } from '../../src/fleet/progress-state.js';
import { runFleet } from '../../src/fleet/runner.js';
import { groupOf, parseChecksOption, selectChecks } from '../../src/fleet/select-checks.js';
import { storeSink, textSink } from '../../src/fleet/sinks.js';
import type { Area, CheckMeta } from '../../src/model/finding.js';
import type { Report, ScanTarget } from '../../src/model/report.js';
import { checkLogicOf } from '../../src/store/check-logic.js';
import type { ScanStore } from '../../src/store/types.js';
import { sampleFinding, sampleReport } from '../store/store-contract.js';

async function* chunks(...parts: (string | Buffer)[]): AsyncGenerator<string | Buffer> {
  for (const part of parts) yield part;
}

async function collectAll<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

describe('fleet input', () => {
  test('lines split across chunks and multi-byte characters, CRLF, a last line without newline', async () => {
    const euro = Buffer.from('bücher.test\n', 'utf8');
    const lines = await collectAll(
      readLines(chunks('a.te', 'st\r\nb.test\n', euro.subarray(0, 2), euro.subarray(2), 'last.test')),
    );
    assert.deepEqual(lines, [
      { line: 1, text: 'a.test' },
      { line: 2, text: 'b.test' },
      { line: 3, text: 'bücher.test' },
      { line: 4, text: 'last.test' },
    ]);
  });

  test('an overlong line is reported, not buffered, and numbering goes on', async () => {
    const long = 'x'.repeat(maxLineLength * 3);
    const lines = await collectAll(readLines(chunks(long.slice(0, 2000), `${long.slice(2000)}\nok.test\n`)));
    assert.deepEqual(lines, [
      { line: 1, text: undefined },
      { line: 2, text: 'ok.test' },
    ]);
  });

  test('comments, blanks, bad lines with their numbers, duplicates skipped', async () => {
    assert.equal(parseFleetLine('  # only a comment', 1).kind, 'blank');
    const withNote = parseFleetLine(' Example.COM  # client 12', 2);
    assert.ok(withNote.kind === 'domain' && withNote.target.domain === 'example.com');
    assert.equal(parseFleetLine('two words.test', 3).kind, 'bad');
    const duplicates: number[] = [];
    const lines = await collectAll(
      fleetDomains(chunks('a.test\n\n# c\n1.2.3.4\nA.test\nb.test\n'), (line) => duplicates.push(line)),
    );
    assert.deepEqual(
      lines.map((line) => [line.kind, line.line]),
      [
        ['domain', 1],
        ['bad', 4],
        ['domain', 6],
      ],
    );
    assert.deepEqual(duplicates, [5]);
  });
});

describe('fleet state', () => {
  test('the tracker keeps a low-water mark and only the out-of-order rest', () => {
    const tracker = new CompletionTracker();
    for (const index of [2, 1, 5]) tracker.markDone(index);
    assert.equal(tracker.mark, 0);
    tracker.markDone(0);
    assert.equal(tracker.mark, 3);
    assert.equal(tracker.outOfOrder, 1);
    assert.ok(tracker.isDone(5) && tracker.isDone(2) && !tracker.isDone(3));
  });

  test('a state file is read back; a torn last line counts as not done; the largest offset wins', async () => {
    const text =
      headerLine({ telltale: 'fleet-state', version: 1, sink: 'jsonl', checks: 'dns' }) +
      entryLine({ index: 1, domain: 'b.test', offset: 200 }) +
      entryLine({ index: 0, domain: 'a.test', offset: 100 }) +
      entryLine({ index: 3, domain: 'd.test', failed: true }) +
      '{"i":2,"d":"c.te';
    const state = await parseState(chunks(...text.split('\n')) as AsyncIterable<string>);
    assert.equal(state.header?.sink, 'jsonl');
    assert.equal(state.completed, 3);
    assert.equal(state.offset, 200);
    assert.equal(state.tracker.mark, 2);
    assert.ok(state.tracker.isDone(3) && !state.tracker.isDone(2));
  });
});

describe('fleet formats and progress', () => {
  const report: Report = {
    ...sampleReport('a.test', '2026-01-01T00:00:00.000Z', [
      { ...sampleFinding('spf.missing', 'fail', 'a.test'), message: 'says "no", then, a line\nbreak' },
    ]),
    checks: {},
  };

  test('CSV fields are quoted per RFC 4180 and one row per finding', () => {
    assert.equal(csvField('plain'), 'plain');
    assert.equal(csvField('a,b'), '"a,b"');
    assert.equal(csvField('say "x"'), '"say ""x"""');
    // Remote text (a TXT record) is defused as in the report's csv format.
    assert.equal(csvField('=HYPERLINK("http://x")'), '"\'=HYPERLINK(""http://x"")"');
    assert.equal(csvField('v=spf1 \u001b[2J'), 'v=spf1 \\x1b[2J');
    const rows = csvRows(report);
    assert.match(
      rows,
      /^a\.test,2026-01-01T00:00:00\.000Z,spf\.missing,,fail,high,a\.test,"says ""no"", then, a line\nbreak",[0-9a-f]{24}\r\n$/,
    );
  });

  test('a JSON line is the report without its check metadata, on one line', () => {
    const line = jsonlLine(report);
    assert.equal(line.indexOf('\n'), line.length - 1);
    const parsed = JSON.parse(line) as Record<string, unknown>;
    assert.equal(parsed.checks, undefined);
    assert.deepEqual(parsed.target, { domain: 'a.test', unicode: 'a.test' });
  });

  test('progress shows rate and ETA when the total is known, a count otherwise', () => {
    assert.equal(formatDuration(3725), '1:02:05');
    assert.equal(formatDuration(65), '1:05');
    const line = progressLine({ done: 50, total: 200, elapsedMs: 10_000, failed: 1, badLines: 2 }, 10);
    assert.equal(line, '[###.......]  50/200  25%  5.0/s  ETA 0:30  1 failed  2 bad lines');
    assert.equal(progressLine({ done: 7, elapsedMs: 0, failed: 0, badLines: 0 }), '7 done  0.0/s');
  });
});

describe('choice of checks', () => {
  const unit = (name: string, areas: readonly string[]): DomainCheck => ({
    name,
    meta: areas.map(
      (area): CheckMeta => ({
        id: `${name}.x`,
        area: area as Area,
        title: '',
        severity: 'low',
        description: '',
        remediation: '',
        references: [],
      }),
    ),
    run: async () => [],
  });
  const checks = [unit('spf', ['spf']), unit('smtp', ['smtp', 'tls']), unit('exchange', ['exchange'])];

  test('groups by area, and --checks takes a comma list or all', () => {
    assert.deepEqual(checks.map(groupOf), ['dns', 'smtp', 'exchange']);
    const all = parseChecksOption('all');
    assert.ok(all.ok && selectChecks(checks, all.groups).length === 3);
    const two = parseChecksOption('dns, smtp');
    assert.ok(two.ok);
    assert.deepEqual(
      selectChecks(checks, two.groups).map((check) => check.name),
      ['spf', 'smtp'],
    );
    assert.equal(parseChecksOption('dnss').ok, false);
  });
});

describe('the fleet runner with a fake scan', () => {
  const targets = (count: number): ScanTarget[] =>
    Array.from({ length: count }, (_, index) => ({ domain: `d${index}.test`, unicode: `d${index}.test` }));
  async function* lines(list: readonly ScanTarget[]) {
    let line = 0;
    for (const target of list) yield { kind: 'domain' as const, line: ++line, target };
  }
  const tick = () => new Promise((resolve) => setImmediate(resolve));

  test('never more than `concurrency` scans at once, never further than `window` ahead, every domain once', async () => {
    let active = 0;
    let peak = 0;
    let started = 0;
    const written: string[] = [];
    const recorded: string[] = [];
    const tracker = new CompletionTracker();
    let furthestAhead = 0;
    const summary = await runFleet({
      lines: lines(targets(300)),
      concurrency: 8,
      window: 20,
      scan: async (target) => {
        active += 1;
        started += 1;
        furthestAhead = Math.max(furthestAhead, Number(target.domain.slice(1, -5)) - tracker.mark);
        peak = Math.max(peak, active);
        // d0 is slow: the window must hold the others back rather than run away from it.
        for (let spin = 0; spin < (target.domain === 'd0.test' ? 60 : (started % 3) + 1); spin++)
          await tick();
        active -= 1;
        return sampleReport(target.domain, '2026-01-01T00:00:00.000Z', []);
      },
      sink: textSink(
        { write: (bytes) => void written.push(Buffer.from(bytes).toString('utf8')), sync: () => undefined },
        'jsonl',
        true,
      ),
      state: {
        tracker,
        record: (line) => void recorded.push(line),
        sync: () => undefined,
      },
    });
    assert.equal(summary.scanned, 300);
    assert.ok(peak <= 8, `peak ${peak}`);
    assert.ok(furthestAhead < 20, `started ${furthestAhead} ahead of the oldest unfinished`);
    const outputLines = written
      .join('')
      .split('\n')
      .filter((line) => line !== '');
    assert.equal(outputLines.length, 300);
    const domains = outputLines.map((line) => (JSON.parse(line) as Report).target.domain);
    assert.equal(new Set(domains).size, 300);
    // Results stream in completion order, not input order.
    assert.notEqual(domains[0], 'd0.test');
    assert.ok(domains.indexOf('d0.test') < 20 + 8, `d0 finished at ${domains.indexOf('d0.test')}`);
    assert.equal(recorded.length, 300);
  });

  test('already-done domains are skipped, a crashing scan is recorded as failed and the rest go on', async () => {
    const tracker = new CompletionTracker();
    for (const index of [0, 1, 4]) tracker.markDone(index);
    const recorded: string[] = [];
    const summary = await runFleet({
      lines: lines(targets(6)),
      concurrency: 2,
      scan: async (target) => {
        if (target.domain === 'd3.test') throw new Error('boom');
        return sampleReport(target.domain, '2026-01-01T00:00:00.000Z', []);
      },
      sink: textSink({ write: () => undefined, sync: () => undefined }, 'jsonl', true),
      state: { tracker, record: (line) => void recorded.push(line), sync: () => undefined },
    });
    assert.deepEqual(summary, { scanned: 2, alreadyDone: 3, badLines: 0, failed: 1, interrupted: false });
    assert.deepEqual(recorded.map((line) => JSON.parse(line).d).sort(), ['d2.test', 'd3.test', 'd5.test']);
    assert.ok(recorded.some((line) => JSON.parse(line).failed === true));
  });

  test('a fatal scan error (the scanner is gone) stops the run, is not recorded, and is thrown', async () => {
    class Gone extends Error {}
    const recorded: string[] = [];
    let scannedAfter = 0;
    const run = runFleet({
      lines: lines(targets(50)),
      concurrency: 3,
      scan: async (target) => {
        await tick();
        if (Number(target.domain.slice(1, -5)) >= 10) {
          scannedAfter += 1;
          throw new Gone('no scanning thread is left');
        }
        return sampleReport(target.domain, '2026-01-01T00:00:00.000Z', []);
      },
      isFatal: (error) => error instanceof Gone,
      sink: textSink({ write: () => undefined, sync: () => undefined }, 'jsonl', true),
      state: {
        tracker: new CompletionTracker(),
        record: (line) => void recorded.push(line),
        sync: () => undefined,
      },
    });
    await assert.rejects(run, /no scanning thread is left/);
    assert.equal(recorded.length, 10, 'only the domains that were scanned are recorded');
    assert.ok(recorded.every((line) => JSON.parse(line).failed === undefined));
    assert.ok(scannedAfter <= 3, `${scannedAfter} domains started after the scanner was gone`);
  });

  test('an abort stops taking domains; those in flight still finish and are recorded', async () => {
    const controller = new AbortController();
    let finished = 0;
    const summary = await runFleet({
      lines: lines(targets(100)),
      concurrency: 4,
      signal: controller.signal,
      scan: async (target) => {
        if (target.domain === 'd10.test') controller.abort();
        await tick();
        finished += 1;
        return sampleReport(target.domain, '2026-01-01T00:00:00.000Z', []);
      },
      sink: textSink({ write: () => undefined, sync: () => undefined }, 'jsonl', true),
    });
    assert.equal(summary.interrupted, true);
    assert.equal(summary.scanned, finished);
    assert.ok(finished < 20);
  });

  test('the store sink saves in batches and commits only after the batch is stored', async () => {
    const batches: number[] = [];
    const fakeStore = {
      saveScans: async (reports: readonly Report[]) => {
        batches.push(reports.length);
        return [];
      },
    } as unknown as ScanStore;
    const sink = storeSink(fakeStore, checkLogicOf([]), { batchSize: 10, maxDelayMs: 5 });
    const summary = await runFleet({
      lines: lines(targets(25)),
      concurrency: 25,
      scan: async (target) => sampleReport(target.domain, '2026-01-01T00:00:00.000Z', []),
      sink,
    });
    assert.equal(summary.scanned, 25);
    assert.equal(
      batches.reduce((sum, size) => sum + size, 0),
      25,
    );
    assert.ok(batches.every((size) => size <= 10));
  });

  test('the text sink writes results in batches, and commits each only once written, at its own byte offset', async () => {
    const writes: string[] = [];
    let size = 0;
    const target = {
      write: (bytes: Uint8Array) => {
        writes.push(Buffer.from(bytes).toString('utf8'));
        size += bytes.length;
        return size;
      },
      sync: () => undefined,
    };
    const sink = textSink(target, 'jsonl', true);
    const committed: (number | undefined)[] = [];
    // Multi-byte names: offsets count bytes, not characters.
    for (const domain of ['é.test', 'ü.test', 'x.test'])
      await sink.add(sampleReport(domain, '2026-01-01T00:00:00.000Z', []), (offset) =>
        committed.push(offset),
      );
    assert.deepEqual(committed, [], 'nothing is committed before it is written');
    await sink.flush();
    assert.equal(writes.length, 1, 'one write for the batch');
    const text = writes.join('');
    const ends: number[] = [];
    let end = 0;
    for (const line of text.split('\n').slice(0, -1)) {
      end += Buffer.byteLength(`${line}\n`, 'utf8');
      ends.push(end);
    }
    assert.deepEqual(committed, ends);
    assert.deepEqual(
      text
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => (JSON.parse(line) as Report).target.domain),
      ['é.test', 'ü.test', 'x.test'],
    );
  });

  test('a line larger than the whole batch buffer goes out on its own, after what waited, in order', async () => {
    const writes: string[] = [];
    let size = 0;
    const sink = textSink(
      {
        write: (bytes) => {
          writes.push(Buffer.from(bytes).toString('utf8'));
          size += bytes.length;
          return size;
        },
        sync: () => undefined,
      },
      'jsonl',
      true,
    );
    const committed: (number | undefined)[] = [];
    const huge = { ...sampleFinding('spf.too-long', 'fail'), message: 'é'.repeat(400_000) };
    await sink.add(sampleReport('a.test', '2026-01-01T00:00:00.000Z', []), (offset) =>
      committed.push(offset),
    );
    await sink.add(sampleReport('big.test', '2026-01-01T00:00:00.000Z', [huge]), (offset) =>
      committed.push(offset),
    );
    await sink.add(sampleReport('c.test', '2026-01-01T00:00:00.000Z', []), (offset) =>
      committed.push(offset),
    );
    await sink.flush();
    assert.equal(writes.length, 3);
    const lines = writes.join('').split('\n').slice(0, -1);
    assert.deepEqual(
      lines.map((line) => (JSON.parse(line) as Report).target.domain),
      ['a.test', 'big.test', 'c.test'],
    );
    let end = 0;
    assert.deepEqual(
      committed,
      lines.map((line) => (end += Buffer.byteLength(`${line}\n`, 'utf8'))),
    );
  });

  test('a write that fails in the delayed batch is thrown to the next add or flush, not lost', async () => {
    const sink = textSink(
      {
        write: () => {
          throw new Error('ENOSPC: no space left on device, write');
        },
        sync: () => undefined,
      },
      'jsonl',
      false,
    );
    const committed: (number | undefined)[] = [];
    await sink.add(sampleReport('a.test', '2026-01-01T00:00:00.000Z', []), (offset) =>
      committed.push(offset),
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    await assert.rejects(sink.flush(), /ENOSPC/);
    await assert.rejects(
      sink.add(sampleReport('b.test', '2026-01-01T00:00:00.000Z', []), (offset) => committed.push(offset)),
      /ENOSPC/,
    );
    assert.deepEqual(committed, [], 'nothing unwritten is recorded as done');
  });

  test('the text sink writes a waiting batch after a short delay, without a checkpoint', async () => {
    const writes: string[] = [];
    const sink = textSink(
      { write: (bytes) => void writes.push(Buffer.from(bytes).toString('utf8')), sync: () => undefined },
      'jsonl',
      true,
    );
    const committed: (number | undefined)[] = [];
    await sink.add(sampleReport('a.test', '2026-01-01T00:00:00.000Z', []), (offset) =>
      committed.push(offset),
    );
    assert.equal(writes.length, 0);
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(writes.length, 1);
    assert.deepEqual(committed, [undefined]);
  });
});
