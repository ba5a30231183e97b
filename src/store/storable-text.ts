// What text the history stores write: PostgreSQL refuses U+0000 (TEXT and JSONB) and lone UTF-16
// surrogates (JSONB), so every store writes U+FFFD for them and SQLite and PostgreSQL read back alike.

/** What an unstorable code unit becomes (the alert log's `detail` uses the same). */
export const replacementCharacter = '\ufffd';

/** A high surrogate not followed by a low one, or a low one not preceded by a high one (no `u` flag: code units). */
const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * `text` with each U+0000 and each lone surrogate replaced by U+FFFD; everything else (other controls,
 * bidi overrides, valid surrogate pairs, literal backslashes) is kept exactly. Idempotent.
 */
export function storableText(text: string): string {
  return text.replaceAll('\u0000', replacementCharacter).replace(loneSurrogate, replacementCharacter);
}

/**
 * A copy of a JSON-like value with storableText applied to every string in it, object keys included
 * (JSONB refuses a NUL in a key too). Numbers, booleans, null and undefined are kept as they are.
 */
export function storableValue<T>(value: T): T {
  return storable(value) as T;
}

function storable(value: unknown): unknown {
  if (typeof value === 'string') return storableText(value);
  if (Array.isArray(value)) return value.map(storable);
  // What JSON.stringify would write for it (a Date's ISO text), so the copy serialises the same way.
  const toJson = (value as { readonly toJSON?: unknown } | null | undefined)?.toJSON;
  if (typeof toJson === 'function') return storable(toJson.call(value));
  if (value !== null && typeof value === 'object') {
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) copy[storableText(key)] = storable(item);
    return copy;
  }
  return value;
}
