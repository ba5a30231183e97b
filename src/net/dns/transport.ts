// The sockets of the DNS client: a few connected UDP sockets per resolver, multiplexed by query ID, and
// one-shot TCP exchanges for truncated answers. Every failure is reported as an outcome value, never thrown.

import { randomFillSync } from 'node:crypto';
import dgram from 'node:dgram';
import net from 'node:net';
import { canonicalHost } from './resolvers.js';
import type { RecordType, ResolverAddress } from './types.js';
import type { ExpectedResponse, Interpretation, QuestionSpec } from './wire.js';
import { ednsPayloadSize, encodeQuery, interpretResponse } from './wire.js';

export type ExchangeOutcome =
  | { readonly kind: 'interpreted'; readonly interpretation: Exclude<Interpretation, { kind: 'ignore' }> }
  /** `ignored` lists why packets that arrived for this query were not accepted. */
  | { readonly kind: 'timeout'; readonly ignored: readonly string[] }
  | { readonly kind: 'network'; readonly message: string }
  | { readonly kind: 'aborted' };

/** Where an exchange's outcome goes: a lookup takes it as a method call, without a promise per exchange. */
export interface ExchangeSink {
  deliver(outcome: ExchangeOutcome): void;
}

/** Told once when the lookup it watches is cancelled. */
export interface CancelWatcher {
  cancelled(): void;
}

export interface TransportCounters {
  sent(): void;
  ignored(): void;
}

const abortedOutcome: ExchangeOutcome = { kind: 'aborted' };
const nothingIgnored: readonly string[] = [];

const errorMessage = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * How a lookup is cancelled: lighter than an AbortController (no EventTarget, no listener objects), which
 * counted for several per cent of a fleet's CPU. A lookup waits on one thing at a time (a limiter slot,
 * then one exchange after another), so one watcher at a time is enough.
 */
export class Cancellation {
  private cancelled = false;
  private watcher: CancelWatcher | undefined;

  get aborted(): boolean {
    return this.cancelled;
  }

  /** The watcher is told once if cancel() comes while it watches; undefined stops watching. */
  watch(watcher: CancelWatcher | undefined): void {
    this.watcher = watcher;
  }

  cancel(): void {
    if (this.cancelled) return;
    this.cancelled = true;
    const watcher = this.watcher;
    this.watcher = undefined;
    watcher?.cancelled();
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
    cancellation?.watch({ cancelled: () => settle(abortedOutcome) });
    cleanup = start(settle);
    if (done) cleanup();
  });
}

/**
 * Random query IDs (RFC 5452 §9.2) from a buffer that one CSPRNG call refills every 2048 IDs: a crypto
 * call per query showed in fleet profiles.
 */
class IdSource {
  private readonly bytes = Buffer.allocUnsafe(4096);
  private offset = this.bytes.length;

  next(): number {
    if (this.offset >= this.bytes.length) {
      randomFillSync(this.bytes);
      this.offset = 0;
    }
    const id = this.bytes.readUInt16BE(this.offset);
    this.offset += 2;
    return id;
  }
}

const queryIds = new IdSource();

/**
 * One UDP query waiting for its answer: settles once, by answer, send error, timeout, cancellation or
 * close. One object per query, which is also the response it expects and its cancellation watcher
 * (garbage collection was about a tenth of a fleet's CPU).
 */
class Pending implements ExpectedResponse, CancelWatcher {
  /** Why packets that arrived for this query were not accepted; made on the first one. */
  ignored: string[] | undefined;
  /** The query packet, until it is sent. */
  packet: Buffer | undefined;
  private done = false;
  private readonly timer: NodeJS.Timeout;

  constructor(
    readonly id: number,
    readonly name: string,
    readonly type: RecordType,
    packet: Buffer,
    private readonly slot: UdpSlot,
    private readonly cancellation: Cancellation | undefined,
    private readonly sink: ExchangeSink,
    timeoutMs: number,
  ) {
    this.packet = packet;
    this.timer = setTimeout(timeOut, timeoutMs, this);
    cancellation?.watch(this);
  }

  cancelled(): void {
    this.settle(abortedOutcome);
  }

  settle(outcome: ExchangeOutcome): void {
    if (this.done) return;
    this.done = true;
    this.packet = undefined;
    clearTimeout(this.timer);
    this.cancellation?.watch(undefined);
    this.slot.settled(this);
    this.sink.deliver(outcome);
  }
}

function timeOut(pending: Pending): void {
  pending.settle({ kind: 'timeout', ignored: pending.ignored ?? nothingIgnored });
}

/** Where a socket of the pool sends: one resolver, its address spelled as replies will show it. */
interface Target {
  readonly resolver: ResolverAddress;
  readonly family: 'udp4' | 'udp6';
  readonly host: string;
  readonly slots: UdpSlot[];
}

