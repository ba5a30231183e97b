import assert from 'node:assert/strict';
import dgram from 'node:dgram';
import { after, describe, it } from 'node:test';
import * as dnsPacket from 'dns-packet';
import { createDnsClient, type DnsClientOptions, type WireDnsClient } from './client.js';
import { type QueryHandler, reply, startTestDnsServer, type TestDnsServer } from './test-server.js';
import { Cancellation, UdpPool } from './transport.js';
import type { DnsAnswer, DnsRecord, ResolverAddress } from './types.js';

const a = (name: string, address: string, ttl = 300): DnsRecord => ({ name, ttl, type: 'A', address });
const cname = (name: string, target: string, ttl = 300): DnsRecord => ({ name, ttl, type: 'CNAME', target });
const soa = (name: string, ttl: number, minimum: number): DnsRecord => ({
  name,
  ttl,
  type: 'SOA',
  mname: 'ns.example',
  rname: 'hostmaster.example',
  serial: 1,
  refresh: 3600,
  retry: 600,
  expire: 86400,
  minimum,
});
const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const cleanups: (() => Promise<void>)[] = [];
after(async () => {
  for (const cleanup of cleanups) await cleanup();
});

async function server(handler: QueryHandler): Promise<TestDnsServer> {
  const started = await startTestDnsServer(handler);
  cleanups.push(() => started.close());
  return started;
}

function client(servers: TestDnsServer[], options: Partial<DnsClientOptions> = {}): WireDnsClient {
  const created = createDnsClient({ resolvers: servers.map((s) => s.address), timeoutMs: 150, ...options });
  cleanups.push(() => created.close());
  return created;
}

/** A loopback UDP port where nothing listens: bound, then released. */
async function deadResolver(): Promise<ResolverAddress> {
  const socket = dgram.createSocket('udp4');
  const port = await new Promise<number>((resolve) =>
    socket.bind(0, '127.0.0.1', () => resolve(socket.address().port)),
  );
  await new Promise<void>((resolve) => socket.close(() => resolve()));
  return { host: '127.0.0.1', port };
}

function errorOf(answer: DnsAnswer): { reason: string; detail: string } {
  assert.equal(answer.kind, 'error', `expected an error, got ${answer.kind}`);
  return answer.kind === 'error' ? answer : { reason: '', detail: '' };
}

