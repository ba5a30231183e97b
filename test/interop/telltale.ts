// Runs telltale the way a user does, `node bin/telltale.js …` (the built CLI), and reads its JSON output
// for the interop tier; bounded in time, no shell.

import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const bin = fileURLToPath(new URL('../../bin/telltale.js', import.meta.url));
const guard = fileURLToPath(new URL('../loopback-guard.ts', import.meta.url));

export interface CliRun {
  readonly exitCode: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function runCli(args: readonly string[], timeoutMs = 60_000): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    // The built CLI runs behind the same loopback guard as the tests: it may talk to 127.0.0.0/8 only.
    const child = spawn(process.execPath, ['--import', 'tsx', '--import', guard, bin, ...args], {
      cwd: root,
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: timeoutMs,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    child.once('error', reject);
    child.once('close', (exitCode) => resolve({ exitCode, stdout, stderr }));
  });
}

/** The JSON output as the documented contract has it, or an Error that shows what the CLI said. */
export function parseJsonOutput<T>(run: CliRun, what: string): T {
  if (run.exitCode === 3 && run.stderr.includes('not built')) {
    throw new Error(
      `telltale is not built: run \`npm run build\` before \`npm run test:interop\`\n${run.stderr}`,
    );
  }
  if (run.exitCode !== 0 && run.exitCode !== 1) {
    throw new Error(
      `${what}: exit code ${run.exitCode}\nstderr: ${run.stderr}\nstdout: ${run.stdout.slice(0, 2000)}`,
    );
  }
  try {
    return JSON.parse(run.stdout) as T;
  } catch (error) {
    throw new Error(
      `${what}: stdout is not JSON (${String(error)}), exit code ${run.exitCode}:\n${run.stdout.slice(0, 2000)}\nstderr: ${run.stderr.slice(0, 2000)}`,
    );
  }
}

/** Runs `jobs` with at most `limit` at once, keeping their order. */
export async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  job: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await job(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
