// The assembled lab: every zone file loads, the scenarios plant what they claim, and the real DNS engine
// reads them over the wire from the lab's server.

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { createDnsClient, type WireDnsClient } from '../src/net/dns/client.js';
import type { DnsAnswer, RecordType } from '../src/net/dns/types.js';
import type { Lab, LabService } from './lab.js';
import { defaultZonesDir, loadZones, startLab, zoneFiles } from './lab.js';
import { ZoneClient } from './zone-client.js';
import { ZoneStore } from './zone-store.js';

const zonesDir = defaultZonesDir();

describe('lab zone files', () => {
  const files = zoneFiles(zonesDir);

  it('finds the demo companies and the MX/SPF cases, at any depth', () => {
    const names = files.map((file) => file.slice(zonesDir.length + 1));
    for (const expected of [
      'demo-brightwater.yaml',
      'demo-oldmill.yaml',
      'cases/mx-null.yaml',
      'cases/spf-too-long.yaml',
    ])
      assert.ok(names.includes(expected), `${expected} missing from ${names.join(', ')}`);
  });

  for (const file of files) {
    const name = file.slice(zonesDir.length + 1);
    it(`${name} loads on its own`, () => {
      new ZoneStore().addYaml(readFileSync(file, 'utf8'), file);
    });
  }

  // The README's table points at these descriptions: every MX/SPF case and demo company carries one.
  const described = files.filter((file) => /(^|\/)(mx-|spf-|demo-(brightwater|oldmill)\.yaml)/.test(file));
  it('every MX/SPF case and demo company file has a description', () => {
    assert.ok(described.length >= 30);
    for (const file of described) {
      const document = parseYaml(readFileSync(file, 'utf8')) as { description?: unknown };
      assert.equal(typeof document.description, 'string', file);
    }
  });

  it('all load together into one store', () => {
    assert.doesNotThrow(() => loadZones(zonesDir));
  });
});

