// Tricky SPF and MX cases served by Debian's nsd behind unbound: telltale's scan verdicts must match what
// zones/interop.test.zone plants, and its check_host() results must match Debian's spfquery (Mail::SPF).

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Finding, Status } from '../../src/model/finding.js';
import { type Daemon, makeTempDir, requireBinary, startNsd, startUnbound, stopAll } from './servers.js';
import { mapLimited, parseJsonOutput, runCli } from './telltale.js';

const zonesDir = fileURLToPath(new URL('./zones/', import.meta.url));

interface Planted {
  readonly domain: string;
  /** Check IDs that must be reported with one of the given statuses. */
  readonly expect: Readonly<Record<string, readonly Status[]>>;
  /** Areas (check ID prefixes) in which nothing else may be warn or fail. */
  readonly cleanElsewhere?: readonly ('mx' | 'spf')[];
}

const bad: readonly Status[] = ['fail', 'warn'];

/** One row per name of zones/interop.test.zone; its comments say the same. */
const planted: readonly Planted[] = [
  { domain: 'good', expect: {}, cleanElsewhere: ['mx', 'spf'] },
  { domain: 'nomx', expect: { 'mx.missing': bad } },
  { domain: 'nullmx', expect: { 'mx.null': ['pass', 'warn'] }, cleanElsewhere: ['spf'] },
  { domain: 'cnamemx', expect: { 'mx.cname': bad } },
  { domain: 'iplitmx', expect: { 'mx.ip-literal': bad } },
  { domain: 'deadmx', expect: { 'mx.unresolvable': bad } },
  { domain: 'dupmx', expect: { 'mx.duplicate-priority': bad } },
  { domain: 'sharedmx', expect: { 'mx.duplicate-priority': ['pass'] }, cleanElsewhere: ['mx', 'spf'] },
  { domain: 'privmx', expect: { 'mx.private-address': bad } },
  { domain: 'nospf', expect: { 'spf.missing': bad }, cleanElsewhere: ['mx'] },
  { domain: 'twospf', expect: { 'spf.multiple-records': bad }, cleanElsewhere: ['mx'] },
  { domain: 'syntax', expect: { 'spf.syntax-error': bad }, cleanElsewhere: ['mx'] },
  { domain: 'split', expect: { 'spf.split-mistake': bad }, cleanElsewhere: ['mx'] },
  { domain: 'plusall', expect: { 'spf.all-pass': bad }, cleanElsewhere: ['mx'] },
  { domain: 'neutralall', expect: { 'spf.all-neutral': bad }, cleanElsewhere: ['mx'] },
  { domain: 'softall', expect: {}, cleanElsewhere: ['mx', 'spf'] },
  { domain: 'noall', expect: { 'spf.no-all': bad }, cleanElsewhere: ['mx'] },
  { domain: 'ptr', expect: { 'spf.ptr-used': bad }, cleanElsewhere: ['mx'] },
  { domain: 'redirectignored', expect: { 'spf.redirect-ignored': bad }, cleanElsewhere: ['mx'] },
  { domain: 'redirect', expect: {}, cleanElsewhere: ['mx', 'spf'] },
  { domain: 'inclmissing', expect: { 'spf.include-missing': bad }, cleanElsewhere: ['mx'] },
  { domain: 'loop', expect: { 'spf.include-loop': bad }, cleanElsewhere: ['mx'] },
  { domain: 'many', expect: { 'spf.too-many-lookups': bad }, cleanElsewhere: ['mx'] },
  { domain: 'voids', expect: { 'spf.too-many-void-lookups': bad }, cleanElsewhere: ['mx'] },
  { domain: 'toolong', expect: { 'spf.record-too-long': bad }, cleanElsewhere: ['mx'] },
  { domain: 'spfrr', expect: { 'spf.spf-rr-type': bad }, cleanElsewhere: ['mx'] },
  { domain: 'macro', expect: {}, cleanElsewhere: ['mx', 'spf'] },
  { domain: 'ip6', expect: {}, cleanElsewhere: ['mx', 'spf'] },
  { domain: 'cidr', expect: {}, cleanElsewhere: ['mx', 'spf'] },
];

type SpfResult = 'pass' | 'fail' | 'softfail' | 'neutral' | 'none' | 'permerror' | 'temperror';

