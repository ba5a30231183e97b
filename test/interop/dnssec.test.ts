// DNSSEC verdicts against real servers: zones signed here with Debian's ldns-signzone (fresh keys each
// run), served by nsd, validated by unbound holding the test trust anchor, read by the wire client.

import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { defaultCheckOptions } from '../../src/checks/check.js';
import { dnssecCheck } from '../../src/checks/dns/dnssec.js';
import type { Finding } from '../../src/model/finding.js';
import { createDnsClient } from '../../src/net/dns/client.js';
import {
  type Daemon,
  makeTempDir,
  runTool,
  startNsd,
  startUnbound,
  stopAll,
  type ZoneSpec,
} from './servers.js';
import { mapLimited, parseJsonOutput, runCli } from './telltale.js';

const zonesDir = fileURLToPath(new URL('./zones/', import.meta.url));
const parent = 'dnssec.test';

/** ldns-keygen prints the key's base name (K<zone>.+013+<tag>); the .ds file beside it holds its DS. */
function newKey(dir: string, zone: string): string {
  return runTool('ldns-keygen', ['-a', 'ECDSAP256SHA256', '-k', zone], dir).trim();
}

/** The DS line of a key, as ldns writes it (`zone.\tIN\tDS\t…`), without the class for trust-anchor use. */
function dsOf(dir: string, key: string): string {
  const line = readFileSync(join(dir, `${key}.ds`), 'utf8').trim();
  return line
    .split(/\s+/)
    .filter((field, index) => !(index === 1 && field === 'IN'))
    .join(' ');
}

function sign(dir: string, zone: string, source: string, key: string, extra: readonly string[] = []): string {
  const output = join(dir, `${zone}.signed`);
  runTool('ldns-signzone', [...extra, '-o', zone, '-f', output, source, key], dir);
  return output;
}

interface Lab {
  dir: string;
  nsd?: Daemon;
  validating?: Daemon;
  plain?: Daemon;
}

/** Keys, signatures and zones for one run; returns the zones nsd serves and the trust anchor. */
function buildZones(dir: string): { zones: ZoneSpec[]; anchor: string } {
  const child = join(zonesDir, 'dnssec-child.zone');
  const good = newKey(dir, `good.${parent}`);
  const expired = newKey(dir, `expired.${parent}`);
  const bogus = newKey(dir, `bogus-ds.${parent}`);
  // The parent publishes the DS of this key for bogus-ds, which is signed with another one.
  const stranger = newKey(dir, `bogus-ds.${parent}`);
  const top = newKey(dir, parent);

  const parentSource = join(dir, `${parent}.zone`);
  const dsRecords = [good, expired, stranger].map((key) =>
    readFileSync(join(dir, `${key}.ds`), 'utf8').trim(),
  );
  writeFileSync(
    parentSource,
    `${readFileSync(join(zonesDir, `${parent}.zone`), 'utf8')}\n${dsRecords.join('\n')}\n`,
  );

  const zones: ZoneSpec[] = [
    { name: parent, file: sign(dir, parent, parentSource, top) },
    { name: `good.${parent}`, file: sign(dir, `good.${parent}`, child, good) },
    // Inception and expiration both in 2020: the RRSIGs are well formed but long expired.
    {
      name: `expired.${parent}`,
      file: sign(dir, `expired.${parent}`, child, expired, ['-i', '20200101', '-e', '20200201']),
    },
    { name: `bogus-ds.${parent}`, file: sign(dir, `bogus-ds.${parent}`, child, bogus) },
    { name: `unsigned.${parent}`, file: child },
    // Not under any trust anchor: a validating resolver cannot say anything about it.
    { name: 'outside.test', file: child },
  ];
  return { zones, anchor: dsOf(dir, top) };
}

async function scan(resolverPort: number, domain: string): Promise<Finding[]> {
  const dns = createDnsClient({
    resolvers: [{ host: '127.0.0.1', port: resolverPort }],
    timeoutMs: 2000,
    attempts: 2,
    dnssec: true,
  });
  try {
    return [
      ...(await dnssecCheck.run(
        { domain, unicode: domain },
        {
          dns,
          https: {} as never,
          clock: { now: () => new Date() },
          signal: AbortSignal.timeout(20_000),
          options: defaultCheckOptions,
        },
      )),
    ];
  } finally {
    await dns.close();
  }
}

const verdicts = (findings: readonly Finding[]): string[] =>
  findings.map((f) => `${f.subject} ${f.checkId} ${f.status}`).sort();

/** What the validating resolver must lead to, per domain: "subject checkId status", sorted. */
const expectedWithAnchor: Readonly<Record<string, readonly string[]>> = {
  [`good.${parent}`]: [
    `good.${parent} dnssec.signed pass`,
    `mx.good.${parent} dnssec.signed pass`,
    `mx.unsigned.${parent} dnssec.unsigned warn`,
  ],
  [`unsigned.${parent}`]: [
    `mx.unsigned.${parent} dnssec.unsigned warn`,
    `unsigned.${parent} dnssec.unsigned warn`,
  ],
  [`expired.${parent}`]: [
    `expired.${parent} dnssec.bogus fail`,
    `mx.expired.${parent} dnssec.bogus fail`,
    `mx.unsigned.${parent} dnssec.unsigned warn`,
  ],
  [`bogus-ds.${parent}`]: [
    `bogus-ds.${parent} dnssec.bogus fail`,
    `mx.bogus-ds.${parent} dnssec.bogus fail`,
    `mx.unsigned.${parent} dnssec.unsigned warn`,
  ],
  'outside.test': [
    'mx.outside.test dnssec.unknown error',
    `mx.unsigned.${parent} dnssec.unsigned warn`,
    'outside.test dnssec.unknown error',
  ],
};

