// The lab DNS server over the wire, spoken to by a minimal dns-packet client written here, not by the engine.

import assert from 'node:assert/strict';
import dgram from 'node:dgram';
import net from 'node:net';
import { after, before, describe, it } from 'node:test';
import dnsPacket from 'dns-packet';
import fc from 'fast-check';
import type { ResolverAddress } from '../src/net/dns/types.js';
import type { LabDnsServer } from './dns-server.js';
import { handleMessage, startDnsServer, zoneApex } from './dns-server.js';
import { ZoneStore } from './zone-store.js';

const longTxt = Array.from({ length: 6 }, (_, index) => `${'k'.repeat(100)}-${index}`);

const zoneData = {
  'host.wire.test': [{ A: '192.0.2.1' }, { AAAA: '2001:db8::1' }],
  'www.wire.test': [{ CNAME: 'alias.wire.test' }],
  'alias.wire.test': [{ CNAME: 'host.wire.test' }],
  'mail.wire.test': [{ MX: [10, 'host.wire.test'] }, { MX: [20, 'backup.wire.test'] }],
  'null.wire.test': [{ MX: [0, ''] }],
  'big.wire.test': longTxt.map((text) => ({ TXT: text })),
  'rr.wire.test': [{ SPF: 'v=spf1 -all' }],
  'slow.wire.test': ['TIMEOUT'],
  'broken.wire.test': ['SERVFAIL'],
  'closed.wire.test': ['REFUSED'],
  'lazy.wire.test': [{ A: '192.0.2.9' }, { DELAY: 200 }],
};

function storeWith(data: unknown): ZoneStore {
  const store = new ZoneStore();
  store.addZoneData(data, 'test data');
  return store;
}

let nextId = 1;

function query(name: string, type: dnsPacket.RecordType, edns?: number): dnsPacket.Packet {
  nextId += 1;
  return {
    type: 'query',
    id: nextId,
    flags: dnsPacket.RECURSION_DESIRED,
    questions: [{ name, type, class: 'IN' }],
    additionals:
      edns === undefined
        ? []
        : [
            {
              type: 'OPT',
              name: '.',
              udpPayloadSize: edns,
              extendedRcode: 0,
              ednsVersion: 0,
              flags: 0,
              flag_do: false,
              options: [],
            },
          ],
  };
}

/** Sends one datagram and waits for the first reply, or 'silence' after waitMs. */
function udpExchange(
  address: ResolverAddress,
  message: Buffer,
  waitMs = 2000,
): Promise<{ raw: Buffer; packet: dnsPacket.DecodedPacket } | 'silence'> {
  return new Promise((resolve, reject) => {
    const socket = dgram.createSocket('udp4');
    const timer = setTimeout(() => {
      socket.close();
      resolve('silence');
    }, waitMs);
    socket.on('error', reject);
    socket.on('message', (raw) => {
      clearTimeout(timer);
      socket.close();
      resolve({ raw, packet: dnsPacket.decode(raw) });
    });
    socket.send(message, address.port, address.host);
  });
}

async function udpAsk(address: ResolverAddress, packet: dnsPacket.Packet): Promise<dnsPacket.DecodedPacket> {
  const reply = await udpExchange(address, dnsPacket.encode(packet));
  assert.notEqual(reply, 'silence', 'expected a reply');
  if (reply === 'silence') throw new Error('unreachable');
  assert.equal(reply.packet.id, packet.id);
  return reply.packet;
}

/** Sends every message on one TCP connection, in one write, and collects as many framed replies. */
function tcpExchange(
  address: ResolverAddress,
  messages: Buffer[],
  expected = messages.length,
): Promise<Buffer[]> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(address.port, address.host);
    const replies: Buffer[] = [];
    let pending = Buffer.alloc(0);
    socket.on('error', reject);
    socket.on('data', (chunk) => {
      pending = Buffer.concat([pending, chunk]);
      while (pending.length >= 2 && pending.length >= 2 + pending.readUInt16BE(0)) {
        replies.push(pending.subarray(2, 2 + pending.readUInt16BE(0)));
        pending = pending.subarray(2 + pending.readUInt16BE(0));
      }
      if (replies.length >= expected) {
        socket.end();
        resolve(replies);
      }
    });
    socket.on('close', () => resolve(replies));
    const frames = messages.map((message) => {
      const length = Buffer.alloc(2);
      length.writeUInt16BE(message.length);
      return Buffer.concat([length, message]);
    });
    socket.write(Buffer.concat(frames));
  });
}

/** dns-packet decodes the rcode but its types do not declare it. */
function rcodeOf(packet: dnsPacket.DecodedPacket): string | undefined {
  return (packet as { rcode?: string }).rcode;
}

