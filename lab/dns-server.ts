// The lab's authoritative DNS server: answers from a ZoneStore over UDP and TCP on loopback, and misbehaves
// (silence, SERVFAIL, REFUSED, truncation) on purpose, so the real DNS engine is exercised over the wire.

import dgram from 'node:dgram';
import net from 'node:net';
import dnsPacket from 'dns-packet';
import type { DnsRecord, RecordType, ResolverAddress } from '../src/net/dns/types.js';
import { recordTypes } from '../src/net/dns/types.js';
import type { ZoneStore } from './zone-store.js';
import { normalizeName } from './zone-store.js';

export interface LabDnsServer {
  readonly address: ResolverAddress;
  /** Messages received so far, over both transports (garbage included): tests count retries with it. */
  readonly queries: number;
  close(): Promise<void>;
}

export interface DnsServerOptions {
  /** Loopback address to bind, 127.0.0.1 unless told (`::1` works too). */
  readonly host?: string;
}

export type Transport = 'udp' | 'tcp';

const rcode = { noerror: 0, formerr: 1, servfail: 2, nxdomain: 3, notimp: 4, refused: 5 } as const;
type Rcode = (typeof rcode)[keyof typeof rcode];

const flagQr = 0x8000;
const flagAa = 0x0400;
const flagTc = 0x0200;
const flagRd = 0x0100;
const opcodeMask = 0x7800;

/** Without EDNS a UDP answer must fit in 512 bytes (RFC 1035 §4.2.1). */
const classicUdpLimit = 512;
/** What the lab advertises and the most it sends over UDP, whatever a client claims to accept. */
const serverUdpLimit = 4096;
const negativeTtl = 60;
const tcpIdleMs = 30_000;

type WireAnswer = dnsPacket.Answer;

/** What to do with one received message: nothing, or send these bytes. */
export type ServerReply =
  | { readonly kind: 'drop' }
  | { readonly kind: 'send'; readonly bytes: Buffer; readonly delayMs?: number };

interface QueryContext {
  readonly id: number;
  /** Opcode and RD bits of the query, echoed in every reply (RFC 1035 §4.1.1). */
  readonly echoedFlags: number;
  readonly question: dnsPacket.Question | undefined;
  /** The client's EDNS UDP size, or undefined when it sent no OPT record. */
  readonly ednsSize: number | undefined;
}

/**
 * The zone apex a name belongs to, for the SOA of negative answers. The lab has no zone cuts, so the
 * last two labels stand for the registered domain (`_spf.mailhost.test` → `mailhost.test`).
 */
export function zoneApex(name: string): string {
  const labels = normalizeName(name)
    .split('.')
    .filter((label) => label !== '');
  return labels.slice(-2).join('.');
}

export function syntheticSoa(apex: string): DnsRecord {
  const host = apex === '' ? 'lab' : apex;
  return {
    name: apex,
    ttl: negativeTtl,
    type: 'SOA',
    mname: `ns1.${host}`,
    rname: `hostmaster.${host}`,
    serial: 1,
    refresh: 3600,
    retry: 600,
    expire: 86_400,
    minimum: negativeTtl,
  };
}

/** A character-string holds at most 255 bytes on the wire: longer zone strings are cut, as zone loaders do. */
function characterStrings(strings: readonly string[]): Buffer[] {
  return strings.flatMap((text) => {
    const bytes = Buffer.from(text, 'utf8');
    if (bytes.length <= 255) return [bytes];
    const chunks: Buffer[] = [];
    for (let start = 0; start < bytes.length; start += 255) chunks.push(bytes.subarray(start, start + 255));
    return chunks;
  });
}

function txtRdata(strings: readonly string[]): Buffer {
  return Buffer.concat(
    characterStrings(strings).map((part) => Buffer.concat([Buffer.of(part.length), part])),
  );
}

