// Static audit of a domain's SPF policy: the whole include/redirect tree, lookup counts, void lookups and
// the publishing mistakes receivers punish, without needing a client IP.

import type { SpfTreeNode } from '../../model/finding.js';
import type { DnsAnswer, DnsClient, RecordType } from '../../net/dns/types.js';
import { usesMacros } from './macro.js';
import { isSpfRecord, parseSpfRecord } from './parse.js';
import type { MacroString, Qualifier, SpfRecord, SpfSyntaxError, Term } from './types.js';
import { isDnsQueryingTerm } from './types.js';

/** RFC 7208 §3.4: keep a record under 450 bytes so the whole answer fits a 512-byte UDP reply. */
export const recordLengthAdvice = 450;
const maxNodes = 60;
const maxDepth = 12;

export interface VoidLookup {
  readonly domain: string;
  readonly term: string;
  readonly name: string;
  readonly outcome: 'nxdomain' | 'nodata';
}

export interface DnsFailure {
  readonly name: string;
  readonly type: RecordType;
  readonly reason: string;
  readonly detail: string;
  /** The record and term that needed the answer, when not the root TXT lookup. */
  readonly domain: string;
  readonly term?: string;
}

export interface SplitMistake {
  readonly domain: string;
  /** 0-based index in the joined record where the two strings meet. */
  readonly offset: number;
  readonly before: string;
  readonly after: string;
  readonly message: string;
}

export interface IncludeProblem {
  readonly domain: string;
  readonly term: string;
  readonly target: string;
  readonly problem: 'nxdomain' | 'nodata' | 'no-spf' | 'multiple' | 'syntax-error';
}

export interface SpfAnalysis {
  readonly domain: string;
  /** Every DNS answer the audit used, in order: the evidence. */
  readonly answers: readonly DnsAnswer[];
  /** The root's TXT answer; absent only if the query threw (it never should). */
  readonly rootTxt: DnsAnswer<'TXT'>;
  /** The root's type-99 SPF answer. */
  readonly rootSpfType: DnsAnswer<'SPF'>;
  /** The root's SPF record, when it has exactly one. */
  readonly record?: string;
  readonly rootStrings?: readonly string[];
  readonly spfRecordCount: number;
  readonly tree?: SpfTreeNode;
  /** DNS-querying terms of the whole tree (RFC 7208 §4.6.4 counts include, a, mx, ptr, exists, redirect). */
  readonly totalLookups: number;
  readonly voidLookups: readonly VoidLookup[];
  readonly mxOverLimit: readonly { domain: string; term: string; name: string; count: number }[];
  readonly loops: readonly { domain: string; term: string; chain: readonly string[] }[];
  readonly includeProblems: readonly IncludeProblem[];
  readonly dnsErrors: readonly DnsFailure[];
  readonly syntaxErrors: readonly { domain: string; error: SpfSyntaxError }[];
  readonly multipleRecords: readonly { domain: string; records: readonly string[] }[];
  readonly splitMistakes: readonly SplitMistake[];
  /** Records with both `all` and `redirect=` (the redirect never applies). */
  readonly redirectIgnored: readonly { domain: string; term: string }[];
  /** Terms that let every address pass: `+all`, `ip4:0.0.0.0/0`, `ip6:::/0`, anywhere in the tree. */
  readonly passAll: readonly { domain: string; term: string; via: 'root' | 'include' | 'redirect' }[];
  /** The qualifier of the `all` that ends the root policy (after redirects); undefined when there is none. */
  readonly finalAll?: { readonly domain: string; readonly qualifier: Qualifier; readonly term: string };
  readonly ptrTerms: readonly { domain: string; term: string }[];
  /** include/redirect targets with macros: counted, but the branch cannot be followed without a sender. */
  readonly unexpandable: readonly { domain: string; term: string }[];
  /** Byte length of the root record (the strings joined). */
  readonly recordBytes: number;
  /** True when nothing prevented a complete walk (no DNS error, no branch cut for size). */
  readonly complete: boolean;
}

