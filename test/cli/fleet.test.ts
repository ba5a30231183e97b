// `telltale fleet` end to end over a lab of 200 generated domains: jsonl and csv shapes, every domain once
// whatever the completion order, one shared DNS cache, results into the store, and a resume after the
// process is killed mid-way that loses nothing and repeats nothing.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { type LabDnsServer, startDnsServer } from '../../lab/dns-server.js';
import { type ZoneLookup, ZoneStore } from '../../lab/zone-store.js';
import { defaultServices } from '../../src/cli/main.js';
import { csvColumns } from '../../src/fleet/formats.js';
import { selectChecks } from '../../src/fleet/select-checks.js';
import type { Report } from '../../src/model/report.js';
import { formatResolver } from '../../src/net/dns/resolvers.js';
import type { RecordType } from '../../src/net/dns/types.js';
import { SqliteStore } from '../../src/store/sqlite-store.js';
import { runCliCaptured } from './run-cli.js';

/** Counts the questions the wire server is asked, per name and type. */
class CountingZoneStore extends ZoneStore {
  readonly asked = new Map<string, number>();
  override lookup(queryName: string, type: RecordType): ZoneLookup {
    const key = `${queryName.toLowerCase().replace(/\.$/, '')} ${type}`;
    this.asked.set(key, (this.asked.get(key) ?? 0) + 1);
    return super.lookup(queryName, type);
  }
}

const domainCount = 200;
const domains = Array.from({ length: domainCount }, (_, index) => `fleet-${index}.test`);

function zoneData(): Record<string, unknown[]> {
  const zones: Record<string, unknown[]> = {
    '_spf.bigprovider.test': [{ TXT: 'v=spf1 ip4:192.0.2.0/24 -all' }],
  };
  domains.forEach((domain, index) => {
    // Every fifth domain forgets DMARC, so results differ from domain to domain.
    zones[domain] = [{ MX: [10, `mx.${domain}`] }, { TXT: 'v=spf1 include:_spf.bigprovider.test -all' }];
    zones[`mx.${domain}`] = [{ A: '192.0.2.1' }];
    if (index % 5 !== 0) zones[`_dmarc.${domain}`] = [{ TXT: `v=DMARC1; p=reject; rua=mailto:d@${domain}` }];
  });
  return zones;
}

