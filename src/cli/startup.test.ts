// Start-up stays light: `--help`, `checks` and the input errors of `spf`/`scan` load no database driver,
// mailer, YAML parser, scheduler, X.509 stack, lab, watch, alert or log engine (each command loads its own).

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

interface Started {
  readonly code: number;
  readonly stderr: string;
  /** Every module the process loaded: ESM URLs and CommonJS paths. */
  readonly loaded: readonly string[];
}

/** Runs the CLI from the sources in a fresh process that records every module it loads. */
async function startCli(directory: string, name: string, argv: readonly string[]): Promise<Started> {
  const record = join(directory, `${name}.txt`);
  // With -e, argv[1] is the first argument; main() reads from argv[2] as under bin/telltale.js.
  const script = `process.argv.splice(1, 0, 'telltale'); const { main } = await import('./src/cli/entry.ts'); await main();`;
  const args = [
    '--import',
    'tsx',
    '--import',
    './test/fixtures/record-imports.mjs',
    '--input-type=module',
    '-e',
    script,
    // Without '--', node would take --help for itself.
    '--',
    ...argv,
  ];
  const { code, stderr } = await new Promise<{ code: number; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      args,
      { cwd: root, env: { ...process.env, TELLTALE_RECORD_IMPORTS: record, NO_COLOR: '1' }, timeout: 60_000 },
      (error, _stdout, stderrText) => {
        const exit = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
        resolve({ code: exit, stderr: stderrText });
      },
    );
  });
  const loaded = (await readFile(record, 'utf8')).split('\n').filter((line) => line !== '');
  return { code, stderr, loaded };
}

/** What no start-up path needs: each is loaded by the one command that uses it. */
const heavyPackages = [
  'yaml',
  'pg',
  'nodemailer',
  'cron-parser',
  '@peculiar/x509',
  'reflect-metadata',
  'better-sqlite3',
  'smtp-server',
  'playwright-core',
];
const heavySources = [
  '/lab/',
  '/src/watch/',
  '/src/alert/',
  '/src/logs/',
  '/src/store/sqlite-store',
  '/src/store/postgres-store',
  '/src/fleet/runner',
];

function packageLoaded(loaded: readonly string[], name: string): boolean {
  return loaded.some((entry) => entry.includes(`/node_modules/${name}/`));
}

function sourceLoaded(loaded: readonly string[], part: string): boolean {
  return loaded.some((entry) => entry.includes(part) && !entry.includes('/node_modules/'));
}

function assertLight(started: Started, extraSources: readonly string[] = []): void {
  const packages = heavyPackages.filter((name) => packageLoaded(started.loaded, name));
  assert.deepEqual(packages, [], `heavy packages loaded: ${packages.join(', ')}`);
  const sources = [...heavySources, ...extraSources].filter((part) => sourceLoaded(started.loaded, part));
  assert.deepEqual(sources, [], `heavy modules loaded: ${sources.join(', ')}`);
}

describe('CLI start-up loads only what the command line needs', () => {
  let directory = '';
  const runs = new Map<string, Promise<Started>>();
  const lines: Record<string, readonly string[]> = {
    help: ['--help'],
    checks: ['checks'],
    scanHelp: ['scan', '--help'],
    spfBadInput: ['spf', 'bad..domain', '--ip', '192.0.2.1'],
    scanBadInput: ['scan', 'bad..domain'],
    watchMissingConfig: ['watch', 'no-such-watch-config.yaml', '--once'],
  };

  before(async () => {
    directory = await mkdtemp(join(tmpdir(), 'telltale-startup-'));
    // Started together: each process takes a second or two through tsx.
    for (const [name, argv] of Object.entries(lines)) runs.set(name, startCli(directory, name, argv));
    await Promise.all(runs.values());
  });
  after(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  const run = (name: string): Promise<Started> => {
    const started = runs.get(name);
    assert.ok(started, name);
    return started;
  };

  it('records what a command does load (the recorder sees packages and sources)', async () => {
    // watch reads YAML: its implementation, and yaml with it, load once the command runs.
    const watch = await run('watchMissingConfig');
    assert.equal(watch.code, 2, watch.stderr);
    assert.ok(packageLoaded(watch.loaded, 'yaml'), 'yaml recorded for watch');
    assert.ok(sourceLoaded(watch.loaded, '/src/cli/commands/watch-run'), 'watch-run recorded');
    const help = await run('help');
    assert.ok(packageLoaded(help.loaded, 'commander'), 'commander recorded');
    assert.ok(sourceLoaded(help.loaded, '/src/cli/main.ts'), 'main.ts recorded');
  });

  it('--help loads no command implementation, renderer, runtime or PSL list', async () => {
    const help = await run('help');
    assert.equal(help.code, 0, help.stderr);
    assertLight(help, [
      '-run.ts',
      '/src/cli/runtime',
      '/src/report/',
      '/src/i18n/translator',
      '/src/net/dns/client',
    ]);
    assert.equal(packageLoaded(help.loaded, 'undici'), false, 'undici');
    assert.equal(packageLoaded(help.loaded, 'tldts'), false, 'tldts');
    assert.equal(packageLoaded(help.loaded, 'dns-packet'), false, 'dns-packet');
  });

  it('checks lists the registry without loading any command implementation or runtime', async () => {
    const checks = await run('checks');
    assert.equal(checks.code, 0, checks.stderr);
    assert.ok(sourceLoaded(checks.loaded, '/src/checks/registry'));
    assertLight(checks, ['-run.ts', '/src/cli/runtime', '/src/report/', '/src/net/dns/client']);
    assert.equal(packageLoaded(checks.loaded, 'undici'), false, 'undici');
    assert.equal(packageLoaded(checks.loaded, 'tldts'), false, 'tldts');
  });

  it('scan --help loads the options only', async () => {
    const help = await run('scanHelp');
    assert.equal(help.code, 0, help.stderr);
    assertLight(help, ['-run.ts', '/src/cli/runtime']);
  });

  it('spf with a bad domain loads its own implementation, no renderer and no network stack', async () => {
    const spf = await run('spfBadInput');
    assert.equal(spf.code, 2, spf.stderr);
    assert.ok(sourceLoaded(spf.loaded, '/src/cli/commands/spf-run'));
    assertLight(spf, [
      '/src/cli/commands/scan-run',
      '/src/report/html',
      '/src/i18n/translator',
      '/src/cli/runtime',
    ]);
    assert.equal(packageLoaded(spf.loaded, 'undici'), false, 'undici');
  });

  it('scan loads the checks, not the store drivers, lab, watch, alert or logs code', async () => {
    const scan = await run('scanBadInput');
    assert.equal(scan.code, 2, scan.stderr);
    assert.ok(sourceLoaded(scan.loaded, '/src/cli/commands/scan-run'));
    assertLight(scan, [
      '/src/cli/commands/watch-run',
      '/src/cli/commands/logs-run',
      '/src/cli/commands/fleet-run',
    ]);
  });
});
