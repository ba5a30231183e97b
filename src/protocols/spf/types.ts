// The SPF record as a tree of terms (RFC 7208 §4.6.1, §12), shared by the parser, evaluator and audit.

import type { IpAddress } from './ip.js';

export type Qualifier = '+' | '-' | '~' | '?';

/** A macro letter of RFC 7208 §7.2, always lower case here; `upper` on the macro says URL-escape. */
export type MacroLetter = 's' | 'l' | 'o' | 'd' | 'i' | 'p' | 'h' | 'c' | 'r' | 't' | 'v';

export type MacroToken =
  | { readonly kind: 'literal'; readonly text: string }
  | {
      readonly kind: 'macro';
      readonly letter: MacroLetter;
      readonly upper: boolean;
      /** Right-hand parts to keep; undefined keeps all. */
      readonly digits: number | undefined;
      readonly reverse: boolean;
      /** Delimiters to split on; "." when none were written. */
      readonly delimiters: string;
    };

export interface MacroString {
  /** The source text, as written in the record. */
  readonly text: string;
  readonly tokens: readonly MacroToken[];
}

/** CIDR prefix lengths of `a` and `mx`, with the defaults (32, 128) filled in. */
export interface DualCidr {
  readonly ip4: number;
  readonly ip6: number;
}

export type Mechanism =
  | { readonly kind: 'all' }
  | { readonly kind: 'include'; readonly domain: MacroString }
  | { readonly kind: 'a'; readonly domain: MacroString | undefined; readonly cidr: DualCidr }
  | { readonly kind: 'mx'; readonly domain: MacroString | undefined; readonly cidr: DualCidr }
  | { readonly kind: 'ptr'; readonly domain: MacroString | undefined }
  | { readonly kind: 'ip4'; readonly network: IpAddress; readonly prefixLength: number }
  | { readonly kind: 'ip6'; readonly network: IpAddress; readonly prefixLength: number }
  | { readonly kind: 'exists'; readonly domain: MacroString };

export type MechanismKind = Mechanism['kind'];

interface TermBase {
  /** The term exactly as written. */
  readonly text: string;
  /** 0-based position of the term in the record text. */
  readonly offset: number;
}

export type Term =
  | (TermBase & { readonly kind: 'directive'; readonly qualifier: Qualifier; readonly mechanism: Mechanism })
  | (TermBase & { readonly kind: 'redirect'; readonly domain: MacroString })
  | (TermBase & { readonly kind: 'exp'; readonly domain: MacroString })
  | (TermBase & { readonly kind: 'unknown-modifier'; readonly name: string; readonly value: MacroString });

export type DirectiveTerm = Extract<Term, { kind: 'directive' }>;

export interface SpfRecord {
  readonly text: string;
  /** Every term in order: directives and modifiers. */
  readonly terms: readonly Term[];
  readonly directives: readonly DirectiveTerm[];
  readonly redirect: Extract<Term, { kind: 'redirect' }> | undefined;
  readonly exp: Extract<Term, { kind: 'exp' }> | undefined;
}

export interface SpfSyntaxError {
  /** 0-based position of the offending character in the record. */
  readonly offset: number;
  /** The term it is in (empty when the record as a whole is wrong). */
  readonly term: string;
  /** 0-based start of that term. */
  readonly termOffset: number;
  /** Full sentence: `ip4:192.0.2.300 at column 12: not an IPv4 address`. */
  readonly message: string;
  /** Just the reason: `not an IPv4 address`. */
  readonly reason: string;
}

export type ParseResult =
  | { readonly ok: true; readonly record: SpfRecord }
  | { readonly ok: false; readonly error: SpfSyntaxError };

/** Mechanisms and modifiers that cost a DNS lookup under RFC 7208 §4.6.4. */
export function isDnsQueryingTerm(term: Term): boolean {
  switch (term.kind) {
    case 'redirect':
      return true;
    case 'exp':
    case 'unknown-modifier':
      return false;
    case 'directive':
      switch (term.mechanism.kind) {
        case 'include':
        case 'a':
        case 'mx':
        case 'ptr':
        case 'exists':
          return true;
        case 'all':
        case 'ip4':
        case 'ip6':
          return false;
      }
  }
}