export function toWireAnswer(record: DnsRecord): WireAnswer {
  const base = { name: record.name === '' ? '.' : record.name, ttl: record.ttl };
  switch (record.type) {
    case 'A':
    case 'AAAA':
      return { ...base, type: record.type, data: record.address };
    case 'CNAME':
    case 'NS':
    case 'PTR':
      return { ...base, type: record.type, data: record.target };
    case 'MX':
      return { ...base, type: 'MX', data: { preference: record.preference, exchange: record.exchange } };
    case 'SOA':
      return {
        ...base,
        type: 'SOA',
        data: {
          mname: record.mname,
          rname: record.rname,
          serial: record.serial,
          refresh: record.refresh,
          retry: record.retry,
          expire: record.expire,
          minimum: record.minimum,
        },
      };
    case 'TXT':
      return { ...base, type: 'TXT', data: characterStrings(record.strings) };
    case 'SPF':
      // dns-packet has no SPF codec: its rdata is TXT's, sent as an opaque type-99 payload.
      return { ...base, type: 'SPF', data: txtRdata(record.strings) } as unknown as WireAnswer;
    case 'SRV':
      return {
        ...base,
        type: 'SRV',
        data: { priority: record.priority, weight: record.weight, port: record.port, target: record.target },
      };
    case 'CAA':
      return {
        ...base,
        type: 'CAA',
        data: { flags: record.flags, tag: record.tag as dnsPacket.CaaData['tag'], value: record.value },
      };
    case 'TLSA':
      return {
        ...base,
        type: 'TLSA',
        data: {
          usage: record.usage,
          selector: record.selector,
          matchingType: record.matchingType,
          certificate: Buffer.from(record.data),
        },
      };
    case 'DS':
      return {
        ...base,
        type: 'DS',
        data: {
          keyTag: record.keyTag,
          algorithm: record.algorithm,
          digestType: record.digestType,
          digest: Buffer.from(record.digest),
        },
      };
    case 'DNSKEY':
      return {
        ...base,
        type: 'DNSKEY',
        data: { flags: record.flags, algorithm: record.algorithm, key: Buffer.from(record.key) },
      };
  }
}

function isRecordType(type: string): type is RecordType {
  return (recordTypes as readonly string[]).includes(type);
}

function optRecord(extendedRcode = 0): WireAnswer {
  return {
    type: 'OPT',
    name: '.',
    udpPayloadSize: serverUdpLimit,
    extendedRcode,
    ednsVersion: 0,
    flags: 0,
    flag_do: false,
    options: [],
  };
}

interface Sections {
  readonly rcode: Rcode;
  readonly authoritative: boolean;
  readonly answers?: WireAnswer[];
  readonly authorities?: WireAnswer[];
  /** EDNS extended rcode bits (BADVERS is 1 here, i.e. rcode 16). */
  readonly extendedRcode?: number;
}

const formerr: Sections = { rcode: rcode.formerr, authoritative: false };

function encodeReply(query: QueryContext, sections: Sections, truncated = false): Buffer {
  const flags =
    query.echoedFlags | sections.rcode | (sections.authoritative ? flagAa : 0) | (truncated ? flagTc : 0);
  return dnsPacket.encode({
    type: 'response',
    id: query.id,
    flags,
    questions: query.question === undefined ? [] : [query.question],
    answers: truncated ? [] : (sections.answers ?? []),
    authorities: truncated ? [] : (sections.authorities ?? []),
    additionals: query.ednsSize === undefined ? [] : [optRecord(sections.extendedRcode)],
  });
}

/** The reply, cut to a bare TC answer when UDP cannot carry it, so the client retries over TCP. */
function finish(query: QueryContext, sections: Sections, transport: Transport): ServerReply {
  const full = encodeReply(query, sections);
  if (transport === 'tcp') {
    return full.length <= 0xffff
      ? { kind: 'send', bytes: full }
      : { kind: 'send', bytes: encodeReply(query, { rcode: rcode.servfail, authoritative: false }) };
  }
  const limit =
    query.ednsSize === undefined
      ? classicUdpLimit
      : Math.min(serverUdpLimit, Math.max(classicUdpLimit, query.ednsSize));
  if (full.length <= limit) return { kind: 'send', bytes: full };
  return { kind: 'send', bytes: encodeReply(query, sections, true) };
}

function answerFromZone(store: ZoneStore, query: QueryContext, transport: Transport): ServerReply {
  const reply = lookUpAndAnswer(store, query, transport);
  const delayMs = query.question === undefined ? 0 : store.delayFor(query.question.name);
  return reply.kind === 'send' && delayMs > 0 ? { ...reply, delayMs } : reply;
}

