// `telltale scan --db`, `history` and `diff` end to end: one domain scanned twice against two labs whose
// zones differ, then listed and compared; a change of check logic is told apart from the infrastructure.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { type Lab, startLab } from '../../lab/lab.js';
import { defaultServices } from '../../src/cli/main.js';
import { selectChecks } from '../../src/fleet/select-checks.js';
import { formatResolver } from '../../src/net/dns/resolvers.js';
import { runCliCaptured } from './run-cli.js';

const before1 = {
  'hist.test': [{ MX: [10, 'mx.hist.test'] }, { TXT: 'v=spf1 ip4:192.0.2.25 -all' }],
  'mx.hist.test': [{ A: '192.0.2.25' }],
  '_dmarc.hist.test': [{ TXT: 'v=DMARC1; p=reject; rua=mailto:d@hist.test' }],
};
// The SPF record is gone and DMARC is weakened: a new finding, a fixed one, a changed one.
const after2 = {
  'hist.test': [{ MX: [10, 'mx.hist.test'] }],
  'mx.hist.test': [{ A: '192.0.2.25' }],
  '_dmarc.hist.test': [{ TXT: 'v=DMARC1; p=none; rua=mailto:d@hist.test' }],
};

// The DNS checks only: the labs here serve no SMTP or HTTPS, and the history logic is the same for all.
const dnsServices = {
  ...defaultServices,
  checks: selectChecks(defaultServices.checks, new Set(['dns'] as const)),
};

interface DiffJson {
  readonly from: { id: number };
  readonly to: { id: number };
  readonly checkLogic: { added: string[]; removed: string[]; changed: string[] };
  readonly toolChange?: unknown;
  readonly new: { after: { checkId: string; status: string }; byCheckLogic: boolean }[];
  readonly fixed: { before: { checkId: string; status: string }; byCheckLogic: boolean }[];
  readonly changed: { direction: string; before: { checkId: string }; after: { checkId: string } }[];
  readonly unchanged: unknown[];
}