interface MutableTreeNode {
  domain: string;
  via: 'root' | 'include' | 'redirect';
  record?: string;
  problem?: string;
  lookups: number;
  branchLookups: number;
  voidLookups: number;
  children: MutableTreeNode[];
}

class Audit {
  readonly answers: DnsAnswer[] = [];
  readonly voidLookups: VoidLookup[] = [];
  readonly mxOverLimit: { domain: string; term: string; name: string; count: number }[] = [];
  readonly loops: { domain: string; term: string; chain: readonly string[] }[] = [];
  readonly includeProblems: IncludeProblem[] = [];
  readonly dnsErrors: DnsFailure[] = [];
  readonly syntaxErrors: { domain: string; error: SpfSyntaxError }[] = [];
  readonly multipleRecords: { domain: string; records: readonly string[] }[] = [];
  readonly splitMistakes: SplitMistake[] = [];
  readonly redirectIgnored: { domain: string; term: string }[] = [];
  readonly passAll: { domain: string; term: string; via: 'root' | 'include' | 'redirect' }[] = [];
  readonly ptrTerms: { domain: string; term: string }[] = [];
  readonly unexpandable: { domain: string; term: string }[] = [];
  nodes = 0;
  truncated = false;

  constructor(private readonly dns: DnsClient) {}

  async query<T extends RecordType>(
    name: string,
    type: T,
    domain: string,
    term?: string,
  ): Promise<DnsAnswer<T>> {
    const answer = await this.dns.query(name, type);
    this.answers.push(answer);
    if (answer.kind === 'error') {
      this.dnsErrors.push({
        name,
        type,
        reason: answer.reason,
        detail: answer.detail,
        domain,
        ...(term === undefined ? {} : { term }),
      });
    }
    return answer;
  }
}

function isValidTerm(text: string): boolean {
  const parsed = parseSpfRecord(`v=spf1 ${text}`);
  return parsed.ok && parsed.record.terms.length === 1;
}

/**
 * Boundaries between character-strings that change the meaning: strings are joined with nothing between
 * them (RFC 7208 §3.3), so a missing space glues two terms and a stray one splits a term.
 */
export function findSplitMistakes(domain: string, strings: readonly string[]): SplitMistake[] {
  // Most records are one string: no boundary, nothing to parse (every TXT record of every domain comes here).
  if (strings.length < 2) return [];
  const joined = strings.join('');
  const recordOk = parseSpfRecord(joined).ok;
  const mistakes: SplitMistake[] = [];
  let offset = 0;
  for (const [index, part] of strings.entries()) {
    offset += part.length;
    const next = strings[index + 1];
    if (next === undefined) break;
    const left = joined[offset - 1] ?? ' ';
    const right = joined[offset] ?? ' ';
    const before = part;
    const after = next;
    const push = (message: string): void => {
      mistakes.push({ domain, offset, before, after, message });
    };
    if (left !== ' ' && right !== ' ') {
      const termStart = joined.lastIndexOf(' ', offset - 1) + 1;
      const spaceAfter = joined.indexOf(' ', offset);
      const termEnd = spaceAfter < 0 ? joined.length : spaceAfter;
      const head = joined.slice(termStart, offset);
      const tail = joined.slice(offset, termEnd);
      const spaced = `${joined.slice(0, offset)} ${joined.slice(offset)}`;
      const headIsVersion = termStart === 0;
      const glued = headIsVersion
        ? isSpfRecord(spaced) && !isSpfRecord(joined)
        : (isValidTerm(head) && isValidTerm(tail)) || (!recordOk && parseSpfRecord(spaced).ok);
      if (glued) {
        push(
          `the string "${before}" ends with "${head}" and the next begins with "${tail}" without a space: receivers join them into "${head}${tail}"`,
        );
      }
    } else if (!recordOk && (left === ' ') !== (right === ' ')) {
      const trimmed =
        left === ' '
          ? `${joined.slice(0, offset - 1)}${joined.slice(offset)}`
          : `${joined.slice(0, offset)}${joined.slice(offset + 1)}`;
      if (parseSpfRecord(trimmed).ok) {
        push(`a space at the boundary between "${before}" and "${after}" cuts a term in two`);
      }
    }
  }
  return mistakes;
}

