// The wire DNS client behind the DnsClient port: cache, in-flight de-duplication, a concurrency limit,
// and a retry budget across resolvers over UDP with TCP fallback. See docs/dns-engine.md.

import { TtlCache } from './cache.js';
import { Limiter } from './limiter.js';
import { normalizeQueryName } from './names.js';
import { formatResolver } from './resolvers.js';
import { Cancellation, tcpExchange, UdpPool } from './transport.js';
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

interface Lookup {
  readonly promise: Promise<DnsAnswer>;
  readonly cancellation: Cancellation;
  /** Callers that can still abort; when the last of them leaves, the lookup is cancelled. */
  abortable: number;
  /** Callers without a signal: while any exists the lookup is never cancelled. */
  permanent: number;
}

/** A caller with a signal waiting for a lookup; kept in its signal's set so one listener serves them all. */
interface Waiter {
  readonly lookup: Lookup;
  readonly key: string;
  readonly question: QuestionSpec;
  readonly resolve: (answer: DnsAnswer) => void;
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
function aged(answer: DnsAnswer, ageMs: number): DnsAnswer {
  if (answer.kind !== 'ok' || ageMs < 1000) return answer;
  const seconds = Math.floor(ageMs / 1000);
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
  const cache = new TtlCache<DnsAnswer>(options.cacheEntries ?? 50_000, now);
  const limiter = new Limiter(positiveInteger(options.maxInFlight ?? 256, 'maxInFlight'));
  const pool = new UdpPool(transportCounters);
  const lookups = new Map<string, Lookup>();
  let closed = false;

  const errorAnswer = (question: QuestionSpec, reason: DnsErrorReason, detail: string): DnsAnswer => ({
    kind: 'error',
    name: question.name,
    type: question.type,
    reason,
    detail,
  });

  /** Each resolver as error details name it, spelled once rather than per attempt. */
  const resolverNames = resolvers.map(formatResolver);

  /** Asks the resolvers in turn within the attempt budget; returns the answer and how long to cache it. */
  async function resolve(
    question: QuestionSpec,
    cancellation: Cancellation,
  ): Promise<{ answer: DnsAnswer; ttlMs: number }> {
    const tried: string[] = [];
    let reason: DnsErrorReason = 'other';
    for (let index = 0; index < attempts; index++) {
      const resolver = resolvers[index % resolvers.length] ?? fallbackOf(resolvers);
      const where = resolverNames[index % resolvers.length] ?? formatResolver(resolver);
      // One attempt: UDP, then TCP to the same resolver when the answer is truncated.
      let outcome = await pool.exchange(resolver, question, timeoutMs, cancellation);
      if (outcome.kind === 'interpreted' && outcome.interpretation.kind === 'truncated') {
        counters.tcpFallbacks++;
        outcome = await tcpExchange(resolver, question, timeoutMs, transportCounters, cancellation);
      }
      let answered = false;
      switch (outcome.kind) {
        case 'aborted':
          return { answer: errorAnswer(question, 'other', 'aborted'), ttlMs: 0 };
        case 'timeout':
          counters.timeouts++;
          tried.push(`${where} timed out after ${timeoutMs} ms${summarizeIgnored(outcome.ignored)}`);
          if (!answeredReasons.has(reason)) reason = 'timeout';
          break;
        case 'network':
          tried.push(`${where} ${outcome.message}`);
          if (!answeredReasons.has(reason) && reason !== 'timeout') reason = 'network';
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
              return { answer, ttlMs: seconds * 1000 };
            }
            case 'truncated':
              tried.push(`${where} truncated answer over TCP`);
              reason = 'malformed';
              answered = true;
              break;
            case 'failure':
              tried.push(`${where} ${result.why}`);
              reason = result.reason;
              answered = true;
              break;
          }
          break;
        }
      }
      // Asking the very same server again for an answer it already gave would only repeat it.
      if (answered && resolvers.length === 1) break;
    }
    const detail = `${question.name || '.'} ${question.type}: ${tried.join('; ')}`;
    return {
      answer: errorAnswer(question, reason, detail),
      ttlMs: reason === 'timeout' ? timeoutTtlMs : cachedErrors.has(reason) ? errorTtlMs : 0,
    };
  }

  function startLookup(key: string, question: QuestionSpec): Lookup {
    const cancellation = new Cancellation();
    const run = async (): Promise<DnsAnswer> => {
      if (cancellation.aborted) return errorAnswer(question, 'other', 'aborted');
      if (!limiter.tryAcquire() && !(await limiter.acquire(cancellation))) {
        return errorAnswer(question, 'other', 'aborted');
      }
      try {
        const { answer, ttlMs } = await resolve(question, cancellation);
        if (!cancellation.aborted && !closed) cache.set(key, answer, ttlMs);
        return answer;
      } finally {
        limiter.release();
        if (lookups.get(key) === lookup) lookups.delete(key);
      }
    };
    const lookup: Lookup = { promise: Promise.resolve().then(run), cancellation, abortable: 0, permanent: 0 };
    lookups.set(key, lookup);
    return lookup;
  }

  /**
   * Callers waiting, per signal: one 'abort' listener per signal (a scan's, shared by all its lookups)
   * instead of adding and removing one per lookup.
   */
  const waitersBySignal = new WeakMap<AbortSignal, Set<Waiter>>();

  function abandon(waiter: Waiter): void {
    const { lookup, key } = waiter;
    lookup.abortable--;
    if (lookup.abortable === 0 && lookup.permanent === 0) {
      lookup.cancellation.cancel();
      if (lookups.get(key) === lookup) lookups.delete(key);
    }
    waiter.resolve(errorAnswer(waiter.question, 'other', 'aborted'));
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
  function waitFor(
    lookup: Lookup,
    key: string,
    signal: AbortSignal | undefined,
    question: QuestionSpec,
  ): Promise<DnsAnswer> {
    if (signal === undefined) {
      lookup.permanent++;
      return lookup.promise;
    }
    lookup.abortable++;
    const waiters = waitersOf(signal);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { lookup, key, question, resolve };
      waiters.add(waiter);
      // A rejection here is a bug in this module; it reaches the caller instead of going unhandled.
      lookup.promise.then(
        (answer) => {
          if (waiters.delete(waiter)) resolve(answer);
        },
        (error: unknown) => {
          if (waiters.delete(waiter)) reject(error);
        },
      );
    });
  }

  async function query<T extends RecordType>(
    name: string,
    type: T,
    queryOptions?: QueryOptions,
  ): Promise<DnsAnswer<T>> {
    const signal = queryOptions?.signal;
    const checked = normalizeQueryName(name);
    const shownName = checked.ok ? checked.name : name;
    if (!checked.ok) {
      return {
        kind: 'error',
        name: shownName,
        type,
        reason: 'other',
        detail: `invalid query name: ${checked.error}`,
      };
    }
    const question: QuestionSpec = {
      name: checked.name,
      type,
      checkingDisabled: queryOptions?.checkingDisabled ?? false,
      dnssec,
    };
    if (closed) return errorAnswer(question, 'other', 'client closed') as DnsAnswer<T>;
    if (signal?.aborted) return errorAnswer(question, 'other', 'aborted') as DnsAnswer<T>;
    const key = `${question.name}\u0000${type}\u0000${question.checkingDisabled ? 'cd' : ''}`;
    const hit = cache.get(key);
    if (hit !== undefined) {
      counters.cacheHits++;
      return aged(hit.value, hit.ageMs) as DnsAnswer<T>;
    }
    const joined = lookups.get(key);
    if (joined !== undefined) counters.inFlightJoins++;
    const lookup = joined ?? startLookup(key, question);
    return (await waitFor(lookup, key, signal, question)) as DnsAnswer<T>;
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
