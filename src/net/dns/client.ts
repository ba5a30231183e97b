// The wire DNS client behind the DnsClient port: cache, in-flight de-duplication, a concurrency limit,
// and a retry budget across resolvers over UDP with TCP fallback. See docs/dns-engine.md.

import { TtlCache } from './cache.js';
import { Limiter } from './limiter.js';
import { normalizeQueryName } from './names.js';
import { formatResolver } from './resolvers.js';
import { Cancellation, type ExchangeOutcome, type ExchangeSink, tcpExchange, UdpPool } from './transport.js';
import type {
  DnsAnswer,
  DnsClient,
  DnsErrorReason,
  DnsRecord,
  QueryOptions,
  RecordType,
  ResolverAddress,
} from './types.js';
import type { QuestionSpec } from './wire.js';

export interface DnsClientOptions {
  readonly resolvers: readonly ResolverAddress[];
  /** Per attempt (and again for a TCP retry after TC). Default 2500. */
  readonly timeoutMs?: number;
  /** Total attempts, rotating through the resolvers. Default 3. */
  readonly attempts?: number;
  /** Network lookups at once; further ones wait in a FIFO queue. Default 256. */
  readonly maxInFlight?: number;
  /** Cache bound (LRU). Default 50 000; 0 disables the cache. */
  readonly cacheEntries?: number;
  /** Set DO in queries, so signed zones come back with RRSIGs. Default false. */
  readonly dnssec?: boolean;
  /** Cache life of a negative answer that carries no SOA. Default 30 s. */
  readonly negativeTtlSeconds?: number;
  /** Cache life of SERVFAIL/REFUSED/timeout and other resolver failures. Default 5000 ms. */
  readonly errorTtlMs?: number;
  /**
   * Cache life of a timeout. Default 1000 ms: a server's own answer (SERVFAIL…) repeats itself, but a
   * timeout is often one lost packet under load, and caching it longer would turn every domain of a
   * fleet that shares the name into an error.
   */
  readonly timeoutTtlMs?: number;
  /** Upper bound on any cache life. Default 86 400 s. */
  readonly maxTtlSeconds?: number;
  /** Milliseconds clock for the cache; tests inject one. Default Date.now. */
  readonly now?: () => number;
}

export interface DnsClientStats {
  /** Packets sent: UDP attempts and TCP retries. */
  readonly queriesSent: number;
  readonly cacheHits: number;
  /** Queries that joined an identical lookup already on the network. */
  readonly inFlightJoins: number;
  readonly timeouts: number;
  readonly tcpFallbacks: number;
  /** Packets dropped: unknown ID, wrong source or question, undecodable. */
  readonly responsesIgnored: number;
  readonly cacheEntries: number;
  readonly inFlight: number;
  readonly queued: number;
}

export interface WireDnsClient extends DnsClient {
  close(): Promise<void>;
  stats(): DnsClientStats;
}

/** A caller with a signal waiting for a lookup; kept in its signal's set so one listener serves them all. */
class Waiter {
  constructor(
    readonly lookup: Lookup,
    /** The set of its signal: a waiter still in it has not been answered. */
    readonly set: Set<Waiter>,
    readonly resolve: (answer: DnsAnswer) => void,
    readonly reject: (error: unknown) => void,
  ) {}
}

/** The common part of every lookup; the client's own behaviour comes in through LookupHost. */
interface Lookup {
  readonly key: string;
  readonly question: QuestionSpec;
  readonly cancellation: Cancellation;
  /** Callers that can still abort; when the last of them leaves, the lookup is cancelled. */
  abortable: number;
  /** Callers without a signal: while any exists the lookup is never cancelled. */
  permanent: number;
}

/**
 * A cached answer and its latest aged copy: hits within the same whole second of age share that copy,
 * instead of copying every record on every hit.
 */
class CachedAnswer {
  agedSeconds = 0;
  agedAnswer: DnsAnswer;

  constructor(readonly answer: DnsAnswer) {
    this.agedAnswer = answer;
  }
}

/** Resolver failures we cache briefly; 'network' and 'other' are local trouble (or aborts) and are not. */
const cachedErrors: ReadonlySet<DnsErrorReason> = new Set([
  'servfail',
  'refused',
  'formerr',
  'notimp',
  'malformed',
]);
/** Reasons that mean a server answered: they say more than a timeout when attempts disagree. */
const answeredReasons: ReadonlySet<DnsErrorReason> = new Set([
  'servfail',
  'refused',
  'formerr',
  'notimp',
  'malformed',
]);
/** RFC 2308 §5 suggests negative answers are not kept longer than a few hours. */
const maxNegativeTtlSeconds = 10_800;

