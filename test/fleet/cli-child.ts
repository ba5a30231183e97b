// Runs the CLI as a separate process (for tests that must kill it mid-way): node --import tsx this-file ARGS.

import { main } from '../../src/cli/entry.js';

await main();