function lookUpAndAnswer(store: ZoneStore, query: QueryContext, transport: Transport): ServerReply {
  const question = query.question;
  if (question === undefined) return finish(query, { rcode: rcode.formerr, authoritative: false }, transport);
  if ((question.class ?? 'IN') !== 'IN')
    return finish(query, { rcode: rcode.refused, authoritative: false }, transport);
  if (!isRecordType(question.type))
    return finish(query, { rcode: rcode.notimp, authoritative: false }, transport);

  const result = store.lookup(question.name, question.type);
  if (result.kind === 'misbehave') {
    switch (result.misbehaviour) {
      case 'timeout':
        return { kind: 'drop' };
      case 'servfail':
        return finish(query, { rcode: rcode.servfail, authoritative: false }, transport);
      case 'refused':
        return finish(query, { rcode: rcode.refused, authoritative: false }, transport);
    }
  }
  const answer = result.answer;
  // cnameRecords() invents one bogus CNAME when there are no aliases: ask only when there are some.
  const chain =
    answer.aliases.length === 0 ? [] : store.cnameRecords(question.name, answer.aliases).map(toWireAnswer);
  const finalName = answer.aliases.at(-1) ?? normalizeName(question.name);
  const apex = zoneApex(finalName);
  const soa = toWireAnswer(syntheticSoa(apex));
  switch (answer.kind) {
    case 'ok':
      return finish(
        query,
        {
          rcode: rcode.noerror,
          authoritative: true,
          answers: [...chain, ...answer.records.map(toWireAnswer)],
        },
        transport,
      );
    case 'nodata': {
      // The store keeps no SOA records: the apex answers its synthetic one, like a real primary would.
      const apexSoa = question.type === 'SOA' && finalName === apex;
      return finish(
        query,
        apexSoa
          ? { rcode: rcode.noerror, authoritative: true, answers: [...chain, soa] }
          : { rcode: rcode.noerror, authoritative: true, answers: chain, authorities: [soa] },
        transport,
      );
    }
    case 'nxdomain':
      return finish(
        query,
        { rcode: rcode.nxdomain, authoritative: true, answers: chain, authorities: [soa] },
        transport,
      );
  }
}

/**
 * dns-packet decodes names to dotted text, so a label holding a dot or invalid UTF-8 would come back
 * as a different name: such a question is refused as malformed rather than echoed wrong.
 */
function questionSurvivesReencoding(message: Buffer, packet: dnsPacket.DecodedPacket): boolean {
  const questions = packet.questions ?? [];
  if (questions.length === 0) return true;
  const encoded = dnsPacket.encode({ type: 'query', id: 0, questions });
  return encoded.subarray(12).equals(message.subarray(12, encoded.length));
}

/**
 * Turns one received message into the reply to send, if any. Pure apart from the store, and total:
 * garbage yields FORMERR or silence, never an exception.
 */
export function handleMessage(store: ZoneStore, message: Buffer, transport: Transport): ServerReply {
  if (message.length < 12) return { kind: 'drop' };
  const id = message.readUInt16BE(0);
  const rawFlags = message.readUInt16BE(2);
  // Never answer a response: two servers could otherwise bounce packets at each other forever.
  if ((rawFlags & flagQr) !== 0) return { kind: 'drop' };
  const echoedFlags = rawFlags & (opcodeMask | flagRd);
  let packet: dnsPacket.DecodedPacket;
  try {
    packet = dnsPacket.decode(message);
  } catch {
    return finish({ id, echoedFlags, question: undefined, ednsSize: undefined }, formerr, transport);
  }
  if (!questionSurvivesReencoding(message, packet)) {
    return finish({ id, echoedFlags, question: undefined, ednsSize: undefined }, formerr, transport);
  }
  const options = (packet.additionals ?? []).filter((record) => record.type === 'OPT');
  const opt = options[0] as dnsPacket.OptAnswer | undefined;
  const query: QueryContext = {
    id,
    echoedFlags,
    question: packet.questions?.length === 1 ? packet.questions[0] : undefined,
    ednsSize: opt?.udpPayloadSize,
  };
  if ((rawFlags & opcodeMask) !== 0)
    return finish(query, { rcode: rcode.notimp, authoritative: false }, transport);
  if (packet.questions?.length !== 1 || options.length > 1) return finish(query, formerr, transport);
  if (opt !== undefined && opt.ednsVersion !== 0) {
    // BADVERS (RFC 6891 §6.1.3): rcode 16, carried as 1 in the OPT record's extended bits.
    return finish(query, { rcode: rcode.noerror, authoritative: false, extendedRcode: 1 }, transport);
  }
  return answerFromZone(store, query, transport);
}

