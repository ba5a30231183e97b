import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { exchangeKnowledge } from '../../knowledge/exchange/load.js';
import { compareParts, parseExchangeVersion } from './build-number.js';
import { identifyBuild } from './identify.js';
import type { CveRecord, CveVerdict, ExchangeVersion, FullBuild, ProductRecord } from './types.js';
import { assessExchange, cveVerdict } from './verdicts.js';

const now = new Date('2026-11-27T12:00:00Z');

function verdictFor(version: ExchangeVersion, cve: CveRecord): CveVerdict {
  return cveVerdict(identifyBuild(version, exchangeKnowledge), version, cve);
}

function full(parts: FullBuild): ExchangeVersion {
  return { precision: 'full', parts };
}

function cuOnly(parts: readonly number[]): ExchangeVersion {
  return { precision: 'cu', parts: [parts[0] ?? 0, parts[1] ?? 0, parts[2] ?? 0] };
}

function product(id: string): ProductRecord {
  const found = exchangeKnowledge.builds.products.find((candidate) => candidate.id === id);
  assert.ok(found, id);
  return found;
}

/** What a build-decided verdict becomes for a CVE whose configuration also matters. */
function expected(cve: CveRecord, verdict: 'vulnerable' | 'not-vulnerable' | 'possibly-vulnerable'): string {
  if (cve.detectability !== 'version-and-configuration') return verdict;
  return verdict === 'vulnerable'
    ? 'possibly-vulnerable'
    : verdict === 'not-vulnerable'
      ? 'not-verifiable'
      : verdict;
}

const versionCves = exchangeKnowledge.cves.cves.filter((cve) => cve.detectability !== 'configuration');

describe('verdicts over the whole dataset', () => {
  for (const cve of versionCves) {
    for (const [productId, entry] of Object.entries(cve.products)) {
      const record = product(productId);
      for (const fix of entry.fixedIn) {
        const level = record.levels.find((candidate) => candidate.name === fix.level);
        it(`${cve.id} ${productId} ${fix.level}: below the fix, at the fix, CU only`, () => {
          assert.ok(level);
          const atFix = verdictFor(full(fix.parts), cve);
          assert.equal(atFix.verdict, expected(cve, 'not-vulnerable'), 'at the fix');
          const fixIsCu = compareParts(fix.parts, level.baseBuild) === 0;
          const below: FullBuild = [fix.parts[0], fix.parts[1], fix.parts[2], fix.parts[3] - 1];
          const belowVerdict = verdictFor(full(below), cve);
          const cuVerdict = verdictFor(cuOnly(fix.parts), cve);
          if (fixIsCu) {
            // The CU release itself carries the fix: a lower number is not on this CU at all.
            assert.equal(belowVerdict.verdict, 'unknown-build', 'below a fixing CU');
            assert.equal(cuVerdict.verdict, expected(cve, 'not-vulnerable'), 'CU only');
            return;
          }
          if (fix.conflictingBuild !== null && compareParts(below, fix.conflictingBuild) >= 0) {
            assert.equal(belowVerdict.verdict, 'possibly-vulnerable', 'between the two sources');
            assert.equal(belowVerdict.reason.kind, 'source-conflict');
            assert.equal(verdictFor(full(fix.conflictingBuild), cve).verdict, 'possibly-vulnerable');
            const underConflict: FullBuild = [
              ...fix.conflictingBuild.slice(0, 3),
              fix.conflictingBuild[3] - 1,
            ] as unknown as FullBuild;
            assert.equal(verdictFor(full(underConflict), cve).verdict, expected(cve, 'vulnerable'));
          } else {
            assert.equal(belowVerdict.verdict, expected(cve, 'vulnerable'), 'just below the fix');
            assert.equal(belowVerdict.reason.kind, 'below-fix');
          }
          assert.equal(cuVerdict.verdict, 'possibly-vulnerable', 'CU only');
          assert.equal(cuVerdict.reason.kind, 'cu-needs-update');
          // The exact update to install: that CU's fixing SU, with its KB when the data has one.
          for (const verdict of [belowVerdict, cuVerdict]) {
            assert.equal(verdict.remedy?.kind, 'install-update');
            if (verdict.remedy?.kind !== 'install-update') return;
            assert.equal(verdict.remedy.update.build, fix.build);
            assert.match(
              verdict.remedy.update.name,
              new RegExp(`${record.name} ${fix.level.replace('/', '\\/')} `),
            );
          }
        });
      }
      for (const levelName of entry.levelsWithoutFix) {
        const level = record.levels.find((candidate) => candidate.name === levelName);
        it(`${cve.id} ${productId} ${levelName}: never fixed on this level`, () => {
          assert.ok(level);
          const newest = level.updates.at(-1)?.parts ?? level.baseBuild;
          for (const version of [full(level.baseBuild), full(newest), cuOnly(level.baseBuild)]) {
            const verdict = verdictFor(version, cve);
            assert.equal(verdict.verdict, expected(cve, 'vulnerable'));
            assert.equal(verdict.reason.kind, 'level-never-fixed');
            assert.ok(verdict.remedy?.kind === 'upgrade-level' || verdict.remedy?.kind === 'migrate');
          }
        });
      }
      if (entry.fixedFromLevel !== null) {
        const from = record.levels.findIndex((candidate) => candidate.name === entry.fixedFromLevel);
        it(`${cve.id} ${productId}: every level from ${entry.fixedFromLevel} includes the fix`, () => {
          assert.ok(from >= 0);
          for (const level of record.levels.slice(from)) {
            for (const version of [full(level.baseBuild), cuOnly(level.baseBuild)])
              assert.equal(verdictFor(version, cve).verdict, expected(cve, 'not-vulnerable'), level.name);
          }
        });
      }
    }
  }

  it('covers every level of every affected product for build-decided CVEs', () => {
    for (const cve of versionCves) {
      for (const productId of Object.keys(cve.products)) {
        for (const level of product(productId).levels) {
          const verdict = verdictFor(full(level.updates.at(-1)?.parts ?? level.baseBuild), cve);
          assert.notEqual(verdict.verdict, 'unknown-build', `${cve.id} ${productId} ${level.name}`);
        }
      }
    }
  });

  it('never calls a configuration-dependent CVE fixed from the build', () => {
    for (const cve of exchangeKnowledge.cves.cves.filter(
      (candidate) => candidate.detectability === 'configuration',
    )) {
      for (const productId of Object.keys(cve.products)) {
        for (const level of product(productId).levels) {
          const verdict = verdictFor(full(level.baseBuild), cve);
          assert.equal(verdict.verdict, 'not-verifiable', `${cve.id} ${productId} ${level.name}`);
          assert.equal(verdict.remedy?.kind, 'configure');
        }
      }
    }
  });
});