describe('DNSSEC verdicts through nsd + validating unbound', { timeout: 180_000 }, () => {
  const lab: Lab = { dir: makeTempDir('dnssec') };

  before(async () => {
    const { zones, anchor } = buildZones(lab.dir);
    lab.nsd = await startNsd(lab.dir, zones);
    const upstream = { upstreamPort: lab.nsd.port, probeName: `good.${parent}` };
    lab.validating = await startUnbound(lab.dir, { ...upstream, trustAnchors: [anchor], tag: 'validating' });
    lab.plain = await startUnbound(lab.dir, { ...upstream, validate: false, tag: 'plain' });
  });

  after(async () => {
    await stopAll([lab.plain, lab.validating, lab.nsd], lab.dir);
  });

  const port = (daemon: Daemon | undefined): number => {
    assert.ok(daemon, 'the server did not start (see the before hook)');
    return daemon.port;
  };

  it('a signed zone with a matching DS is signed; its MX host in an unsigned zone is unsigned', async () => {
    const findings = await scan(port(lab.validating), `good.${parent}`);
    assert.deepEqual(verdicts(findings), [
      `good.${parent} dnssec.signed pass`,
      `mx.good.${parent} dnssec.signed pass`,
      `mx.unsigned.${parent} dnssec.unsigned warn`,
    ]);
  });

  it('an unsigned delegation under a signed parent is unsigned, with the parent as proof', async () => {
    const findings = await scan(port(lab.validating), `unsigned.${parent}`);
    assert.deepEqual(verdicts(findings), [
      `mx.unsigned.${parent} dnssec.unsigned warn`,
      `unsigned.${parent} dnssec.unsigned warn`,
    ]);
    assert.match(
      findings[0]?.message ?? '',
      new RegExp(`DNSKEY of ${parent.replace('.', '\\.')} came back authenticated`),
    );
  });

  for (const broken of ['expired', 'bogus-ds']) {
    it(`${broken}: SERVFAIL with CD=0 and an answer with CD=1 is bogus, for the domain and its own MX host`, async () => {
      const findings = await scan(port(lab.validating), `${broken}.${parent}`);
      assert.deepEqual(verdicts(findings), [
        `${broken}.${parent} dnssec.bogus fail`,
        `mx.${broken}.${parent} dnssec.bogus fail`,
        `mx.unsigned.${parent} dnssec.unsigned warn`,
      ]);
      const evidence = findings.find((f) => f.subject === `${broken}.${parent}`)?.evidence ?? [];
      assert.deepEqual(
        evidence.map((e) => (e.kind === 'dns' ? `${e.type} ${e.outcome}` : e.kind)),
        ['MX error:servfail', 'MX ok'],
      );
    });
  }

  it('a zone outside every trust anchor is unknown, never unsigned', async () => {
    const findings = await scan(port(lab.validating), 'outside.test');
    assert.deepEqual(verdicts(findings), [
      'mx.outside.test dnssec.unknown error',
      `mx.unsigned.${parent} dnssec.unsigned warn`,
      'outside.test dnssec.unknown error',
    ]);
  });

  it('telltale scan (the built CLI) gives the same dnssec.* verdicts', async () => {
    const resolver = `127.0.0.1:${port(lab.validating)}`;
    const domains = Object.keys(expectedWithAnchor);
    const reports = await mapLimited(domains, 3, async (domain) => {
      const run = await runCli([
        'scan',
        domain,
        '--resolver',
        resolver,
        '--format',
        'json',
        '--checks',
        'dns',
      ]);
      return parseJsonOutput<{ findings: Finding[] }>(run, `telltale scan ${domain}`);
    });
    const seen = Object.fromEntries(
      domains.map((domain, index) => [
        domain,
        verdicts((reports[index]?.findings ?? []).filter((f) => f.checkId.startsWith('dnssec.'))),
      ]),
    );
    assert.deepEqual(seen, expectedWithAnchor);
  });

  it('a resolver that does not validate gives one unknown, even for the signed zone', async () => {
    const findings = await scan(port(lab.plain), `good.${parent}`);
    assert.deepEqual(verdicts(findings), [`good.${parent} dnssec.unknown error`]);
    assert.match(findings[0]?.message ?? '', /does not validate/);
  });

  it('a resolver that does not validate cannot see the bogus zone either: unknown, not bogus', async () => {
    const findings = await scan(port(lab.plain), `expired.${parent}`);
    assert.deepEqual(verdicts(findings), [`expired.${parent} dnssec.unknown error`]);
  });
});
