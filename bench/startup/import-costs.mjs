#!/usr/bin/env node
// What each module costs to import on its own: a fresh process per sample, timing `await import()` of the
// module (with everything it pulls in) after the ESM loader is warm. Needs `npm run build`.
//
//   node bench/startup/import-costs.mjs [runs=5] [specifier…]
//
// Without specifiers: the CLI's entry, its command modules and the heavy packages. Relative specifiers
// are resolved from the repository root (e.g. ./dist/src/checks/registry.js).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const runs = Number(process.argv[2] ?? 5);
const given = process.argv.slice(3);

const commandModules = readdirSync(new URL('dist/src/cli/commands/', pathToFileURL(root)))
  .filter((name) => name.endsWith('.js') && !name.endsWith('.test.js'))
  .map((name) => `./dist/src/cli/commands/${name}`);
const defaults = [
  './dist/src/cli/main.js',
  './dist/src/cli/command-kit.js',
  ...commandModules,
  './dist/src/checks/registry.js',
  './dist/src/cli/runtime.js',
  './dist/src/report/reporters.js',
  './dist/src/i18n/translator.js',
  './dist/src/knowledge/exchange/load.js',
  './dist/src/knowledge/log-indicators.js',
  './dist/src/protocols/psl/org-domain.js',
  'commander',
  'yaml',
  'pg',
  'nodemailer',
  'cron-parser',
  'undici',
  'tldts',
  'dns-packet',
  'better-sqlite3',
  'reflect-metadata',
];

// The loader is warmed with a tiny module first, so each figure is the module's own cost.
const probe = (specifier) => `
const warm = performance.now();
await import(${JSON.stringify(pathToFileURL(`${root}dist/src/version.js`).href)});
const start = performance.now();
await import(${JSON.stringify(specifier.startsWith('.') ? pathToFileURL(`${root}${specifier}`).href : specifier)});
console.log(performance.now() - start, start - warm);
`;

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

for (const specifier of given.length > 0 ? given : defaults) {
  const samples = [];
  for (let run = 0; run < runs; run++) {
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', probe(specifier)], {
      cwd: root,
      encoding: 'utf8',
    });
    if (result.status !== 0) {
      samples.length = 0;
      console.log(
        `${'failed'.padStart(8)}  ${specifier}: ${result.stderr.split('\n').find((line) => line.includes('Error')) ?? ''}`,
      );
      break;
    }
    samples.push(Number(result.stdout.split(' ')[0]));
  }
  if (samples.length > 0) console.log(`${median(samples).toFixed(1).padStart(8)}  ${specifier}`);
}