describe('wire DNS client: answers', () => {
  it('returns ok with converted records and sends RD, AD and EDNS0 without DO by default', async () => {
    const dns = await server((q) => reply(q, { answers: [a('example.com', '192.0.2.1', 120)] }));
    const answer = await client([dns]).query('Example.COM.', 'A');
    assert.deepEqual(answer, {
      kind: 'ok',
      name: 'example.com',
      type: 'A',
      records: [{ name: 'example.com', ttl: 120, type: 'A', address: '192.0.2.1' }],
      aliases: [],
      authenticated: false,
    });
    const [query] = dns.queries;
    assert.ok(query?.packet.flag_rd && query.packet.flag_ad && !query.packet.flag_cd);
    const opt = query?.packet.additionals?.find((record) => record.type === 'OPT');
    assert.ok(opt?.type === 'OPT' && opt.udpPayloadSize === 4096 && !opt.flag_do);
  });

  it('sets DO with dnssec: true and CD with checkingDisabled', async () => {
    const dns = await server((q) => reply(q));
    await client([dns], { dnssec: true }).query('example.com', 'DNSKEY', { checkingDisabled: true });
    const [query] = dns.queries;
    const opt = query?.packet.additionals?.find((record) => record.type === 'OPT');
    assert.ok(opt?.type === 'OPT' && opt.flag_do);
    assert.ok(query?.packet.flag_cd);
  });

  it('maps NXDOMAIN, NODATA, SERVFAIL and REFUSED', async () => {
    const dns = await server((q) => {
      if (q.name.startsWith('nx.')) return reply(q, { rcode: 'NXDOMAIN' });
      if (q.name.startsWith('nodata.')) return reply(q, { authorities: [soa('example', 60, 60)] });
      if (q.name.startsWith('servfail.')) return reply(q, { rcode: 'SERVFAIL' });
      return reply(q, { rcode: 'REFUSED' });
    });
    const dns1 = client([dns]);
    assert.equal((await dns1.query('nx.example', 'A')).kind, 'nxdomain');
    assert.equal((await dns1.query('nodata.example', 'AAAA')).kind, 'nodata');
    const servfail = errorOf(await dns1.query('servfail.example', 'MX'));
    assert.equal(servfail.reason, 'servfail');
    assert.match(servfail.detail, new RegExp(`127\\.0\\.0\\.1:${dns.address.port} SERVFAIL`));
    assert.equal(errorOf(await dns1.query('refused.example', 'TXT')).reason, 'refused');
    // One resolver: a server's own SERVFAIL is not asked again within the same query.
    assert.equal(dns.queries.filter((q) => q.name === 'servfail.example').length, 1);
  });

  it('follows a CNAME chain into aliases and ignores records off the chain', async () => {
    const dns = await server((q) =>
      reply(q, {
        answers: [
          cname('www.example', 'edge.cdn.example', 60),
          a('evil.example', '203.0.113.66'),
          cname('edge.cdn.example', 'pop.cdn.example'),
          a('pop.cdn.example', '192.0.2.7', 30),
        ],
      }),
    );
    const answer = await client([dns]).query('www.example', 'A');
    assert.equal(answer.kind, 'ok');
    assert.deepEqual(answer.kind === 'ok' && answer.aliases, ['edge.cdn.example', 'pop.cdn.example']);
    assert.deepEqual(answer.kind === 'ok' && answer.records.map((r) => r.address), ['192.0.2.7']);
  });

  it('keeps the aliases of an NXDOMAIN reached through a CNAME (RFC 6604)', async () => {
    const dns = await server((q) =>
      reply(q, { rcode: 'NXDOMAIN', answers: [cname('alias.example', 'gone.example')] }),
    );
    const answer = await client([dns]).query('alias.example', 'A');
    assert.equal(answer.kind, 'nxdomain');
    assert.deepEqual(answer.kind === 'nxdomain' && answer.aliases, ['gone.example']);
  });

  it('reports AD as authenticated', async () => {
    const dns = await server((q) =>
      reply(q, { authenticated: true, answers: [a('signed.example', '192.0.2.2')] }),
    );
    const answer = await client([dns]).query('signed.example', 'A');
    assert.equal(answer.kind === 'ok' && answer.authenticated, true);
  });

  it('retries over TCP when the UDP answer is truncated', async () => {
    const many = Array.from(
      { length: 40 },
      (_, i): DnsRecord => ({
        name: 'big.example',
        ttl: 60,
        type: 'TXT',
        strings: [`record ${i} ${'x'.repeat(100)}`],
      }),
    );
    const dns = await server((q) =>
      q.transport === 'udp' ? reply(q, { truncated: true }) : reply(q, { answers: many }),
    );
    const dns1 = client([dns]);
    const answer = await dns1.query('big.example', 'TXT');
    assert.equal(answer.kind === 'ok' && answer.records.length, 40);
    assert.deepEqual(
      dns.queries.map((q) => q.transport),
      ['udp', 'tcp'],
    );
    assert.equal(dns1.stats().tcpFallbacks, 1);
  });

  it('rotates to the next resolver after a timeout', async () => {
    const silent = await server(() => null);
    const good = await server((q) => reply(q, { answers: [a('example.com', '192.0.2.9')] }));
    const dns1 = client([silent, good]);
    const answer = await dns1.query('example.com', 'A');
    assert.equal(answer.kind, 'ok');
    assert.equal(silent.queries.length, 1);
    assert.equal(dns1.stats().timeouts, 1);
  });

  it('gives up after the attempt budget with a timeout naming every resolver tried', async () => {
    const first = await server(() => null);
    const second = await server(() => null);
    const dns1 = client([first, second], { attempts: 3, timeoutMs: 100 });
    const error = errorOf(await dns1.query('example.com', 'A'));
    assert.equal(error.reason, 'timeout');
    assert.match(error.detail, new RegExp(`:${first.address.port} timed out after 100 ms`));
    assert.match(error.detail, new RegExp(`:${second.address.port} timed out`));
    assert.equal(first.queries.length + second.queries.length, 3);
  });

  it('prefers a server failure over a timeout when attempts disagree', async () => {
    const failing = await server((q) => reply(q, { rcode: 'SERVFAIL' }));
    const silent = await server(() => null);
    const error = errorOf(await client([failing, silent], { attempts: 2 }).query('example.com', 'A'));
    assert.equal(error.reason, 'servfail');
  });

  it('drops wrong IDs, wrong questions, queries and garbage, then times out', async () => {
    const dns = await server((q) => [
      Buffer.from('not dns at all'),
      reply(q, { id: (q.id + 1) & 0xffff, answers: [a(q.name, '203.0.113.1')] }),
      reply(q, { questionName: 'evil.example', answers: [a('evil.example', '203.0.113.2')] }),
      reply(q, { questionType: 'AAAA' }),
      { ...reply(q, { answers: [a(q.name, '203.0.113.3')] }), type: 'query' },
      Buffer.concat([dnsPacket.encode(reply(q)).subarray(0, 12), Buffer.from([0xff, 0xff])]),
    ]);
    const dns1 = client([dns], { attempts: 1 });
    const error = errorOf(await dns1.query('victim.example', 'A'));
    assert.equal(error.reason, 'timeout');
    assert.match(error.detail, /ignored 4 invalid responses/);
    assert.ok(dns1.stats().responsesIgnored >= 5);
  });

  it('rejects invalid names without sending anything', async () => {
    const dns = await server((q) => reply(q));
    const dns1 = client([dns]);
    const error = errorOf(await dns1.query(`${'a'.repeat(64)}.example`, 'A'));
    assert.equal(error.reason, 'other');
    assert.match(error.detail, /invalid query name.*64 octets/);
    assert.equal(dns.queries.length, 0);
  });

  it('answers aborted when the signal fires', async () => {
    const dns = await server(async (q) => {
      await delay(100);
      return reply(q);
    });
    const dns1 = client([dns], { timeoutMs: 300 });
    const controller = new AbortController();
    const pending = dns1.query('slow.example', 'A', { signal: controller.signal });
    controller.abort();
    assert.deepEqual(errorOf(await pending), {
      kind: 'error',
      name: 'slow.example',
      type: 'A',
      reason: 'other',
      detail: 'aborted',
    });
    const already = errorOf(await dns1.query('slow.example', 'A', { signal: AbortSignal.abort() }));
    assert.equal(already.detail, 'aborted');
  });
});

