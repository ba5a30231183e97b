// Runs the telltale CLI from the sources (through tsx), for benchmarks that must not depend on a build.
import { main } from '../../src/cli/entry.js';

await main();
