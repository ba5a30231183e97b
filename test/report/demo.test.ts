// `telltale demo` writes the HTML report of both lab companies to a file and says where.

import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCliCaptured } from '../cli/run-cli.js';

test('the demo prints the text report and writes the HTML report where --html-output says', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'telltale-demo-'));
  try {
    const path = join(dir, 'report.html');
    const run = await runCliCaptured(['demo', '--html-output', path, '--timeout', '1000', '--lang', 'fr']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(
      run.stderr,
      new RegExp(`HTML report written to ${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`),
    );
    assert.match(run.stdout, /brightwater\.test/);
    assert.match(run.stdout, /Global/);
    const html = await readFile(path, 'utf8');
    assert.match(html, /^<!DOCTYPE html>\n<html lang="fr">/);
    assert.ok(html.includes('brightwater.test') && html.includes('oldmill.test'));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('an unwritable --html-output is a usage error before the lab starts', async () => {
  const run = await runCliCaptured(['demo', '--html-output', '/nonexistent-dir/x/report.html']);
  assert.equal(run.code, 2);
  assert.match(run.stderr, /does not exist or is not writable/);
});