describe('CVE-2024-21410 (Extended Protection)', () => {
  const cve = exchangeKnowledge.cves.cves.find((candidate) => candidate.id === 'CVE-2024-21410');
  it('is not verifiable, with the build default named', () => {
    assert.ok(cve);
    const before = verdictFor(full([15, 2, 1258, 12]), cve);
    const after = verdictFor(full([15, 2, 1544, 4]), cve);
    assert.deepEqual(
      [before.verdict, before.reason.kind === 'configuration' && before.reason.defaultProtected],
      ['not-verifiable', false],
    );
    assert.deepEqual(
      [after.verdict, after.reason.kind === 'configuration' && after.reason.defaultProtected],
      ['not-verifiable', true],
    );
  });
});

describe('products a CVE does not list', () => {
  it('is not affected when Microsoft assessed the product, not verifiable when it no longer did', () => {
    const proxyLogon = exchangeKnowledge.cves.cves.find((cve) => cve.id === 'CVE-2021-26855');
    const proxyShell = exchangeKnowledge.cves.cves.find((cve) => cve.id === 'CVE-2021-34473');
    assert.ok(proxyLogon && proxyShell);
    assert.equal(verdictFor(full([14, 3, 123, 4]), proxyLogon).verdict, 'not-vulnerable');
    assert.equal(verdictFor(full([15, 2, 2562, 17]), proxyLogon).verdict, 'not-vulnerable');
    const ex2010 = verdictFor(full([14, 3, 123, 4]), proxyShell);
    assert.equal(ex2010.verdict, 'not-verifiable');
    assert.equal(ex2010.reason.kind, 'product-not-assessed');
  });
});

describe('assessExchange', () => {
  function assess(text: string) {
    const version = parseExchangeVersion(text);
    assert.ok(version);
    return assessExchange(version, exchangeKnowledge, now);
  }

  it('ranks vulnerable first, then KEV, then no authentication, then CVSS', () => {
    const { verdicts, summary } = assess('15.1.2176.2');
    const vulnerable = verdicts.filter((verdict) => verdict.verdict === 'vulnerable');
    assert.equal(vulnerable.length, summary.vulnerable);
    assert.deepEqual(verdicts.slice(0, summary.vulnerable), vulnerable);
    for (let i = 1; i < vulnerable.length; i++) {
      const a = (vulnerable[i - 1] as CveVerdict).cve;
      const b = (vulnerable[i] as CveVerdict).cve;
      const rank = (cve: CveRecord) => [
        cve.kev.listed ? 0 : 1,
        cve.authentication === 'none' ? 0 : 1,
        -(cve.cvss?.score ?? 0),
      ];
      assert.ok(compareParts(rank(a), rank(b)) <= 0, `${a.id} before ${b.id}`);
    }
    assert.equal(verdicts[0]?.cve.kev.listed, true);
    assert.equal(verdicts[0]?.cve.authentication, 'none');
  });

  it('counts "N certain, up to M possible"', () => {
    const { summary, verdicts } = assess('15.1.2507');
    assert.equal(summary.vulnerable, 0);
    assert.ok(summary.possiblyVulnerable > 0);
    assert.equal(
      summary.upperBound,
      summary.vulnerable + summary.possiblyVulnerable + summary.notVerifiable + summary.unknownBuild,
    );
    assert.equal(summary.upperBound + summary.notVulnerable, verdicts.length);
  });

  it('ProxyLogon and ProxyShell on 2016 CU19 before March 2021', () => {
    const { verdicts } = assess('15.1.2176.2');
    const byId = new Map(verdicts.map((verdict) => [verdict.cve.id, verdict]));
    const proxyLogon = byId.get('CVE-2021-26855');
    assert.equal(proxyLogon?.verdict, 'vulnerable');
    assert.deepEqual(proxyLogon?.remedy, {
      kind: 'install-update',
      update: {
        name: 'Exchange Server 2016 CU19 Mar21SU',
        build: '15.1.2176.9',
        kb: 'KB5000871',
        releaseDate: '2021-03-02',
        distribution: 'public',
      },
    });
    assert.equal(byId.get('CVE-2021-34473')?.verdict, 'vulnerable');
  });

  it('a build newer than the data is identified as such, never silently current', () => {
    const assessment = assess('15.2.2562.999');
    assert.equal(assessment.identification.kind, 'newer-than-data');
    assert.equal(assessment.latestOnLevel?.build, '15.2.2562.53');
    const laterCu = assess('15.2.2700');
    assert.ok(laterCu.summary.unknownBuild > 0);
  });

  it('has no verdicts for a version that is not Exchange', () => {
    const assessment = assess('16.0.1.1');
    assert.equal(assessment.support, null);
    assert.deepEqual(assessment.verdicts, []);
  });
});
