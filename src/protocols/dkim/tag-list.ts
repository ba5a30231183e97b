// The DKIM tag=value list (RFC 6376 §3.2), shared by key records and signatures: tags in order, or why the
// list is unusable. Tolerant where verifiers are (empty segments, trailing ';'), strict where the grammar is.

export interface Tag {
  readonly name: string;
  /** The value with surrounding whitespace removed; inner whitespace kept (only `p=` may ignore it). */
  readonly value: string;
}

export type TagListResult =
  | { readonly kind: 'ok'; readonly tags: readonly Tag[] }
  | { readonly kind: 'invalid'; readonly problems: readonly string[] };

// FWS in DNS data: CRLF folding cannot occur, but tabs, spaces and stray line breaks can.
const whitespace = /^[ \t\r\n]*$/;
const tagName = /^[A-Za-z][A-Za-z0-9_]*$/;
// tval-char is %x21-3A / %x3C-7E; runs of them may be separated by whitespace (RFC 6376 §3.2).
const tagValue = /^(?:[\x21-\x3a\x3c-\x7e]+(?:[ \t\r\n]+[\x21-\x3a\x3c-\x7e]+)*)?$/;

function parseTagSpec(segment: string): Tag | string {
  const equals = segment.indexOf('=');
  if (equals < 0) return `"${segment.trim()}" is not a tag=value pair`;
  const name = segment.slice(0, equals).trim();
  const value = segment.slice(equals + 1).trim();
  if (!tagName.test(name)) return `"${name}" is not a valid tag name`;
  if (!tagValue.test(value)) return `the value of ${name}= has characters a tag value cannot hold`;
  return { name, value };
}

export function parseTagList(text: string): TagListResult {
  const tags: Tag[] = [];
  const problems: string[] = [];
  const seen = new Set<string>();
  // Verifiers in the field skip empty segments (";;", trailing "; "), so they are not errors here.
  for (const segment of text.split(';')) {
    if (whitespace.test(segment)) continue;
    const parsed = parseTagSpec(segment);
    if (typeof parsed === 'string') {
      problems.push(parsed);
      continue;
    }
    // §3.2: a duplicated tag makes the whole list invalid. Tag names are case-sensitive.
    if (seen.has(parsed.name)) problems.push(`tag ${parsed.name}= appears more than once`);
    seen.add(parsed.name);
    tags.push(parsed);
  }
  return problems.length > 0 ? { kind: 'invalid', problems } : { kind: 'ok', tags };
}

/** Splits a colon-separated tag value (`h=`, `s=`, `t=`) into its trimmed, non-empty items. */
export function colonList(value: string): string[] {
  return value
    .split(':')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}