describe('wire DNS client: cache, de-duplication, concurrency', () => {
  it('answers the second identical query from the cache', async () => {
    const dns = await server((q) => reply(q, { answers: [a('example.com', '192.0.2.1')] }));
    const dns1 = client([dns]);
    await dns1.query('example.com', 'A');
    const second = await dns1.query('EXAMPLE.com.', 'A');
    assert.equal(second.kind, 'ok');
    assert.equal(dns.queries.length, 1);
    assert.equal(dns1.stats().cacheHits, 1);
    // CD is part of the key: a validation-free answer is a different answer.
    await dns1.query('example.com', 'A', { checkingDisabled: true });
    assert.equal(dns.queries.length, 2);
  });

  it('expires answers after their TTL and ages TTLs on hits', async () => {
    let now = 0;
    const dns = await server((q) =>
      reply(q, { answers: [cname('www.example', 'example.com', 600), a('example.com', '192.0.2.1', 60)] }),
    );
    const dns1 = client([dns], { now: () => now });
    await dns1.query('www.example', 'A');
    now = 59_500;
    const aged = await dns1.query('www.example', 'A');
    assert.equal(aged.kind === 'ok' && aged.records[0]?.ttl, 1);
    assert.equal(dns.queries.length, 1);
    now = 60_000;
    await dns1.query('www.example', 'A');
    assert.equal(dns.queries.length, 2);
  });

  it('caches negative answers for the SOA minimum, or 30 s without SOA', async () => {
    let now = 0;
    const dns = await server((q) =>
      q.name === 'nx.example'
        ? reply(q, { rcode: 'NXDOMAIN', authorities: [soa('example', 3600, 10)] })
        : reply(q),
    );
    const dns1 = client([dns], { now: () => now });
    await dns1.query('nx.example', 'A');
    await dns1.query('bare.example', 'A');
    now = 9_999;
    assert.equal((await dns1.query('nx.example', 'A')).kind, 'nxdomain');
    assert.equal(dns.queries.length, 2);
    now = 10_000;
    await dns1.query('nx.example', 'A');
    assert.equal(dns.queries.length, 3);
    now = 29_999;
    await dns1.query('bare.example', 'A');
    assert.equal(dns.queries.length, 3);
    now = 30_000;
    await dns1.query('bare.example', 'A');
    assert.equal(dns.queries.length, 4);
  });

  it('caches resolver failures only for errorTtlMs', async () => {
    let now = 0;
    const dns = await server((q) => reply(q, { rcode: 'SERVFAIL' }));
    const dns1 = client([dns], { now: () => now, errorTtlMs: 1000 });
    await dns1.query('broken.example', 'A');
    now = 999;
    assert.equal(errorOf(await dns1.query('broken.example', 'A')).reason, 'servfail');
    assert.equal(dns.queries.length, 1);
    now = 1000;
    await dns1.query('broken.example', 'A');
    assert.equal(dns.queries.length, 2);
  });

  it('caches a timeout only for timeoutTtlMs, shorter than a server failure', async () => {
    let now = 0;
    const dns = await server(() => null);
    const dns1 = client([dns], { now: () => now, timeoutMs: 50, attempts: 1 });
    assert.equal(errorOf(await dns1.query('silent.example', 'A')).reason, 'timeout');
    now = 999;
    await dns1.query('silent.example', 'A');
    assert.equal(dns.queries.length, 1);
    now = 1000;
    await dns1.query('silent.example', 'A');
    assert.equal(dns.queries.length, 2);
  });

  it('joins concurrent identical queries into one network query', async () => {
    const dns = await server(async (q) => {
      await delay(30);
      return reply(q, { answers: [a('example.com', '192.0.2.1')] });
    });
    const dns1 = client([dns]);
    const answers = await Promise.all([
      dns1.query('example.com', 'A'),
      dns1.query('Example.com', 'A'),
      dns1.query('example.com', 'A'),
    ]);
    assert.ok(answers.every((answer) => answer.kind === 'ok'));
    assert.equal(dns.queries.length, 1);
    assert.equal(dns1.stats().inFlightJoins, 2);
    assert.equal(dns1.stats().queriesSent, 1);
  });

  it('one caller aborting does not cancel the answer for the others', async () => {
    const dns = await server(async (q) => {
      await delay(30);
      return reply(q, { answers: [a('example.com', '192.0.2.1')] });
    });
    const dns1 = client([dns]);
    const controller = new AbortController();
    const leaving = dns1.query('example.com', 'A', { signal: controller.signal });
    const staying = dns1.query('example.com', 'A');
    controller.abort();
    assert.equal(errorOf(await leaving).detail, 'aborted');
    assert.equal((await staying).kind, 'ok');
  });

  it('keeps at most maxInFlight lookups on the network and queues the rest', async () => {
    let active = 0;
    let peak = 0;
    const dns = await server(async (q) => {
      active++;
      peak = Math.max(peak, active);
      await delay(20);
      active--;
      return reply(q, { answers: [a(q.name, '192.0.2.1')] });
    });
    const dns1 = client([dns], { maxInFlight: 2, timeoutMs: 300 });
    const pending = Array.from({ length: 6 }, (_, i) => dns1.query(`host${i}.example`, 'A'));
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual([dns1.stats().inFlight, dns1.stats().queued], [2, 4]);
    const answers = await Promise.all(pending);
    assert.ok(answers.every((answer) => answer.kind === 'ok'));
    assert.equal(dns.queries.length, 6);
    assert.equal(peak, 2);
  });

  it('answers "client closed" after close()', async () => {
    const dns = await server((q) => reply(q));
    const dns1 = client([dns]);
    await dns1.close();
    assert.equal(errorOf(await dns1.query('example.com', 'A')).detail, 'client closed');
  });
});