function targetText(spec: MacroString | undefined, domain: string): string | undefined {
  if (spec === undefined) return domain;
  if (usesMacros(spec)) return undefined;
  return spec.text.toLowerCase().replace(/\.$/, '');
}

/** Whether a term lets every IPv4 or IPv6 address pass. */
function passesEveryone(term: Term): boolean {
  if (term.kind !== 'directive' || term.qualifier !== '+') return false;
  const mechanism = term.mechanism;
  switch (mechanism.kind) {
    case 'all':
      return true;
    case 'ip4':
    case 'ip6':
      return mechanism.prefixLength === 0;
    case 'include':
    case 'a':
    case 'mx':
    case 'ptr':
    case 'exists':
      return false;
  }
}

type Fetched =
  | { readonly kind: 'record'; readonly record: SpfRecord; readonly text: string }
  | { readonly kind: 'problem'; readonly problem: string; readonly include?: IncludeProblem['problem'] };

async function fetchNode(audit: Audit, domain: string, via: MutableTreeNode['via']): Promise<Fetched> {
  const answer = await audit.query(domain, 'TXT', domain);
  switch (answer.kind) {
    case 'error':
      return { kind: 'problem', problem: `DNS error: ${answer.reason}` };
    case 'nxdomain':
      return { kind: 'problem', problem: 'domain does not exist (NXDOMAIN)', include: 'nxdomain' };
    case 'nodata':
      return { kind: 'problem', problem: 'no TXT records', include: 'nodata' };
    case 'ok': {
      const candidates = answer.records.filter((record) => isSpfRecord(record.strings.join('')));
      for (const record of answer.records) {
        if (via !== 'root') audit.splitMistakes.push(...findSplitMistakes(domain, record.strings));
      }
      if (candidates.length === 0) return { kind: 'problem', problem: 'no v=spf1 record', include: 'no-spf' };
      if (candidates.length > 1) {
        audit.multipleRecords.push({ domain, records: candidates.map((record) => record.strings.join('')) });
        return {
          kind: 'problem',
          problem: `${candidates.length} v=spf1 records (permerror)`,
          include: 'multiple',
        };
      }
      const text = candidates[0]?.strings.join('') ?? '';
      const parsed = parseSpfRecord(text);
      if (!parsed.ok) {
        audit.syntaxErrors.push({ domain, error: parsed.error });
        return { kind: 'problem', problem: `syntax error: ${parsed.error.message}`, include: 'syntax-error' };
      }
      return { kind: 'record', record: parsed.record, text };
    }
  }
}

