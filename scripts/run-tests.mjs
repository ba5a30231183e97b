#!/usr/bin/env node
// Runs every *.test.ts under src/, lab/ and test/ with node:test through tsx, behind the loopback guard.
// Node 20's test runner does not glob, so the files are listed here. Pass a tier: unit (default) or interop.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const tier = process.argv[2] ?? 'unit';
const roots = tier === 'interop' ? ['test/interop'] : ['src', 'lab', 'test'];

function collect(dir, out) {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) {
      if (entry === 'node_modules' || (tier !== 'interop' && path === join('test', 'interop'))) continue;
      collect(path, out);
    } else if (entry.endsWith('.test.ts')) out.push(relative('.', path));
  }
  return out;
}

const files = roots.flatMap((root) => collect(root, [])).sort();
if (files.length === 0) {
  console.error(`no test files found for tier '${tier}'`);
  process.exit(1);
}
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--import', './test/loopback-guard.ts', '--test', '--test-concurrency=2', ...files],
  { stdio: 'inherit' },
);
process.exit(result.status ?? 1);