/** check_host() as RFC 7208 has it for each (domain, ip); both implementations are held to it. */
const senders: readonly (readonly [domain: string, ip: string, expected: SpfResult])[] = [
  ['good', '198.51.100.5', 'pass'], // ip4:198.51.100.0/28
  ['good', '198.51.100.20', 'fail'],
  ['good', '192.0.2.10', 'pass'], // mx → mx1.good A
  ['good', '2001:db8::11', 'pass'], // mx → mx2.good AAAA
  ['nomx', '192.0.2.20', 'pass'],
  ['nomx', '192.0.2.21', 'fail'],
  ['nullmx', '192.0.2.20', 'fail'],
  ['nospf', '198.51.100.5', 'none'],
  ['nonexistent', '198.51.100.5', 'none'], // §4.3: NXDOMAIN → none
  ['twospf', '198.51.100.1', 'permerror'], // §4.5
  ['syntax', '198.51.100.1', 'permerror'], // §4.6: invalid ip4 address
  ['split', '198.51.100.1', 'permerror'], // §3.3: strings joined with no space → "ip4:198.51.100.1-all"
  ['plusall', '203.0.113.9', 'pass'],
  ['neutralall', '198.51.100.1', 'pass'],
  ['neutralall', '198.51.100.9', 'neutral'],
  ['softall', '198.51.100.9', 'softfail'],
  ['noall', '198.51.100.9', 'neutral'], // §4.7: default result
  ['ptr', '198.51.100.5', 'pass'], // PTR mail.ptr.interop.test, whose A is the IP
  ['ptr', '198.51.100.6', 'fail'], // PTR target does not resolve: not validated
  ['ptr', '198.51.100.7', 'fail'], // no PTR at all
  ['redirectignored', '198.51.100.1', 'pass'],
  ['redirectignored', '198.51.100.5', 'fail'], // §6.1: -all matched, redirect never used
  ['redirect', '198.51.100.5', 'pass'],
  ['redirect', '203.0.113.1', 'fail'],
  ['inclmissing', '198.51.100.5', 'permerror'], // §5.2: include of a domain with no record
  ['loop', '198.51.100.5', 'permerror'], // the 10-lookup limit ends the loop
  ['many', '198.51.100.5', 'permerror'], // 11th DNS term (§4.6.4)
  ['many', '192.0.2.10', 'pass'], // matches within the first include, before the limit
  ['voids', '198.51.100.1', 'permerror'], // third void lookup before ip4 is reached (§4.6.4)
  ['toolong', '198.51.100.5', 'pass'],
  ['toolong', '198.51.100.200', 'fail'],
  ['spfrr', '198.51.100.1', 'pass'],
  ['macro', '198.51.100.7', 'pass'], // exists:%{i}._spf.macro…
  ['macro', '198.51.100.8', 'fail'],
  ['ip6', '2001:db8:1::25', 'pass'],
  ['ip6', '2001:db8:2::25', 'fail'],
  ['ip6', '198.51.100.5', 'fail'],
  ['cidr', '192.0.2.99', 'pass'], // a:mx1.good/24
  ['cidr', '192.0.3.1', 'fail'],
  ['tempfail', '198.51.100.5', 'temperror'], // include of a zone nobody serves: SERVFAIL (§5.2)
];

/**
 * Known disagreements between spfquery and RFC 7208, keyed "domain ip", with the reasoning. Mail::SPF
 * 2.9 follows RFC 4408 in places. Empty while both agree on every row.
 */
const spfqueryDeviations: Readonly<Record<string, { readonly spfquery: SpfResult; readonly why: string }>> =
  {};

const fqdn = (label: string): string => `${label}.interop.test`;

/** The part of `telltale scan --format json` (docs/json.md) these tests read. */
interface ScanJson {
  readonly schemaVersion: string;
  readonly target: { readonly domain: string; readonly unicode: string };
  readonly findings: readonly Finding[];
}

async function scan(domain: string, port: number): Promise<ScanJson> {
  const run = await runCli([
    'scan',
    domain,
    '--resolver',
    `127.0.0.1:${port}`,
    '--format',
    'json',
    '--checks',
    'dns',
  ]);
  return parseJsonOutput<ScanJson>(run, `telltale scan ${domain}`);
}

async function spf(domain: string, ip: string, port: number): Promise<SpfResult> {
  const run = await runCli([
    'spf',
    domain,
    '--ip',
    ip,
    '--resolver',
    `127.0.0.1:${port}`,
    '--format',
    'json',
  ]);
  return parseJsonOutput<{ readonly result: SpfResult }>(run, `telltale spf ${domain} --ip ${ip}`).result;
}

/**
 * spfquery's batch mode, pointed at our unbound: Net::DNS::Resolver reads RES_NAMESERVERS, and
 * RES_OPTIONS "port:N" sets any resolver attribute, the port included. One Received-SPF line per input.
 */
