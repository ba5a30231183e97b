// The fleet's files: the output appended to (and cut back on resume) and the state file's batched lines.

import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { OutputFile, StateFile } from '../../src/fleet/files.js';
import { entryLine } from '../../src/fleet/progress-state.js';

const utf8 = (text: string) => Buffer.from(text, 'utf8');
const dir = mkdtempSync(join(tmpdir(), 'telltale-fleet-files-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const header = { telltale: 'fleet-state', version: 1, sink: 'jsonl', checks: 'dns' } as const;

describe('fleet output file', () => {
  test('write returns the size in bytes after the text; a resume cuts back to the offset vouched for', async () => {
    const path = join(dir, 'out.jsonl');
    const fresh = OutputFile.open(path, 0);
    assert.equal(fresh.write(utf8('{"d":"é"}\n')), 11);
    assert.equal(fresh.write(utf8('{"d":"b"}\n')), 21);
    await fresh.sync();
    fresh.close();
    writeFileSync(path, `${readFileSync(path, 'utf8')}{"torn`);
    const resumed = OutputFile.open(path, 21);
    assert.equal(resumed.offset, 21);
    assert.equal(resumed.write(utf8('{"d":"c"}\n')), 31);
    resumed.close();
    assert.equal(readFileSync(path, 'utf8'), '{"d":"é"}\n{"d":"b"}\n{"d":"c"}\n');
  });
});

describe('fleet state file', () => {
  test('lines recorded in one turn are written at its end; sync and close write what waits', async () => {
    const path = join(dir, 'run.state');
    const state = StateFile.open(path, header, true);
    const lines = () =>
      readFileSync(path, 'utf8')
        .split('\n')
        .filter((line) => line !== '');
    state.record(entryLine({ index: 0, domain: 'a.test', offset: 10 }));
    state.record(entryLine({ index: 1, domain: 'b.test', offset: 20 }));
    assert.equal(lines().length, 1, 'only the header so far');
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(lines().length, 3);
    state.record(entryLine({ index: 2, domain: 'c.test', offset: 30 }));
    await state.sync();
    assert.equal(lines().length, 4);
    state.record(entryLine({ index: 3, domain: 'd.test', offset: 40 }));
    state.close();
    assert.deepEqual(
      lines()
        .slice(1)
        .map((line) => JSON.parse(line).d),
      ['a.test', 'b.test', 'c.test', 'd.test'],
    );
  });
});
