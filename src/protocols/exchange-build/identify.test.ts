import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { exchangeKnowledge } from '../../knowledge/exchange/load.js';
import { parseExchangeVersion } from './build-number.js';
import { identifyBuild } from './identify.js';
import type { BuildIdentification } from './types.js';

function identify(text: string): BuildIdentification {
  const version = parseExchangeVersion(text);
  assert.ok(version, text);
  return identifyBuild(version, exchangeKnowledge);
}

function productOf(identification: BuildIdentification): string | undefined {
  return 'product' in identification ? identification.product.id : undefined;
}

describe('identifyBuild: products', () => {
  it('maps major.minor to the product, SE from 15.2.2562', () => {
    assert.equal(productOf(identify('14.3.123.4')), 'exchange-2010');
    assert.equal(productOf(identify('15.0.1497.2')), 'exchange-2013');
    assert.equal(productOf(identify('15.1.2507.6')), 'exchange-2016');
    assert.equal(productOf(identify('15.2.1748.10')), 'exchange-2019');
    assert.equal(productOf(identify('15.2.2561.1')), 'exchange-2019');
    assert.equal(productOf(identify('15.2.2562.17')), 'exchange-se');
    assert.equal(productOf(identify('15.2.2562')), 'exchange-se');
    assert.equal(productOf(identify('8.3.83.6')), 'exchange-2007');
  });

  it('says not-exchange for versions no product uses', () => {
    assert.equal(identify('16.0.1.1').kind, 'not-exchange');
    assert.equal(identify('15.3.100').kind, 'not-exchange');
    assert.equal(identify('10.0').kind, 'not-exchange');
  });

  it('keeps 15.2 ambiguous between 2019 and SE when only the major is known', () => {
    const identification = identify('15.2');
    assert.equal(identification.kind, 'product-only');
    if (identification.kind !== 'product-only') return;
    assert.deepEqual(
      identification.candidates.map((product) => product.id),
      ['exchange-2019', 'exchange-se'],
    );
  });
});

describe('identifyBuild: levels and updates', () => {
  it('names CU and SU with its KB for a listed build', () => {
    const identification = identify('15.1.2507.16');
    assert.equal(identification.kind, 'known-build');
    if (identification.kind !== 'known-build') return;
    assert.equal(identification.level.name, 'CU23');
    assert.equal(identification.update.update, 'Nov22SU');
    assert.equal(identification.update.kb, 'KB5019758');
    assert.equal(identification.update.releaseDate, '2022-11-08');
  });

  it('gives the CU for 3-part evidence', () => {
    const identification = identify('15.1.2176');
    assert.equal(identification.kind, 'cu-only');
    if (identification.kind === 'cu-only') assert.equal(identification.level.name, 'CU19');
  });

  it('uses the service pack as the level on Exchange 2010', () => {
    const identification = identify('14.3.513.0');
    assert.equal(identification.kind, 'known-build');
    if (identification.kind === 'known-build') {
      assert.equal(identification.level.name, 'SP3');
      assert.equal(identification.update.update, 'RU32');
    }
  });

  it('places an unlisted build after the closest known one', () => {
    const identification = identify('15.1.2507.14');
    assert.equal(identification.kind, 'unlisted-build');
    if (identification.kind === 'unlisted-build')
      assert.equal(identification.closestBelow.build, '15.1.2507.13');
  });

  it('says newer-than-data above the newest known build of a CU, and for an unknown later CU', () => {
    const newer = identify('15.2.2562.999');
    assert.equal(newer.kind, 'newer-than-data');
    if (newer.kind === 'newer-than-data') assert.equal(newer.newestKnown.level, 'RTM');
    const laterCu = identify('15.2.2700');
    assert.deepEqual(laterCu.kind === 'unknown-level' && laterCu.newerThanData, true);
  });

  it('does not place a CU number between known ones', () => {
    const identification = identify('15.1.2000');
    assert.deepEqual(identification.kind === 'unknown-level' && identification.newerThanData, false);
  });
});
