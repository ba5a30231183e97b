// SPF macro-strings (RFC 7208 §7): strict parsing to tokens, and expansion against one check_host() call.

import type { IpAddress } from './ip.js';
import { dottedForm, formatIp } from './ip.js';
import type { MacroLetter, MacroString, MacroToken } from './types.js';

/** Where a macro-string sits: `c`, `r` and `t` are only allowed in explanation text (§7.1). */
export type MacroPlace = 'domain-spec' | 'explain-string' | 'modifier-value';

export type MacroParse =
  | { readonly ok: true; readonly value: MacroString }
  | { readonly ok: false; readonly index: number; readonly reason: string };

const allLetters = 'slodiphcrtv';
const domainLetters = 'slodiphv';
const delimiterChars = '.-+,/_=';

function isMacroLiteral(char: string, place: MacroPlace): boolean {
  const code = char.charCodeAt(0);
  if (place === 'explain-string' && char === ' ') return true;
  return code >= 0x21 && code <= 0x7e && char !== '%';
}

function describeChar(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  if (code < 0x20 || code === 0x7f)
    return `control character U+${code.toString(16).padStart(4, '0').toUpperCase()}`;
  if (code > 0x7e) return `non-ASCII character "${char}"`;
  if (char === ' ') return 'space';
  return `"${char}"`;
}

/** Parses `%{...}` starting at `start` (the `%`); returns the token and the index after `}`. */
function parseMacroExpand(
  text: string,
  start: number,
  place: MacroPlace,
): { token: MacroToken; end: number } | { index: number; reason: string } {
  const letterChar = text[start + 2];
  if (letterChar === undefined) return { index: start, reason: 'unterminated macro "%{"' };
  const lower = letterChar.toLowerCase();
  if (!allLetters.includes(lower))
    return { index: start + 2, reason: `unknown macro letter "${letterChar}"` };
  if (place === 'domain-spec' && !domainLetters.includes(lower)) {
    return { index: start + 2, reason: `macro %{${letterChar}} is only allowed in explanation text` };
  }
  let index = start + 3;
  let digitText = '';
  while (index < text.length && /[0-9]/.test(text[index] ?? '')) digitText += text[index++];
  let reverse = false;
  if ((text[index] ?? '').toLowerCase() === 'r') {
    reverse = true;
    index += 1;
  }
  let delimiters = '';
  while (index < text.length && delimiterChars.includes(text[index] ?? '')) delimiters += text[index++];
  if (text[index] !== '}') {
    if (index >= text.length) return { index: start, reason: 'unterminated macro, missing "}"' };
    return { index, reason: `unexpected ${describeChar(text[index] ?? '')} in macro` };
  }
  let digits: number | undefined;
  if (digitText !== '') {
    digits = Number.parseInt(digitText, 10);
    if (digits === 0) return { index: start + 3, reason: 'macro digit transformer must not be zero' };
  }
  return {
    token: {
      kind: 'macro',
      letter: lower as MacroLetter,
      upper: letterChar !== lower,
      digits,
      reverse,
      delimiters: delimiters === '' ? '.' : delimiters,
    },
    end: index + 1,
  };
}

export function parseMacroString(text: string, place: MacroPlace): MacroParse {
  const tokens: MacroToken[] = [];
  let literal = '';
  const flush = (): void => {
    if (literal !== '') tokens.push({ kind: 'literal', text: literal });
    literal = '';
  };
  let index = 0;
  while (index < text.length) {
    const char = text[index] ?? '';
    if (char !== '%') {
      if (!isMacroLiteral(char, place))
        return { ok: false, index, reason: `${describeChar(char)} not allowed` };
      literal += char;
      index += 1;
      continue;
    }
    const next = text[index + 1];
    if (next === '%' || next === '_' || next === '-') {
      literal += next === '%' ? '%' : next === '_' ? ' ' : '%20';
      index += 2;
      continue;
    }
    if (next !== '{') {
      return {
        ok: false,
        index,
        reason: '"%" must be followed by "{", "%", "_" or "-" (write "%%" for a percent sign)',
      };
    }
    const parsed = parseMacroExpand(text, index, place);
    if ('index' in parsed) return { ok: false, index: parsed.index, reason: parsed.reason };
    flush();
    tokens.push(parsed.token);
    index = parsed.end;
  }
  flush();
  return { ok: true, value: { text, tokens } };
}

/** What the macros of one check_host() call stand for (RFC 7208 §7.2). */
export interface MacroContext {
  readonly sender: string;
  readonly localPart: string;
  readonly senderDomain: string;
  readonly domain: string;
  readonly ip: IpAddress;
  readonly helo: string;
  /** `%{r}`: the checking host's name; "unknown" when not configured. */
  readonly receiver: string;
  /** `%{t}`: seconds since the epoch. */
  readonly timestamp: number;
  /** `%{p}`: the validated domain name of the IP, looked up only when a macro needs it. */
  readonly validatedName: () => Promise<string>;
}

async function letterValue(letter: MacroLetter, context: MacroContext): Promise<string> {
  switch (letter) {
    case 's':
      return context.sender;
    case 'l':
      return context.localPart;
    case 'o':
      return context.senderDomain;
    case 'd':
      return context.domain;
    case 'i':
      return dottedForm(context.ip);
    case 'p':
      return context.validatedName();
    case 'h':
      return context.helo;
    case 'c':
      return formatIp(context.ip);
    case 'r':
      return context.receiver;
    case 't':
      return String(context.timestamp);
    case 'v':
      return context.ip.family === 4 ? 'in-addr' : 'ip6';
  }
}

/** RFC 3986 escaping of everything outside the unreserved set, as §7.3 asks of upper-case macros. */
export function urlEscape(value: string): string {
  let out = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    const char = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-._~]/.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

export function transform(value: string, token: Extract<MacroToken, { kind: 'macro' }>): string {
  let parts = value.split(new RegExp(`[${token.delimiters.replace(/[\]\\^-]/g, '\\$&')}]`));
  if (token.reverse) parts = parts.reverse();
  if (token.digits !== undefined && token.digits < parts.length)
    parts = parts.slice(parts.length - token.digits);
  const joined = parts.join('.');
  return token.upper ? urlEscape(joined) : joined;
}

export async function expandMacroString(value: MacroString, context: MacroContext): Promise<string> {
  let out = '';
  for (const token of value.tokens) {
    out += token.kind === 'literal' ? token.text : transform(await letterValue(token.letter, context), token);
  }
  return out;
}

export function usesMacros(value: MacroString): boolean {
  return value.tokens.some((token) => token.kind === 'macro');
}
