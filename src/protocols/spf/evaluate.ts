// RFC 7208 check_host(): evaluates the SPF policy of a domain for one client IP, with a printable trace.

import { recordData } from '../../net/dns/presentation.js';
import type { DnsAnswer, DnsClient, RecordType } from '../../net/dns/types.js';
import type { IpAddress } from './ip.js';
import { formatIp, inCidr, parseIp, reverseName, unmapIpv4 } from './ip.js';
import type { MacroContext } from './macro.js';
import { expandMacroString, parseMacroString } from './macro.js';
import { isSpfRecord, parseSpfRecord } from './parse.js';
import type { DirectiveTerm, MacroString, Qualifier, SpfRecord } from './types.js';
import { isDnsQueryingTerm } from './types.js';

export type SpfResult = 'pass' | 'fail' | 'softfail' | 'neutral' | 'none' | 'permerror' | 'temperror';

/** One step of an evaluation, indented by `depth` (include/redirect nesting). */
export type TraceStep =
  | {
      readonly kind: 'query';
      readonly depth: number;
      readonly name: string;
      readonly type: RecordType;
      /** ok | nxdomain | nodata | error:<reason> */
      readonly outcome: string;
      readonly records: readonly string[];
    }
  | { readonly kind: 'record'; readonly depth: number; readonly domain: string; readonly record: string }
  | {
      readonly kind: 'term';
      readonly depth: number;
      readonly domain: string;
      readonly term: string;
      readonly outcome: 'match' | 'no-match' | 'error';
      readonly detail: string;
    }
  | {
      readonly kind: 'result';
      readonly depth: number;
      readonly domain: string;
      readonly result: SpfResult;
      readonly reason: string;
    };

export interface SpfEvaluation {
  readonly result: SpfResult;
  /** Plain words: why this result (which term matched, which limit or lookup failed). */
  readonly reason: string;
  /** The domain's own explanation (exp=) for a `fail`; absent when it has none or it could not be used. */
  readonly explanation?: string;
  /** The term that decided the result, as written, when one did. */
  readonly matchedTerm?: string;
  readonly ip: string;
  readonly domain: string;
  readonly sender: string;
  readonly helo: string;
  /** DNS-querying terms evaluated (RFC 7208 §4.6.4 limit: 10). */
  readonly dnsLookups: number;
  readonly voidLookups: number;
  readonly trace: readonly TraceStep[];
}

export interface CheckHostInput {
  readonly ip: IpAddress | string;
  readonly domain: string;
  /** The MAIL FROM address, or postmaster@<helo> when checking the HELO identity. */
  readonly sender: string;
  readonly helo: string;
}

export interface CheckHostOptions {
  /** `%{r}` in explanations: the checking host's domain name. */
  readonly receiver?: string;
  /** `%{t}` in explanations. */
  readonly now?: () => Date;
  readonly signal?: AbortSignal;
  /** RFC 7208 §4.6.4 limits; the defaults are the RFC's. */
  readonly maxDnsLookups?: number;
  readonly maxVoidLookups?: number;
  readonly maxMxOrPtrNames?: number;
}

/** Thrown on input a caller must fix (not an IP address). */
export class SpfInputError extends Error {}

/** Ends the whole evaluation: errors propagate from includes unchanged (§5.2). */
class Abort extends Error {
  constructor(
    readonly result: 'permerror' | 'temperror',
    readonly reason: string,
  ) {
    super(reason);
  }
}

const qualifierResult: Record<Qualifier, SpfResult> = {
  '+': 'pass',
  '-': 'fail',
  '~': 'softfail',
  '?': 'neutral',
};

/** §4.3: a multi-label name with labels of 1–63 characters and no domain literal. */
export function isValidDomain(domain: string): boolean {
  const name = domain.endsWith('.') ? domain.slice(0, -1) : domain;
  if (name.length === 0 || name.length > 253) return false;
  const labels = name.split('.');
  if (labels.length < 2) return false;
  if (!labels.every((label) => label.length > 0 && label.length <= 63 && !/[\s[\]]/.test(label)))
    return false;
  return !/^[0-9]+$/.test(labels.at(-1) ?? '');
}

/** §7.3: drop the trailing dot, then whole labels from the left until the name fits in 253 characters. */
export function toQueryName(expanded: string): string {
  let name = expanded.endsWith('.') ? expanded.slice(0, -1) : expanded;
  while (name.length > 253 && name.includes('.')) name = name.slice(name.indexOf('.') + 1);
  return name;
}

