import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import rawBuilds from '../../../data/exchange/builds.json' with { type: 'json' };
import rawCves from '../../../data/exchange/cves.json' with { type: 'json' };
import rawWindows from '../../../data/exchange/windows.json' with { type: 'json' };
import { dataStaleness, ExchangeDataError, exchangeKnowledge, parseExchangeKnowledge } from './load.js';

function copy<T>(value: T): T {
  return structuredClone(value);
}

describe('loader', () => {
  it('loads the built-in data', () => {
    assert.equal(exchangeKnowledge.builds.schemaVersion, 1);
    assert.ok(exchangeKnowledge.cves.cves.length >= 25);
    assert.ok(exchangeKnowledge.builds.conflicts.length >= 4);
    assert.match(exchangeKnowledge.builds.reviewBy, /^\d{4}-\d{2}-\d{2}$/);
  });

  it('refuses a newer schema with a message that says what to do', () => {
    const builds = { ...copy(rawBuilds), schemaVersion: 2 };
    assert.throws(
      () => parseExchangeKnowledge(builds, rawCves, rawWindows),
      (error: unknown) =>
        error instanceof ExchangeDataError &&
        /builds\.json: schemaVersion 2 is newer than this telltale understands \(1\)/.test(error.message),
    );
    const cves = { ...copy(rawCves), schemaVersion: 3 };
    assert.throws(
      () => parseExchangeKnowledge(rawBuilds, cves, rawWindows),
      /cves\.json: schemaVersion 3 is newer/,
    );
  });

  it('refuses a missing or invalid schema version', () => {
    const { schemaVersion: _, ...withoutVersion } = copy(rawBuilds);
    assert.throws(
      () => parseExchangeKnowledge(withoutVersion, rawCves, rawWindows),
      /schemaVersion must be a positive integer/,
    );
  });

  it('names the entry of a malformed build number', () => {
    const builds = copy(rawBuilds);
    const update = builds.products[2]?.levels[0]?.updates[0];
    assert.ok(update);
    update.build = '15.0.516';
    assert.throws(
      () => parseExchangeKnowledge(builds, rawCves, rawWindows),
      /products\[2\]\.levels\[0\]\.updates\[0\]\.build "15\.0\.516" is not a four-part build number/,
    );
  });

  it('refuses a CVE naming a level the build data does not list', () => {
    const cves = copy(rawCves);
    const entry = cves.cves[0]?.products['exchange-2016' as keyof (typeof cves.cves)[0]['products']];
    assert.ok(entry && 'levelsWithoutFix' in entry);
    entry.levelsWithoutFix = ['CU99'];
    assert.throws(() => parseExchangeKnowledge(rawBuilds, cves, rawWindows), /names level "CU99"/);
  });
});

describe('dataStaleness', () => {
  const reviewBy = exchangeKnowledge.builds.reviewBy;
  it('is fresh up to and including the review date', () => {
    assert.deepEqual(dataStaleness(new Date(`${reviewBy}T23:00:00Z`)), {
      stale: false,
      reviewBy,
      dataVersion: exchangeKnowledge.builds.dataVersion,
    });
  });

  it('is stale after it, with the number of days', () => {
    const later = new Date(Date.parse(`${reviewBy}T12:00:00Z`) + 10 * 24 * 3600 * 1000);
    const staleness = dataStaleness(later);
    assert.equal(staleness.stale, true);
    assert.equal(staleness.stale && staleness.daysPast, 10);
  });
});
