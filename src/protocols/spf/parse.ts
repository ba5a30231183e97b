// Strict parser of SPF records (RFC 7208 §4.5 version selection, §12 ABNF) with positioned, readable errors.

import { BoundedMemo } from '../bounded-memo.js';
import { parseIpv4Strict, parseIpv6Strict } from './ip.js';
import { parseMacroString } from './macro.js';
import type {
  DualCidr,
  MacroString,
  Mechanism,
  ParseResult,
  Qualifier,
  SpfRecord,
  SpfSyntaxError,
  Term,
} from './types.js';

/** §4.5: "v=spf1" (any case) followed by a space or the end of the record. */
export function isSpfRecord(text: string): boolean {
  return /^v=spf1( |$)/i.test(text);
}

const toplabelPattern = /^(?:[A-Za-z0-9]*[A-Za-z][A-Za-z0-9]*|[A-Za-z0-9]+-[A-Za-z0-9-]*[A-Za-z0-9])$/;
const modifierNamePattern = /^[A-Za-z][A-Za-z0-9\-_.]*$/;
const mechanismNames = ['all', 'include', 'a', 'mx', 'ptr', 'ip4', 'ip6', 'exists'] as const;

/** A failure inside one term: `at` is relative to the term. */
class TermError extends Error {
  constructor(
    readonly at: number,
    readonly reason: string,
  ) {
    super(reason);
  }
}

export function isToplabel(label: string): boolean {
  return toplabelPattern.test(label);
}

/** domain-spec = macro-string domain-end; domain-end = "." toplabel ["."] / macro-expand. */
function parseDomainSpec(text: string, at: number): MacroString {
  if (text === '') throw new TermError(at, 'a domain name is required here');
  const parsed = parseMacroString(text, 'domain-spec');
  if (!parsed.ok) throw new TermError(at + parsed.index, parsed.reason);
  const last = parsed.value.tokens.at(-1);
  if (last?.kind === 'macro' && text.endsWith('}')) return parsed.value;
  const tail = last?.kind === 'literal' ? last.text : '';
  const withoutDot = tail.endsWith('.') ? tail.slice(0, -1) : tail;
  const dot = withoutDot.lastIndexOf('.');
  const toplabel = withoutDot.slice(dot + 1);
  if (dot < 0 || !isToplabel(toplabel)) {
    const reason =
      dot < 0
        ? `"${text}" is not a domain name (it needs a dot and a top-level label, or must end with a macro)`
        : `"${text}" does not end with a valid top-level label ("${toplabel}" is all digits, empty or badly hyphenated)`;
    throw new TermError(at, reason);
  }
  return parsed.value;
}

function parseCidrNumber(digits: string, max: number, at: number, family: 'IPv4' | 'IPv6'): number {
  if (!/^(0|[1-9][0-9]*)$/.test(digits))
    throw new TermError(at, `prefix length "/${digits}" is not a number without leading zeros`);
  const value = Number(digits);
  if (value > max) throw new TermError(at, `${family} prefix length /${value} is over ${max}`);
  return value;
}

/** Splits `domain-spec dual-cidr-length` from the end: the domain may itself contain "/". */
function splitDualCidr(rest: string, at: number): { domain: string; cidr: DualCidr } {
  const match = /^(.*?)(?:\/([0-9]*))?(?:\/\/([0-9]*))?$/s.exec(rest);
  const domain = match?.[1] ?? rest;
  const ip4Text = match?.[2];
  const ip6Text = match?.[3];
  const cidrAt = at + domain.length;
  const ip4 = ip4Text === undefined ? 32 : parseCidrNumber(ip4Text, 32, cidrAt, 'IPv4');
  const ip6 = ip6Text === undefined ? 128 : parseCidrNumber(ip6Text, 128, cidrAt, 'IPv6');
  return { domain, cidr: { ip4, ip6 } };
}

/** `name[:domain-spec][dual-cidr]` for a, mx; `name[:domain-spec]` for ptr. */
function optionalDomain(rest: string, at: number): MacroString | undefined {
  if (rest === '') return undefined;
  if (!rest.startsWith(':')) throw new TermError(at, `expected ":" and a domain, found "${rest}"`);
  return parseDomainSpec(rest.slice(1), at + 1);
}

function requiredDomain(name: string, rest: string, at: number): MacroString {
  if (!rest.startsWith(':')) throw new TermError(at, `${name} needs ":" and a domain (${name}:example.com)`);
  return parseDomainSpec(rest.slice(1), at + 1);
}

function parseIpNetwork(kind: 'ip4' | 'ip6', rest: string, at: number): Mechanism {
  if (!rest.startsWith(':'))
    throw new TermError(
      at,
      `${kind} needs ":" and an address (${kind === 'ip4' ? 'ip4:192.0.2.0/24' : 'ip6:2001:db8::/32'})`,
    );
  const body = rest.slice(1);
  const slash = body.indexOf('/');
  const addressText = slash < 0 ? body : body.slice(0, slash);
  const network = kind === 'ip4' ? parseIpv4Strict(addressText) : parseIpv6Strict(addressText);
  if (network === undefined) {
    throw new TermError(at + 1, `"${addressText}" is not an ${kind === 'ip4' ? 'IPv4' : 'IPv6'} address`);
  }
  const max = kind === 'ip4' ? 32 : 128;
  const prefixLength =
    slash < 0
      ? max
      : parseCidrNumber(body.slice(slash + 1), max, at + 1 + slash, kind === 'ip4' ? 'IPv4' : 'IPv6');
  return { kind, network, prefixLength };
}

