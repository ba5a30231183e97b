// `telltale watch --once` end to end against the lab: a baseline round alerts nobody, an unchanged round
// neither, a zone change gives exactly one alert, a failing receiver's alert is retried on the next run
// and then never sent again.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { type Lab, startLab } from '../../lab/lab.js';
import { startWebhookReceiver, type WebhookReceiver } from '../../lab/webhook-receiver.js';
import { defaultServices } from '../../src/cli/main.js';
import { selectChecks } from '../../src/fleet/select-checks.js';
import { formatResolver } from '../../src/net/dns/resolvers.js';
import { runCliCaptured } from '../cli/run-cli.js';

const zone = {
  'watched.test': [{ MX: [10, 'mx.watched.test'] }, { TXT: 'v=spf1 ip4:192.0.2.25 -all' }],
  'mx.watched.test': [{ A: '192.0.2.25' }],
  '_dmarc.watched.test': [{ TXT: 'v=DMARC1; p=reject; rua=mailto:d@watched.test' }],
};

const dnsServices = {
  ...defaultServices,
  checks: selectChecks(defaultServices.checks, new Set(['dns'] as const)),
};

interface GenericBody {
  readonly domain: string;
  readonly items: { reason: string; checkId: string; status: string }[];
}

describe('telltale watch --once against the lab', () => {
  let lab: Lab;
  let receiver: WebhookReceiver;
  let dir: string;
  let config: string;

  before(async () => {
    lab = await startLab({ services: [], extraZoneData: [zone] });
    receiver = await startWebhookReceiver();
    dir = mkdtempSync(join(tmpdir(), 'telltale-watch-'));
    config = join(dir, 'watch.yaml');
    writeFileSync(
      config,
      [
        'domains: [watched.test]',
        "schedule: '0 6 * * *'",
        'checks: dns',
        'db: history.db',
        `resolvers: ['${formatResolver(lab.dns)}']`,
        'timeout: 300',
        'alerts:',
        '  - type: webhook',
        `    url: ${receiver.url('/alerts')}`,
        'retry: { attempts: 2, baseDelayMs: 1, maxDelayMs: 5 }',
        '',
      ].join('\n'),
    );
  });
  after(async () => {
    await receiver.stop();
    await lab.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const round = () => runCliCaptured(['watch', config, '--once'], { services: dnsServices });
  const delivered = () => receiver.received.filter((post) => post.status === 200);

  test('baseline, unchanged, one regression, unchanged again; a failed delivery is retried once, later', async () => {
    const first = await round();
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stderr, /1 scanned \(1 baseline: no alert on a first scan\)/);
    assert.equal(receiver.received.length, 0);

    const second = await round();
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stderr, /0 regressions; 0 alerts delivered/);
    assert.equal(receiver.received.length, 0);

    // A second SPF record: "more than one SPF record" is a new failing finding.
    lab.store.addZoneData({ 'watched.test': [{ TXT: 'v=spf1 +all' }] });
    const third = await round();
    assert.equal(third.code, 0, third.stderr);
    assert.equal(delivered().length, 1, third.stderr);
    const body = delivered()[0]?.json as GenericBody;
    assert.equal(body.domain, 'watched.test');
    assert.ok(body.items.length >= 1);
    assert.ok(
      body.items.every((item) => item.reason === 'new' || item.reason === 'worsened'),
      JSON.stringify(body.items),
    );
    assert.ok(
      body.items.some((item) => item.checkId.startsWith('spf.')),
      JSON.stringify(body.items),
    );

    const fourth = await round();
    assert.equal(fourth.code, 0, fourth.stderr);
    assert.equal(delivered().length, 1, 'no alert for an unchanged round');

    // A new regression while the receiver fails every attempt: recorded as not delivered (exit 3)...
    lab.store.addZoneData({ '_dmarc.watched.test': [{ TXT: 'v=DMARC1; p=none' }] });
    receiver.script([500, 500]);
    const fifth = await round();
    assert.equal(fifth.code, 3, fifth.stderr);
    assert.match(fifth.stderr, /NOT delivered/);
    assert.equal(delivered().length, 1);
    // ...delivered by the next run although nothing changed since, and only once.
    const sixth = await round();
    assert.equal(sixth.code, 0, sixth.stderr);
    assert.equal(delivered().length, 2, sixth.stderr);
    const retried = delivered()[1]?.json as GenericBody;
    assert.ok(
      retried.items.some((item) => item.checkId.startsWith('dmarc.')),
      JSON.stringify(retried.items),
    );
    const seventh = await round();
    assert.equal(seventh.code, 0, seventh.stderr);
    assert.equal(delivered().length, 2, 'a restart does not re-send');
  });
});
