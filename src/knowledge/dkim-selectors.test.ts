// The built-in DKIM selector list: it loads, holds the selectors the brief names, and bad data is refused.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  builtinDkimSelectors,
  dkimSelectorDataset,
  isValidSelector,
  knownSelectorUsers,
  parseDkimSelectorDataset,
} from './dkim-selectors.js';

describe('dkim selector dataset', () => {
  it('loads with its versions and the well-known selectors', () => {
    assert.equal(dkimSelectorDataset.schemaVersion, 1);
    assert.match(dkimSelectorDataset.dataVersion, /^\d{4}-\d{2}-\d{2}$/);
    for (const selector of [
      'selector1',
      'selector2',
      'google',
      'k1',
      's1',
      'sig1',
      'protonmail',
      'default',
    ]) {
      assert.ok(builtinDkimSelectors.includes(selector), selector);
    }
    assert.deepEqual(knownSelectorUsers('selector1'), ['Microsoft 365 / Exchange Online']);
    assert.deepEqual(knownSelectorUsers('nope'), []);
  });

  const good = { schemaVersion: 1, dataVersion: 'x', reviewBy: '2027-01-01', selectors: [] };
  const entry = { selector: 'a', users: ['A'], source: 'doc' };
  const bad: [string, unknown, RegExp][] = [
    ['another schema version', { ...good, schemaVersion: 2 }, /schemaVersion 2/],
    ['a bad review date', { ...good, reviewBy: 'soon' }, /reviewBy/],
    ['a duplicate selector', { ...good, selectors: [entry, entry] }, /listed twice/],
    ['an invalid selector', { ...good, selectors: [{ ...entry, selector: 'a b' }] }, /not a valid selector/],
    ['an entry without users', { ...good, selectors: [{ ...entry, users: [] }] }, /users/],
    ['no selectors list', { ...good, selectors: 'a' }, /selectors must be a list/],
  ];
  for (const [label, data, problem] of bad) {
    it(`refuses ${label}`, () => assert.throws(() => parseDkimSelectorDataset(data), problem));
  }

  it('validates selector syntax', () => {
    assert.equal(isValidSelector('s1.2024'), true);
    assert.equal(isValidSelector('-a'), false);
    assert.equal(isValidSelector('a..b'), false);
  });
});