function txtStrings(answer: dnsPacket.Answer): string[] {
  assert.equal(answer.type, 'TXT');
  const data = (answer as dnsPacket.TxtAnswer).data;
  return (Array.isArray(data) ? data : [data]).map((part) => part.toString());
}

describe('lab DNS server over the wire', () => {
  let server: LabDnsServer;
  before(async () => {
    server = await startDnsServer(storeWith(zoneData));
  });
  after(async () => {
    await server.close();
  });

  it('binds loopback on one port for both transports', () => {
    assert.equal(server.address.host, '127.0.0.1');
    assert.ok(server.address.port > 0);
  });

  it('answers authoritatively, echoing id, question and RD', async () => {
    const reply = await udpAsk(server.address, query('Host.Wire.Test', 'A'));
    assert.equal(reply.type, 'response');
    assert.equal(reply.flag_aa, true);
    assert.equal(reply.flag_rd, true);
    assert.equal(reply.flag_tc, false);
    assert.equal(rcodeOf(reply), 'NOERROR');
    assert.deepEqual(reply.questions, [{ name: 'Host.Wire.Test', type: 'A', class: 'IN' }]);
    assert.equal(reply.answers?.length, 1);
    assert.deepEqual(
      reply.answers?.map((answer) => [answer.name, answer.type, 'data' in answer ? answer.data : undefined]),
      [['host.wire.test', 'A', '192.0.2.1']],
    );
  });

  it('puts the whole CNAME chain before the records', async () => {
    const reply = await udpAsk(server.address, query('www.wire.test', 'AAAA'));
    assert.equal(rcodeOf(reply), 'NOERROR');
    assert.deepEqual(
      reply.answers?.map((answer) => [answer.name, answer.type, 'data' in answer ? answer.data : undefined]),
      [
        ['www.wire.test', 'CNAME', 'alias.wire.test'],
        ['alias.wire.test', 'CNAME', 'host.wire.test'],
        ['host.wire.test', 'AAAA', '2001:db8::1'],
      ],
    );
  });

  it('answers NXDOMAIN with the apex SOA in the authority section', async () => {
    const reply = await udpAsk(server.address, query('nowhere.wire.test', 'MX'));
    assert.equal(rcodeOf(reply), 'NXDOMAIN');
    assert.equal(reply.flag_aa, true);
    assert.equal(reply.answers?.length, 0);
    const soa = reply.authorities?.[0] as dnsPacket.SoaAnswer | undefined;
    assert.equal(soa?.type, 'SOA');
    assert.equal(soa?.name, 'wire.test');
    assert.equal(soa?.ttl, 60);
    assert.equal(soa?.data.minimum, 60);
  });

  it('answers NOERROR with no records and an SOA when the name has other types (nodata)', async () => {
    const reply = await udpAsk(server.address, query('host.wire.test', 'MX'));
    assert.equal(rcodeOf(reply), 'NOERROR');
    assert.equal(reply.flag_aa, true);
    assert.equal(reply.answers?.length, 0);
    assert.equal(reply.authorities?.[0]?.type, 'SOA');
  });

  it('answers an SOA query at the apex with the synthetic SOA', async () => {
    const reply = await udpAsk(server.address, query('wire.test', 'SOA'));
    assert.equal(rcodeOf(reply), 'NOERROR');
    assert.equal(reply.answers?.[0]?.type, 'SOA');
    assert.equal(reply.answers?.[0]?.name, 'wire.test');
  });

  it('encodes MX and the Null MX root exchange', async () => {
    const mx = await udpAsk(server.address, query('mail.wire.test', 'MX'));
    assert.deepEqual(
      mx.answers?.map((answer) => (answer as dnsPacket.MxAnswer).data),
      [
        { preference: 10, exchange: 'host.wire.test' },
        { preference: 20, exchange: 'backup.wire.test' },
      ],
    );
    const nullMx = await udpAsk(server.address, query('null.wire.test', 'MX'));
    assert.deepEqual((nullMx.answers?.[0] as dnsPacket.MxAnswer | undefined)?.data, {
      preference: 0,
      exchange: '.',
    });
  });

  it('serves an SPF-type record as type 99 with TXT rdata, and as TXT', async () => {
    const spf = await udpExchange(
      server.address,
      dnsPacket.encode(query('rr.wire.test', 'SPF' as dnsPacket.RecordType)),
    );
    assert.notEqual(spf, 'silence');
    if (spf === 'silence') return;
    const answer = spf.packet.answers?.[0] as { type: string; data: Buffer } | undefined;
    assert.equal(answer?.type, 'SPF');
    assert.deepEqual(answer?.data, Buffer.concat([Buffer.of(11), Buffer.from('v=spf1 -all')]));
    const txt = await udpAsk(server.address, query('rr.wire.test', 'TXT'));
    assert.deepEqual(txtStrings(txt.answers?.[0] as dnsPacket.Answer), ['v=spf1 -all']);
  });

  it('stays silent for a TIMEOUT name', async () => {
    const before = server.queries;
    const reply = await udpExchange(server.address, dnsPacket.encode(query('slow.wire.test', 'TXT')), 300);
    assert.equal(reply, 'silence');
    assert.equal(server.queries, before + 1);
  });

  it('answers SERVFAIL and REFUSED without the AA bit', async () => {
    const servfail = await udpAsk(server.address, query('broken.wire.test', 'MX'));
    assert.equal(rcodeOf(servfail), 'SERVFAIL');
    assert.equal(servfail.flag_aa, false);
    const refused = await udpAsk(server.address, query('closed.wire.test', 'A'));
    assert.equal(rcodeOf(refused), 'REFUSED');
    assert.equal(refused.flag_aa, false);
  });

  it('sets TC when a UDP answer exceeds 512 bytes without EDNS, and sends it whole over TCP', async () => {
    const udp = await udpAsk(server.address, query('big.wire.test', 'TXT'));
    assert.equal(udp.flag_tc, true);
    assert.equal(udp.answers?.length, 0);
    assert.equal(udp.questions?.[0]?.name, 'big.wire.test');

    const [raw] = await tcpExchange(server.address, [dnsPacket.encode(query('big.wire.test', 'TXT'))]);
    assert.ok(raw !== undefined && raw.length > 512);
    const tcp = dnsPacket.decode(raw);
    assert.equal(tcp.flag_tc, false);
    assert.deepEqual(tcp.answers?.map((answer) => txtStrings(answer)[0]).sort(), [...longTxt].sort());
  });

  it('honours EDNS: echoes OPT, fits within the advertised size, truncates beyond it', async () => {
    const roomy = await udpAsk(server.address, query('big.wire.test', 'TXT', 1232));
    assert.equal(roomy.flag_tc, false);
    assert.equal(roomy.answers?.length, longTxt.length);
    const opt = roomy.additionals?.find((record) => record.type === 'OPT') as dnsPacket.OptAnswer | undefined;
    assert.equal(opt?.ednsVersion, 0);
    assert.ok((opt?.udpPayloadSize ?? 0) >= 1232);

    const tight = await udpAsk(server.address, query('big.wire.test', 'TXT', 600));
    assert.equal(tight.flag_tc, true);
    assert.ok(tight.additionals?.some((record) => record.type === 'OPT'));
  });

  it('answers several queries on one TCP connection, sent in one segment', async () => {
    const questions = [
      query('host.wire.test', 'A'),
      query('nowhere.wire.test', 'A'),
      query('big.wire.test', 'TXT'),
    ];
    const replies = (
      await tcpExchange(
        server.address,
        questions.map((packet) => dnsPacket.encode(packet)),
      )
    ).map((raw) => dnsPacket.decode(raw));
    assert.deepEqual(
      replies.map((reply) => [reply.id, rcodeOf(reply)]),
      [
        [questions[0]?.id, 'NOERROR'],
        [questions[1]?.id, 'NXDOMAIN'],
        [questions[2]?.id, 'NOERROR'],
      ],
    );
  });

  it('survives garbage: short datagrams dropped, undecodable queries get FORMERR, service goes on', async () => {
    assert.equal(await udpExchange(server.address, Buffer.from('hello'), 300), 'silence');
    const header = Buffer.from([0x12, 0x34, 0x01, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00]);
    const truncatedQuestion = Buffer.concat([header, Buffer.from([0x05, 0x61, 0x62])]);
    const formerr = await udpExchange(server.address, truncatedQuestion);
    assert.notEqual(formerr, 'silence');
    if (formerr !== 'silence') {
      assert.equal(formerr.packet.id, 0x1234);
      assert.equal(rcodeOf(formerr.packet), 'FORMERR');
    }
    const noQuestion = await udpExchange(server.address, Buffer.from([0, 7, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]));
    assert.ok(noQuestion !== 'silence' && rcodeOf(noQuestion.packet) === 'FORMERR');
    const random = Buffer.from(Array.from({ length: 64 }, (_, index) => (index * 73 + 19) % 256));
    await udpExchange(server.address, random, 300);
    await tcpExchange(server.address, [Buffer.from([1, 2, 3])], 1);

    const reply = await udpAsk(server.address, query('host.wire.test', 'A'));
    assert.equal(rcodeOf(reply), 'NOERROR');
  });

  it('answers a DELAY name later than a name asked after it', async () => {
    const socket = dgram.createSocket('udp4');
    const order: string[] = [];
    const done = new Promise<void>((resolve) => {
      socket.on('message', (raw) => {
        order.push(dnsPacket.decode(raw).questions?.[0]?.name ?? '?');
        if (order.length === 2) resolve();
      });
    });
    socket.send(dnsPacket.encode(query('lazy.wire.test', 'A')), server.address.port, server.address.host);
    socket.send(dnsPacket.encode(query('host.wire.test', 'A')), server.address.port, server.address.host);
    await done;
    socket.close();
    assert.deepEqual(order, ['host.wire.test', 'lazy.wire.test']);
  });
});