describe('wire DNS client: a resolver where nothing listens', () => {
  it('reports the resolver unreachable from the ICMP error, without waiting for the timeout', async () => {
    const dead = await deadResolver();
    // A timeout this long would make the test hang if the port-unreachable path did not settle the query.
    const dns1 = createDnsClient({ resolvers: [dead], timeoutMs: 60_000, attempts: 2 });
    cleanups.push(() => dns1.close());
    const error = errorOf(await dns1.query('example.com', 'A'));
    assert.equal(error.reason, 'network');
    assert.match(error.detail, new RegExp(`127\\.0\\.0\\.1:${dead.port} UDP: port unreachable`));
    assert.equal(dns1.stats().timeouts, 0);
    assert.equal(dns1.stats().queriesSent, 2);
    // The socket outlives the error: the next lookup gets the same clear answer, and no lookup hangs.
    const again = await Promise.all(
      Array.from({ length: 20 }, (_, i) => dns1.query(`host${i}.example`, 'TXT')),
    );
    assert.ok(again.every((answer) => answer.kind === 'error' && answer.reason === 'network'));
    assert.equal(dns1.stats().inFlight, 0);
  });

  it('fails over to the next resolver, which answers', async () => {
    const dead = await deadResolver();
    const good = await server((q) => reply(q, { answers: [a('example.com', '192.0.2.9')] }));
    const dns1 = createDnsClient({ resolvers: [dead, good.address], timeoutMs: 60_000 });
    cleanups.push(() => dns1.close());
    const answers = await Promise.all([dns1.query('example.com', 'A'), dns1.query('example.com', 'AAAA')]);
    assert.equal(answers[0].kind, 'ok');
    assert.equal(answers[1].kind, 'nodata');
    assert.equal(dns1.stats().timeouts, 0);
  });

  it('answers again once a server listens on that port', async () => {
    const dead = await deadResolver();
    const dns1 = createDnsClient({ resolvers: [dead], timeoutMs: 60_000, attempts: 1 });
    cleanups.push(() => dns1.close());
    assert.equal(errorOf(await dns1.query('before.example', 'A')).reason, 'network');
    const revived = dgram.createSocket('udp4');
    cleanups.push(() => new Promise<void>((resolve) => revived.close(() => resolve())));
    await new Promise<void>((resolve) => revived.bind(dead.port, '127.0.0.1', () => resolve()));
    revived.on('message', (message, remote) => {
      const query = dnsPacket.decode(message);
      const response = dnsPacket.encode({
        type: 'response',
        id: query.id ?? 0,
        flags: dnsPacket.RECURSION_DESIRED | dnsPacket.RECURSION_AVAILABLE | 3,
        questions: query.questions ?? [],
      });
      revived.send(response, remote.port, remote.address);
    });
    assert.equal((await dns1.query('after.example', 'A')).kind, 'nxdomain');
  });
});

