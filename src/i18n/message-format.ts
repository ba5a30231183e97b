// A small ICU-like message formatter: `{name}` placeholders, `{n, plural, =0 {…} one {…} other {…}}` with `#`,
// and `{code, select, refused {…} other {…}}` to word a code (a failure kind, a reason) in each language.

export type MessageParams = Readonly<Record<string, string | number>>;

type Part =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'arg'; readonly name: string }
  | { readonly kind: 'plural'; readonly name: string; readonly cases: ReadonlyMap<string, readonly Part[]> }
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
  let text = '';
  const flush = (): void => {
    if (text !== '') parts.push({ kind: 'text', text });
    text = '';
  };
  for (let char = cursor.peek(); char !== undefined && char !== '}'; char = cursor.peek()) {
    if (char === '{') {
      flush();
      parts.push(parseArgument(cursor));
    } else if (char === '#' && inPlural) {
      flush();
      parts.push({ kind: 'hash' });
      cursor.index += 1;
    } else {
      text += char;
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
  return { kind: type, name, cases };
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

// Building Intl.PluralRules / Intl.NumberFormat costs far more than using one, and every finding renders a
// message: one of each per locale, kept for the life of the process (the set of locales is tiny).
const pluralRulesByLocale = new Map<string, Intl.PluralRules>();
const numberFormatByLocale = new Map<string, Intl.NumberFormat>();

function pluralRules(locale: string): Intl.PluralRules {
  let rules = pluralRulesByLocale.get(locale);
  if (rules === undefined) {
    rules = new Intl.PluralRules(locale);
    pluralRulesByLocale.set(locale, rules);
  }
  return rules;
}

function numberFormat(locale: string): Intl.NumberFormat {
  let format = numberFormatByLocale.get(locale);
  if (format === undefined) {
    format = new Intl.NumberFormat(locale);
    numberFormatByLocale.set(locale, format);
  }
  return format;
}

/**
 * Appends the rendered pieces to `out`; the caller joins them once. Joining gives one flat string, where `+=`
 * built a rope of small pieces that JSON.stringify had to flatten much later (a visible cost in a fleet scan).
 */
function render(
  parts: readonly Part[],
  params: MessageParams,
  locale: string,
  count: number | undefined,
  out: string[],
): void {
  for (const part of parts) {
    switch (part.kind) {
      case 'text':
        out.push(part.text);
        break;
      case 'hash':
        out.push(count === undefined ? '#' : numberFormat(locale).format(count));
        break;
      case 'arg': {
        const value = params[part.name];
        if (value === undefined) throw new Error(`message format: missing parameter '${part.name}'`);
        out.push(String(value));
        break;
      }
      case 'plural': {
        const value = Number(params[part.name]);
        if (!Number.isFinite(value)) throw new Error(`message format: '${part.name}' must be a number`);
        const category = pluralRules(locale).select(value);
        const chosen =
          part.cases.get(`=${value}`) ?? part.cases.get(category) ?? part.cases.get('other') ?? [];
        render(chosen, params, locale, value, out);
        break;
      }
      case 'select': {
        const value = params[part.name];
        if (value === undefined) throw new Error(`message format: missing parameter '${part.name}'`);
        const chosen = part.cases.get(String(value)) ?? part.cases.get('other') ?? [];
        render(chosen, params, locale, count, out);
        break;
      }
    }
  }
}

/** Formats a catalogue message; a missing parameter is a programming error and throws. */
export function formatMessage(source: string, params: MessageParams, locale: string): string {
  const out: string[] = [];
  render(parseMessage(source), params, locale, undefined, out);
  return out.join('');
}