/**
 * One UDP socket connected to one resolver. Connected, because an unconnected send resolves and checks
 * the address on every packet (the largest single item of a fleet's CPU profile), and the kernel then
 * only delivers packets from that resolver. A resolver whose port is closed shows up as an ICMP port
 * unreachable, which a connected socket reports as an ECONNREFUSED 'error' event.
 */
class UdpSlot {
  readonly pending = new Map<number, Pending>();
  readonly socket: dgram.Socket;
  /** Packets sent over this socket's life; a socket is retired after `retireAfter` of them. */
  sent = 0;
  private connected = false;
  /** Sends issued while connect() was still under way; they go out, in order, once it completes. */
  private waiting: (() => void)[] = [];
  /** Queries of this turn of the event loop, sent together by flush(). */
  private outbox: Pending[] = [];

  constructor(
    private readonly target: Target,
    private readonly counters: TransportCounters,
    onError: (slot: UdpSlot, error: Error) => void,
    /** Told when a query of this socket is over (its ID is free again). */
    readonly settled: (pending: Pending) => void,
  ) {
    this.socket = dgram.createSocket({ type: target.family, recvBufferSize: 1 << 20 });
    // Queries in flight keep the process alive through their timers; an idle socket must not.
    this.socket.unref();
    this.socket.on('message', (message, remote) => this.receive(message, remote));
    this.socket.on('error', (error) => onError(this, error));
    this.socket.connect(target.resolver.port, target.resolver.host, () => {
      this.connected = true;
      const waiting = this.waiting;
      this.waiting = [];
      for (const send of waiting) send();
    });
  }

  /** A random ID not in flight on this socket (RFC 5452 §9.2), or undefined when all 65536 are. */
  allocateId(): number | undefined {
    for (let tries = 0; tries < 64; tries++) {
      const id = queryIds.next();
      if (!this.pending.has(id)) return id;
    }
    const start = queryIds.next();
    for (let step = 0; step < 0x10000; step++) {
      const id = (start + step) & 0xffff;
      if (!this.pending.has(id)) return id;
    }
    return undefined;
  }

  /**
   * Queues the query of a registered pending exchange; the queue goes out once the event loop has run the
   * callbacks of this turn (setImmediate). Sent back to back, the queries of a turn find the resolver
   * awake: sending each as it was made woke a resolver on this machine for nearly every packet, and that
   * wake-up, paid inside sendmsg, was the largest item of a fleet's CPU profile (docs/performance.md).
   */
  send(pending: Pending): void {
    if (!this.connected) {
      this.waiting.push(() => {
        if (this.pending.get(pending.id) === pending) this.send(pending);
      });
      return;
    }
    // Counted when assigned, so a socket due for retirement takes no more than its share.
    this.sent++;
    this.outbox.push(pending);
    if (this.outbox.length === 1) setImmediate(flushSlot, this);
  }

  /** Sends what was queued this turn, except exchanges settled meanwhile (cancelled, client closed). */
  flush(): void {
    const outbox = this.outbox;
    this.outbox = [];
    for (const pending of outbox) {
      const packet = pending.packet;
      if (packet !== undefined && this.pending.get(pending.id) === pending) {
        pending.packet = undefined;
        this.transmit(packet, pending);
      }
    }
  }

  private transmit(packet: Buffer, pending: Pending): void {
    this.counters.sent();
    try {
      this.socket.send(packet, (error) => {
        if (error) pending.settle({ kind: 'network', message: `UDP send: ${errorMessage(error)}` });
      });
    } catch (error) {
      // A socket closed under us throws instead of calling back; the outcome is the same.
      pending.settle({ kind: 'network', message: `UDP send: ${errorMessage(error)}` });
    }
  }

  /** Settles every exchange waiting on this socket with the same outcome. */
  settleAll(outcome: ExchangeOutcome): void {
    for (const pending of [...this.pending.values()]) pending.settle(outcome);
  }

  private receive(message: Buffer, remote: dgram.RemoteInfo): void {
    const id = message.length >= 2 ? message.readUInt16BE(0) : -1;
    const pending = this.pending.get(id);
    if (pending === undefined) {
      this.counters.ignored();
      return;
    }
    // The kernel already filters a connected socket's packets by source; this stays as a second check.
    const { host, resolver } = this.target;
    const why =
      remote.port !== resolver.port || (remote.address !== host && canonicalHost(remote.address) !== host)
        ? `packet from unexpected source ${remote.address}:${remote.port}`
        : message.length > ednsPayloadSize
          ? `oversized packet (${message.length} bytes)`
          : undefined;
    const interpretation = why === undefined ? interpretResponse(message, pending) : undefined;
    if (interpretation === undefined || interpretation.kind === 'ignore') {
      this.counters.ignored();
      pending.ignored ??= [];
      pending.ignored.push(interpretation?.why ?? why ?? 'ignored');
      return;
    }
    pending.settle({ kind: 'interpreted', interpretation });
  }
}