describe('UDP pool: sockets and source ports', () => {
  const counters = { sent: () => {}, ignored: () => {} };
  const question = (name: string) => ({ name, type: 'A' as const, checkingDisabled: false, dnssec: false });

  it('moves to a fresh socket (a new source port) after retireAfter queries', async () => {
    const dns = await server((q) => reply(q, { answers: [a(q.name, '192.0.2.1')] }));
    const pool = new UdpPool(counters, 1, 3);
    cleanups.push(() => pool.close());
    for (let i = 0; i < 9; i++) {
      const outcome = await pool.exchange(dns.address, question(`q${i}.example`), 1000);
      assert.equal(outcome.kind, 'interpreted');
    }
    const ports = dns.queries.map((q) => q.sourcePort);
    assert.equal(new Set(ports.slice(0, 3)).size, 1);
    assert.equal(new Set(ports.slice(3, 6)).size, 1);
    assert.equal(new Set(ports).size, 3);
  });

  it('sends the queries of one turn together after it, so one cancelled in that turn never goes out', async () => {
    const dns = await server((q) => reply(q, { answers: [a(q.name, '192.0.2.1')] }));
    let sent = 0;
    const pool = new UdpPool({ sent: () => void sent++, ignored: () => {} }, 1);
    cleanups.push(() => pool.close());
    // A first exchange connects the socket, so the next ones are not held back by connect().
    assert.equal((await pool.exchange(dns.address, question('warm.example'), 1000)).kind, 'interpreted');
    const cancellation = new Cancellation();
    const gone = pool.exchange(dns.address, question('gone.example'), 1000, cancellation);
    const kept = pool.exchange(dns.address, question('kept.example'), 1000);
    cancellation.cancel();
    assert.equal((await gone).kind, 'aborted');
    assert.equal((await kept).kind, 'interpreted');
    assert.deepEqual(
      dns.queries.map((q) => q.name),
      ['warm.example', 'kept.example'],
    );
    assert.equal(sent, 2);
  });

  it('spreads concurrent queries over up to perResolver sockets', async () => {
    const dns = await server(async (q) => {
      await delay(20);
      return reply(q, { answers: [a(q.name, '192.0.2.1')] });
    });
    const pool = new UdpPool(counters, 4);
    cleanups.push(() => pool.close());
    const outcomes = await Promise.all(
      Array.from({ length: 12 }, (_, i) => pool.exchange(dns.address, question(`c${i}.example`), 1000)),
    );
    assert.ok(outcomes.every((outcome) => outcome.kind === 'interpreted'));
    assert.equal(new Set(dns.queries.map((q) => q.sourcePort)).size, 4);
  });

  it("keeps one resolver's sockets apart from another's", async () => {
    const first = await server((q) => reply(q, { answers: [a(q.name, '192.0.2.1')] }));
    const second = await server((q) => reply(q, { answers: [a(q.name, '192.0.2.2')] }));
    const pool = new UdpPool(counters, 1);
    cleanups.push(() => pool.close());
    const one = await pool.exchange(first.address, question('x.example'), 1000);
    const two = await pool.exchange(second.address, question('x.example'), 1000);
    const address = (outcome: typeof one) =>
      outcome.kind === 'interpreted' &&
      outcome.interpretation.kind === 'answer' &&
      outcome.interpretation.answer.kind === 'ok'
        ? outcome.interpretation.answer.records[0]
        : undefined;
    assert.deepEqual(
      [address(one), address(two)].map((record) => record?.type === 'A' && record.address),
      ['192.0.2.1', '192.0.2.2'],
    );
  });

  it('answers network, never throws, for every query in flight when the pool closes', async () => {
    const silent = await server(() => null);
    const pool = new UdpPool(counters);
    const pending = pool.exchange(silent.address, question('slow.example'), 60_000);
    await delay(10);
    await pool.close();
    assert.deepEqual(await pending, { kind: 'network', message: 'client closed' });
  });
});

