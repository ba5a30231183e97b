// The ScanStore contract against a real PostgreSQL: a throwaway cluster (Debian's postgresql package)
// in a temp dir on a free loopback port, one fresh database per test; then `scan --db postgres://` and
// `history` through the CLI. Missing binaries fail the run, naming the package.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { startLab } from '../../lab/lab.js';
import { type CliServices, defaultServices } from '../../src/cli/main.js';
import { selectChecks } from '../../src/fleet/select-checks.js';
import type { Report } from '../../src/model/report.js';
import { createDnsClient } from '../../src/net/dns/client.js';
import { formatResolver } from '../../src/net/dns/resolvers.js';
import { NodeHttpsFetcher } from '../../src/net/http/https-fetcher.js';
import { NodeSmtpProber } from '../../src/net/smtp/prober.js';
import { openStore } from '../../src/store/open-store.js';
import { StoreVersionError } from '../../src/store/types.js';
import { alertLogMigrations } from '../../src/watch/alert-log.js';
import { PostgresAlertLog } from '../../src/watch/postgres-alert-log.js';
import { runCliCaptured } from '../cli/run-cli.js';
import { storeContract } from '../store/store-contract.js';
import { alertLogContract, sampleItem, sampleRecord } from '../watch/alert-log-contract.js';
import { freePort, makeTempDir } from './servers.js';

const debianPackage = 'postgresql';

/** initdb and pg_ctl of the newest installed PostgreSQL, or an error naming the package. */
function postgresBinaries(): { initdb: string; pgCtl: string } {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((name) => /^\d+$/.test(name))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  for (const version of versions) {
    const initdb = join(root, version, 'bin', 'initdb');
    const pgCtl = join(root, version, 'bin', 'pg_ctl');
    if (existsSync(initdb) && existsSync(pgCtl)) return { initdb, pgCtl };
  }
  throw new Error(
    `interop: PostgreSQL server binaries not found under ${root}/*/bin: apt-get install ${debianPackage} (Debian package '${debianPackage}')`,
  );
}

