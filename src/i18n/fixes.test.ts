// Per-finding fixes in the user's language: French templates mirror the English ones, literal records pass
// through, and a worded fix without a template is shown in English and counted as untranslated.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Finding } from '../model/finding.js';
import { dnsFix } from './en/dns-fixes.js';
import { enFixes, frFixes } from './fr-fixes.js';
import { literalFix } from './keyed-fix.js';
import { messageArguments } from './message-format.js';
import { createTranslator } from './translator.js';

const base: Finding = {
  checkId: 'spf.missing',
  status: 'fail',
  severity: 'high',
  subject: 'example.com',
  message: 'No SPF record.',
  evidence: [],
};

describe('fix catalogues', () => {
  test('French has every English fix key, with the same parameters', () => {
    assert.deepEqual(Object.keys(frFixes).sort(), Object.keys(enFixes).sort());
    for (const [key, template] of Object.entries(enFixes)) {
      const french = frFixes[key] ?? '';
      assert.notEqual(french.trim(), '', key);
      assert.deepEqual([...messageArguments(french)].sort(), [...messageArguments(template)].sort(), key);
    }
  });
});

describe('translator.findingFix', () => {
  const keyed: Finding = {
    ...base,
    ...dnsFix('spf.fix.publish', { record: 'example.com. TXT "v=spf1 mx -all"', domain: 'example.com' }),
  };
  const literal: Finding = { ...base, ...literalFix('example.com. TXT "v=spf1 -all"') };
  const worded: Finding = { ...base, fix: 'Merge the records.' };

  test('a keyed fix renders in French with its records unchanged', () => {
    const tr = createTranslator('fr');
    const fix = tr.findingFix(keyed, undefined) ?? '';
    assert.match(fix, /^example\.com\. TXT "v=spf1 mx -all" {3}\(indiquez chaque service/);
    assert.equal(tr.isFixFallback(keyed), false);
    assert.deepEqual(tr.untranslated(), []);
  });

  test('a literal fix is shown as it is and is not untranslated', () => {
    const tr = createTranslator('fr');
    assert.equal(tr.findingFix(literal, undefined), 'example.com. TXT "v=spf1 -all"');
    assert.equal(tr.isFixFallback(literal), false);
    assert.deepEqual(tr.untranslated(), []);
  });

  test('a worded fix without a key stays English and is counted', () => {
    const tr = createTranslator('fr');
    assert.equal(tr.findingFix(worded, undefined), 'Merge the records.');
    assert.equal(tr.isFixFallback(worded), true);
    assert.deepEqual(tr.untranslated(), ['fix:spf.missing']);
  });

  test('a key without a French template is counted under its key', () => {
    const tr = createTranslator('fr');
    const unknown: Finding = { ...base, fix: 'Do it.', fixKey: 'spf.fix.not-there', fixParams: {} };
    assert.equal(tr.findingFix(unknown, undefined), 'Do it.');
    assert.deepEqual(tr.untranslated(), ['fix:spf.fix.not-there']);
  });

  test('English shows the English fix and counts nothing', () => {
    const tr = createTranslator('en');
    assert.equal(tr.findingFix(keyed, undefined), keyed.fix);
    assert.equal(tr.findingFix(worded, undefined), 'Merge the records.');
    assert.deepEqual(tr.untranslated(), []);
  });
});
