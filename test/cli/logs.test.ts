import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import type { LogScanReport } from '../../src/logs/report.js';
import { runCliCaptured } from './run-cli.js';

const fixtures = 'test/fixtures/logs';
const iis = `${fixtures}/compromised/u_ex240304.log`;
const proxy = `${fixtures}/compromised/HttpProxy_2021030302-1.LOG`;
const ecp = `${fixtures}/compromised/ECPServer2021030303-1.LOG`;
const oab = `${fixtures}/compromised/OABGenerator20210303.LOG`;
const xml = `${fixtures}/compromised/application-events.xml`;
const csv = `${fixtures}/compromised/management-events.csv`;

/** Every planted record of the compromised fixtures: indicator → file:line (failed attempts marked). */
const planted: Readonly<Record<string, readonly string[]>> = {
  'proxylogon.ssrf-anchor-mailbox': [`${proxy}:6`, `${proxy}:7`],
  'proxylogon.reset-virtual-directory': [`${proxy}:6`],
  'proxylogon.backend-webshell-command': [`${iis}:20`],
  'proxylogon.vdir-url-script': [`${ecp}:6`],
  'proxylogon.oab-temp-file-write': [`${oab}:5`],
  'proxyshell.autodiscover-ssrf': [`${proxy}:11`, `${iis}:7`],
  'proxyshell.powershell-forged-token': [`${iis}:8`],
  'proxynotshell.autodiscover-powershell': [`${iis}:9`, `${iis}:10 failed`],
  'proxynotshell.backend-powershell': [`${iis}:19`],
  'owassrf.owa-powershell': [`${iis}:11`],
  'webshell.aspx-access': [`${iis}:12`, `${iis}:13`, `${iis}:20`, `${iis}:14 failed`],
  'proxyshell.export-to-web-folder': [`${xml}:5`],
  'proxylogon.fake-static-resource': [`${iis}:6`, `${iis}:18`],
  'proxylogon.backend-resource-cookie': [`${iis}:18`],
  'proxylogon.um-service-crash': [`${xml}:3`],
  'proxytoken.ecp-security-token': [`${iis}:17`],
  'proxyshell.mailbox-export-request': [`${xml}:5`, `${csv}:6`],
  'proxyshell.import-export-role': [`${csv}:3`],
};

function located(report: LogScanReport, rename: (file: string) => string = (file) => file) {
  const out: Record<string, string[]> = {};
  for (const finding of report.findings) {
    out[finding.indicatorId] = finding.examples
      .map((example) => `${rename(example.file)}:${example.line}${example.succeeded ? '' : ' failed'}`)
      .sort();
  }
  return out;
}

function sorted(table: Readonly<Record<string, readonly string[]>>): Record<string, string[]> {
  return Object.fromEntries(Object.entries(table).map(([id, lines]) => [id, [...lines].sort()]));
}

async function scanJson(...args: string[]): Promise<{ code: number; report: LogScanReport; stderr: string }> {
  const run = await runCliCaptured(['logs', ...args, '--format', 'json', '--examples', '50']);
  assert.ok(run.stdout.startsWith('{'), `no JSON (exit ${run.code}): ${run.stderr}`);
  return { code: run.code, report: JSON.parse(run.stdout) as LogScanReport, stderr: run.stderr };
}