describe('history and diff against two labs', () => {
  let first: Lab;
  let second: Lab;
  let dir: string;
  let db: string;

  before(async () => {
    first = await startLab({ services: [], extraZoneData: [before1] });
    second = await startLab({ services: [], extraZoneData: [after2] });
    dir = mkdtempSync(join(tmpdir(), 'telltale-history-'));
    db = join(dir, 'nested', 'history.db');
  });
  after(async () => {
    await first.stop();
    await second.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const scan = (lab: Lab, extra: readonly string[] = [], env: Record<string, string> = {}) =>
    runCliCaptured(
      [
        'scan',
        'hist.test',
        '--resolver',
        formatResolver(lab.dns),
        '--timeout',
        '300',
        '--format',
        'json',
        ...extra,
      ],
      { env, services: dnsServices },
    );

  test('scan without --db or TELLTALE_DB stores nothing; history then says there is none', async () => {
    const run = await scan(first);
    assert.equal(run.code, 0, run.stderr);
    assert.doesNotMatch(run.stderr, /stored scan/);
    const history = await runCliCaptured(['history', 'hist.test', '--db', db]);
    assert.equal(history.code, 2, history.stderr);
    assert.match(history.stderr, /no history at .*--db/);
  });

  test('two scans stored, listed newest first, and their diff names what changed', async () => {
    const one = await scan(first, ['--db', db]);
    assert.equal(one.code, 0, one.stderr);
    assert.match(one.stderr, /stored scan 1 of hist\.test/, one.stderr);
    // TELLTALE_DB works as --db does.
    const two = await scan(second, [], { TELLTALE_DB: db });
    assert.equal(two.code, 0, two.stderr);
    assert.match(two.stderr, /stored scan 2 of hist\.test/, two.stderr);

    const text = await runCliCaptured(['history', 'hist.test', '--db', db]);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /History of hist\.test: 2 scans/);
    const json = await runCliCaptured(['history', 'HIST.test', '--db', db, '--format', 'json']);
    const history = JSON.parse(json.stdout) as {
      scans: { id: number; toolVersion: string; summary: object }[];
    };
    assert.deepEqual(
      history.scans.map((scan) => scan.id),
      [2, 1],
    );
    assert.equal(history.scans[0]?.toolVersion, '0.1.0');

    const diffRun = await runCliCaptured(['diff', 'hist.test', '--db', db, '--format', 'json']);
    assert.equal(diffRun.code, 0, diffRun.stderr);
    const diff = JSON.parse(diffRun.stdout) as DiffJson;
    assert.equal(diff.from.id, 1);
    assert.equal(diff.to.id, 2);
    assert.deepEqual(diff.checkLogic, { added: [], removed: [], changed: [] });
    assert.equal(diff.toolChange, undefined);
    // Checks report every ID they evaluate, passes included: `spf.missing` was a pass and is now a fail.
    const changed = diff.changed.map((entry) => `${entry.after.checkId} ${entry.direction}`);
    assert.ok(changed.includes('spf.missing worsened'), JSON.stringify(changed));
    assert.ok(changed.includes('dmarc.policy-none worsened'), JSON.stringify(changed));
    assert.ok(diff.new.every((entry) => !entry.byCheckLogic));
    // What only the old SPF and DMARC records let the checks evaluate is no longer reported.
    assert.ok(diff.fixed.length > 0);
    assert.deepEqual(
      diff.fixed.filter((entry) => !/^(spf|dmarc)\./.test(entry.before.checkId) || entry.byCheckLogic),
      [],
    );
    assert.ok(diff.unchanged.length > 0);

    const diffText = await runCliCaptured(['diff', 'hist.test', '--db', db, '--from', '1', '--to', '2']);
    assert.equal(diffText.code, 0, diffText.stderr);
    assert.match(diffText.stdout, /scan 1 .* → scan 2/);
    assert.match(diffText.stdout, /Changed \(\d+\):[\s\S]*worsened .*spf\.missing/);
    assert.doesNotMatch(diffText.stdout, /Note:/);
  });

  test('a scan by different check logic is flagged: its new findings may come from the new checks', async () => {
    const fewer = {
      ...dnsServices,
      checks: dnsServices.checks.filter((check) => check.name !== 'tls-rpt'),
    };
    const older = await runCliCaptured(
      [
        'scan',
        'hist.test',
        '--resolver',
        formatResolver(second.dns),
        '--timeout',
        '300',
        '--format',
        'json',
        '--db',
        db,
      ],
      { services: fewer },
    );
    assert.equal(older.code, 0, older.stderr);
    const newer = await scan(second, ['--db', db]);
    assert.equal(newer.code, 0, newer.stderr);
    const run = await runCliCaptured(['diff', 'hist.test', '--db', db, '--format', 'json']);
    const diff = JSON.parse(run.stdout) as DiffJson;
    assert.deepEqual(diff.checkLogic.added, ['tls-rpt']);
    assert.ok(diff.new.length > 0);
    assert.ok(diff.new.every((entry) => entry.after.checkId.startsWith('tlsrpt.') && entry.byCheckLogic));
    const text = await runCliCaptured(['diff', 'hist.test', '--db', db]);
    assert.match(text.stdout, /Note: checks added: tls-rpt\./);
    assert.match(text.stdout, /\* FAIL/);
  });

  test('bad scan IDs and a domain with one scan are usage errors', async () => {
    assert.equal((await runCliCaptured(['diff', 'hist.test', '--db', db, '--from', 'x'])).code, 2);
    const missing = await runCliCaptured(['diff', 'hist.test', '--db', db, '--from', '999']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /no scan 999 of hist\.test/);
    const none = await runCliCaptured(['diff', 'other.test', '--db', db]);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /no stored scan of other\.test/);
  });
});
