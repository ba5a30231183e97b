import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { quoteCharacterString } from './presentation.js';

/** The zone-file quoting rule, one character at a time: what the fast path must equal. */
function quoteSlowly(value: string): string {
  let out = '"';
  for (const char of value) {
    const code = char.codePointAt(0) ?? 0;
    if (char === '"' || char === '\\') out += `\\${char}`;
    else if (code < 0x20 || code === 0x7f) out += `\\${code.toString().padStart(3, '0')}`;
    else out += char;
  }
  return `${out}"`;
}

test('character-strings: quotes, backslashes and controls escaped; everything else as is', () => {
  assert.equal(quoteCharacterString('v=spf1 -all'), '"v=spf1 -all"');
  assert.equal(quoteCharacterString('a"b\\c'), '"a\\"b\\\\c"');
  assert.equal(quoteCharacterString('x\u0000y\u001fz\u007f'), '"x\\000y\\031z\\127"');
  assert.equal(quoteCharacterString('é\u0080'), '"é\u0080"');
  fc.assert(
    fc.property(fc.string({ unit: 'binary' }), (value) => quoteCharacterString(value) === quoteSlowly(value)),
  );
});