/** Looks up a/mx/exists targets whose names are known, for void lookups and MX set sizes. */
async function probeTerm(audit: Audit, node: MutableTreeNode, term: Term): Promise<void> {
  if (term.kind !== 'directive') return;
  const mechanism = term.mechanism;
  const markVoid = (name: string, outcome: 'nxdomain' | 'nodata'): void => {
    audit.voidLookups.push({ domain: node.domain, term: term.text, name, outcome });
    node.voidLookups += 1;
  };
  switch (mechanism.kind) {
    case 'a': {
      const name = targetText(mechanism.domain, node.domain);
      if (name === undefined) return;
      const a = await audit.query(name, 'A', node.domain, term.text);
      if (a.kind === 'nxdomain') return markVoid(name, 'nxdomain');
      if (a.kind !== 'nodata') return;
      // A name with only AAAA records is void for IPv4 clients only; count it void only if it has neither.
      const aaaa = await audit.query(name, 'AAAA', node.domain, term.text);
      if (aaaa.kind === 'nxdomain' || aaaa.kind === 'nodata') markVoid(name, 'nodata');
      return;
    }
    case 'exists': {
      const name = targetText(mechanism.domain, node.domain);
      if (name === undefined) return;
      const a = await audit.query(name, 'A', node.domain, term.text);
      if (a.kind === 'nxdomain' || a.kind === 'nodata') markVoid(name, a.kind);
      return;
    }
    case 'mx': {
      const name = targetText(mechanism.domain, node.domain);
      if (name === undefined) return;
      const mx = await audit.query(name, 'MX', node.domain, term.text);
      if (mx.kind === 'nxdomain' || mx.kind === 'nodata') return markVoid(name, mx.kind);
      if (mx.kind === 'ok' && mx.records.length > 10) {
        audit.mxOverLimit.push({ domain: node.domain, term: term.text, name, count: mx.records.length });
      }
      return;
    }
    case 'ptr':
      audit.ptrTerms.push({ domain: node.domain, term: term.text });
      return;
    case 'all':
    case 'ip4':
    case 'ip6':
    case 'include':
      return;
  }
}

async function walk(
  audit: Audit,
  domain: string,
  via: MutableTreeNode['via'],
  chain: readonly string[],
  fetched: Fetched,
): Promise<MutableTreeNode> {
  const node: MutableTreeNode = { domain, via, lookups: 0, branchLookups: 0, voidLookups: 0, children: [] };
  audit.nodes += 1;
  if (fetched.kind === 'problem') {
    node.problem = fetched.problem;
    return node;
  }
  node.record = fetched.text;
  const record = fetched.record;
  const allIndex = record.terms.findIndex(
    (term) => term.kind === 'directive' && term.mechanism.kind === 'all',
  );
  // Terms after the first `all` are never evaluated, and neither is a redirect when `all` is present.
  const reachable = record.terms.filter(
    (term, index) =>
      (term.kind === 'directive' && (allIndex < 0 || index <= allIndex)) ||
      (term.kind === 'redirect' && allIndex < 0),
  );
  if (record.redirect !== undefined && allIndex >= 0) {
    audit.redirectIgnored.push({ domain, term: record.redirect.text });
  }
  for (const term of reachable) {
    if (passesEveryone(term)) audit.passAll.push({ domain, term: term.text, via });
    if (isDnsQueryingTerm(term)) node.lookups += 1;
    await probeTerm(audit, node, term);
    const spec =
      term.kind === 'redirect'
        ? term.domain
        : term.kind === 'directive' && term.mechanism.kind === 'include'
          ? term.mechanism.domain
          : undefined;
    if (spec === undefined) continue;
    const childVia = term.kind === 'redirect' ? 'redirect' : 'include';
    const target = targetText(spec, domain);
    if (target === undefined) {
      audit.unexpandable.push({ domain, term: term.text });
      node.children.push({
        domain: spec.text,
        via: childVia,
        problem: 'target uses macros: cannot be followed without a sender and IP',
        lookups: 0,
        branchLookups: 0,
        voidLookups: 0,
        children: [],
      });
      continue;
    }
    if (chain.includes(target)) {
      audit.loops.push({ domain, term: term.text, chain: [...chain, target] });
      node.children.push({
        domain: target,
        via: childVia,
        problem: `loop: ${[...chain, target].join(' → ')}`,
        lookups: 0,
        branchLookups: 0,
        voidLookups: 0,
        children: [],
      });
      continue;
    }
    if (audit.nodes >= maxNodes || chain.length >= maxDepth) {
      audit.truncated = true;
      node.children.push({
        domain: target,
        via: childVia,
        problem: 'not followed: the tree is too large to audit',
        lookups: 0,
        branchLookups: 0,
        voidLookups: 0,
        children: [],
      });
      continue;
    }
    const childFetched = await fetchNode(audit, target, childVia);
    if (childFetched.kind === 'problem' && childFetched.include !== undefined) {
      audit.includeProblems.push({ domain, term: term.text, target, problem: childFetched.include });
      if (childFetched.include === 'nxdomain' || childFetched.include === 'nodata') {
        audit.voidLookups.push({ domain, term: term.text, name: target, outcome: childFetched.include });
        node.voidLookups += 1;
      }
    }
    node.children.push(await walk(audit, target, childVia, [...chain, target], childFetched));
  }
  node.branchLookups = node.lookups + node.children.reduce((sum, child) => sum + child.branchLookups, 0);
  return node;
}

