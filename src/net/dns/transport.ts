// The sockets of the DNS client: a small pool of UDP sockets multiplexed by query ID, and one-shot TCP
// exchanges for truncated answers. Every failure is reported as an outcome value, never thrown.

import { randomInt } from 'node:crypto';
import dgram from 'node:dgram';
import net from 'node:net';
import { canonicalHost } from './resolvers.js';
import type { ResolverAddress } from './types.js';
import type { ExpectedResponse, Interpretation, QuestionSpec } from './wire.js';
import { ednsPayloadSize, encodeQuery, interpretResponse } from './wire.js';

export type ExchangeOutcome =
  | { readonly kind: 'interpreted'; readonly interpretation: Exclude<Interpretation, { kind: 'ignore' }> }
  /** `ignored` lists why packets that arrived for this query were not accepted. */
  | { readonly kind: 'timeout'; readonly ignored: readonly string[] }
  | { readonly kind: 'network'; readonly message: string }
  | { readonly kind: 'aborted' };

export interface TransportCounters {
  sent(): void;
  ignored(): void;
}

const errorMessage = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * How a lookup is cancelled: lighter than an AbortController (no EventTarget, no listener objects), which
 * counted for several per cent of a fleet's CPU. A lookup waits on one thing at a time (a limiter slot,
 * then one exchange after another), so one watcher at a time is enough.
 */
export class Cancellation {
  private cancelled = false;
  private watcher: (() => void) | undefined;

  get aborted(): boolean {
    return this.cancelled;
  }

  /** fn runs once if cancel() comes while it is the watcher; undefined stops watching. */
  watch(fn: (() => void) | undefined): void {
    this.watcher = fn;
  }

  cancel(): void {
    if (this.cancelled) return;
    this.cancelled = true;
    const watcher = this.watcher;
    this.watcher = undefined;
    watcher?.();
  }
}

/** Runs `start` with a settle function that works once, and wires timeout and cancellation to it. */
function exchangeWithDeadline(
  timeoutMs: number,
  cancellation: Cancellation | undefined,
  start: (settle: (outcome: ExchangeOutcome) => void) => () => void,
  onTimeout: () => ExchangeOutcome,
): Promise<ExchangeOutcome> {
  return new Promise((resolve) => {
    if (cancellation?.aborted) {
      resolve({ kind: 'aborted' });
      return;
    }
    let done = false;
    let cleanup: (() => void) | undefined;
    const settle = (outcome: ExchangeOutcome): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      cancellation?.watch(undefined);
      cleanup?.();
      resolve(outcome);
    };
    const timer = setTimeout(() => settle(onTimeout()), timeoutMs);
    cancellation?.watch(() => settle({ kind: 'aborted' }));
    cleanup = start(settle);
    if (done) cleanup();
  });
}

interface Pending {
  readonly expected: ExpectedResponse;
  readonly host: string;
  readonly port: number;
  readonly ignored: string[];
  readonly settle: (outcome: ExchangeOutcome) => void;
}

class UdpSlot {
  readonly pending = new Map<number, Pending>();
  readonly socket: dgram.Socket;

  constructor(
    type: 'udp4' | 'udp6',
    private readonly counters: TransportCounters,
    onBroken: (slot: UdpSlot, error: Error) => void,
  ) {
    this.socket = dgram.createSocket({ type, recvBufferSize: 1 << 20 });
    // Queries in flight keep the process alive through their timers; an idle socket must not.
    this.socket.unref();
    this.socket.on('message', (message, remote) => this.receive(message, remote));
    this.socket.on('error', (error) => onBroken(this, error));
  }

  /** A random ID not in flight on this socket (RFC 5452 §9.2), or undefined when all 65536 are. */
  allocateId(): number | undefined {
    for (let tries = 0; tries < 64; tries++) {
      const id = randomInt(0, 0x10000);
      if (!this.pending.has(id)) return id;
    }
    const start = randomInt(0, 0x10000);
    for (let step = 0; step < 0x10000; step++) {
      const id = (start + step) & 0xffff;
      if (!this.pending.has(id)) return id;
    }
    return undefined;
  }

  private receive(message: Buffer, remote: dgram.RemoteInfo): void {
    const id = message.length >= 2 ? message.readUInt16BE(0) : -1;
    const pending = this.pending.get(id);
    if (pending === undefined) {
      this.counters.ignored();
      return;
    }
    const why =
      canonicalHost(remote.address) !== pending.host || remote.port !== pending.port
        ? `packet from unexpected source ${remote.address}:${remote.port}`
        : message.length > ednsPayloadSize
          ? `oversized packet (${message.length} bytes)`
          : undefined;
    const interpretation = why === undefined ? interpretResponse(message, pending.expected) : undefined;
    if (interpretation === undefined || interpretation.kind === 'ignore') {
      this.counters.ignored();
      pending.ignored.push(interpretation?.why ?? why ?? 'ignored');
      return;
    }
    pending.settle({ kind: 'interpreted', interpretation });
  }
}

/** UDP sockets shared by all queries of one client, up to `perFamily` per address family. */
export class UdpPool {
  private readonly slots: { udp4: UdpSlot[]; udp6: UdpSlot[] } = { udp4: [], udp6: [] };
  private closed = false;

