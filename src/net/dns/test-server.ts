// Test-only DNS server on 127.0.0.1 (UDP and TCP on one random port) whose every answer is decided by a
// function the test passes: lets the wire client's tests stage any good or hostile behaviour.

import dgram from 'node:dgram';
import net from 'node:net';
import type { Answer, DecodedPacket, Packet } from 'dns-packet';
import * as dnsPacket from 'dns-packet';
import { toPacketAnswer } from './records.js';
import type { DnsRecord, ResolverAddress } from './types.js';

export interface ReceivedQuery {
  readonly packet: DecodedPacket;
  readonly id: number;
  /** As sent, dns-packet style (no trailing dot). */
  readonly name: string;
  readonly type: string;
  readonly transport: 'udp' | 'tcp';
  /** The client's source port (UDP and TCP). */
  readonly sourcePort: number;
}

/** A packet object, raw bytes, several of those in order (UDP), or null to stay silent. */
export type ServerReply = Packet | Buffer | null | readonly (Packet | Buffer)[];
export type QueryHandler = (query: ReceivedQuery) => ServerReply | Promise<ServerReply>;

export interface TestDnsServer {
  readonly address: ResolverAddress;
  /** Every decodable query received, in order. */
  readonly queries: ReceivedQuery[];
  close(): Promise<void>;
}

const rcodes = { NOERROR: 0, FORMERR: 1, SERVFAIL: 2, NXDOMAIN: 3, NOTIMP: 4, REFUSED: 5 } as const;

export interface ReplyOptions {
  readonly rcode?: keyof typeof rcodes;
  readonly answers?: readonly DnsRecord[];
  readonly authorities?: readonly DnsRecord[];
  /** Extra dns-packet answers appended as they are (for shapes DnsRecord cannot express). */
  readonly rawAnswers?: readonly Answer[];
  readonly authenticated?: boolean;
  readonly truncated?: boolean;
  /** Overrides, to stage mismatching answers. */
  readonly id?: number;
  readonly questionName?: string;
  readonly questionType?: string;
}

/** A response to `query` as a well-behaved recursive resolver would build it, unless told otherwise. */
export function reply(query: ReceivedQuery, options: ReplyOptions = {}): Packet {
  const flags =
    (query.packet.flag_rd ? dnsPacket.RECURSION_DESIRED : 0) |
    dnsPacket.RECURSION_AVAILABLE |
    (options.authenticated ? dnsPacket.AUTHENTIC_DATA : 0) |
    (options.truncated ? dnsPacket.TRUNCATED_RESPONSE : 0) |
    rcodes[options.rcode ?? 'NOERROR'];
  return {
    type: 'response',
    id: options.id ?? query.id,
    flags,
    questions: [
      {
        name: options.questionName ?? query.name,
        type: (options.questionType ?? query.type) as 'A',
        class: 'IN',
      },
    ],
    answers: [...(options.answers ?? []).map(toPacketAnswer), ...(options.rawAnswers ?? [])],
    authorities: (options.authorities ?? []).map(toPacketAnswer),
  };
}

const toBytes = (item: Packet | Buffer): Buffer => (Buffer.isBuffer(item) ? item : dnsPacket.encode(item));

function replies(result: ServerReply): Buffer[] {
  if (result === null) return [];
  if (Buffer.isBuffer(result)) return [result];
  if (Array.isArray(result)) return (result as readonly (Packet | Buffer)[]).map(toBytes);
  return [toBytes(result as Packet)];
}

function received(bytes: Buffer, transport: 'udp' | 'tcp', sourcePort: number): ReceivedQuery | undefined {
  try {
    const packet = dnsPacket.decode(bytes);
    const question = packet.questions?.[0];
    if (question === undefined) return undefined;
    return { packet, id: packet.id ?? 0, name: question.name, type: question.type, transport, sourcePort };
  } catch {
    return undefined;
  }
}

async function bindBoth(): Promise<{ udp: dgram.Socket; tcp: net.Server; port: number }> {
  for (let tries = 0; ; tries++) {
    const udp = dgram.createSocket('udp4');
    const port = await new Promise<number>((resolve, reject) => {
      udp.once('error', reject);
      udp.bind(0, '127.0.0.1', () => resolve(udp.address().port));
    });
    const tcp = net.createServer();
    try {
      await new Promise<void>((resolve, reject) => {
        tcp.once('error', reject);
        tcp.listen(port, '127.0.0.1', () => resolve());
      });
      return { udp, tcp, port };
    } catch (error) {
      udp.close();
      if (tries >= 20) throw error;
    }
  }
}

export async function startTestDnsServer(handler: QueryHandler): Promise<TestDnsServer> {
  const { udp, tcp, port } = await bindBoth();
  const queries: ReceivedQuery[] = [];
  const connections = new Set<net.Socket>();

  udp.on('error', () => {});
  udp.on('message', async (message, remote) => {
    const query = received(message, 'udp', remote.port);
    if (query === undefined) return;
    queries.push(query);
    for (const bytes of replies(await handler(query))) {
      udp.send(bytes, remote.port, remote.address);
    }
  });

  tcp.on('connection', (socket) => {
    connections.add(socket);
    socket.on('close', () => connections.delete(socket));
    socket.on('error', () => {});
    let buffer = Buffer.alloc(0);
    socket.on('data', async (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      while (buffer.length >= 2 && buffer.length >= 2 + buffer.readUInt16BE(0)) {
        const message = buffer.subarray(2, 2 + buffer.readUInt16BE(0));
        buffer = buffer.subarray(2 + message.length);
        const query = received(message, 'tcp', socket.remotePort ?? 0);
        if (query === undefined) continue;
        queries.push(query);
        for (const bytes of replies(await handler(query))) {
          socket.write(Buffer.concat([Buffer.from([bytes.length >> 8, bytes.length & 0xff]), bytes]));
        }
      }
    });
  });

  return {
    address: { host: '127.0.0.1', port },
    queries,
    async close() {
      for (const socket of connections) socket.destroy();
      await Promise.all([
        new Promise<void>((resolve) => udp.close(() => resolve())),
        new Promise<void>((resolve) => tcp.close(() => resolve())),
      ]);
    },
  };
}
