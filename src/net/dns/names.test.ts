import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
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
