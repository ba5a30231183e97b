import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Lab, startLab } from '../../lab/lab.js';
import { formatResolver } from '../../src/net/dns/resolvers.js';
import { runCliCaptured } from './run-cli.js';

describe('telltale spf against the lab', () => {
  let lab: Lab;
  let resolver: string;

  before(async () => {
    lab = await startLab({ services: [] });
    resolver = formatResolver(lab.dns);
  });
  after(async () => {
    await lab.stop();
  });

  const spfJson = async (
    ...args: string[]
  ): Promise<{ result: string; trace: unknown[]; [key: string]: unknown }> => {
    const run = await runCliCaptured([
      'spf',
      ...args,
      '--resolver',
      resolver,
      '--format',
      'json',
      '--timeout',
      '300',
    ]);
    assert.equal(run.code, 0, run.stderr);
    return JSON.parse(run.stdout);
  };

  test('an address of the MX is authorised by the mx term', async () => {
    const answer = await spfJson('brightwater.test', '--ip', '192.0.2.25');
    assert.equal(answer.result, 'pass');
    assert.equal(answer.schemaVersion, '1.0');
    assert.equal(answer.sender, 'postmaster@brightwater.test');
    assert.equal(answer.helo, 'brightwater.test');
    assert.ok(answer.trace.length > 0);
  });

  test("an address of the included provider's range passes, over IPv6 too", async () => {
    assert.equal((await spfJson('brightwater.test', '--ip', '198.51.100.7')).result, 'pass');
    assert.equal((await spfJson('brightwater.test', '--ip', '2001:db8:5000::1')).result, 'pass');
  });

  test('any other address fails on -all', async () => {
    const answer = await spfJson(
      'brightwater.test',
      '--ip',
      '203.0.113.200',
      '--sender',
      'ceo@brightwater.test',
      '--helo',
      'mail.example.test',
    );
    assert.equal(answer.result, 'fail');
    assert.equal(answer.sender, 'ceo@brightwater.test');
    assert.equal(answer.helo, 'mail.example.test');
  });

  test('more than 10 DNS-querying terms is a permerror, as a receiver would decide', async () => {
    assert.equal((await spfJson('oldmill.test', '--ip', '192.0.2.99')).result, 'permerror');
  });

  test('no SPF record is none; a timeout is temperror, never none', async () => {
    assert.equal((await spfJson('spf-missing.test', '--ip', '192.0.2.1')).result, 'none');
    assert.equal((await spfJson('spf-include-timeout.test', '--ip', '192.0.2.1')).result, 'temperror');
  });

  test('the text form names the result in plain words, then the trace', async () => {
    const run = await runCliCaptured([
      'spf',
      'brightwater.test',
      '--ip',
      '203.0.113.200',
      '--resolver',
      resolver,
    ]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^SPF result: FAIL — the domain says this address may NOT send/);
    assert.match(run.stdout, /check_host\(ip=203\.0\.113\.200, domain=brightwater\.test/);
    assert.match(run.stdout, /-all → match/);
  });
});

describe('telltale spf refuses bad input with exit code 2', () => {
  const cases: [string[], RegExp][] = [
    [['spf', 'example.com'], /--ip ADDRESS is required/],
    [['spf', 'example.com', '--ip', '300.1.1.1'], /not an IPv4 or IPv6 address/],
    [['spf', 'example.com', '--ip', 'mail.example.com'], /not an IPv4 or IPv6 address/],
    [['spf', '192.0.2.1', '--ip', '192.0.2.1'], /IP address/],
    [['spf', 'example.com', '--ip', '192.0.2.1', '--sender', 'nobody'], /local@domain/],
  ];
  for (const [argv, message] of cases) {
    test(argv.join(' '), async () => {
      const run = await runCliCaptured(argv);
      assert.equal(run.code, 2, run.stderr);
      assert.match(run.stderr, message);
    });
  }
});