describe('zones directory', () => {
  it('is found beside the module from source, and back in lab/zones from dist/lab/', () => {
    const root = mkdtempSync(join(tmpdir(), 'telltale-lab-'));
    try {
      mkdirSync(join(root, 'lab', 'zones'), { recursive: true });
      mkdirSync(join(root, 'dist', 'lab'), { recursive: true });
      const fromSource = pathToFileURL(join(root, 'lab', 'lab.ts')).href;
      const fromDist = pathToFileURL(join(root, 'dist', 'lab', 'lab.js')).href;
      assert.equal(defaultZonesDir(fromSource), join(root, 'lab', 'zones'));
      assert.equal(defaultZonesDir(fromDist), join(root, 'lab', 'zones'));
      rmSync(join(root, 'lab'), { recursive: true });
      assert.throws(() => defaultZonesDir(fromDist), /no zones directory/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('merges the same name from two files and adds extra zone data', () => {
    const dir = mkdtempSync(join(tmpdir(), 'telltale-zones-'));
    try {
      mkdirSync(join(dir, 'nested'));
      writeFileSync(join(dir, 'a.yaml'), "description: a\nrecords:\n  m.test:\n    - TXT: 'one'\n");
      writeFileSync(join(dir, 'nested', 'b.yaml'), "description: b\nrecords:\n  m.test:\n    - TXT: 'two'\n");
      writeFileSync(join(dir, 'notes.md'), 'not zone data');
      const store = loadZones(dir, [{ 'extra.test': [{ A: '192.0.2.99' }] }]);
      const txt = store.lookup('m.test', 'TXT');
      assert.ok(txt.kind === 'answer' && txt.answer.kind === 'ok');
      assert.equal(txt.answer.records.length, 2);
      const extra = store.lookup('extra.test', 'A');
      assert.ok(extra.kind === 'answer' && extra.answer.kind === 'ok');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** Terms of an SPF record that cost a DNS lookup (RFC 7208 §4.6.4), and the names they send evaluation to. */
function lookupTerms(record: string): { count: number; targets: string[] } {
  const terms = record.split(' ').slice(1);
  const counted = terms.filter((term) =>
    /^[+?~-]?(include:|a$|a[:/]|mx$|mx[:/]|ptr|exists:|redirect=)/i.test(term),
  );
  const targets = counted.flatMap((term) => {
    const match = /^[+?~-]?(?:include:|redirect=)(.+)$/i.exec(term);
    return match?.[1] === undefined ? [] : [match[1]];
  });
  return { count: counted.length, targets };
}

/** Total lookups over the include/redirect tree, walked through the in-memory client: checks the data, not SPF. */
async function lookupsUnder(client: ZoneClient, domain: string, seen = new Set<string>()): Promise<number> {
  if (seen.has(domain)) return 0;
  seen.add(domain);
  const answer = await client.query(domain, 'TXT');
  if (answer.kind !== 'ok') return 0;
  const record = answer.records.map((txt) => txt.strings.join('')).find((text) => text.startsWith('v=spf1'));
  if (record === undefined) return 0;
  const { count, targets } = lookupTerms(record);
  let total = count;
  for (const target of targets) total += await lookupsUnder(client, target, seen);
  return total;
}

describe('scenario data plants what the README says', () => {
  const client = new ZoneClient(loadZones(zonesDir));

  it('oldmill.test needs more than 10 lookups; brightwater.test stays well under', async () => {
    assert.equal(await lookupsUnder(client, 'oldmill.test'), 14);
    assert.equal(await lookupsUnder(client, 'brightwater.test'), 2);
    assert.equal(await lookupsUnder(client, 'spf-too-many-lookups.test'), 12);
  });

  it('oldmill.test has an MX at a CNAME, one at a private address and one that does not exist', async () => {
    const mx = await client.query('oldmill.test', 'MX');
    assert.equal(mx.kind, 'ok');
    const cname = await client.query('mail.oldmill.test', 'A');
    assert.ok(cname.kind === 'ok' && cname.aliases.length === 1);
    const internal = await client.query('mail2.oldmill.test', 'A');
    assert.ok(internal.kind === 'ok' && internal.records[0]?.address.startsWith('10.'));
    assert.equal((await client.query('backup.oldmill.test', 'A')).kind, 'nxdomain');
    assert.equal((await client.query('oldmill-hosting.test', 'TXT')).kind, 'ok');
  });

  it('spf-too-long.test is over 450 bytes in strings of at most 255, joined at spaces', async () => {
    const answer = await client.query('spf-too-long.test', 'TXT');
    assert.ok(answer.kind === 'ok');
    const strings = answer.records[0]?.strings ?? [];
    assert.ok(strings.length > 1);
    assert.ok(strings.every((part) => Buffer.byteLength(part) <= 255));
    assert.ok(strings.slice(0, -1).every((part) => part.endsWith(' ')));
    assert.ok(Buffer.byteLength(strings.join('')) > 450);
  });

  it('spf-mx-names.test has more than 10 MX names', async () => {
    const answer = await client.query('spf-mx-names.test', 'MX');
    assert.ok(answer.kind === 'ok' && answer.records.length > 10);
  });
});

describe('startLab with the real DNS engine over the wire', () => {
  /** Over 4 KB of TXT: more than any EDNS buffer the engine or the lab accepts over UDP. */
  const bigTxt = Array.from({ length: 20 }, (_, index) => `${index}-${'t'.repeat(240)}`);
  let lab: Lab;
  let dns: WireDnsClient;
  const events: string[] = [];
  const recorder = (name: string): LabService => ({
    name,
    start: async (context) => {
      events.push(`start ${name} ${context.dns.port > 0}`);
      return { name, stop: async () => void events.push(`stop ${name}`) };
    },
  });

  before(async () => {
    lab = await startLab({
      extraZoneData: [
        { 'extra.lab.test': [{ A: '192.0.2.200' }] },
        { 'big.lab.test': bigTxt.map((TXT) => ({ TXT })) },
      ],
      services: [recorder('smtp'), recorder('https')],
    });
    dns = createDnsClient({ resolvers: [lab.dns], timeoutMs: 300, attempts: 1, cacheEntries: 0 });
  });
  after(async () => {
    await dns.close();
    await lab.stop();
  });

  async function ask(name: string, type: RecordType): Promise<DnsAnswer> {
    return dns.query(name, type);
  }

  it('serves the demo company MX and SPF', async () => {
    const mx = await ask('brightwater.test', 'MX');
    assert.ok(mx.kind === 'ok');
    assert.deepEqual(
      mx.records.map((record) => (record.type === 'MX' ? [record.preference, record.exchange] : [])),
      [
        [10, 'mx1.brightwater.test'],
        [20, 'mx2.brightwater.test'],
      ],
    );
    const aaaa = await ask('mx1.brightwater.test', 'AAAA');
    assert.ok(aaaa.kind === 'ok' && aaaa.records.length === 1);
  });

  it('follows the CNAME of an MX host and reports NXDOMAIN for a missing one', async () => {
    const viaAlias = await ask('mail.oldmill.test', 'A');
    assert.ok(viaAlias.kind === 'ok');
    assert.deepEqual(viaAlias.aliases, ['mx.isp-hosting.test']);
    assert.equal((await ask('backup.oldmill.test', 'A')).kind, 'nxdomain');
    assert.equal((await ask('mx-none.test', 'MX')).kind, 'nodata');
  });

  it('gets a long SPF record whole, its strings kept apart', async () => {
    const answer = await ask('spf-too-long.test', 'TXT');
    assert.ok(answer.kind === 'ok');
    const record = answer.records[0];
    assert.ok(record?.type === 'TXT');
    assert.deepEqual(
      record.strings.map((part) => part.length),
      [236, 240, 48],
    );
  });

  it('makes the engine fall back to TCP for an answer larger than its EDNS size', async () => {
    const before = dns.stats().tcpFallbacks;
    const answer = await ask('big.lab.test', 'TXT');
    assert.ok(answer.kind === 'ok' && answer.records.length === bigTxt.length);
    assert.ok(dns.stats().tcpFallbacks > before);
  });

  it('turns SERVFAIL and silence into errors, not negative answers', async () => {
    const servfail = await ask('mx-servfail.test', 'MX');
    assert.ok(servfail.kind === 'error' && servfail.reason === 'servfail');
    const timeout = await ask('mail.mx-timeout.test', 'A');
    assert.ok(timeout.kind === 'error' && timeout.reason === 'timeout');
  });

  it('serves extra zone data and starts services in order after DNS', async () => {
    assert.equal((await ask('extra.lab.test', 'A')).kind, 'ok');
    assert.deepEqual(events, ['start smtp true', 'start https true']);
    assert.deepEqual(
      lab.services.map((service) => service.name),
      ['dns', 'smtp', 'https'],
    );
    assert.ok(lab.dnsServer.queries > 0);
  });
});

describe('startLab teardown', () => {
  it('stops services in reverse order, once, and closes DNS', async () => {
    const events: string[] = [];
    const service = (name: string): LabService => ({
      name,
      start: async () => ({ name, stop: async () => void events.push(name) }),
    });
    const lab = await startLab({ services: [service('first'), service('second')] });
    await Promise.all([lab.stop(), lab.stop()]);
    assert.deepEqual(events, ['second', 'first']);
  });

  it('takes down what started when a later service fails to start', async () => {
    const events: string[] = [];
    const failing: LabService = {
      name: 'broken',
      start: async () => {
        throw new Error('port taken');
      },
    };
    const fine: LabService = {
      name: 'fine',
      start: async () => ({ name: 'fine', stop: async () => void events.push('fine') }),
    };
    await assert.rejects(startLab({ services: [fine, failing] }), /port taken/);
    assert.deepEqual(events, ['fine']);
  });
});
