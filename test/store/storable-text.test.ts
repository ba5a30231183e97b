// The one substitution the history stores make (U+0000 and lone surrogates → U+FFFD), and why the
// fingerprint is taken from the finding as scanned, not as stored.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import type { Finding } from '../../src/model/finding.js';
import { fingerprintFindings } from '../../src/store/fingerprint.js';
import { findingRows } from '../../src/store/rows.js';
import { storableText, storableValue } from '../../src/store/storable-text.js';
import { hostileFinding, hostileTexts, sampleFinding, sampleReport } from './store-contract.js';

/** Any sequence of UTF-16 code units: lone surrogates, reversed pairs and NULs included. */
const anyText = fc.string({
  unit: fc.oneof(
    fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit)),
    fc.constantFrom('\u0000', '\ud800', '\udfff', '\\', 'u0000'),
  ),
  maxLength: 40,
});
/** A JSON escape of NUL or of a surrogate that JSON.stringify writes only for unpaired ones. */
const unstorableEscape = /(?<!\\)(?:\\\\)*\\u(?:0000|d[89a-f][0-9a-f]{2})/i;

describe('storableText', () => {
  test('NUL and lone surrogates become U+FFFD; pairs, controls, bidi and literal backslashes stay', () => {
    for (const [raw, stored] of hostileTexts) assert.equal(storableText(raw), stored);
  });

  test('text without NUL or lone surrogates is kept exactly', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (text) => {
        fc.pre(!text.includes('\u0000'));
        assert.equal(storableText(text), text);
      }),
    );
  });

  test('any text: idempotent, the same length, and JSON with no escape PostgreSQL refuses', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const stored = storableText(text);
        assert.equal(storableText(stored), stored);
        assert.equal(stored.length, text.length);
        assert.doesNotMatch(JSON.stringify(stored), unstorableEscape);
        assert.ok(!stored.includes('\u0000'));
      }),
    );
  });
});

describe('storableValue', () => {
  test('reaches every string of a finding, object keys included, and leaves numbers and the input alone', () => {
    const raw = hostileFinding('x\u0000\ud800', 3);
    const stored = storableValue(raw);
    assert.deepEqual(stored, hostileFinding('x\ufffd\ufffd', 3));
    assert.equal(raw.subject, 'mx3.hostile.test x\u0000\ud800');
    assert.doesNotMatch(JSON.stringify(stored), unstorableEscape);
  });

  test('an ordinary finding is stored as it is', () => {
    const finding = sampleFinding('spf.record', 'warn');
    assert.deepEqual(storableValue(finding), finding);
  });

  test('a Date is kept as the ISO text JSON would write', () => {
    assert.deepEqual(storableValue({ at: new Date('2026-01-01T00:00:00Z') }), {
      at: '2026-01-01T00:00:00.000Z',
    });
  });
});

describe('fingerprints and the substitution', () => {
  const subjectOnly = (subject: string): Finding => ({ ...sampleFinding('spf.record', 'fail'), subject });
  const print = (finding: Finding): string => fingerprintFindings([finding])[0] ?? '';

  test('ordinary findings: the stored fingerprint is the one computed on the finding', () => {
    const findings = [sampleFinding('spf.missing', 'fail'), sampleFinding('spf.record', 'pass', 'b.test')];
    assert.deepEqual(
      findingRows(sampleReport('a.test', '2026-01-01T00:00:00.000Z', findings)).map((row) => row.fingerprint),
      fingerprintFindings(findings),
    );
  });

  test('a lone surrogate in a subject: the same fingerprint before and after (the hash reads UTF-8, U+FFFD)', () => {
    assert.equal(print(subjectOnly('mx\ud800.test')), print(subjectOnly('mx\ufffd.test')));
  });

  test('a NUL in a subject would move it, so rows keep the fingerprint of the finding as scanned', () => {
    const raw = subjectOnly('mx\u0000.test');
    assert.notEqual(print(raw), print(storableValue(raw)));
    const [row] = findingRows(sampleReport('a.test', '2026-01-01T00:00:00.000Z', [raw]));
    assert.ok(row);
    assert.equal(row.fingerprint, print(raw));
    assert.equal(row.finding.subject, 'mx\ufffd.test');
  });
});