  constructor(
    private readonly counters: TransportCounters,
    private readonly perFamily = 4,
  ) {}

  exchange(
    resolver: ResolverAddress,
    question: QuestionSpec,
    timeoutMs: number,
    cancellation?: Cancellation,
  ): Promise<ExchangeOutcome> {
    if (this.closed) return Promise.resolve({ kind: 'network', message: 'client closed' });
    const family = net.isIPv6(resolver.host) ? 'udp6' : 'udp4';
    const slot = this.pick(family);
    const id = slot.allocateId();
    if (id === undefined) return Promise.resolve({ kind: 'network', message: 'no free query ID' });
    const ignored: string[] = [];
    return exchangeWithDeadline(
      timeoutMs,
      cancellation,
      (settle) => {
        const expected = { id, name: question.name, type: question.type };
        slot.pending.set(id, {
          expected,
          host: canonicalHost(resolver.host),
          port: resolver.port,
          ignored,
          settle,
        });
        this.counters.sent();
        slot.socket.send(encodeQuery(question, id), resolver.port, resolver.host, (error) => {
          if (error) settle({ kind: 'network', message: `UDP send: ${errorMessage(error)}` });
        });
        return () => {
          if (slot.pending.get(id)?.settle === settle) slot.pending.delete(id);
        };
      },
      () => ({ kind: 'timeout', ignored }),
    );
  }

  private pick(family: 'udp4' | 'udp6'): UdpSlot {
    const slots = this.slots[family];
    let best: UdpSlot | undefined;
    for (const slot of slots) if (best === undefined || slot.pending.size < best.pending.size) best = slot;
    if (best !== undefined && (best.pending.size === 0 || slots.length >= this.perFamily)) return best;
    const slot = new UdpSlot(family, this.counters, (broken, error) => this.discard(family, broken, error));
    slots.push(slot);
    return slot;
  }

  /** A socket that reported an error is dropped; its queries fail now rather than at their timeout. */
  private discard(family: 'udp4' | 'udp6', slot: UdpSlot, error: Error): void {
    const slots = this.slots[family];
    const index = slots.indexOf(slot);
    if (index >= 0) slots.splice(index, 1);
    for (const pending of [...slot.pending.values()]) {
      pending.settle({ kind: 'network', message: `UDP socket: ${error.message}` });
    }
    closeQuietly(slot.socket);
  }

  async close(): Promise<void> {
    this.closed = true;
    const all = [...this.slots.udp4, ...this.slots.udp6];
    this.slots.udp4 = [];
    this.slots.udp6 = [];
    for (const slot of all) {
      for (const pending of [...slot.pending.values()])
        pending.settle({ kind: 'network', message: 'client closed' });
      closeQuietly(slot.socket);
    }
  }
}

function closeQuietly(socket: dgram.Socket): void {
  try {
    socket.close();
  } catch {
    // Already closed: nothing left to release.
  }
}

/** One query over TCP (RFC 7766), framed with a 2-byte length; the connection is closed after the answer. */
export function tcpExchange(
  resolver: ResolverAddress,
  question: QuestionSpec,
  timeoutMs: number,
  counters: TransportCounters,
  cancellation?: Cancellation,
): Promise<ExchangeOutcome> {
  const id = randomInt(0, 0x10000);
  const query = encodeQuery(question, id);
  const framed = Buffer.concat([Buffer.from([query.length >> 8, query.length & 0xff]), query]);
  const expected = { id, name: question.name, type: question.type };
  let connected = false;
  return exchangeWithDeadline(
    timeoutMs,
    cancellation,
    (settle) => {
      const socket = net.connect({ host: resolver.host, port: resolver.port });
      const chunks: Buffer[] = [];
      let received = 0;
      socket.setNoDelay(true);
      socket.on('connect', () => {
        connected = true;
        counters.sent();
        socket.write(framed);
      });
      socket.on('data', (chunk) => {
        chunks.push(chunk);
        received += chunk.length;
        if (received < 2) return;
        const all = Buffer.concat(chunks);
        const length = all.readUInt16BE(0);
        // The 2-byte prefix bounds a message at 65535 bytes; we never buffer more than that.
        if (all.length < 2 + length) return;
        const interpretation = interpretResponse(all.subarray(2, 2 + length), expected);
        switch (interpretation.kind) {
          case 'ignore':
            settle({
              kind: 'interpreted',
              interpretation: { kind: 'failure', reason: 'malformed', why: `TCP: ${interpretation.why}` },
            });
            return;
          case 'truncated':
            settle({
              kind: 'interpreted',
              interpretation: { kind: 'failure', reason: 'malformed', why: 'TC set over TCP' },
            });
            return;
          case 'answer':
          case 'failure':
            settle({ kind: 'interpreted', interpretation });
            return;
        }
      });
      socket.on('error', (error) => settle({ kind: 'network', message: `TCP: ${errorMessage(error)}` }));
      socket.on('close', () =>
        settle({ kind: 'network', message: 'TCP: connection closed before a full answer' }),
      );
      return () => socket.destroy();
    },
    () => ({ kind: 'timeout', ignored: connected ? [] : ['TCP connection not established'] }),
  );
}
