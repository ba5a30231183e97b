import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  compareBuilds,
  compareParts,
  formatVersion,
  parseExchangeVersion,
  parseFullBuild,
} from './build-number.js';

describe('parseExchangeVersion', () => {
  it('reads the short, long, CU-only and major-only forms', () => {
    assert.deepEqual(parseExchangeVersion('15.1.2507.6'), { precision: 'full', parts: [15, 1, 2507, 6] });
    assert.deepEqual(parseExchangeVersion('15.01.2507.006'), { precision: 'full', parts: [15, 1, 2507, 6] });
    assert.deepEqual(parseExchangeVersion(' 15.2.1544 '), { precision: 'cu', parts: [15, 2, 1544] });
    assert.deepEqual(parseExchangeVersion('15.2'), { precision: 'major', parts: [15, 2] });
  });

  it('refuses what is not a build number', () => {
    for (const text of [
      '',
      '15',
      '15.1.2507.6.1',
      '15.x.2507',
      '15..1',
      '-15.1',
      '15.1.2507.6a',
      '1.2.3.4567890',
    ])
      assert.equal(parseExchangeVersion(text), undefined, text);
    assert.equal(parseFullBuild('15.1.2507'), undefined);
  });

  it('formats back to the short form', () => {
    const version = parseExchangeVersion('15.02.0986.005');
    assert.ok(version);
    assert.equal(formatVersion(version), '15.2.986.5');
  });
});

describe('compareBuilds', () => {
  it('compares as four integers, never as strings', () => {
    assert.ok(compareBuilds([15, 1, 2507, 6], [15, 1, 2507, 12]) < 0);
    assert.ok(compareBuilds([15, 1, 2507, 12], [15, 1, 2507, 6]) > 0);
    assert.ok(compareBuilds([15, 2, 986, 5], [15, 2, 1118, 7]) < 0);
    assert.ok(compareBuilds([15, 10, 0, 0], [15, 2, 9999, 9999]) > 0);
    assert.equal(compareBuilds([15, 0, 1497, 2], [15, 0, 1497, 2]), 0);
  });

  it('treats missing trailing parts as zero', () => {
    assert.equal(compareParts([15, 1, 2507], [15, 1, 2507, 0]), 0);
    assert.ok(compareParts([15, 1, 2507], [15, 1, 2507, 6]) < 0);
  });
});