function hasBadLabels(name: string): boolean {
  return name.length === 0 || name.split('.').some((label) => label.length === 0 || label.length > 63);
}

function splitSender(sender: string): { localPart: string; senderDomain: string } {
  const at = sender.lastIndexOf('@');
  if (at < 0) return { localPart: 'postmaster', senderDomain: sender };
  const localPart = sender.slice(0, at);
  return { localPart: localPart === '' ? 'postmaster' : localPart, senderDomain: sender.slice(at + 1) };
}

interface LevelOutcome {
  readonly result: SpfResult;
  readonly reason: string;
  readonly explanation?: string;
  readonly matchedTerm?: string;
}

class Evaluation {
  readonly trace: TraceStep[] = [];
  dnsLookups = 0;
  voidLookups = 0;
  private validatedName: Promise<string> | undefined;
  private readonly maxDnsLookups: number;
  private readonly maxVoidLookups: number;
  private readonly maxNames: number;

  constructor(
    private readonly dns: DnsClient,
    readonly ip: IpAddress,
    readonly sender: string,
    readonly helo: string,
    private readonly options: CheckHostOptions,
  ) {
    this.maxDnsLookups = options.maxDnsLookups ?? 10;
    this.maxVoidLookups = options.maxVoidLookups ?? 2;
    this.maxNames = options.maxMxOrPtrNames ?? 10;
  }

  async query<T extends RecordType>(name: string, type: T, depth: number): Promise<DnsAnswer<T>> {
    const answer = await this.dns.query(
      name,
      type,
      this.options.signal ? { signal: this.options.signal } : {},
    );
    const records =
      answer.kind === 'ok' ? answer.records.map(recordData) : answer.kind === 'error' ? [answer.detail] : [];
    const outcome = answer.kind === 'error' ? `error:${answer.reason}` : answer.kind;
    this.trace.push({ kind: 'query', depth, name, type, outcome, records });
    return answer;
  }

  macroContext(domain: string): MacroContext {
    const { localPart, senderDomain } = splitSender(this.sender);
    return {
      sender: `${localPart}@${senderDomain}`,
      localPart,
      senderDomain,
      domain,
      ip: this.ip,
      helo: this.helo,
      receiver: this.options.receiver ?? 'unknown',
      timestamp: Math.floor((this.options.now?.() ?? new Date()).getTime() / 1000),
      validatedName: () => {
        this.validatedName ??= this.findValidatedName(domain);
        return this.validatedName;
      },
    };
  }

  /** §7.3 `%{p}`: a validated PTR name, preferring the domain itself, then a subdomain of it. */
  private async findValidatedName(domain: string): Promise<string> {
    const names = await this.validatedPtrNames(() => true, 0);
    const lower = domain.toLowerCase();
    return (
      names.find((name) => name === lower) ??
      names.find((name) => name.endsWith(`.${lower}`)) ??
      names[0] ??
      'unknown'
    );
  }

  /** §5.5: PTR names of the IP (at most 10) whose own addresses include the IP. */
  async validatedPtrNames(wanted: (name: string) => boolean, depth: number): Promise<string[]> {
    const ptr = await this.query(reverseName(this.ip), 'PTR', depth);
    if (ptr.kind !== 'ok') return [];
    const type = this.ip.family === 4 ? 'A' : 'AAAA';
    const validated: string[] = [];
    for (const record of ptr.records.slice(0, this.maxNames)) {
      const name = record.target.toLowerCase();
      if (!wanted(name)) continue;
      const answer = await this.query(name, type, depth);
      // A lookup error skips this name (§5.5) rather than failing the check.
      if (answer.kind !== 'ok') continue;
      if (answer.records.some((address) => this.matchesAddress(address.address, type === 'A' ? 32 : 128))) {
        validated.push(name);
      }
    }
    return validated;
  }

  matchesAddress(text: string, prefixLength: number): boolean {
    const address = parseIp(text);
    return (
      address !== undefined && address.family === this.ip.family && inCidr(this.ip, address, prefixLength)
    );
  }

  countLookup(term: string): void {
    this.dnsLookups += 1;
    if (this.dnsLookups > this.maxDnsLookups) {
      throw new Abort(
        'permerror',
        `${term} is DNS-querying term number ${this.dnsLookups}, over the limit of ${this.maxDnsLookups} (RFC 7208 §4.6.4)`,
      );
    }
  }