const positiveInteger = (value: number, name: string): number => {
  if (!Number.isInteger(value) || value < 1)
    throw new RangeError(`${name} must be a positive integer, got ${value}`);
  return value;
};

/** A cached answer as seen `ageMs` later: record TTLs count down, as from any caching resolver. */
function agedAnswer(cached: CachedAnswer, ageMs: number): DnsAnswer {
  const answer = cached.answer;
  if (answer.kind !== 'ok' || ageMs < 1000) return answer;
  const seconds = Math.floor(ageMs / 1000);
  if (seconds !== cached.agedSeconds) {
    cached.agedAnswer = aged(answer, seconds);
    cached.agedSeconds = seconds;
  }
  return cached.agedAnswer;
}

function aged(answer: Extract<DnsAnswer, { kind: 'ok' }>, seconds: number): DnsAnswer {
  const records = answer.records.map(
    (record) => ({ ...record, ttl: Math.max(0, record.ttl - seconds) }) as DnsRecord,
  );
  return { ...answer, records };
}

function summarizeIgnored(ignored: readonly string[]): string {
  if (ignored.length === 0) return '';
  const kinds = [...new Set(ignored)].slice(0, 3).join(', ');
  return ` (ignored ${ignored.length} invalid response${ignored.length === 1 ? '' : 's'}: ${kinds})`;
}