function parseMechanism(name: string, rest: string, at: number): Mechanism {
  const kind = mechanismNames.find((candidate) => candidate === name.toLowerCase());
  if (kind === undefined) throw new TermError(0, `unknown mechanism "${name}"`);
  switch (kind) {
    case 'all':
      if (rest !== '') throw new TermError(at, '"all" takes no argument');
      return { kind };
    case 'include':
    case 'exists':
      return { kind, domain: requiredDomain(kind, rest, at) };
    case 'a':
    case 'mx': {
      const { domain, cidr } = splitDualCidr(rest, at);
      return { kind, domain: optionalDomain(domain, at), cidr };
    }
    case 'ptr':
      return { kind, domain: optionalDomain(rest, at) };
    case 'ip4':
    case 'ip6':
      return parseIpNetwork(kind, rest, at);
  }
}

function parseTerm(text: string, offset: number): Term {
  const equals = /^([^:/=]*)=/.exec(text);
  if (equals !== null) {
    const name = equals[1] ?? '';
    if (name === '') throw new TermError(0, 'modifier name is empty');
    if (!modifierNamePattern.test(name)) {
      throw new TermError(0, `"${name}" is not a modifier name (it must start with a letter)`);
    }
    const valueAt = name.length + 1;
    const valueText = text.slice(valueAt);
    const lower = name.toLowerCase();
    if (lower === 'redirect' || lower === 'exp') {
      return { kind: lower, text, offset, domain: parseDomainSpec(valueText, valueAt) };
    }
    const value = parseMacroString(valueText, 'modifier-value');
    if (!value.ok) throw new TermError(valueAt + value.index, value.reason);
    return { kind: 'unknown-modifier', text, offset, name, value: value.value };
  }
  const qualifierChar = text[0] ?? '';
  const qualifier: Qualifier = '+-~?'.includes(qualifierChar) ? (qualifierChar as Qualifier) : '+';
  const start = qualifier === qualifierChar ? 1 : 0;
  const nameMatch = /^[A-Za-z0-9]*/.exec(text.slice(start));
  const name = nameMatch?.[0] ?? '';
  if (name === '') throw new TermError(start, `"${text}" is neither a mechanism nor a modifier`);
  const restAt = start + name.length;
  const mechanism = parseMechanism(name, text.slice(restAt), restAt);
  return { kind: 'directive', text, offset, qualifier, mechanism };
}

function syntaxError(offset: number, term: string, termOffset: number, reason: string): SpfSyntaxError {
  const where = term === '' ? `column ${offset + 1}` : `${term} at column ${termOffset + 1}`;
  return { offset, term, termOffset, reason, message: `${where}: ${reason}` };
}

function assemble(text: string, terms: Term[]): ParseResult {
  let redirect: SpfRecord['redirect'];
  let exp: SpfRecord['exp'];
  for (const term of terms) {
    if (term.kind === 'redirect') {
      if (redirect !== undefined)
        return {
          ok: false,
          error: syntaxError(term.offset, term.text, term.offset, 'redirect= appears more than once'),
        };
      redirect = term;
    } else if (term.kind === 'exp') {
      if (exp !== undefined)
        return {
          ok: false,
          error: syntaxError(term.offset, term.text, term.offset, 'exp= appears more than once'),
        };
      exp = term;
    }
  }
  const directives = terms.filter((term) => term.kind === 'directive');
  return { ok: true, record: { text, terms, directives, redirect, exp } };
}

// A fleet meets the same records again and again (providers' includes, and the analyser re-parses pieces of a
// record): parsing is a pure function of the text and its results are never modified, so they are shared.
const parsedRecords = new BoundedMemo<string, ParseResult>(2048);

/** Parses one SPF record (the character-strings already joined). */
export function parseSpfRecord(text: string): ParseResult {
  return parsedRecords.get(text, parseRecordText);
}

function parseRecordText(text: string): ParseResult {
  if (!isSpfRecord(text)) {
    return {
      ok: false,
      error: syntaxError(0, '', 0, 'an SPF record must start with "v=spf1" followed by a space'),
    };
  }
  const terms: Term[] = [];
  let index = 'v=spf1'.length;
  while (index < text.length) {
    if (text[index] === ' ') {
      index += 1;
      continue;
    }
    let end = text.indexOf(' ', index);
    if (end < 0) end = text.length;
    const termText = text.slice(index, end);
    try {
      const bad = [...termText].findIndex((char) => char < '!' || char > '~');
      if (bad >= 0) {
        const char = [...termText][bad] ?? '';
        const code = char.codePointAt(0) ?? 0;
        const what =
          code > 0x7e
            ? `non-ASCII character "${char}"`
            : `control character U+${code.toString(16).padStart(4, '0').toUpperCase()}`;
        // Terms are separated by spaces only (§4.6.1); anything else is part of a broken term.
        throw new TermError(termText.indexOf(char), `${what} is not allowed in an SPF record`);
      }
      terms.push(parseTerm(termText, index));
    } catch (error) {
      if (!(error instanceof TermError)) throw error;
      return { ok: false, error: syntaxError(index + error.at, termText, index, error.reason) };
    }
    index = end;
  }
  return assemble(text, terms);
}