/** The `all` that ends the policy: the root's own, or the one its redirect chain reaches. */
function findFinalAll(tree: MutableTreeNode | undefined): SpfAnalysis['finalAll'] {
  let node = tree;
  while (node?.record !== undefined) {
    const parsed = parseSpfRecord(node.record);
    if (!parsed.ok) return undefined;
    const all = parsed.record.directives.find((term) => term.mechanism.kind === 'all');
    if (all !== undefined) return { domain: node.domain, qualifier: all.qualifier, term: all.text };
    node = node.children.find((child) => child.via === 'redirect');
  }
  return undefined;
}

export async function analyzeSpf(domain: string, dns: DnsClient): Promise<SpfAnalysis> {
  const root = domain.toLowerCase().replace(/\.$/, '');
  const audit = new Audit(dns);
  const rootTxt = await audit.query(root, 'TXT', root);
  // Not through audit.query: a server that fumbles type 99 says nothing about the SPF policy itself.
  const rootSpfType = await dns.query(root, 'SPF');
  audit.answers.push(rootSpfType);
  let strings: readonly string[] | undefined;
  let spfRecordCount = 0;
  if (rootTxt.kind === 'ok') {
    for (const record of rootTxt.records)
      audit.splitMistakes.push(...findSplitMistakes(root, record.strings));
    const candidates = rootTxt.records.filter((record) => isSpfRecord(record.strings.join('')));
    spfRecordCount = candidates.length;
    if (candidates.length > 1) {
      audit.multipleRecords.push({
        domain: root,
        records: candidates.map((record) => record.strings.join('')),
      });
    }
    if (candidates.length === 1) strings = candidates[0]?.strings;
  }
  let tree: MutableTreeNode | undefined;
  if (strings !== undefined) {
    const text = strings.join('');
    const parsed = parseSpfRecord(text);
    if (parsed.ok) {
      tree = await walk(audit, root, 'root', [root], { kind: 'record', record: parsed.record, text });
    } else {
      audit.syntaxErrors.push({ domain: root, error: parsed.error });
      tree = {
        domain: root,
        via: 'root',
        record: text,
        problem: `syntax error: ${parsed.error.message}`,
        lookups: 0,
        branchLookups: 0,
        voidLookups: 0,
        children: [],
      };
    }
  }
  const record = strings?.join('');
  return {
    domain: root,
    answers: audit.answers,
    rootTxt,
    rootSpfType,
    ...(record === undefined ? {} : { record, rootStrings: strings }),
    spfRecordCount,
    ...(tree === undefined ? {} : { tree }),
    totalLookups: tree?.branchLookups ?? 0,
    voidLookups: audit.voidLookups,
    mxOverLimit: audit.mxOverLimit,
    loops: audit.loops,
    includeProblems: audit.includeProblems,
    dnsErrors: audit.dnsErrors,
    syntaxErrors: audit.syntaxErrors,
    multipleRecords: audit.multipleRecords,
    splitMistakes: audit.splitMistakes,
    redirectIgnored: audit.redirectIgnored,
    passAll: audit.passAll,
    ...(() => {
      const finalAll = findFinalAll(tree);
      return finalAll === undefined ? {} : { finalAll };
    })(),
    ptrTerms: audit.ptrTerms,
    unexpandable: audit.unexpandable,
    recordBytes: record === undefined ? 0 : new TextEncoder().encode(record).length,
    complete: audit.dnsErrors.length === 0 && !audit.truncated,
  };
}