describe('handleMessage', () => {
  const store = storeWith(zoneData);

  function decodeReply(message: Buffer): dnsPacket.DecodedPacket {
    const reply = handleMessage(store, message, 'udp');
    assert.equal(reply.kind, 'send');
    if (reply.kind !== 'send') throw new Error('unreachable');
    return dnsPacket.decode(reply.bytes);
  }

  it('never answers a response', () => {
    const response = dnsPacket.encode({ ...query('host.wire.test', 'A'), type: 'response' });
    assert.deepEqual(handleMessage(store, response, 'udp'), { kind: 'drop' });
  });

  it('answers NOTIMP to other opcodes and to types the lab does not hold', () => {
    const notify = dnsPacket.encode({ ...query('host.wire.test', 'SOA'), flags: 4 << 11 });
    assert.equal(rcodeOf(decodeReply(notify)), 'NOTIMP');
    assert.equal(rcodeOf(decodeReply(dnsPacket.encode(query('host.wire.test', 'HINFO')))), 'NOTIMP');
  });

  it('answers BADVERS to EDNS versions other than 0', () => {
    const packet = query('host.wire.test', 'A', 1232);
    const opt = packet.additionals?.[0] as dnsPacket.OptAnswer;
    opt.ednsVersion = 1;
    const reply = decodeReply(dnsPacket.encode(packet));
    const replyOpt = reply.additionals?.find((record) => record.type === 'OPT') as dnsPacket.OptAnswer;
    assert.equal(replyOpt.extendedRcode, 1);
    assert.equal(reply.answers?.length, 0);
  });

  it('cuts TXT strings longer than 255 bytes into character-strings', () => {
    const long = storeWith({ 'long.wire.test': [{ TXT: 'x'.repeat(300) }] });
    const reply = handleMessage(long, dnsPacket.encode(query('long.wire.test', 'TXT', 4096)), 'udp');
    assert.equal(reply.kind, 'send');
    if (reply.kind !== 'send') return;
    const answer = dnsPacket.decode(reply.bytes).answers?.[0] as dnsPacket.Answer;
    assert.deepEqual(
      txtStrings(answer).map((part) => part.length),
      [255, 45],
    );
  });

  it('answers any bytes with silence or a decodable reply, never an exception', () => {
    const valid = dnsPacket.encode(query('www.wire.test', 'TXT', 1232));
    const message = fc.oneof(
      fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes)),
      fc.array(fc.tuple(fc.nat(valid.length - 1), fc.nat(255)), { maxLength: 6 }).map((mutations) => {
        const bytes = Buffer.from(valid);
        for (const [index, value] of mutations) bytes[index] = value;
        return bytes;
      }),
    );
    fc.assert(
      fc.property(message, fc.constantFrom('udp' as const, 'tcp' as const), (bytes, transport) => {
        const reply = handleMessage(store, bytes, transport);
        if (reply.kind === 'send') assert.equal(dnsPacket.decode(reply.bytes).type, 'response');
      }),
      { numRuns: 3000 },
    );
  });

  it('answers FORMERR, without echoing it, to a question whose label holds a dot', () => {
    const bytes = dnsPacket.encode(query('ab.wire.test', 'A'));
    bytes[13] = 0x2e; // 'a' becomes '.', which the decoder would turn into an extra label
    const reply = decodeReply(bytes);
    assert.equal(rcodeOf(reply), 'FORMERR');
    assert.equal(reply.questions?.length, 0);
  });

  it('takes the last two labels as the zone apex', () => {
    assert.equal(zoneApex('_spf.Mailhost.test.'), 'mailhost.test');
    assert.equal(zoneApex('brightwater.test'), 'brightwater.test');
    assert.equal(zoneApex('test'), 'test');
  });
});
