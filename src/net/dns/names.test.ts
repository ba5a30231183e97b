import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { normalizeQueryName, normalizeWireName } from './names.js';

describe('normalizeQueryName', () => {
  it('lower-cases ASCII and drops one trailing dot', () => {
    assert.deepEqual(normalizeQueryName('Mail.EXAMPLE.com.'), { ok: true, name: 'mail.example.com' });
    assert.deepEqual(normalizeQueryName('_dmarc.Example.org'), { ok: true, name: '_dmarc.example.org' });
  });

  it('takes "." as the root, written ""', () => {
    assert.deepEqual(normalizeQueryName('.'), { ok: true, name: '' });
  });

  it('refuses empty names and empty labels', () => {
    assert.equal(normalizeQueryName('').ok, false);
    assert.equal(normalizeQueryName('a..example').ok, false);
    assert.equal(normalizeQueryName('.example').ok, false);
    assert.equal(normalizeQueryName('example..').ok, false);
  });

  it('enforces 63 octets per label and 255 per name', () => {
    assert.equal(normalizeQueryName(`${'a'.repeat(63)}.example`).ok, true);
    const long = normalizeQueryName(`${'a'.repeat(64)}.example`);
    assert.equal(long.ok, false);
    assert.match(long.ok ? '' : long.error, /64 octets/);
    const label = 'b'.repeat(63);
    // 4 × (63 + 1) + 1 = 257 octets on the wire; 3 labels + "cc" = 196 octets.
    assert.equal(normalizeQueryName([label, label, label, label].join('.')).ok, false);
    const atLimit = [label, label, label, 'c'.repeat(61)].join('.');
    assert.equal(normalizeQueryName(atLimit).ok, true);
    assert.equal(normalizeQueryName(`${atLimit}d`).ok, false);
  });

  it('counts octets, not characters, for non-ASCII labels', () => {
    assert.equal(normalizeQueryName(`${'é'.repeat(32)}.example`).ok, false);
  });

  it('refuses escapes it could not put on the wire faithfully', () => {
    assert.equal(normalizeQueryName('a\\.b.example').ok, false);
  });
});

describe('normalizeWireName', () => {
  it('maps the root to "" and keeps non-ASCII case', () => {
    assert.equal(normalizeWireName('.'), '');
    assert.equal(normalizeWireName('MX.Example.'), 'mx.example');
    assert.equal(normalizeWireName('É.example'), 'É.example');
  });
});

describe('normalizeQueryName fast path', () => {
  /** The validation as written before the ASCII fast path: the oracle the fast path must agree with. */
  function reference(input: string): boolean {
    if (input === '' || input.includes('\\')) return input === '.';
    if (input === '.') return true;
    const name = normalizeWireName(input);
    let wireOctets = 1;
    for (const label of name.split('.')) {
      const octets = Buffer.byteLength(label, 'utf8');
      if (octets === 0 || octets > 63) return false;
      wireOctets += octets + 1;
    }
    return wireOctets <= 255;
  }

  it('agrees with the label-by-label check at the length limits', () => {
    const label = (n: number, char = 'a') => char.repeat(n);
    const cases = [
      [label(63), label(63), label(63), label(61)].join('.'),
      [label(63), label(63), label(63), label(62)].join('.'),
      [label(63), label(63), label(63), `${label(61)}.`].join('.'),
      [label(63), label(63), label(63), 'é'.repeat(30)].join('.'),
      `${label(63)}.x`,
      `${label(64)}.x`,
      `x.${label(64)}`,
      `x.${label(63)}`,
      'a.b.',
      'a..b',
      '.a',
      'tab\there.example',
      'ü.example',
      'a b.example',
    ];
    for (const input of cases) {
      assert.equal(normalizeQueryName(input).ok, reference(input), JSON.stringify(input));
    }
  });

  it('agrees with the label-by-label check on random names (property)', () => {
    const part = fc.oneof(
      fc.stringMatching(/^[a-zA-Z0-9_-]{0,70}$/),
      fc.string({ unit: 'binary', maxLength: 8 }),
      fc.constantFrom('.', '..', 'é', 'A'),
    );
    const name = fc.array(part, { maxLength: 8 }).map((parts) => parts.join('.'));
    fc.assert(
      fc.property(name, (input) => {
        const checked = normalizeQueryName(input);
        assert.equal(checked.ok, reference(input), JSON.stringify(input));
        if (checked.ok) assert.equal(checked.name, input === '.' ? '' : normalizeWireName(input));
      }),
      { numRuns: 3000 },
    );
  });
});
