import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { exchangeKnowledge } from '../../knowledge/exchange/load.js';
import { parseExchangeVersion } from './build-number.js';
import { identifyBuild } from './identify.js';
import { productSupport, windowsSupport } from './lifecycle.js';
import type { ProductSupport } from './types.js';

function support(text: string, day: string): ProductSupport {
  const version = parseExchangeVersion(text);
  assert.ok(version);
  return productSupport(identifyBuild(version, exchangeKnowledge), new Date(`${day}T12:00:00Z`));
}

describe('productSupport', () => {
  it('2016 and 2019 are out of support after 2025-10-14', () => {
    assert.equal(support('15.1.2507', '2025-10-14').status, 'supported');
    const after = support('15.1.2507', '2025-10-15');
    assert.equal(after.status, 'out-of-support');
    if (after.status === 'out-of-support') assert.equal(after.endedOn, '2025-10-14');
    assert.equal(support('15.2.1748.39', '2026-11-27').status, 'out-of-support');
  });

  it('2010 and 2013 are out of support', () => {
    assert.equal(support('14.3.513.0', '2026-11-27').status, 'out-of-support');
    assert.equal(support('15.0.1497.48', '2026-11-27').status, 'out-of-support');
  });

  it('says ESU cannot be seen from outside during an ESU period, unless an ESU-only build shows', () => {
    const during = support('15.1.2507', '2026-01-15');
    assert.deepEqual(during.status === 'out-of-support' && [during.esu, during.esuPeriod?.end], [
      'not-visible',
      '2026-04-14',
    ]);
    const observed = support('15.1.2507.63', '2026-01-15');
    assert.equal(observed.status === 'out-of-support' && observed.esu, 'esu-build-observed');
    const ineligible = support('15.1.2176', '2026-01-15');
    assert.equal(ineligible.status === 'out-of-support' && ineligible.esu, 'not-applicable');
    const afterEsu = support('15.1.2507', '2026-11-27');
    assert.equal(afterEsu.status === 'out-of-support' && afterEsu.esu, 'not-applicable');
  });

  it('Exchange Server SE is supported, with the CU levels the data calls current', () => {
    const se = support('15.2.2562.53', '2026-11-27');
    assert.equal(se.status, 'supported');
    if (se.status !== 'supported') return;
    assert.deepEqual(se.currentLevels, ['RTM']);
    assert.equal(se.levelCurrent, true);
    const later = support('15.2.2700', '2026-11-27');
    assert.equal(later.status === 'supported' && later.levelCurrent, 'unknown');
  });

  it('cannot say for 15.2 without a build', () => {
    assert.equal(support('15.2', '2026-11-27').status, 'unknown');
  });
});

describe('windowsSupport', () => {
  const day = new Date('2026-11-27T12:00:00Z');
  it('maps NTLM-leaked builds to Windows Server releases and their support', () => {
    const cases: [number, number, number, string, string][] = [
      [10, 0, 14393, 'Windows Server 2016', 'extended'],
      [10, 0, 17763, 'Windows Server 2019', 'extended'],
      [10, 0, 20348, 'Windows Server 2022', 'extended'],
      [10, 0, 26100, 'Windows Server 2025', 'mainstream'],
      [6, 1, 7601, 'Windows Server 2008 R2', 'out-of-support'],
      [6, 3, 9600, 'Windows Server 2012 R2', 'out-of-support'],
    ];
    for (const [major, minor, build, name, status] of cases) {
      const result = windowsSupport(major, minor, build, day, exchangeKnowledge);
      assert.deepEqual(result.kind === 'known' && [result.release.name, result.status], [name, status]);
    }
  });

  it('knows when paid ESU may still apply', () => {
    const during = windowsSupport(6, 3, 9600, new Date('2026-06-01T00:00:00Z'), exchangeKnowledge);
    assert.equal(during.kind === 'known' && during.esuPossible, true);
    const after = windowsSupport(6, 3, 9600, day, exchangeKnowledge);
    assert.equal(after.kind === 'known' && after.esuPossible, false);
  });

  it('says unknown for a build it does not list', () => {
    assert.deepEqual(windowsSupport(10, 0, 19045, day, exchangeKnowledge), {
      kind: 'unknown',
      version: '10.0.19045',
    });
  });
});