/** PostgreSQL refuses to run as root: as root, the cluster runs as the package's `postgres` user. */
function runAs(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const uid = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  if (uid.status !== 0 || gid.status !== 0) {
    throw new Error(
      `interop: running as root needs the 'postgres' user of Debian package '${debianPackage}'`,
    );
  }
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

function run(
  binary: string,
  args: readonly string[],
  user: { uid: number; gid: number } | undefined,
): string {
  const result = spawnSync(binary, args, {
    encoding: 'utf8',
    timeout: 60_000,
    ...(user === undefined ? {} : { uid: user.uid, gid: user.gid }),
  });
  if (result.status !== 0) {
    throw new Error(`${binary} ${args.join(' ')} exited ${result.status}: ${result.stderr || result.error}`);
  }
  return result.stdout;
}

describe('PostgreSQL history store (interop)', () => {
  const binaries = postgresBinaries();
  const user = runAs();
  const dir = makeTempDir('postgres');
  const data = join(dir, 'data');
  let port = 0;
  let baseUrl = '';
  let counter = 0;

  before(async () => {
    if (user !== undefined) chownSync(dir, user.uid, user.gid);
    run(binaries.initdb, ['-D', data, '-U', 'telltale', '--auth=trust', '-E', 'UTF8', '--no-sync'], user);
    port = await freePort();
    run(
      binaries.pgCtl,
      [
        '-D',
        data,
        '-l',
        join(dir, 'server.log'),
        '-w',
        '-t',
        '30',
        '-o',
        `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
        'start',
      ],
      user,
    );
    baseUrl = `postgres://telltale@127.0.0.1:${port}`;
  });

  after(() => {
    try {
      run(binaries.pgCtl, ['-D', data, '-m', 'immediate', '-w', 'stop'], user);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  /** A fresh, empty database for each test. */
  async function freshDatabase(): Promise<string> {
    const name = `contract_${++counter}`;
    const admin = new pg.Client({ connectionString: `${baseUrl}/postgres` });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${name}`);
    } finally {
      await admin.end();
    }
    return `${baseUrl}/${name}`;
  }

  describe('the contract', () => {
    storeContract(async () => openStore(await freshDatabase()));
  });

  test('reopening applies no migration; two processes opening at once migrate once', async () => {
    const url = await freshDatabase();
    const [first, second] = await Promise.all([openStore(url), openStore(url)]);
    assert.deepEqual([...first.migrations.applied, ...second.migrations.applied], [1]);
    await Promise.all([first.close(), second.close()]);
    const again = await openStore(url);
    assert.deepEqual(again.migrations.applied, []);
    assert.doesNotMatch(again.location, /password/);
    await again.close();
  });

  describe('the alert log contract', () => {
    alertLogContract(freshDatabase, (url) => PostgresAlertLog.open(url));
  });

  test('alert tables written before versioning are recognised as version 1 and keep their rows', async () => {
    const url = await freshDatabase();
    const item = sampleItem('fp-old');
    const raw = new pg.Client({ connectionString: url });
    await raw.connect();
    try {
      // The tables exactly as telltale created them before they were versioned (frozen: do not update).
      await raw.query(`CREATE TABLE alerts (
        id BIGSERIAL PRIMARY KEY, channel TEXT NOT NULL, domain TEXT NOT NULL, scan_id BIGINT NOT NULL,
        fingerprint TEXT NOT NULL, reason TEXT NOT NULL, outcome TEXT NOT NULL, attempts INTEGER NOT NULL,
        detail TEXT NOT NULL, item JSONB NOT NULL, at TIMESTAMPTZ NOT NULL)`);
      await raw.query('CREATE INDEX alerts_channel_scan ON alerts (channel, scan_id)');
      await raw.query('CREATE INDEX alerts_domain ON alerts (domain, id)');
      await raw.query(
        'CREATE TABLE watch_scan_data (scan_id BIGINT PRIMARY KEY, exchange_data_version TEXT NOT NULL)',
      );
      await raw.query(
        `INSERT INTO alerts (channel, domain, scan_id, fingerprint, reason, outcome, attempts, detail, item, at)
         VALUES ('slack', 'contract.test', 4, 'fp-old', 'new', 'sent', 1, 'ok', $1, '2025-12-01T06:00:00.000Z')`,
        [JSON.stringify(item)],
      );
      await raw.query("INSERT INTO watch_scan_data VALUES (4, '2025-11-30')");
    } finally {
      await raw.end();
    }
    const log = await PostgresAlertLog.open(url);
    try {
      // Version 1 is recorded over the tables found, then every later version is applied.
      assert.deepEqual(
        log.migrations.applied,
        alertLogMigrations.map((migration) => migration.version),
      );
      assert.deepEqual(await log.records('contract.test'), [
        sampleRecord('slack', 4, item, 'sent', { detail: 'ok', at: '2025-12-01T06:00:00.000Z' }),
      ]);
      assert.deepEqual(await log.dataVersions([4]), new Map([[4, '2025-11-30']]));
    } finally {
      await log.close();
    }
  });

  test('alert tables from a newer telltale are refused; the store and the alert log version apart', async () => {
    const url = await freshDatabase();
    const store = await openStore(url);
    await (await PostgresAlertLog.open(url)).close();
    const raw = new pg.Client({ connectionString: url });
    await raw.connect();
    try {
      await raw.query(
        "INSERT INTO alert_log_migrations (version, name, applied_at) VALUES (999, 'future', now())",
      );
    } finally {
      await raw.end();
    }
    await assert.rejects(PostgresAlertLog.open(url), StoreVersionError);
    await store.close();
    const again = await openStore(url);
    assert.deepEqual(again.migrations.applied, []);
    await again.close();
  });

  test('scan --db postgres:// stores the scan, history lists it', async () => {
    const url = await freshDatabase();
    const lab = await startLab({ services: [] });
    const services = {
      ...defaultServices,
      checks: selectChecks(defaultServices.checks, new Set(['dns'] as const)),
    };
    try {
      const scan = await runCliCaptured(
        [
          'scan',
          'brightwater.test',
          '--resolver',
          formatResolver(lab.dns),
          '--format',
          'json',
          '--checks',
          'dns',
          '--db',
          url,
        ],
        { services },
      );
      assert.equal(scan.code, 0, scan.stderr);
      assert.match(scan.stderr, /stored scan 1 of brightwater\.test/);
      const history = await runCliCaptured(['history', 'brightwater.test', '--db', url, '--format', 'json']);
      assert.equal(history.code, 0, history.stderr);
      assert.equal((JSON.parse(history.stdout) as { scans: unknown[] }).scans.length, 1);
    } finally {
      await lab.stop();
    }
  });

  test('scan --db postgres:// stores the scan of a mail server whose banner holds a NUL (read back as U+FFFD)', async () => {
    const url = await freshDatabase();
    const zonesDir = join(dir, 'hostile-zones');
    mkdirSync(zonesDir, { recursive: true });
    writeFileSync(
      join(zonesDir, 'hostile.yaml'),
      [
        "description: 'A mail server whose greeting quotes a NUL, a C1 control and a bidi override.'",
        'records:',
        '  hostile.test:',
        '    - MX: [10, mx.hostile.test]',
        '  mx.hostile.test:',
        '    - A: 192.0.2.77',
        'smtp:',
        '  mx.hostile.test:',
        '    dialect: postfix',
        '    banner: "mx.hostile.test ESMTP Postfix 3.4.1\\0\\x85\\u202e"',
        '',
      ].join('\n'),
    );
    const lab = await startLab({ zonesDir });
    const services: CliServices = {
      ...defaultServices,
      checks: selectChecks(defaultServices.checks, new Set(['smtp'] as const)),
      openRuntime: async (settings) => {
        const dns = createDnsClient({ resolvers: [lab.dns], timeoutMs: settings.timeoutMs });
        return {
          dns,
          https: new NodeHttpsFetcher(dns, { addressMap: lab.addressMap, ca: lab.trustedCas }),
          smtp: new NodeSmtpProber({
            addressMap: lab.addressMap,
            extraCas: lab.trustedCas,
            limits: {
              connectTimeoutMs: 2000,
              greetingTimeoutMs: 2000,
              commandTimeoutMs: 2000,
              sessionBudgetMs: 8000,
            },
          }),
          resolvers: [formatResolver(lab.dns)],
          notes: [],
          close: () => dns.close(),
        };
      },
    };
    try {
      const scan = await runCliCaptured(
        ['scan', 'hostile.test', '--checks', 'smtp', '--format', 'json', '--db', url],
        { services },
      );
      assert.match(scan.stderr, /stored scan 1 of hostile\.test/);
      // The NUL did reach a finding: otherwise this test would prove nothing.
      assert.match(scan.stdout, /Postfix 3\.4\.1\\u0000/);
      const printed = JSON.parse(scan.stdout.replaceAll('\\u0000', '\\ufffd')) as Report;
      const store = await openStore(url);
      try {
        const [stored] = await store.latestScans('hostile.test', 1);
        assert.ok(stored);
        assert.deepEqual(
          stored.findings.map((item) => item.finding),
          printed.findings,
        );
      } finally {
        await store.close();
      }
    } finally {
      await lab.stop();
    }
  });
});
