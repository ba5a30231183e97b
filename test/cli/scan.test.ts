import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { type Lab, startLab } from '../../lab/lab.js';
import type { Report } from '../../src/model/report.js';
import { formatResolver } from '../../src/net/dns/resolvers.js';
import { runCliCaptured } from './run-cli.js';

const esc = '\u001b';

describe('telltale scan against the lab', () => {
  let lab: Lab;
  let resolver: string;

  before(async () => {
    lab = await startLab({ services: [] });
    resolver = formatResolver(lab.dns);
  });
  after(async () => {
    await lab.stop();
  });

  const scanJson = async (domain: string, ...extra: string[]): Promise<Report> => {
    const run = await runCliCaptured([
      'scan',
      domain,
      '--resolver',
      resolver,
      '--format',
      'json',
      '--timeout',
      '300',
      ...extra,
    ]);
    assert.equal(run.code, 0, run.stderr);
    return JSON.parse(run.stdout) as Report;
  };

  const statusOf = (report: Report, checkId: string): string[] =>
    report.findings.filter((finding) => finding.checkId === checkId).map((finding) => finding.status);

  test('JSON output follows the documented contract', async () => {
    const report = await scanJson('brightwater.test');
    assert.equal(report.schemaVersion, '1.0');
    assert.equal(report.tool.name, 'telltale');
    assert.deepEqual(report.target, { domain: 'brightwater.test', unicode: 'brightwater.test' });
    assert.deepEqual(report.resolvers, [resolver]);
    assert.ok(report.findings.length > 0);
    for (const finding of report.findings) {
      assert.ok(report.checks[finding.checkId], `metadata for ${finding.checkId}`);
      assert.ok(['pass', 'warn', 'fail', 'error', 'skipped'].includes(finding.status));
      assert.equal(typeof finding.message, 'string');
    }
    const total = Object.values(report.summary).reduce((sum, count) => sum + count, 0);
    assert.equal(total, report.findings.length);
  });

  test('the well-configured company has no failing MX result', async () => {
    const report = await scanJson('brightwater.test');
    const mx = report.findings.filter((finding) => finding.checkId.startsWith('mx.'));
    assert.ok(mx.length > 0);
    assert.deepEqual(
      mx.filter((finding) => finding.status === 'fail' || finding.status === 'error'),
      [],
    );
  });

  test('Null MX and unresolvable MX hosts are told apart', async () => {
    assert.deepEqual(statusOf(await scanJson('mx-null.test'), 'mx.null'), ['pass']);
    assert.ok(statusOf(await scanJson('mx-nxdomain.test'), 'mx.unresolvable').includes('fail'));
  });

  test('a SERVFAIL is reported as could-not-check, never as missing', async () => {
    const report = await scanJson('mx-servfail.test');
    assert.deepEqual(statusOf(report, 'mx.dns-error'), ['error']);
    assert.deepEqual(statusOf(report, 'mx.missing'), []);
  });

  test('text output groups by area, shows the fix, and has no colour when not a terminal', async () => {
    const run = await runCliCaptured([
      'scan',
      'mx-nxdomain.test',
      '--resolver',
      resolver,
      '--timeout',
      '300',
    ]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /Mail servers \(MX\)/);
    assert.match(run.stdout, /✗ FAIL .*mx\.unresolvable/);
    assert.match(run.stdout, /Fix: /);
    assert.equal(run.stdout.includes(esc), false);
  });

  test('colour on a terminal, none when NO_COLOR is set', async () => {
    const args = ['scan', 'mx-nxdomain.test', '--resolver', resolver, '--timeout', '300'];
    assert.ok((await runCliCaptured(args, { tty: true })).stdout.includes(`${esc}[31m`));
    assert.equal(
      (await runCliCaptured(args, { tty: true, env: { NO_COLOR: '1' } })).stdout.includes(esc),
      false,
    );
  });

  test('--fail-on turns findings at or above a severity into exit code 1', async () => {
    const args = ['scan', 'mx-nxdomain.test', '--resolver', resolver, '--timeout', '300'];
    assert.equal((await runCliCaptured([...args, '--fail-on', 'low'])).code, 1);
    assert.equal((await runCliCaptured([...args, '--fail-on', 'critical'])).code, 0);
    assert.equal(
      (await runCliCaptured(['scan', 'brightwater.test', '--resolver', resolver, '--fail-on', 'high'])).code,
      0,
    );
  });

  test('--output writes the report to a file and nothing to stdout', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'telltale-'));
    try {
      const path = join(dir, 'report.json');
      const run = await runCliCaptured([
        'scan',
        'brightwater.test',
        '--resolver',
        resolver,
        '--format',
        'json',
        '--output',
        path,
      ]);
      assert.equal(run.code, 0, run.stderr);
      assert.equal(run.stdout, '');
      const report = JSON.parse(await readFile(path, 'utf8')) as Report;
      assert.equal(report.target.domain, 'brightwater.test');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('internationalised names are scanned in ASCII and shown in both forms', async () => {
    const run = await runCliCaptured(['scan', 'bücher.test', '--resolver', resolver, '--timeout', '300']);
    assert.match(run.stdout, /bücher\.test \(xn--bcher-kva\.test\)/);
  });
});

describe('telltale scan refuses bad input with exit code 2', () => {
  const cases: [string[], RegExp][] = [
    [['scan', '192.0.2.1'], /IP address/],
    [['scan', 'alice@example.com'], /e-mail address/],
    [['scan', ''], /empty/],
    [['scan', 'example.com', '--format', 'yaml'], /--format 'yaml': choose one of text, json/],
    [['scan', 'example.com', '--resolver', 'dns.example.com'], /not an IP address/],
    [['scan', 'example.com', '--resolver', '127.0.0.1:99999'], /outside 1–65535/],
    [['scan', 'example.com', '--timeout', 'soon'], /whole number/],
    [['scan', 'example.com', '--fail-on', 'urgent'], /choose one of info, low, medium, high, critical/],
    [
      ['scan', 'example.com', '--output', '/nonexistent-dir/x.json', '--resolver', '127.0.0.1'],
      /does not exist or is not writable/,
    ],
    [['scan'], /missing required argument/],
    [['frobnicate'], /unknown command/],
  ];
  for (const [argv, message] of cases) {
    test(argv.join(' ') || '(nothing)', async () => {
      const run = await runCliCaptured(argv);
      assert.equal(run.code, 2, run.stderr);
      assert.match(run.stderr, message);
      assert.equal(run.stdout, '');
    });
  }
});

test('no DNS answer at all is exit code 3 with a hint, not a report full of unknowns', async () => {
  const run = await runCliCaptured(['scan', 'example.com', '--resolver', '127.0.0.1:9', '--timeout', '100']);
  assert.equal(run.code, 3, run.stderr);
  assert.match(run.stderr, /--resolver/);
});
