// The fleet summary's DNS line: the client's own counters (queries per domain, cache hits, joins), printed
// at the end of every fleet run so the benchmark need not read them from the resolver.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type LabDnsServer, startDnsServer } from '../../../lab/dns-server.js';
import { ZoneStore } from '../../../lab/zone-store.js';
import { runCliCaptured } from '../../../test/cli/run-cli.js';
import { selectChecks } from '../../fleet/select-checks.js';
import { formatResolver } from '../../net/dns/resolvers.js';
import { defaultServices } from '../main.js';
import { dnsStatsLine } from './fleet-run.js';

describe('fleet: DNS counters in the summary', () => {
  it('formats the counters with queries per domain', () => {
    const line = dnsStatsLine(
      {
        queriesSent: 103,
        cacheHits: 40,
        inFlightJoins: 7,
        timeouts: 1,
        tcpFallbacks: 0,
        responsesIgnored: 2,
        cacheEntries: 90,
        inFlight: 0,
        queued: 0,
      },
      10,
    );
    assert.match(
      line,
      /^dns: 103 queries sent, 10\.3 per domain; 40 cache hits, 7 in-flight joins, 1 timeouts/,
    );
    assert.match(dnsStatsLine({ ...emptyStats }, 0), /0 queries sent, 0 per domain/);
  });

  let server: LabDnsServer;
  let dir: string;
  before(async () => {
    const zones = new ZoneStore();
    zones.addZoneData({
      '_spf.shared.test': [{ TXT: 'v=spf1 -all' }],
      'one.test': [{ TXT: 'v=spf1 include:_spf.shared.test -all' }],
      'two.test': [{ TXT: 'v=spf1 include:_spf.shared.test -all' }],
    });
    server = await startDnsServer(zones);
    dir = mkdtempSync(join(tmpdir(), 'telltale-fleet-stats-'));
  });
  after(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints the line after the summary, with counts the run really made', async () => {
    const list = join(dir, 'domains.txt');
    writeFileSync(list, 'one.test\ntwo.test\n');
    const services = {
      ...defaultServices,
      checks: selectChecks(defaultServices.checks, new Set(['dns'] as const)).filter(
        (check) => check.name === 'spf',
      ),
    };
    const run = await runCliCaptured(
      [
        'fleet',
        list,
        '--resolver',
        formatResolver(server.address),
        '--timeout',
        '2000',
        '--concurrency',
        '1',
      ],
      { services },
    );
    assert.equal(run.code, 0, run.stderr);
    const match = /dns: (\d+) queries sent, ([\d.]+) per domain; (\d+) cache hits/.exec(run.stderr);
    assert.ok(match, run.stderr);
    assert.ok(Number(match[1]) > 0);
    assert.equal(Number(match[2]), Number(match[1]) / 2);
    // The second domain's include was answered from the cache.
    assert.ok(Number(match[3]) > 0);
  });
});

const emptyStats = {
  queriesSent: 0,
  cacheHits: 0,
  inFlightJoins: 0,
  timeouts: 0,
  tcpFallbacks: 0,
  responsesIgnored: 0,
  cacheEntries: 0,
  inFlight: 0,
  queued: 0,
};
