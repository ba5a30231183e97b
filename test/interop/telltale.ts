// Runs telltale the way a user does, `node bin/telltale.js …` (the built CLI), and reads its JSON output
// for the interop tier; bounded in time, no shell.

import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { type CheckContext, type DomainCheck, defaultCheckOptions } from '../../src/checks/check.js';
import type { Finding } from '../../src/model/finding.js';
import type { ScanTarget } from '../../src/model/report.js';
import { createDnsClient } from '../../src/net/dns/client.js';
import { evaluateSender } from '../../src/protocols/spf/evaluate.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const bin = fileURLToPath(new URL('../../bin/telltale.js', import.meta.url));

export interface CliRun {
  readonly exitCode: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function runCli(args: readonly string[], timeoutMs = 30_000): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], {
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
    throw new Error(`${what}: stdout is not JSON (${String(error)}):\n${run.stdout.slice(0, 2000)}`);
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

/**
 * The same verdicts straight from the check modules and the wire client, for as long as the CLI does
 * not expose them yet (the scan registry is empty and there is no `spf` command).
 */
export async function scanWithModules(
  domain: string,
  resolverPort: number,
  checks: readonly DomainCheck[],
): Promise<{ target: ScanTarget; findings: Finding[] }> {
  const dns = createDnsClient({
    resolvers: [{ host: '127.0.0.1', port: resolverPort }],
    timeoutMs: 2000,
    dnssec: true,
  });
  const target = { domain, unicode: domain };
  const context: CheckContext = {
    dns,
    https: {} as CheckContext['https'],
    clock: { now: () => new Date() },
    signal: AbortSignal.timeout(20_000),
    options: defaultCheckOptions,
  };
  try {
    const findings = (await Promise.all(checks.map((check) => check.run(target, context)))).flat();
    return { target, findings };
  } finally {
    await dns.close();
  }
}

export async function spfWithModules(domain: string, ip: string, resolverPort: number): Promise<string> {
  const dns = createDnsClient({ resolvers: [{ host: '127.0.0.1', port: resolverPort }], timeoutMs: 2000 });
  try {
    return (await evaluateSender({ domain, ip }, dns)).result;
  } finally {
    await dns.close();
  }
}