  countVoid(name: string, kind: string): void {
    this.voidLookups += 1;
    if (this.voidLookups > this.maxVoidLookups) {
      throw new Abort(
        'permerror',
        `${name} answered ${kind}: void lookup number ${this.voidLookups}, over the limit of ${this.maxVoidLookups} (RFC 7208 §4.6.4)`,
      );
    }
  }

  async target(spec: MacroString | undefined, domain: string): Promise<string> {
    if (spec === undefined) return domain;
    return toQueryName(await expandMacroString(spec, this.macroContext(domain)));
  }
}

type RecordLookup =
  | { readonly kind: 'found'; readonly record: SpfRecord }
  | { readonly kind: 'none'; readonly reason: string };

async function fetchRecord(run: Evaluation, domain: string, depth: number): Promise<RecordLookup> {
  const answer = await run.query(domain, 'TXT', depth);
  switch (answer.kind) {
    case 'error':
      throw new Abort('temperror', `the TXT lookup of ${domain} failed (${answer.reason})`);
    case 'nxdomain':
      return { kind: 'none', reason: `${domain} does not exist` };
    case 'nodata':
      return { kind: 'none', reason: `${domain} has no TXT records` };
    case 'ok': {
      const spf = answer.records.map((record) => record.strings.join('')).filter(isSpfRecord);
      const [text, second] = spf;
      if (text === undefined) return { kind: 'none', reason: `${domain} has no v=spf1 record` };
      if (second !== undefined) {
        throw new Abort(
          'permerror',
          `${domain} publishes ${spf.length} v=spf1 records; exactly one is allowed (RFC 7208 §4.5)`,
        );
      }
      run.trace.push({ kind: 'record', depth, domain, record: text });
      const parsed = parseSpfRecord(text);
      if (!parsed.ok)
        throw new Abort('permerror', `syntax error in the record of ${domain}: ${parsed.error.message}`);
      return { kind: 'found', record: parsed.record };
    }
  }
}

type MatchOutcome = { readonly match: boolean; readonly detail: string };

async function addressMatch(
  run: Evaluation,
  name: string,
  cidr: { ip4: number; ip6: number },
  depth: number,
  isVoidCounted: boolean,
): Promise<MatchOutcome> {
  const type = run.ip.family === 4 ? 'A' : 'AAAA';
  const prefix = run.ip.family === 4 ? cidr.ip4 : cidr.ip6;
  const answer = await run.query(name, type, depth);
  switch (answer.kind) {
    case 'error':
      throw new Abort('temperror', `the ${type} lookup of ${name} failed (${answer.reason})`);
    case 'nxdomain':
    case 'nodata':
      if (isVoidCounted) run.countVoid(name, answer.kind);
      return { match: false, detail: `${name} has no ${type} records (${answer.kind})` };
    case 'ok': {
      const hit = answer.records.find((record) => run.matchesAddress(record.address, prefix));
      return hit === undefined
        ? { match: false, detail: `${formatIp(run.ip)} is not in the ${type} records of ${name}/${prefix}` }
        : { match: true, detail: `${formatIp(run.ip)} is in ${hit.address}/${prefix} (${name})` };
    }
  }
}

