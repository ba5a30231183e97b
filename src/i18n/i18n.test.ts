import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { allCheckMeta } from '../checks/registry.js';
import type { Finding } from '../model/finding.js';
import { en, type MessageKey } from './en.js';
import { frChecks } from './fr-checks.js';
import { enFindings, frFindings } from './fr-findings.js';
import { langs } from './lang.js';
import { formatMessage, messageArguments } from './message-format.js';
import { catalogues, createTranslator } from './translator.js';

describe('catalogues', () => {
  const keys = Object.keys(en).sort();
  for (const lang of langs) {
    test(`${lang} has every key of the English catalogue, with the same parameters`, () => {
      const catalogue = catalogues[lang];
      assert.deepEqual(Object.keys(catalogue).sort(), keys, `keys missing or extra in ${lang}`);
      for (const key of keys as MessageKey[]) {
        assert.notEqual(catalogue[key].trim(), '', `${lang}: ${key} is empty`);
        assert.deepEqual(
          [...messageArguments(catalogue[key])].sort(),
          [...messageArguments(en[key])].sort(),
          `${lang}: ${key} has other parameters than English`,
        );
      }
    });
  }

  test('every check ID has a French title', () => {
    const missing = allCheckMeta()
      .map((meta) => meta.id)
      .filter((id) => frChecks[id] === undefined);
    assert.deepEqual(missing, [], `add French titles to src/i18n/fr-checks.ts for: ${missing.join(', ')}`);
  });

  test('French finding messages use the same parameters as their English templates', () => {
    assert.deepEqual(Object.keys(frFindings).sort(), Object.keys(enFindings).sort());
    for (const [key, template] of Object.entries(frFindings)) {
      assert.deepEqual(
        [...messageArguments(template)].sort(),
        [...messageArguments(enFindings[key] ?? '')].sort(),
        key,
      );
    }
  });
});

describe('formatMessage', () => {
  const table: [string, Record<string, string | number>, string, string][] = [
    ['{count, plural, one {# result} other {# results}}', { count: 1 }, 'en', '1 result'],
    ['{count, plural, one {# result} other {# results}}', { count: 0 }, 'en', '0 results'],
    ['{count, plural, one {# résultat} other {# résultats}}', { count: 0 }, 'fr', '0 résultat'],
    ['{count, plural, one {# résultat} other {# résultats}}', { count: 2 }, 'fr', '2 résultats'],
    ['{count, plural, =0 {nothing} one {one} other {# things}}', { count: 0 }, 'en', 'nothing'],
    ['{a} and {b}', { a: 'x', b: 3 }, 'en', 'x and 3'],
    ['{n, plural, other {# of {name}}}', { n: 1200, name: 'A' }, 'fr', '1\u202f200 of A'],
  ];
  for (const [source, params, locale, expected] of table) {
    test(`${source} ${JSON.stringify(params)} ${locale}`, () =>
      assert.equal(formatMessage(source, params, locale), expected));
  }

  test('alternating locales each keep their own number and plural rules (rules are kept per locale)', () => {
    const source = '{n, plural, one {# item} other {# items}}';
    for (let round = 0; round < 2; round += 1) {
      assert.equal(formatMessage(source, { n: 1200 }, 'en'), '1,200 items');
      assert.equal(formatMessage(source, { n: 1200 }, 'fr'), '1\u202f200 items');
      assert.equal(formatMessage(source, { n: 0 }, 'fr'), '0 item');
      assert.equal(formatMessage(source, { n: 0 }, 'en'), '0 items');
    }
  });

  test('a select inside a plural branch renders in place, with # still the count', () => {
    const source =
      'A {n, plural, one {# {kind, select, mx {host} other {name}}} other {# {kind, select, mx {hosts} other {names}}}}.';
    assert.equal(formatMessage(source, { n: 2, kind: 'mx' }, 'en'), 'A 2 hosts.');
    assert.equal(formatMessage(source, { n: 1, kind: 'spf' }, 'en'), 'A 1 name.');
  });

  test('text between arguments comes out as written: # outside a plural, astral and combining characters', () => {
    const source = 'Nº #1 {a}: 𝄞 e\u0301 ✓ {b}{c} — end # {n, plural, one {# café #} other {# cafés}}!';
    assert.equal(
      formatMessage(source, { a: 'x', b: '', c: 'y', n: 1 }, 'en'),
      'Nº #1 x: 𝄞 e\u0301 ✓ y — end # 1 café 1!',
    );
    assert.equal(formatMessage('plain text only, no argument', {}, 'en'), 'plain text only, no argument');
    assert.equal(formatMessage('', {}, 'en'), '');
  });

  test('a missing parameter is a programming error', () => {
    assert.throws(() => formatMessage('{a}', {}, 'en'), /missing parameter 'a'/);
  });

  test('unbalanced braces are refused', () => {
    assert.throws(() => formatMessage('a}', {}, 'en'), /unbalanced/);
    assert.throws(() => formatMessage('{a', {}, 'en'), /expected/);
  });
});