describe('telltale logs', () => {
  let work: string;
  before(async () => {
    work = await mkdtemp(join(tmpdir(), 'telltale-logs-'));
  });
  after(async () => {
    await rm(work, { recursive: true, force: true });
  });

  test('every planted indicator is reported at its exact file and line, and nothing else', async () => {
    const { code, report } = await scanJson(`${fixtures}/compromised`);
    assert.equal(code, 1);
    assert.deepEqual(located(report), sorted(planted));
    assert.equal(report.verdict, 'compromise');
    assert.equal(report.totals.scanned, 6);
    assert.ok(
      report.nextSteps.some((step) => step.includes('72 hours') && step.includes('not legal advice')),
    );
  });

  test('the busy clean server with look-alike requests gives only the failed scanner probe, at low', async () => {
    const { code, report } = await scanJson(`${fixtures}/clean`);
    assert.equal(code, 0);
    assert.deepEqual(located(report), {
      'proxyshell.autodiscover-ssrf': [`${fixtures}/clean/u_ex240305.log:12 failed`],
    });
    assert.equal(report.findings[0]?.severity, 'low');
    assert.equal(report.verdict, 'attempts-only');
    assert.ok(!report.nextSteps.some((step) => step.includes('72 hours')));
    const stricter = await runCliCaptured(['logs', `${fixtures}/clean`, '--fail-on', 'low']);
    assert.equal(stricter.code, 1);
  });

  test('parsing every line finds exactly what the prefilter lets through', async () => {
    const fast = await scanJson(`${fixtures}/compromised`, `${fixtures}/clean`);
    const thorough = await scanJson(`${fixtures}/compromised`, `${fixtures}/clean`, '--thorough');
    assert.deepEqual(located(thorough.report), located(fast.report));
  });

  test('time span, clients and counts are grouped per indicator', async () => {
    const { report } = await scanJson(proxy);
    const ssrf = report.findings.find((finding) => finding.indicatorId === 'proxylogon.ssrf-anchor-mailbox');
    assert.equal(ssrf?.hits, 2);
    assert.equal(ssrf?.firstTime, '2021-03-03T02:10:00.456Z');
    assert.equal(ssrf?.lastTime, '2021-03-03T02:11:00.123Z');
    assert.deepEqual(ssrf?.clients, [{ ip: '203.0.113.50', count: 2, private: false }]);
    const webshell = (await scanJson(iis)).report.findings.find(
      (f) => f.indicatorId === 'webshell.aspx-access',
    );
    assert.equal(webshell?.succeeded, 3);
    assert.equal(webshell?.failed, 1);
    assert.deepEqual(
      webshell?.clients.map((client) => `${client.ip}${client.private ? ' private' : ''}`),
      ['203.0.113.55', '10.0.0.5 private', '192.0.2.99'],
    );
  });

  test('gzip is recognised by its magic bytes, whatever the name', async () => {
    const gz = join(work, 'u_ex240304.log');
    await writeFile(gz, gzipSync(await readFile(iis)));
    const plainGz = join(work, 'not-really.gz');
    await writeFile(plainGz, await readFile(iis));
    const { report } = await scanJson(gz, plainGz);
    const expected = located((await scanJson(iis)).report, () => 'X');
    assert.deepEqual(
      located(report, () => 'X'),
      sorted(Object.fromEntries(Object.entries(expected).map(([id, lines]) => [id, [...lines, ...lines]]))),
    );
    assert.deepEqual(
      report.files.map((file) => [file.compressed, file.format]),
      [
        [true, 'iis-w3c'],
        [false, 'iis-w3c'],
      ],
    );
  });

  test('UTF-16 LE exports (with and without BOM) and UTF-8 with BOM give the same hits', async () => {
    const text = await readFile(csv, 'utf8');
    const withBom = join(work, 'events-utf16.csv');
    await writeFile(withBom, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    const noBom = join(work, 'events-utf16-nobom.csv');
    await writeFile(noBom, Buffer.from(text, 'utf16le'));
    const utf8Bom = join(work, 'events-utf8bom.csv');
    await writeFile(utf8Bom, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]));
    const reference = located((await scanJson(csv)).report, () => 'F');
    for (const file of [withBom, noBom, utf8Bom]) {
      const { report } = await scanJson(file);
      assert.deepEqual(
        located(report, () => 'F'),
        reference,
        file,
      );
      assert.equal(report.files[0]?.encoding, file === utf8Bom ? 'utf-8' : 'utf-16le');
    }
  });

  test('truncated gzip, binary garbage and unknown text are reported per file, never a crash', async () => {
    const folder = join(work, 'mixed');
    await mkdir(join(folder, 'nested', 'deeper'), { recursive: true });
    const whole = gzipSync(await readFile(iis));
    await writeFile(join(folder, 'cut.log.gz'), whole.subarray(0, Math.floor(whole.length * 0.7)));
    await writeFile(
      join(folder, 'garbage.bin'),
      Buffer.from([0, 1, 2, 255, 0, 13, 10, 0, 0, 7, 8, 9, 0, 0, 0, 0]),
    );
    await writeFile(join(folder, 'nested', 'notes.txt'), 'meeting notes\nnothing to see\n');
    await writeFile(join(folder, 'nested', 'deeper', 'proxy.log'), await readFile(proxy));
    const { code, report } = await scanJson(folder);
    assert.equal(code, 1);
    const byName = Object.fromEntries(report.files.map((file) => [file.path.slice(folder.length + 1), file]));
    assert.deepEqual(Object.keys(byName), [
      'cut.log.gz',
      'garbage.bin',
      'nested/deeper/proxy.log',
      'nested/notes.txt',
    ]);
    assert.equal(byName['cut.log.gz']?.status, 'partial');
    assert.match(byName['cut.log.gz']?.notes.join() ?? '', /truncated gzip|unexpected end/i);
    assert.equal(byName['garbage.bin']?.status, 'skipped');
    assert.match(byName['garbage.bin']?.notes.join() ?? '', /binary/);
    assert.equal(byName['nested/notes.txt']?.status, 'skipped');
    assert.equal(byName['nested/deeper/proxy.log']?.status, 'scanned');
    // The part of the cut archive before the damage was still checked.
    assert.ok(report.findings.some((finding) => finding.examples.some((e) => e.file.endsWith('cut.log.gz'))));
  });

  test('a line longer than the cap is cut, counted, and does not shift line numbers', async () => {
    const lines = (await readFile(iis, 'utf8')).split('\n');
    const padded = `2024-03-04 09:59:59 10.0.0.5 GET /owa/ ${'a'.repeat(300_000)} 443 - 198.51.100.7 x - 200 0 0 1`;
    lines.splice(5, 0, padded);
    const file = join(work, 'long.log');
    await writeFile(file, lines.join('\n'));
    const { report } = await scanJson(file, '--max-line-length', '4096');
    const owassrf = report.findings.find((finding) => finding.indicatorId === 'owassrf.owa-powershell');
    assert.deepEqual(
      owassrf?.examples.map((e) => e.line),
      [12],
    );
    assert.match(report.files[0]?.notes.join() ?? '', /1 line\(s\) longer than 4096/);
  });

  test('on a terminal: our colours stay, escape sequences planted in a log line are neutralised', async () => {
    const hostile = join(work, 'u_ex-hostile.log');
    await writeFile(
      hostile,
      [
        '#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken',
        '2024-03-04 10:00:07 10.0.0.5 POST /owa/mastermailbox%40outlook.com/powershell - 443 - 203.0.113.54 evil\u001b]0;pwned\u0007\u001b[2J - 200 0 0 50',
        '',
      ].join('\n'),
    );
    const run = await runCliCaptured(['logs', hostile, '--no-progress'], { tty: true });
    assert.equal(run.code, 1, run.stderr);
    assert.ok(run.stdout.includes('\u001b[1m'), 'our own colour codes are kept');
    assert.ok(!run.stdout.includes('\u001b]0;'), 'a planted title sequence must not reach the terminal');
    assert.ok(!run.stdout.includes('\u001b[2J'), 'a planted clear-screen must not reach the terminal');
    assert.match(run.stdout, /evil\\x1b\]0;pwned\\x07\\x1b\[2J/);
  });

  test('a missing path is named and exits 2; nothing readable exits 3', async () => {
    const missing = await runCliCaptured(['logs', iis, join(work, 'nope.log')]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /nope\.log: no such file or folder/);
    const garbage = join(work, 'only-garbage.bin');
    await writeFile(garbage, Buffer.alloc(64, 0));
    const nothing = await runCliCaptured(['logs', garbage]);
    assert.equal(nothing.code, 3);
    assert.match(nothing.stderr, /only-garbage\.bin: skipped: binary content/);
  });

  test('the JSON report has the documented shape', async () => {
    const { report } = await scanJson(`${fixtures}/compromised`);
    assert.equal(report.schemaVersion, '1.0');
    assert.deepEqual(Object.keys(report).sort(), [
      'coverage',
      'dataset',
      'durationMs',
      'files',
      'findings',
      'finishedAt',
      'headline',
      'inputs',
      'nextSteps',
      'notEvaluable',
      'schemaVersion',
      'startedAt',
      'tool',
      'totals',
      'verdict',
    ]);
    const finding = report.findings[0];
    assert.ok(finding !== undefined);
    for (const key of [
      'indicatorId',
      'kind',
      'severity',
      'hits',
      'succeeded',
      'failed',
      'clients',
      'examples',
      'cves',
    ])
      assert.ok(key in finding, key);
    assert.deepEqual(
      report.coverage.map((entry) => entry.format),
      ['ecp-server', 'event-csv', 'event-xml', 'httpproxy', 'iis-w3c', 'oab-generator'],
    );
  });

  test('text output names the verdict, the GDPR clock and the lines; --output writes the file', async () => {
    const out = join(work, 'report.txt');
    const run = await runCliCaptured(['logs', `${fixtures}/compromised`, '--output', out]);
    assert.equal(run.code, 1);
    assert.equal(run.stdout, '');
    const text = await readFile(out, 'utf8');
    assert.match(text, /COMPROMISE INDICATORS FOUND/);
    assert.match(text, /72 hours/);
    assert.match(text, /u_ex240304\.log:12 {2}2024-03-04 10:00:08/);
  });
});