function spfqueryAll(port: number, rows: readonly (readonly [string, string, SpfResult])[]): SpfResult[] {
  const input = rows.map(([domain, ip]) => `${ip} postmaster@${fqdn(domain)} mail.example.org\n`).join('');
  const result = spawnSync(requireBinary('spfquery'), ['--scope', 'mfrom', '--file', '-'], {
    input,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, RES_NAMESERVERS: '127.0.0.1', RES_OPTIONS: `port:${port} retry:1 retrans:2` },
  });
  const verdicts = result.stdout
    .split('\n')
    .filter((line) => line.startsWith('Received-SPF: '))
    .map((line) => line.slice('Received-SPF: '.length).split(' ')[0] as SpfResult);
  assert.equal(
    verdicts.length,
    rows.length,
    `spfquery gave ${verdicts.length} results:\n${result.stdout}\n${result.stderr}`,
  );
  return verdicts;
}

describe('SPF and MX verdicts against nsd + unbound', { timeout: 300_000 }, () => {
  const dir = makeTempDir('spf-mx');
  let nsd: Daemon | undefined;
  let unbound: Daemon | undefined;

  before(async () => {
    nsd = await startNsd(dir, [
      { name: 'interop.test', file: join(zonesDir, 'interop.test.zone') },
      { name: '100.51.198.in-addr.arpa', file: join(zonesDir, '100.51.198.in-addr.arpa.zone') },
    ]);
    unbound = await startUnbound(dir, { upstreamPort: nsd.port, probeName: 'interop.test' });
  });

  after(async () => {
    await stopAll([unbound, nsd], dir);
  });

  const resolverPort = (): number => {
    assert.ok(unbound, 'unbound did not start (see the before hook)');
    return unbound.port;
  };

  it('telltale scan reports what each domain plants', async () => {
    const port = resolverPort();
    const scans = await mapLimited(planted, 4, async (row) => {
      return scan(fqdn(row.domain), port);
    });
    const problems: string[] = [];
    planted.forEach((row, index) => {
      const report = scans[index];
      assert.ok(report);
      assert.equal(report.target.domain, fqdn(row.domain));
      const seen = report.findings.map((f) => `${f.checkId}:${f.status}`);
      for (const [id, statuses] of Object.entries(row.expect)) {
        if (!report.findings.some((f) => f.checkId === id && statuses.includes(f.status))) {
          problems.push(`${row.domain}: expected ${id} as ${statuses.join('|')}, got ${seen.join(' ')}`);
        }
      }
      for (const area of row.cleanElsewhere ?? []) {
        const stray = report.findings.filter(
          (f) =>
            f.checkId.startsWith(`${area}.`) &&
            f.checkId in row.expect === false &&
            (f.status === 'fail' || f.status === 'warn' || f.status === 'error'),
        );
        for (const f of stray)
          problems.push(`${row.domain}: unexpected ${f.checkId}:${f.status} — ${f.message}`);
      }
    });
    assert.deepEqual(problems, []);
  });

  it('a SERVFAIL inside the SPF tree is an error naming what failed, never a missing include', async () => {
    const port = resolverPort();
    const report = await scan(fqdn('tempfail'), port);
    const spf = report.findings.filter((f) => f.checkId.startsWith('spf.'));
    assert.ok(
      spf.some((f) => f.status === 'error' && f.message.includes('spf.unserved.test')),
      spf.map((f) => `${f.checkId}:${f.status} ${f.message}`).join('\n'),
    );
    const verdicts = spf.filter((f) => f.status === 'fail' || f.status === 'warn');
    assert.deepEqual(verdicts, [], 'an include that could not be fetched is not proof of anything');
  });

  it('check_host() agrees with Debian spfquery (Mail::SPF) and RFC 7208 on every row', async () => {
    const port = resolverPort();
    const theirs = spfqueryAll(port, senders);
    const ours = await mapLimited(senders, 4, async ([domain, ip]) => {
      return spf(fqdn(domain), ip, port);
    });
    const rows = senders.map(([domain, ip, expected], index) => {
      const deviation = spfqueryDeviations[`${domain} ${ip}`];
      return {
        row: `${domain} ${ip}`,
        telltale: ours[index],
        spfquery: theirs[index],
        expectedTelltale: expected,
        expectedSpfquery: deviation?.spfquery ?? expected,
      };
    });
    const wrong = rows.filter((r) => r.telltale !== r.expectedTelltale || r.spfquery !== r.expectedSpfquery);
    assert.deepEqual(wrong, []);
  });
});