/** Splits CSV text (RFC 4180, CRLF rows, quoted fields may hold line breaks) into rows of fields. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        field += '"';
        index++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\r' && text[index + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      index++;
    } else field += char;
  }
  return rows;
}

// MX, SPF and DMARC: DNS checks that answer fast from this bare lab (no DKIM keys, no DNSSEC chain),
// so 200 domains take a moment; the fleet machinery is the same whatever checks run.
const fastNames = new Set(['mx', 'spf', 'dmarc']);
const dnsServices = {
  ...defaultServices,
  checks: selectChecks(defaultServices.checks, new Set(['dns'] as const)).filter((check) =>
    fastNames.has(check.name),
  ),
};

describe('telltale fleet over 200 lab domains', () => {
  let server: LabDnsServer;
  let zones: CountingZoneStore;
  let dir: string;
  let list: string;
  let resolver: string;

  before(async () => {
    zones = new CountingZoneStore();
    zones.addZoneData(zoneData());
    server = await startDnsServer(zones);
    resolver = formatResolver(server.address);
    dir = mkdtempSync(join(tmpdir(), 'telltale-fleet-'));
    list = join(dir, 'domains.txt');
    // Comments, a blank line, a bad line and a duplicate: reported, counted, not fatal.
    writeFileSync(
      list,
      `# clients\n${domains.slice(0, 100).join('\n')}\n\nnot a domain\n${domains.slice(100).join('\n')}\nfleet-7.test\n`,
    );
  });
  after(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const fleet = (...args: string[]) =>
    runCliCaptured(['fleet', list, '--resolver', resolver, '--timeout', '2000', ...args], {
      services: dnsServices,
    });

  test('jsonl: one line per domain, each once; bad lines and duplicates reported with line numbers; SPF include fetched once', async () => {
    zones.asked.clear();
    const run = await fleet('--concurrency', '24');
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /line 103: one domain per line/);
    assert.match(run.stderr, /line 204: fleet-7\.test again, skipped/);
    assert.match(run.stderr, /200 domains scanned .* 1 bad line, 1 duplicate/);
    const lines = run.stdout.trimEnd().split('\n');
    assert.equal(lines.length, domainCount);
    const reports = lines.map((line) => JSON.parse(line) as Report);
    assert.deepEqual(reports.map((report) => report.target.domain).sort(), [...domains].sort());
    for (const report of reports) {
      assert.equal(report.schemaVersion, '1.0');
      assert.equal((report as Partial<Report>).checks, undefined);
      assert.ok(report.findings.length > 0);
    }
    const missingDmarc = reports.filter((report) =>
      report.findings.some((finding) => finding.checkId === 'dmarc.missing' && finding.status === 'fail'),
    );
    assert.equal(missingDmarc.length, domainCount / 5);
    // One DNS client for the whole fleet: the shared include is asked for once, not 200 times.
    assert.equal(zones.asked.get('_spf.bigprovider.test TXT'), 1);
  });

  test('csv: a header, then one row per finding with every column, for every domain', async () => {
    const run = await fleet('--format', 'csv', '--concurrency', '64');
    assert.equal(run.code, 0, run.stderr);
    const [header, ...rows] = parseCsv(run.stdout);
    assert.deepEqual(header, [...csvColumns]);
    assert.ok(rows.length > domainCount);
    for (const row of rows) assert.equal(row.length, csvColumns.length, row.join('|'));
    assert.equal(new Set(rows.map((row) => row[0])).size, domainCount);
  });

  test('--db stores every scan; history lists it', async () => {
    const db = join(dir, 'fleet.db');
    const run = await fleet('--db', db);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, '');
    const store = SqliteStore.open(db);
    try {
      for (const domain of [domains[0], domains[99], domains[199]]) {
        assert.equal((await store.listScans(domain ?? '')).length, 1, domain);
      }
    } finally {
      await store.close();
    }
    const history = await runCliCaptured(['history', 'fleet-42.test', '--db', db]);
    assert.match(history.stdout, /1 scan,/);
  });

  test('--workers 2: the same findings for every domain as one thread and as the main thread, in jsonl, csv and the store; --fail-on still counts', async () => {
    const findingsByDomain = (stdout: string): Map<string, string[]> =>
      new Map(
        stdout
          .trimEnd()
          .split('\n')
          .map((line) => JSON.parse(line) as Report)
          .map((report) => [
            report.target.domain,
            report.findings
              .map((finding) => `${finding.checkId}:${finding.status}:${finding.subject}`)
              .sort(),
          ]),
      );
    // Replaced services cannot be opened in a thread: the same run scans on the main thread then.
    const inProcess = await runCliCaptured(['fleet', list, '--resolver', resolver, '--timeout', '2000'], {
      services: { ...dnsServices, openRuntime: (settings) => dnsServices.openRuntime(settings) },
    });
    assert.equal(inProcess.code, 0, inProcess.stderr);
    const one = await fleet('--workers', '1');
    assert.deepEqual(findingsByDomain(one.stdout), findingsByDomain(inProcess.stdout));
    const refused = await runCliCaptured(['fleet', list, '--resolver', resolver, '--workers', '2'], {
      services: { ...dnsServices, openRuntime: (settings) => dnsServices.openRuntime(settings) },
    });
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /--workers: this runtime cannot be opened in another thread/);
    zones.asked.clear();
    const two = await fleet('--workers', '2', '--concurrency', '16');
    assert.equal(two.code, 0, two.stderr);
    assert.match(two.stderr, /200 domains scanned .* 1 bad line, 1 duplicate/);
    assert.deepEqual(findingsByDomain(two.stdout), findingsByDomain(one.stdout));
    // Each thread has its own cache: the shared include is asked once per thread at most.
    const asked = zones.asked.get('_spf.bigprovider.test TXT') ?? 0;
    assert.ok(asked >= 1 && asked <= 2, `asked ${asked} times`);
    assert.match(two.stderr, /dns: \d+ queries sent/);

    const csvOne = parseCsv((await fleet('--format', 'csv')).stdout);
    const csvTwo = parseCsv((await fleet('--format', 'csv', '--workers', '2')).stdout);
    const withoutTime = (rows: string[][]): string[] =>
      rows
        .map((row) => row.filter((_, index) => index !== csvColumns.indexOf('started_at')).join('|'))
        .sort();
    assert.deepEqual(withoutTime(csvTwo), withoutTime(csvOne));

    const failing = await fleet('--workers', '2', '--fail-on', 'low');
    assert.equal(failing.code, 1, 'dmarc.missing is a failure at or above low');

    const db = join(dir, 'fleet-workers.db');
    const stored = await fleet('--db', db, '--workers', '2');
    assert.equal(stored.code, 0, stored.stderr);
    const store = SqliteStore.open(db);
    try {
      for (const domain of [domains[0], domains[199]]) {
        assert.equal((await store.listScans(domain ?? '')).length, 1, domain);
      }
    } finally {
      await store.close();
    }
  });

  test('usage errors: unknown format or checks, --resume with nowhere to resume from, a missing list', async () => {
    assert.equal((await fleet('--format', 'xml')).code, 2);
    assert.equal((await fleet('--checks', 'everything')).code, 2);
    for (const workers of ['0', 'many', '65']) {
      const bad = await fleet('--workers', workers);
      assert.equal(bad.code, 2, workers);
      assert.match(bad.stderr, /--workers/);
    }
    const resume = await runCliCaptured(['fleet', '-', '--resume']);
    assert.equal(resume.code, 2);
    assert.match(resume.stderr, /--resume needs/);
    assert.equal((await runCliCaptured(['fleet', join(dir, 'nope.txt')])).code, 2);
    const emptyList = join(dir, 'empty.txt');
    writeFileSync(emptyList, '# only a comment\n\n');
    const empty = await runCliCaptured(['fleet', emptyList, '--resolver', '127.0.0.1:9']);
    assert.equal(empty.code, 2);
    assert.match(empty.stderr, /lists no domain/);
  });

  test('killed mid-way and resumed: every domain exactly once in the output, nothing lost', async () => {
    const output = join(dir, 'killed.jsonl');
    const state = `${output}.state`;
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '--import',
        './test/loopback-guard.ts',
        'test/fleet/cli-child.ts',
        'fleet',
        list,
        '--resolver',
        resolver,
        '--timeout',
        '2000',
        '--concurrency',
        '4',
        // Killed while two scanning threads work: the main thread alone records what is done.
        '--workers',
        '2',
        '--output',
        output,
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    // Kill it hard (as a crash would) once a few domains are recorded as done. The child runs every DNS
    // check (it is the real CLI), the resume only the fast ones: the state file is about domains, not checks.
    const doneSoFar = (): number =>
      existsSync(state)
        ? readFileSync(state, 'utf8')
            .split('\n')
            .filter((line) => line.startsWith('{"i"')).length
        : 0;
    while (doneSoFar() < 12 && child.exitCode === null)
      await new Promise((resolve) => setTimeout(resolve, 20));
    child.kill('SIGKILL');
    await exited;
    const before = readFileSync(output, 'utf8')
      .split('\n')
      .filter((line) => line !== '').length;
    assert.ok(
      before >= 12 && before < domainCount,
      `${before} lines before the resume; child said: ${stderr}`,
    );

    const resumed = await fleet('--output', output, '--resume', '--concurrency', '32');
    assert.equal(resumed.code, 0, resumed.stderr);
    assert.match(resumed.stderr, /resuming: \d+ domains already done/);
    const lines = readFileSync(output, 'utf8')
      .split('\n')
      .filter((line) => line !== '');
    const seen = lines.map((line) => (JSON.parse(line) as Report).target.domain);
    assert.equal(seen.length, domainCount, 'no duplicate and no loss');
    assert.deepEqual([...seen].sort(), [...domains].sort());

    // Resuming a finished run does nothing more.
    const again = await fleet('--output', output, '--resume');
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stderr, /0 domains scanned .*200 already done/);
    assert.equal(
      readFileSync(output, 'utf8')
        .split('\n')
        .filter((line) => line !== '').length,
      domainCount,
    );
  });
});
