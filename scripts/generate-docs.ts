// Generates docs/checks.md from the check metadata; with --check, fails when the committed file is stale.

import { readFileSync, writeFileSync } from 'node:fs';
import { renderChecksMarkdown } from '../src/report/checks-doc.js';

const path = new URL('../docs/checks.md', import.meta.url);
const generated = renderChecksMarkdown();

if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(path, 'utf8');
  } catch {
    // A missing file is stale too.
  }
  if (current !== generated) {
    console.error('docs/checks.md is stale: run `npm run docs` and commit the result.');
    process.exit(1);
  }
  console.log('docs/checks.md is up to date.');
} else {
  writeFileSync(path, generated);
  console.log('wrote docs/checks.md');
}