function flushSlot(slot: UdpSlot): void {
  slot.flush();
}

/** The port-unreachable case of a connected socket (see UdpSlot), as opposed to a broken socket. */
const isPortUnreachable = (error: Error): boolean => (error as NodeJS.ErrnoException).code === 'ECONNREFUSED';

/**
 * UDP sockets shared by all queries of one client: up to `perResolver` connected sockets per resolver.
 * A socket is retired after `retireAfter` queries, so that a long run keeps drawing fresh source ports
 * (RFC 5452 §9.2: source port and ID are what an off-path spoofer has to guess).
 */
export class UdpPool {
  private readonly targets = new WeakMap<ResolverAddress, Target>();
  private readonly all = new Set<UdpSlot>();
  private closed = false;

  constructor(
    private readonly counters: TransportCounters,
    private readonly perResolver = 4,
    private readonly retireAfter = 10_000,
  ) {}

  exchange(
    resolver: ResolverAddress,
    question: QuestionSpec,
    timeoutMs: number,
    cancellation?: Cancellation,
  ): Promise<ExchangeOutcome> {
    return new Promise((resolve) =>
      this.start(resolver, question, timeoutMs, cancellation, { deliver: resolve }),
    );
  }

  /**
   * exchange() without a promise: the outcome goes to `sink`, possibly before start returns (client
   * closed, already cancelled, no free ID).
   */
  start(
    resolver: ResolverAddress,
    question: QuestionSpec,
    timeoutMs: number,
    cancellation: Cancellation | undefined,
    sink: ExchangeSink,
  ): void {
    if (this.closed) {
      sink.deliver({ kind: 'network', message: 'client closed' });
      return;
    }
    if (cancellation?.aborted) {
      sink.deliver(abortedOutcome);
      return;
    }
    const slot = this.pick(this.targetOf(resolver));
    const id = slot.allocateId();
    if (id === undefined) {
      sink.deliver({ kind: 'network', message: 'no free query ID' });
      return;
    }
    const packet = encodeQuery(question, id);
    const pending = new Pending(
      id,
      question.name,
      question.type,
      packet,
      slot,
      cancellation,
      sink,
      timeoutMs,
    );
    slot.pending.set(id, pending);
    slot.send(pending);
  }

  /** A query of `slot` is over: its ID is free again, and a retired socket closes with its last query. */
  private settled(slot: UdpSlot, pending: Pending): void {
    const id = pending.id;
    if (slot.pending.get(id) === pending) slot.pending.delete(id);
    if (slot.pending.size === 0 && slot.sent >= this.retireAfter) this.drop(slot);
  }

  private targetOf(resolver: ResolverAddress): Target {
    let target = this.targets.get(resolver);
    if (target === undefined) {
      target = {
        resolver,
        family: net.isIPv6(resolver.host) ? 'udp6' : 'udp4',
        host: canonicalHost(resolver.host),
        slots: [],
      };
      this.targets.set(resolver, target);
    }
    return target;
  }

  private pick(target: Target): UdpSlot {
    const slots = target.slots;
    let best: UdpSlot | undefined;
    for (let index = slots.length - 1; index >= 0; index--) {
      const slot = slots[index];
      if (slot === undefined) continue;
      if (slot.sent >= this.retireAfter) {
        // Retired: it takes no new query and closes once the ones still out have settled.
        slots.splice(index, 1);
        if (slot.pending.size === 0) this.drop(slot);
        continue;
      }
      if (best === undefined || slot.pending.size < best.pending.size) best = slot;
    }
    if (best !== undefined && (best.pending.size === 0 || slots.length >= this.perResolver)) return best;
    const slot: UdpSlot = new UdpSlot(
      target,
      this.counters,
      (failed, error) => this.failed(target, failed, error),
      (pending) => this.settled(slot, pending),
    );
    slots.push(slot);
    this.all.add(slot);
    return slot;
  }

  private drop(slot: UdpSlot): void {
    if (!this.all.delete(slot)) return;
    closeQuietly(slot.socket);
  }

  /**
   * ICMP port unreachable: this resolver does not answer here, so its queries fail over now instead of
   * at their timeout; the socket stays usable. Any other error: the socket is dropped and its queries
   * fail now.
   */
  private failed(target: Target, slot: UdpSlot, error: Error): void {
    if (isPortUnreachable(error)) {
      slot.settleAll({ kind: 'network', message: `UDP: port unreachable (${errorMessage(error)})` });
      return;
    }
    const index = target.slots.indexOf(slot);
    if (index >= 0) target.slots.splice(index, 1);
    slot.settleAll({ kind: 'network', message: `UDP socket: ${error.message}` });
    this.drop(slot);
  }

  async close(): Promise<void> {
    this.closed = true;
    const all = [...this.all];
    this.all.clear();
    for (const slot of all) {
      slot.settleAll({ kind: 'network', message: 'client closed' });
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
  const id = queryIds.next();
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