async function evaluateMechanism(
  run: Evaluation,
  term: DirectiveTerm,
  domain: string,
  depth: number,
): Promise<MatchOutcome> {
  const mechanism = term.mechanism;
  switch (mechanism.kind) {
    case 'all':
      return { match: true, detail: 'all always matches' };
    case 'ip4':
    case 'ip6': {
      const match = inCidr(run.ip, mechanism.network, mechanism.prefixLength);
      return {
        match,
        detail: `${formatIp(run.ip)} is ${match ? '' : 'not '}in ${formatIp(mechanism.network)}/${mechanism.prefixLength}`,
      };
    }
    case 'a': {
      const name = await run.target(mechanism.domain, domain);
      if (hasBadLabels(name)) return { match: false, detail: `"${name}" is not a valid domain name` };
      return addressMatch(run, name, mechanism.cidr, depth, true);
    }
    case 'mx': {
      const name = await run.target(mechanism.domain, domain);
      if (hasBadLabels(name)) return { match: false, detail: `"${name}" is not a valid domain name` };
      const answer = await run.query(name, 'MX', depth);
      if (answer.kind === 'error')
        throw new Abort('temperror', `the MX lookup of ${name} failed (${answer.reason})`);
      if (answer.kind !== 'ok') {
        run.countVoid(name, answer.kind);
        return { match: false, detail: `${name} has no MX records (${answer.kind})` };
      }
      if (answer.records.length > 10) {
        throw new Abort(
          'permerror',
          `${name} has ${answer.records.length} MX records; an mx term may look up at most 10 (RFC 7208 §4.6.4)`,
        );
      }
      for (const record of answer.records) {
        if (record.exchange === '' || record.exchange === '.') continue;
        const outcome = await addressMatch(run, record.exchange, mechanism.cidr, depth + 1, false);
        if (outcome.match) return outcome;
      }
      return { match: false, detail: `${formatIp(run.ip)} is not an address of any MX host of ${name}` };
    }
    case 'ptr': {
      const name = (await run.target(mechanism.domain, domain)).toLowerCase();
      const fits = (candidate: string): boolean => candidate === name || candidate.endsWith(`.${name}`);
      const validated = await run.validatedPtrNames(fits, depth + 1);
      const hit = validated[0];
      return hit === undefined
        ? { match: false, detail: `no validated PTR name of ${formatIp(run.ip)} is in ${name}` }
        : { match: true, detail: `${formatIp(run.ip)} has the validated PTR name ${hit}` };
    }
    case 'exists': {
      const name = await run.target(mechanism.domain, domain);
      if (hasBadLabels(name)) return { match: false, detail: `"${name}" is not a valid domain name` };
      const answer = await run.query(name, 'A', depth);
      if (answer.kind === 'error')
        throw new Abort('temperror', `the A lookup of ${name} failed (${answer.reason})`);
      if (answer.kind !== 'ok') {
        run.countVoid(name, answer.kind);
        return { match: false, detail: `${name} has no A record (${answer.kind})` };
      }
      return { match: true, detail: `${name} exists` };
    }
    case 'include': {
      const name = await run.target(mechanism.domain, domain);
      if (hasBadLabels(name))
        throw new Abort('permerror', `include target "${name}" is not a valid domain name`);
      const inner = await checkDomain(run, name, depth + 1, false, 'include');
      switch (inner.result) {
        case 'pass':
          return { match: true, detail: `${name} gives pass` };
        case 'fail':
        case 'softfail':
        case 'neutral':
          return { match: false, detail: `${name} gives ${inner.result}` };
        case 'none':
          throw new Abort('permerror', `include:${name} has no SPF record (${inner.reason}) (RFC 7208 §5.2)`);
        case 'permerror':
        case 'temperror':
          throw new Abort(inner.result, inner.reason);
      }
    }
  }
}

/** §6.2: the explanation text, or undefined whenever anything about it is wrong. */
async function explain(
  run: Evaluation,
  record: SpfRecord,
  domain: string,
  depth: number,
): Promise<string | undefined> {
  if (record.exp === undefined) return undefined;
  const name = await run.target(record.exp.domain, domain);
  if (hasBadLabels(name)) return undefined;
  const answer = await run.query(name, 'TXT', depth);
  if (answer.kind !== 'ok' || answer.records.length !== 1) return undefined;
  const text = answer.records[0]?.strings.join('') ?? '';
  const parsed = parseMacroString(text, 'explain-string');
  if (!parsed.ok) return undefined;
  return expandMacroString(parsed.value, run.macroContext(domain));
}