describe('wire DNS client: lookups without a promise chain', () => {
  it('ages TTLs by whole seconds, across seconds and between hits of the same second', async () => {
    let now = 0;
    const dns = await server((q) => reply(q, { answers: [a('example.com', '192.0.2.1', 60)] }));
    const dns1 = client([dns], { now: () => now });
    const ttl = (answer: DnsAnswer) => (answer.kind === 'ok' ? answer.records[0]?.ttl : undefined);
    assert.equal(ttl(await dns1.query('example.com', 'A')), 60);
    now = 999;
    assert.equal(ttl(await dns1.query('example.com', 'A')), 60);
    now = 1000;
    assert.equal(ttl(await dns1.query('example.com', 'A')), 59);
    now = 1999;
    assert.equal(ttl(await dns1.query('example.com', 'A')), 59);
    now = 2000;
    const later = await dns1.query('example.com', 'A');
    assert.equal(ttl(later), 58);
    assert.deepEqual(later.kind === 'ok' && later.records, [a('example.com', '192.0.2.1', 58)]);
    now = 59_999;
    assert.equal(ttl(await dns1.query('example.com', 'A')), 1);
    assert.equal(dns.queries.length, 1);
    assert.equal(dns1.stats().cacheHits, 5);
  });

  it('answers a cache hit even when its signal aborts in the same turn', async () => {
    const dns = await server((q) => reply(q, { answers: [a('example.com', '192.0.2.1')] }));
    const dns1 = client([dns]);
    await dns1.query('example.com', 'A');
    const controller = new AbortController();
    const hit = dns1.query('example.com', 'A', { signal: controller.signal });
    controller.abort();
    assert.equal((await hit).kind, 'ok');
    assert.equal(dns.queries.length, 1);
  });

  it('starts a fresh lookup for a caller that comes after the only caller aborted', async () => {
    const dns = await server(async (q) => {
      await delay(20);
      return reply(q, { answers: [a(q.name, '192.0.2.1')] });
    });
    const dns1 = client([dns]);
    const controller = new AbortController();
    const leaving = dns1.query('example.com', 'A', { signal: controller.signal });
    controller.abort();
    // Cancelled in the turn it was made: its packet never goes out.
    const coming = dns1.query('example.com', 'A', { signal: new AbortController().signal });
    assert.equal(errorOf(await leaving).detail, 'aborted');
    assert.equal((await coming).kind, 'ok');
    assert.equal(dns1.stats().inFlightJoins, 0);
    assert.equal(dns1.stats().queriesSent, 1);
    // Cancelled once its packet is out: the late answer is dropped, the next caller asks again.
    const second = new AbortController();
    const gone = dns1.query('other.example', 'A', { signal: second.signal });
    await delay(5);
    second.abort();
    assert.equal(errorOf(await gone).detail, 'aborted');
    assert.equal((await dns1.query('other.example', 'A')).kind, 'ok');
    assert.equal(dns1.stats().queriesSent, 3);
  });

  it('keeps a joined lookup for the callers of other signals when one signal aborts', async () => {
    const dns = await server(async (q) => {
      await delay(20);
      return reply(q, { answers: [a('example.com', '192.0.2.1')] });
    });
    const dns1 = client([dns]);
    const first = new AbortController();
    const second = new AbortController();
    const leaving = dns1.query('example.com', 'A', { signal: first.signal });
    const leavingToo = dns1.query('example.com', 'A', { signal: first.signal });
    const staying = dns1.query('example.com', 'A', { signal: second.signal });
    await delay(5);
    first.abort();
    assert.equal(errorOf(await leaving).detail, 'aborted');
    assert.equal(errorOf(await leavingToo).detail, 'aborted');
    assert.equal((await staying).kind, 'ok');
    assert.equal(dns1.stats().queriesSent, 1);
    assert.equal(dns1.stats().inFlightJoins, 2);
  });

  it('answers aborted for a lookup cancelled while it waits for the limiter, and frees its place', async () => {
    const dns = await server(async (q) => {
      await delay(20);
      return reply(q, { answers: [a(q.name, '192.0.2.1')] });
    });
    const dns1 = client([dns], { maxInFlight: 1 });
    const controller = new AbortController();
    const running = dns1.query('one.example', 'A');
    const queued = dns1.query('two.example', 'A', { signal: controller.signal });
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(dns1.stats().queued, 1);
    controller.abort();
    assert.equal(errorOf(await queued).detail, 'aborted');
    assert.equal(dns1.stats().queued, 0);
    assert.equal((await running).kind, 'ok');
    assert.equal((await dns1.query('two.example', 'A')).kind, 'ok');
    assert.deepEqual(
      dns.queries.map((q) => q.name),
      ['one.example', 'two.example'],
    );
  });

  it('answers every caller of a lookup whose retries run through the attempt budget', async () => {
    const silent = await server(() => null);
    const dns1 = client([silent], { timeoutMs: 30, attempts: 2 });
    const controller = new AbortController();
    const answers = await Promise.all([
      dns1.query('lost.example', 'A'),
      dns1.query('lost.example', 'A', { signal: controller.signal }),
    ]);
    for (const answer of answers) assert.equal(errorOf(answer).reason, 'timeout');
    assert.equal(dns1.stats().queriesSent, 2);
    assert.equal(dns1.stats().timeouts, 2);
  });
});
