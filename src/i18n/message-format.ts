// A small ICU-like message formatter: `{name}` placeholders, `{n, plural, =0 {…} one {…} other {…}}` with `#`,
// and `{code, select, refused {…} other {…}}` to word a code (a failure kind, a reason) in each language.

export type MessageParams = Readonly<Record<string, string | number>>;

type Part =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'arg'; readonly name: string }
  | {
      readonly kind: 'plural';
      readonly name: string;
      readonly cases: ReadonlyMap<string, readonly Part[]>;
      /** The `=N` cases by N, so rendering looks a number up without writing `=N` out each time. */
      readonly exact: ReadonlyMap<number, readonly Part[]>;
    }
  | { readonly kind: 'select'; readonly name: string; readonly cases: ReadonlyMap<string, readonly Part[]> }
  | { readonly kind: 'hash' };

class Cursor {
  index = 0;
  constructor(readonly source: string) {}
  peek(): string | undefined {
    return this.source[this.index];
  }
  skipSpaces(): void {
    while (/\s/.test(this.peek() ?? '')) this.index += 1;
  }
  readWord(): string {
    this.skipSpaces();
    const start = this.index;
    while (/[^\s,{}]/.test(this.peek() ?? '')) this.index += 1;
    return this.source.slice(start, this.index);
  }
  expect(char: string): void {
    this.skipSpaces();
    if (this.peek() !== char)
      throw new Error(`message format: expected '${char}' at ${this.index} in "${this.source}"`);
    this.index += 1;
  }
}

function parseParts(cursor: Cursor, inPlural: boolean): Part[] {
  const parts: Part[] = [];
  // A text run is sliced from the source in one piece. Built with `+=` a character at a time it was a rope of
  // one-character pieces (V8 cons strings), kept in the parse cache: every rendered message embedded it, and
  // JSON.stringify walked those ~45 pieces per message again when flattening each report.
  let start = cursor.index;
  const flush = (): void => {
    if (cursor.index > start) parts.push({ kind: 'text', text: cursor.source.slice(start, cursor.index) });
  };
  for (let char = cursor.peek(); char !== undefined && char !== '}'; char = cursor.peek()) {
    if (char === '{') {
      flush();
      parts.push(parseArgument(cursor));
      start = cursor.index;
    } else if (char === '#' && inPlural) {
      flush();
      parts.push({ kind: 'hash' });
      cursor.index += 1;
      start = cursor.index;
    } else {
      cursor.index += 1;
    }
  }
  flush();
  return parts;
}

function parseArgument(cursor: Cursor): Part {
  cursor.expect('{');
  const name = cursor.readWord();
  cursor.skipSpaces();
  if (cursor.peek() === '}') {
    cursor.index += 1;
    return { kind: 'arg', name };
  }
  cursor.expect(',');
  const type = cursor.readWord();
  if (type !== 'plural' && type !== 'select')
    throw new Error(`message format: unsupported argument type '${type}' in "${cursor.source}"`);
  cursor.expect(',');
  const cases = new Map<string, readonly Part[]>();
  cursor.skipSpaces();
  while (cursor.peek() !== '}' && cursor.peek() !== undefined) {
    const selector = cursor.readWord();
    cursor.expect('{');
    cases.set(selector, parseParts(cursor, type === 'plural'));
    cursor.expect('}');
    cursor.skipSpaces();
  }
  cursor.expect('}');
  if (!cases.has('other')) throw new Error(`message format: ${type} without 'other' in "${cursor.source}"`);
  if (type === 'select') return { kind: type, name, cases };
  return { kind: type, name, cases, exact: exactCases(cases) };
}

/** `=N` selectors by N; only a canonical N (as String(N) writes it) can ever match a value. */
function exactCases(cases: ReadonlyMap<string, readonly Part[]>): Map<number, readonly Part[]> {
  const exact = new Map<number, readonly Part[]>();
  for (const [selector, parts] of cases) {
    if (!selector.startsWith('=')) continue;
    const text = selector.slice(1);
    const value = Number(text);
    if (text !== '' && String(value) === text) exact.set(value, parts);
  }
  return exact;
}

const cache = new Map<string, readonly Part[]>();