function safeHandle(store: ZoneStore, message: Buffer, transport: Transport): ServerReply {
  try {
    return handleMessage(store, message, transport);
  } catch {
    // A bug here must cost one answer, not the lab: the client sees a timeout and says so.
    return { kind: 'drop' };
  }
}

function bindUdp(host: string, port: number): Promise<dgram.Socket> {
  return new Promise((resolve, reject) => {
    const socket = dgram.createSocket(net.isIPv6(host) ? 'udp6' : 'udp4');
    socket.once('error', reject);
    socket.bind(port, host, () => {
      socket.off('error', reject);
      resolve(socket);
    });
  });
}

function listenTcp(server: net.Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function closeUdp(socket: dgram.Socket): Promise<void> {
  return new Promise((resolve) => socket.close(() => resolve()));
}

class Server implements LabDnsServer {
  private received = 0;
  private readonly connections = new Set<net.Socket>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private udp: dgram.Socket | undefined;
  private readonly tcp: net.Server;
  private port = 0;

  constructor(
    private readonly store: ZoneStore,
    private readonly host: string,
  ) {
    this.tcp = net.createServer((socket) => this.serveConnection(socket));
  }

  get address(): ResolverAddress {
    return { host: this.host, port: this.port };
  }

  get queries(): number {
    return this.received;
  }

  /** UDP picks a free port, TCP takes the same one; if another process holds it on TCP, try again. */
  async start(): Promise<void> {
    let lastError: unknown;
    for (let attempt = 0; attempt < 20; attempt += 1) {
      const udp = await bindUdp(this.host, 0);
      const port = udp.address().port;
      try {
        await listenTcp(this.tcp, this.host, port);
      } catch (error) {
        lastError = error;
        await closeUdp(udp);
        continue;
      }
      udp.on('message', (message, remote) => this.serveDatagram(udp, message, remote));
      udp.on('error', () => {});
      this.udp = udp;
      this.port = port;
      return;
    }
    throw new Error(`lab DNS: no port free for both UDP and TCP on ${this.host}`, { cause: lastError });
  }

  private serveDatagram(udp: dgram.Socket, message: Buffer, remote: dgram.RemoteInfo): void {
    this.received += 1;
    const reply = safeHandle(this.store, message, 'udp');
    this.deliver(reply, (bytes) => {
      // A reply racing close() finds the socket gone: nobody is waiting for it any more.
      if (this.udp === udp) udp.send(bytes, remote.port, remote.address, () => {});
    });
  }

  private deliver(reply: ServerReply, send: (bytes: Buffer) => void): void {
    if (reply.kind === 'drop') return;
    if (reply.delayMs === undefined) {
      send(reply.bytes);
      return;
    }
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      send(reply.bytes);
    }, reply.delayMs);
    this.timers.add(timer);
  }

  private serveConnection(socket: net.Socket): void {
    this.connections.add(socket);
    socket.setTimeout(tcpIdleMs, () => socket.destroy());
    socket.on('error', () => socket.destroy());
    socket.on('close', () => this.connections.delete(socket));
    let pending = Buffer.alloc(0);
    socket.on('data', (chunk) => {
      pending = Buffer.concat([pending, chunk]);
      // Several queries may share a connection and a segment (RFC 7766 §6.2.1): frame them one by one.
      while (pending.length >= 2) {
        const length = pending.readUInt16BE(0);
        if (pending.length < 2 + length) return;
        const message = pending.subarray(2, 2 + length);
        pending = pending.subarray(2 + length);
        this.received += 1;
        if (message.length < 12) {
          socket.destroy();
          return;
        }
        this.deliver(safeHandle(this.store, message, 'tcp'), (bytes) => {
          if (!socket.writable) return;
          const frame = Buffer.alloc(2);
          frame.writeUInt16BE(bytes.length);
          socket.write(Buffer.concat([frame, bytes]));
        });
      }
    });
  }

  async close(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const socket of this.connections) socket.destroy();
    const udp = this.udp;
    this.udp = undefined;
    await Promise.all([
      udp === undefined ? Promise.resolve() : closeUdp(udp),
      new Promise<void>((resolve) => this.tcp.close(() => resolve())),
    ]);
  }
}

export async function startDnsServer(
  store: ZoneStore,
  options: DnsServerOptions = {},
): Promise<LabDnsServer> {
  const server = new Server(store, options.host ?? '127.0.0.1');
  await server.start();
  return server;
}