describe('translator', () => {
  const base: Finding = {
    checkId: 'dmarc.policy-none',
    status: 'fail',
    severity: 'high',
    subject: 'example.com',
    message: 'English text',
    evidence: [],
  };

  test('English shows the finding message as written and lists nothing untranslated', () => {
    const tr = createTranslator('en');
    assert.equal(tr.findingMessage(base), 'English text');
    assert.deepEqual(tr.untranslated(), []);
  });

  test('French translates a keyed message, and falls back to English (listed) without a key', () => {
    const tr = createTranslator('fr');
    const keyed = { ...base, messageKey: 'dmarc.policy-none', messageParams: { domain: 'example.com' } };
    assert.match(tr.findingMessage(keyed), /^La politique DMARC de example\.com est p=none/);
    assert.equal(tr.findingMessage(base), 'English text');
    assert.equal(tr.findingMessage({ ...base, messageKey: 'no.such.key' }), 'English text');
    assert.deepEqual(tr.untranslated(), ['message:dmarc.policy-none', 'message:no.such.key']);
  });

  test('French check titles and area titles', () => {
    const tr = createTranslator('fr');
    assert.equal(tr.checkTitle(undefined, 'spf.missing'), 'Pas d’enregistrement SPF');
    assert.equal(tr.areaTitle('mx'), 'Serveurs de messagerie (MX)');
    assert.equal(tr.gradeAreaTitle('routing'), 'Acheminement du courrier (MX)');
  });
});

describe('formatMessage with remembered plural answers', () => {
  const source = '{n, plural, =0 {none} =1.5 {one and a half} =01 {never} one {# item} other {# items}}';
  test('exact cases match the value as a number, only in canonical form', () => {
    assert.equal(formatMessage(source, { n: 0 }, 'en'), 'none');
    assert.equal(formatMessage(source, { n: 1.5 }, 'en'), 'one and a half');
    assert.equal(formatMessage(source, { n: 1 }, 'en'), '1 item');
  });

  test('counts past the remembered range, negative, fractional and -0 read as they always did', () => {
    assert.equal(formatMessage(source, { n: 1023 }, 'en'), '1,023 items');
    assert.equal(formatMessage(source, { n: 1024 }, 'en'), '1,024 items');
    assert.equal(formatMessage(source, { n: 1234567 }, 'fr'), '1\u202f234\u202f567 items');
    assert.equal(formatMessage(source, { n: -3 }, 'en'), '-3 items');
    assert.equal(formatMessage(source, { n: 2.5 }, 'fr'), '2,5 items');
    assert.equal(formatMessage('{n, plural, other {#}}', { n: -0 }, 'en'), '-0');
    assert.equal(formatMessage('{n, plural, other {#}}', { n: 0 }, 'en'), '0');
  });

  test('a message without plural never asks ICU about its locale', () => {
    assert.equal(formatMessage('plain {a}', { a: 'x' }, 'not a locale!'), 'plain x');
    assert.throws(() => formatMessage(source, { n: 1 }, 'not a locale!'), RangeError);
  });
});