async function evaluateRecord(
  run: Evaluation,
  record: SpfRecord,
  domain: string,
  depth: number,
  wantExplanation: boolean,
): Promise<LevelOutcome> {
  for (const term of record.directives) {
    if (isDnsQueryingTerm(term)) run.countLookup(term.text);
    let outcome: MatchOutcome;
    try {
      outcome = await evaluateMechanism(run, term, domain, depth);
    } catch (error) {
      if (error instanceof Abort) {
        run.trace.push({
          kind: 'term',
          depth,
          domain,
          term: term.text,
          outcome: 'error',
          detail: error.reason,
        });
      }
      throw error;
    }
    run.trace.push({
      kind: 'term',
      depth,
      domain,
      term: term.text,
      outcome: outcome.match ? 'match' : 'no-match',
      detail: outcome.detail,
    });
    if (!outcome.match) continue;
    const result = qualifierResult[term.qualifier];
    const reason = `${term.text} matched in the record of ${domain}: ${outcome.detail}`;
    const explanation =
      result === 'fail' && wantExplanation ? await explain(run, record, domain, depth) : undefined;
    return { result, reason, matchedTerm: term.text, ...(explanation === undefined ? {} : { explanation }) };
  }
  if (record.redirect === undefined)
    return { result: 'neutral', reason: `no term matched in the record of ${domain} and it has no redirect` };
  run.countLookup(record.redirect.text);
  const target = await run.target(record.redirect.domain, domain);
  if (hasBadLabels(target))
    throw new Abort('permerror', `redirect target "${target}" is not a valid domain name`);
  run.trace.push({
    kind: 'term',
    depth,
    domain,
    term: record.redirect.text,
    outcome: 'match',
    detail: `no mechanism matched: following the redirect to ${target}`,
  });
  const inner = await checkDomain(run, target, depth + 1, wantExplanation, 'redirect');
  if (inner.result === 'none') {
    throw new Abort('permerror', `redirect=${target} has no SPF record (${inner.reason}) (RFC 7208 §6.1)`);
  }
  return inner;
}

async function checkDomain(
  run: Evaluation,
  domain: string,
  depth: number,
  wantExplanation: boolean,
  via: 'root' | 'include' | 'redirect',
): Promise<LevelOutcome> {
  let outcome: LevelOutcome;
  try {
    const lookup = await fetchRecord(run, domain, depth);
    outcome =
      lookup.kind === 'none'
        ? { result: 'none', reason: lookup.reason }
        : await evaluateRecord(run, lookup.record, domain, depth, wantExplanation);
  } catch (error) {
    if (!(error instanceof Abort)) throw error;
    run.trace.push({ kind: 'result', depth, domain, result: error.result, reason: error.reason });
    throw error;
  }
  if (via !== 'redirect' || outcome.result !== 'none') {
    run.trace.push({ kind: 'result', depth, domain, result: outcome.result, reason: outcome.reason });
  }
  return outcome;
}

/** RFC 7208 §4: check_host(ip, domain, sender), with HELO for `%{h}`. */
export async function checkHost(
  input: CheckHostInput,
  dns: DnsClient,
  options: CheckHostOptions = {},
): Promise<SpfEvaluation> {
  const parsedIp = typeof input.ip === 'string' ? parseIp(input.ip) : input.ip;
  if (parsedIp === undefined) throw new SpfInputError(`"${String(input.ip)}" is not an IP address`);
  const ip = unmapIpv4(parsedIp);
  const domain = input.domain.toLowerCase().replace(/\.$/, '');
  const run = new Evaluation(dns, ip, input.sender, input.helo, options);
  const base = { ip: formatIp(ip), domain, sender: input.sender, helo: input.helo };
  const finish = (outcome: LevelOutcome): SpfEvaluation => ({
    ...base,
    ...outcome,
    dnsLookups: run.dnsLookups,
    voidLookups: run.voidLookups,
    trace: run.trace,
  });
  if (!isValidDomain(input.domain)) {
    const reason = `"${input.domain}" is not a valid multi-label domain name (RFC 7208 §4.3)`;
    run.trace.push({ kind: 'result', depth: 0, domain, result: 'none', reason });
    return finish({ result: 'none', reason });
  }
  try {
    return finish(await checkDomain(run, domain, 0, true, 'root'));
  } catch (error) {
    if (error instanceof Abort) return finish({ result: error.result, reason: error.reason });
    throw error;
  }
}

export interface SenderInput {
  readonly domain: string;
  readonly ip: string;
  /** Defaults to postmaster@<domain>. */
  readonly sender?: string;
  /** Defaults to the domain. */
  readonly helo?: string;
}

/** `telltale spf DOMAIN --ip ADDRESS [--sender …] [--helo …]`: check_host() with the CLI's defaults. */
export function evaluateSender(
  input: SenderInput,
  dns: DnsClient,
  options: CheckHostOptions = {},
): Promise<SpfEvaluation> {
  return checkHost(
    {
      ip: input.ip,
      domain: input.domain,
      sender: input.sender ?? `postmaster@${input.domain}`,
      helo: input.helo ?? input.domain,
    },
    dns,
    options,
  );
}
