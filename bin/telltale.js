#!/usr/bin/env node
// Runs the compiled CLI; `npm ci` (or `npm run build`) produces dist/.
import { existsSync } from 'node:fs';

const entry = new URL('../dist/src/cli/entry.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write(
    'telltale: not built yet; run `npm ci` (or `npm run build`) in the telltale folder first\n',
  );
  process.exit(3);
}
const { main } = await import(entry.href);
await main();
