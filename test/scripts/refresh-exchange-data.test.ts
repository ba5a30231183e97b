import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import rawWindows from '../../data/exchange/windows.json' with { type: 'json' };
import { refresh } from '../../scripts/refresh-exchange-data.js';
import { parseExchangeKnowledge } from '../../src/knowledge/exchange/load.js';
import { parseExchangeVersion } from '../../src/protocols/exchange-build/build-number.js';
import { assessExchange } from '../../src/protocols/exchange-build/verdicts.js';

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'exchange');
const dataDir = mkdtempSync(join(tmpdir(), 'telltale-exchange-'));
after(() => rmSync(dataDir, { recursive: true, force: true }));

function load() {
  const builds: unknown = JSON.parse(readFileSync(join(dataDir, 'builds.json'), 'utf8'));
  const cves: unknown = JSON.parse(readFileSync(join(dataDir, 'cves.json'), 'utf8'));
  return parseExchangeKnowledge(builds, cves, rawWindows);
}

function assess(text: string, knowledge: ReturnType<typeof load>) {
  const version = parseExchangeVersion(text);
  assert.ok(version);
  return assessExchange(version, knowledge, new Date('2027-01-20T00:00:00Z'));
}

describe('refresh-exchange-data', () => {
  it('seeds our schema from the research compilation', () => {
    const log = refresh({
      seed: [join(fixtures, 'research-builds.json'), join(fixtures, 'research-cves.json')],
      csv: null,
      kev: null,
      cves: [],
      dataDir,
      date: '2026-11-27',
    });
    assert.deepEqual(log, []);
    const knowledge = load();
    assert.equal(knowledge.builds.reviewBy, '2026-12-15');
    const esu = knowledge.builds.products.find((product) => product.id === 'exchange-2019')?.levels[0]
      ?.updates[2];
    assert.equal(esu?.distribution, 'esu-period-1');
    const cve = knowledge.cves.cves[0];
    assert.equal(cve?.detectability, 'version-and-configuration');
    assert.equal(cve?.authentication, 'admin');
  });

  it('merges the Microsoft build CSV, the KEV catalogue and a CVE record', () => {
    const log = refresh({
      seed: null,
      csv: join(fixtures, 'ExchangeBuildNumbers.csv'),
      kev: join(fixtures, 'known_exploited_vulnerabilities.json'),
      cves: [join(fixtures, 'CVE-2027-0001.json')],
      dataDir,
      date: '2027-01-13',
    });
    assert.ok(log.includes('added build 15.2.2700.10 Exchange SE CU1'), log.join('\n'));
    assert.ok(log.includes('KEV changed: CVE-2025-53786'));
    assert.ok(log.some((line) => line.startsWith('CVE-2027-0001: new CVE')));
    const knowledge = load();
    assert.equal(knowledge.builds.dataVersion, '2027-01-13');
    assert.equal(knowledge.builds.reviewBy, '2027-02-16');
    assert.equal(knowledge.cves.kevCatalogVersion, '2027.01.13');

    const se = knowledge.builds.products.find((product) => product.id === 'exchange-se');
    assert.deepEqual(
      se?.levels.map((level) => [level.name, level.updates.map((update) => update.build)]),
      [
        ['RTM', ['15.2.2562.17', '15.2.2562.35', '15.2.2562.60']],
        ['CU1', ['15.2.2700.10', '15.2.2700.13']],
      ],
    );
    assert.deepEqual(se?.lifecycle.policy === 'modern' && se.lifecycle.currentLevels, ['RTM', 'CU1']);
    // The long form from the CSV is normalised; the 2016 row is ignored because the data has no 2016 CU23.
    const ex2019 = knowledge.builds.products.find((product) => product.id === 'exchange-2019');
    assert.equal(ex2019?.levels[0]?.updates.at(-1)?.build, '15.2.1748.60');

    const hybrid = knowledge.cves.cves.find((cve) => cve.id === 'CVE-2025-53786');
    assert.deepEqual(hybrid?.kev, { listed: true, dateAdded: '2027-01-13', ransomware: true });

    const added = knowledge.cves.cves.find((cve) => cve.id === 'CVE-2027-0001');
    assert.equal(added?.cvss?.score, 8.8);
    assert.equal(added?.authentication, 'user');
    assert.deepEqual(
      added?.products['exchange-se']?.fixedIn.map((fix) => [fix.level, fix.build]),
      [
        ['RTM', '15.2.2562.60'],
        ['CU1', '15.2.2700.13'],
      ],
    );
  });

  it('gives verdicts from the refreshed data', () => {
    const knowledge = load();
    const verdictOf = (build: string) =>
      assess(build, knowledge).verdicts.find((verdict) => verdict.cve.id === 'CVE-2027-0001');
    assert.equal(verdictOf('15.2.2700.10')?.verdict, 'vulnerable');
    assert.equal(verdictOf('15.2.2700.13')?.verdict, 'not-vulnerable');
    const cuOnly = verdictOf('15.2.2700');
    assert.equal(cuOnly?.verdict, 'possibly-vulnerable');
    assert.deepEqual(
      cuOnly?.remedy?.kind === 'install-update' && [cuOnly.remedy.update.name, cuOnly.remedy.update.kb],
      ['Exchange Server SE CU1 Jan27SU', 'KB9000003'],
    );
  });
});