export function createDnsClient(options: DnsClientOptions): WireDnsClient {
  const resolvers = [...options.resolvers];
  if (resolvers.length === 0) throw new RangeError('createDnsClient: at least one resolver is needed');
  const timeoutMs = positiveInteger(options.timeoutMs ?? 2500, 'timeoutMs');
  const attempts = positiveInteger(options.attempts ?? 3, 'attempts');
  const dnssec = options.dnssec ?? false;
  const negativeTtlSeconds = options.negativeTtlSeconds ?? 30;
  const errorTtlMs = options.errorTtlMs ?? 5000;
  const timeoutTtlMs = options.timeoutTtlMs ?? 1000;
  const maxTtlSeconds = options.maxTtlSeconds ?? 86_400;
  const now = options.now ?? Date.now;

  const counters = {
    queriesSent: 0,
    cacheHits: 0,
    inFlightJoins: 0,
    timeouts: 0,
    tcpFallbacks: 0,
    responsesIgnored: 0,
  };
  const transportCounters = {
    sent: () => void counters.queriesSent++,
    ignored: () => void counters.responsesIgnored++,
  };
  const cache = new TtlCache<CachedAnswer>(options.cacheEntries ?? 50_000, now);
  const limiter = new Limiter(positiveInteger(options.maxInFlight ?? 256, 'maxInFlight'));
  const pool = new UdpPool(transportCounters);
  const lookups = new Map<string, NetworkLookup>();
  let closed = false;

  const errorAnswer = (
    question: Pick<QuestionSpec, 'name' | 'type'>,
    reason: DnsErrorReason,
    detail: string,
  ): DnsAnswer => ({
    kind: 'error',
    name: question.name,
    type: question.type,
    reason,
    detail,
  });

  /** Each resolver as error details name it, spelled once rather than per attempt. */
  const resolverNames = resolvers.map(formatResolver);

  /**
   * One lookup on the network, driven by the outcomes of its exchanges (deliver) rather than an async
   * function: the limiter, the attempts across resolvers, TCP after truncation, then caching and
   * answering every caller, with one object per lookup instead of a chain of promises and closures.
   */
  class NetworkLookup implements Lookup, ExchangeSink {
    readonly cancellation = new Cancellation();
    abortable = 0;
    permanent = 0;
    /** Set once the lookup is over; callers arriving later (in the same turn) get it at once. */
    outcome: { readonly answer: DnsAnswer } | { readonly error: unknown } | undefined;
    /** Callers with a signal, answered in order when the lookup ends. */
    private readonly waiters: Waiter[] = [];
    /** For callers without a signal, made for the first of them. */
    private shared: Promise<DnsAnswer> | undefined;
    private resolveShared: ((answer: DnsAnswer) => void) | undefined;
    private rejectShared: ((error: unknown) => void) | undefined;
    /** Holds a limiter slot, to give back when it ends. */
    private held = false;
    private attempt = 0;
    /** The current attempt went over TCP after a truncated UDP answer. */
    private overTcp = false;
    private tried: string[] | undefined;
    private reason: DnsErrorReason = 'other';

    constructor(
      readonly key: string,
      readonly question: QuestionSpec,
    ) {}

    start(): void {
      if (limiter.tryAcquire()) {
        this.held = true;
        this.send();
        return;
      }
      limiter.acquire(this.cancellation).then(
        (acquired) => {
          if (!acquired) {
            this.end(errorAnswer(this.question, 'other', 'aborted'));
            return;
          }
          this.held = true;
          this.send();
        },
        (error: unknown) => this.fail(error),
      );
    }

    wait(): Promise<DnsAnswer> {
      if (this.shared === undefined) {
        this.shared = new Promise((resolve, reject) => {
          this.resolveShared = resolve;
          this.rejectShared = reject;
        });
      }
      return this.shared;
    }

    add(waiter: Waiter): void {
      this.waiters.push(waiter);
    }

    /** One attempt: UDP to the resolver whose turn it is. */
    private send(): void {
      try {
        pool.start(this.resolver(), this.question, timeoutMs, this.cancellation, this);
      } catch (error) {
        this.fail(error);
      }
    }

    private resolver(): ResolverAddress {
      return resolvers[this.attempt % resolvers.length] ?? fallbackOf(resolvers);
    }

    deliver(outcome: ExchangeOutcome): void {
      if (this.outcome !== undefined) return;
      const question = this.question;
      if (!this.overTcp && outcome.kind === 'interpreted' && outcome.interpretation.kind === 'truncated') {
        // The same attempt goes on over TCP to the same resolver.
        counters.tcpFallbacks++;
        this.overTcp = true;
        try {
          tcpExchange(this.resolver(), question, timeoutMs, transportCounters, this.cancellation).then(
            (tcpOutcome) => this.deliver(tcpOutcome),
            (error: unknown) => this.fail(error),
          );
        } catch (error) {
          this.fail(error);
        }
        return;
      }
      this.overTcp = false;
      const where = resolverNames[this.attempt % resolvers.length] ?? formatResolver(this.resolver());
      let answered = false;
      switch (outcome.kind) {
        case 'aborted':
          this.end(errorAnswer(question, 'other', 'aborted'), 0);
          return;
        case 'timeout':
          counters.timeouts++;
          this.note(`${where} timed out after ${timeoutMs} ms${summarizeIgnored(outcome.ignored)}`);
          if (!answeredReasons.has(this.reason)) this.reason = 'timeout';
          break;
        case 'network':
          this.note(`${where} ${outcome.message}`);
          if (!answeredReasons.has(this.reason) && this.reason !== 'timeout') this.reason = 'network';
          break;
        case 'interpreted': {
          const result = outcome.interpretation;
          switch (result.kind) {
            case 'answer': {
              const { answer, ttlSeconds } = result;
              const negative = answer.kind !== 'ok';
              const seconds = Math.min(
                ttlSeconds ?? negativeTtlSeconds,
                maxTtlSeconds,
                negative ? maxNegativeTtlSeconds : Number.POSITIVE_INFINITY,
              );
              this.end(answer, seconds * 1000);
              return;
            }
            case 'truncated':
              this.note(`${where} truncated answer over TCP`);
              this.reason = 'malformed';
              answered = true;
              break;
            case 'failure':
              this.note(`${where} ${result.why}`);
              this.reason = result.reason;
              answered = true;
              break;
          }
          break;
        }
      }
      this.attempt++;
      // Asking the very same server again for an answer it already gave would only repeat it.
      if (this.attempt < attempts && !(answered && resolvers.length === 1)) {
        // After the current callback, not inside it: a socket error settles all of its queries in a
        // loop, and their retries must see the pool as it is after that loop (sent inside it, some
        // retries lost their port-unreachable error and waited for the timeout).
        queueMicrotask(() => this.send());
        return;
      }
      const reason = this.reason;
      const detail = `${question.name || '.'} ${question.type}: ${(this.tried ?? []).join('; ')}`;
      this.end(
        errorAnswer(question, reason, detail),
        reason === 'timeout' ? timeoutTtlMs : cachedErrors.has(reason) ? errorTtlMs : 0,
      );
    }

    private note(attempt: string): void {
      this.tried ??= [];
      this.tried.push(attempt);
    }

    /** ttlMs undefined: the lookup never held a slot nor reached the network (cancelled while queued). */
    private end(answer: DnsAnswer, ttlMs?: number): void {
      if (this.outcome !== undefined) return;
      this.outcome = { answer };
      if (ttlMs !== undefined && !this.cancellation.aborted && !closed) {
        cache.set(this.key, new CachedAnswer(answer), ttlMs);
      }
      this.finish();
      this.resolveShared?.(answer);
      for (const waiter of this.waiters) {
        if (waiter.set.delete(waiter)) waiter.resolve(answer);
      }
    }

    /** A bug in this module: the error reaches the callers instead of going unhandled. */
    private fail(error: unknown): void {
      if (this.outcome !== undefined) return;
      this.outcome = { error };
      this.finish();
      this.rejectShared?.(error);
      for (const waiter of this.waiters) {
        if (waiter.set.delete(waiter)) waiter.reject(error);
      }
    }

    private finish(): void {
      if (this.held) {
        this.held = false;
        limiter.release();
      }
      if (lookups.get(this.key) === this) lookups.delete(this.key);
    }
  }

  function startLookup(key: string, question: QuestionSpec): NetworkLookup {
    const lookup = new NetworkLookup(key, question);
    lookups.set(key, lookup);
    lookup.start();
    return lookup;
  }

  /**
   * Callers waiting, per signal: one 'abort' listener per signal (a scan's, shared by all its lookups)
   * instead of adding and removing one per lookup.
   */
  const waitersBySignal = new WeakMap<AbortSignal, Set<Waiter>>();

  function abandon(waiter: Waiter): void {
    const { lookup } = waiter;
    lookup.abortable--;
    if (lookup.abortable === 0 && lookup.permanent === 0) {
      lookup.cancellation.cancel();
      if (lookups.get(lookup.key) === lookup) lookups.delete(lookup.key);
    }
    waiter.resolve(errorAnswer(lookup.question, 'other', 'aborted'));
  }

  function waitersOf(signal: AbortSignal): Set<Waiter> {
    let waiters = waitersBySignal.get(signal);
    if (waiters === undefined) {
      const created = new Set<Waiter>();
      waiters = created;
      waitersBySignal.set(signal, created);
      signal.addEventListener(
        'abort',
        () => {
          for (const waiter of [...created]) {
            created.delete(waiter);
            abandon(waiter);
          }
        },
        { once: true },
      );
    }
    return waiters;
  }

  /** One caller's view of a shared lookup: its own abort ends its wait, and only the last one cancels. */
  function waitFor(lookup: NetworkLookup, signal: AbortSignal | undefined): Promise<DnsAnswer> {
    const over = lookup.outcome;
    if (over !== undefined)
      return 'answer' in over ? Promise.resolve(over.answer) : Promise.reject(over.error);
    if (signal === undefined) {
      lookup.permanent++;
      return lookup.wait();
    }
    lookup.abortable++;
    const set = waitersOf(signal);
    return new Promise((resolve, reject) => {
      const waiter = new Waiter(lookup, set, resolve, reject);
      set.add(waiter);
      lookup.add(waiter);
    });
  }

  /** Not async: a cache hit is answered without entering an async function. */
  function query<T extends RecordType>(
    name: string,
    type: T,
    queryOptions?: QueryOptions,
  ): Promise<DnsAnswer<T>> {
    try {
      return ask(name, type, queryOptions) as Promise<DnsAnswer<T>>;
    } catch (error) {
      return Promise.reject(error);
    }
  }

  function ask(name: string, type: RecordType, queryOptions: QueryOptions | undefined): Promise<DnsAnswer> {
    const signal = queryOptions?.signal;
    const checked = normalizeQueryName(name);
    if (!checked.ok) {
      return Promise.resolve({
        kind: 'error',
        name,
        type,
        reason: 'other',
        detail: `invalid query name: ${checked.error}`,
      });
    }
    const checkingDisabled = queryOptions?.checkingDisabled ?? false;
    const key = `${checked.name}\u0000${type}\u0000${checkingDisabled ? 'cd' : ''}`;
    if (closed) return Promise.resolve(errorAnswer({ name: checked.name, type }, 'other', 'client closed'));
    if (signal?.aborted)
      return Promise.resolve(errorAnswer({ name: checked.name, type }, 'other', 'aborted'));
    const hit = cache.hit(key);
    if (hit !== undefined) {
      counters.cacheHits++;
      return Promise.resolve(agedAnswer(hit.value, hit.ageMs));
    }
    const joined = lookups.get(key);
    if (joined !== undefined) counters.inFlightJoins++;
    const lookup = joined ?? startLookup(key, { name: checked.name, type, checkingDisabled, dnssec });
    return waitFor(lookup, signal);
  }

  return {
    query,
    stats: () => ({
      ...counters,
      cacheEntries: cache.size,
      inFlight: limiter.running,
      queued: limiter.queued,
    }),
    async close() {
      closed = true;
      for (const lookup of lookups.values()) lookup.cancellation.cancel();
      lookups.clear();
      cache.clear();
      await pool.close();
    },
  };
}

/** Unreachable with a non-empty list; keeps noUncheckedIndexedAccess honest without a non-null assertion. */
function fallbackOf(resolvers: readonly ResolverAddress[]): ResolverAddress {
  const first = resolvers[0];
  if (first === undefined) throw new RangeError('no resolver');
  return first;
}