export function parseMessage(source: string): readonly Part[] {
  const cached = cache.get(source);
  if (cached !== undefined) return cached;
  const cursor = new Cursor(source);
  const parts = parseParts(cursor, false);
  if (cursor.index !== source.length) throw new Error(`message format: unbalanced '}' in "${source}"`);
  cache.set(source, parts);
  return parts;
}

/** The argument names a message uses, so catalogues can be compared language against language. */
export function messageArguments(source: string): Set<string> {
  const names = new Set<string>();
  const walk = (parts: readonly Part[]): void => {
    for (const part of parts) {
      if (part.kind === 'arg') names.add(part.name);
      if (part.kind === 'plural' || part.kind === 'select') {
        names.add(part.name);
        for (const inner of part.cases.values()) walk(inner);
      }
    }
  };
  walk(parseMessage(source));
  return names;
}

// Building Intl.PluralRules / Intl.NumberFormat costs far more than using one, and using one is a call into ICU:
// every finding renders a message, so each locale keeps one of each, and the answers for the small counts
// that messages carry.
interface LocaleRules {
  /** The plural category of a number (`one`, `other`…). */
  category(value: number): string;
  /** A number written the locale's way (the `#` of a plural branch). */
  number(value: number): string;
}

const remembered = 1024;

/** Small non-negative integers (not -0, which NumberFormat writes "-0"): the only values whose answers are kept. */
const isSmallCount = (value: number): boolean =>
  Number.isInteger(value) && value >= 0 && value < remembered && !Object.is(value, -0);

function createLocaleRules(locale: string): LocaleRules {
  // Built on first use, as before: a message without plural or `#` never asks ICU about the locale.
  let plural: Intl.PluralRules | undefined;
  let format: Intl.NumberFormat | undefined;
  const categories: (string | undefined)[] = [];
  const numbers: (string | undefined)[] = [];
  const select = (value: number): string => {
    plural ??= new Intl.PluralRules(locale);
    return plural.select(value);
  };
  const write = (value: number): string => {
    format ??= new Intl.NumberFormat(locale);
    return format.format(value);
  };
  return {
    category(value) {
      if (!isSmallCount(value)) return select(value);
      let category = categories[value];
      if (category === undefined) {
        category = select(value);
        categories[value] = category;
      }
      return category;
    },
    number(value) {
      if (!isSmallCount(value)) return write(value);
      let text = numbers[value];
      if (text === undefined) {
        text = write(value);
        numbers[value] = text;
      }
      return text;
    },
  };
}

const rulesByLocale = new Map<string, LocaleRules>();

function localeRules(locale: string): LocaleRules {
  let rules = rulesByLocale.get(locale);
  if (rules === undefined) {
    rules = createLocaleRules(locale);
    rulesByLocale.set(locale, rules);
  }
  return rules;
}

function render(
  parts: readonly Part[],
  params: MessageParams,
  rules: LocaleRules,
  count: number | undefined,
): string {
  let out = '';
  for (const part of parts) {
    switch (part.kind) {
      case 'text':
        out += part.text;
        break;
      case 'hash':
        out += count === undefined ? '#' : rules.number(count);
        break;
      case 'arg': {
        const value = params[part.name];
        if (value === undefined) throw new Error(`message format: missing parameter '${part.name}'`);
        out += String(value);
        break;
      }
      case 'plural': {
        const value = Number(params[part.name]);
        if (!Number.isFinite(value)) throw new Error(`message format: '${part.name}' must be a number`);
        const chosen =
          part.exact.get(value) ?? part.cases.get(rules.category(value)) ?? part.cases.get('other') ?? [];
        out += render(chosen, params, rules, value);
        break;
      }
      case 'select': {
        const value = params[part.name];
        if (value === undefined) throw new Error(`message format: missing parameter '${part.name}'`);
        const chosen = part.cases.get(String(value)) ?? part.cases.get('other') ?? [];
        out += render(chosen, params, rules, count);
        break;
      }
    }
  }
  return out;
}

/** Formats a catalogue message; a missing parameter is a programming error and throws. */
export function formatMessage(source: string, params: MessageParams, locale: string): string {
  return render(parseMessage(source), params, localeRules(locale), undefined);
}
