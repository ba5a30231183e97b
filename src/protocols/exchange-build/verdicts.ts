// Per-CVE verdicts for one observed Exchange version, each with the exact update (CU/SU and KB) that removes
// it, ranked KEV first, then no authentication, then CVSS; and the "3 certain, up to 11 possible" summary.

import { compareParts } from './build-number.js';
import { identifiedLevel, identifyBuild } from './identify.js';
import { productSupport } from './lifecycle.js';
import type {
  BuildIdentification,
  CveProductEntry,
  CveRecord,
  CveVerdict,
  ExchangeAssessment,
  ExchangeKnowledge,
  ExchangeVersion,
  LevelRecord,
  ProductRecord,
  Remedy,
  UpdateRecord,
  UpdateToInstall,
  VerdictKind,
  VerdictSummary,
} from './types.js';

/** Where out-of-support products should go. */
const supportedProductName = 'Exchange Server SE';

function toInstall(update: UpdateRecord): UpdateToInstall {
  return {
    name: update.name,
    build: update.build,
    kb: update.kb,
    releaseDate: update.releaseDate,
    distribution: update.distribution,
  };
}

function updateOn(level: LevelRecord, build: readonly number[], fallbackName: string): UpdateToInstall {
  const record = level.updates.find((update) => compareParts(update.parts, build) === 0);
  if (record) return toInstall(record);
  return { name: fallbackName, build: build.join('.'), kb: null, releaseDate: null, distribution: 'public' };
}

function levelIndex(product: ProductRecord, name: string | null): number {
  return name === null ? -1 : product.levels.findIndex((level) => level.name === name);
}

function includedFromLevel(product: ProductRecord, entry: CveProductEntry, level: LevelRecord): boolean {
  const from = levelIndex(product, entry.fixedFromLevel);
  return from >= 0 && product.levels.indexOf(level) >= from;
}

/** The newest level of the product that gets the fix, and the update needed on it. */
function upgradeRemedy(product: ProductRecord, entry: CveProductEntry): Remedy {
  for (const level of [...product.levels].reverse()) {
    const base = level.updates.find((update) => compareParts(update.parts, level.baseBuild) === 0);
    const levelUpdate: UpdateToInstall = base
      ? toInstall(base)
      : {
          name: `${product.name} ${level.name}`,
          build: level.baseBuild.join('.'),
          kb: null,
          releaseDate: level.releaseDate,
          distribution: 'public',
        };
    if (includedFromLevel(product, entry, level))
      return { kind: 'upgrade-level', level: levelUpdate, thenUpdate: null };
    const fix = entry.fixedIn.find((candidate) => candidate.level === level.name);
    if (fix) {
      const thenUpdate =
        compareParts(fix.parts, level.baseBuild) === 0
          ? null
          : updateOn(level, fix.parts, `${product.name} ${level.name} ${entry.fixLabel}`);
      return { kind: 'upgrade-level', level: levelUpdate, thenUpdate };
    }
  }
  return { kind: 'migrate', to: supportedProductName };
}

function installRemedy(
  product: ProductRecord,
  level: LevelRecord,
  entry: CveProductEntry,
  fixParts: readonly number[],
): Remedy {
  return {
    kind: 'install-update',
    update: updateOn(level, fixParts, `${product.name} ${level.name} ${entry.fixLabel}`),
  };
}

/** Verdict from the build alone (the CVE's detectability is applied afterwards). */
function versionVerdict(
  cve: CveRecord,
  product: ProductRecord,
  entry: CveProductEntry,
  identification: BuildIdentification,
  observed: ExchangeVersion,
): CveVerdict {
  const make = (verdict: VerdictKind, reason: CveVerdict['reason'], remedy: Remedy | null): CveVerdict => ({
    cve,
    verdict,
    reason,
    remedy,
  });
  const level = identifiedLevel(identification);
  if (level === null) {
    if (identification.kind === 'unknown-level') {
      // A CU newer than every one we know includes every fix that a known CU already included.
      const from =
        entry.fixedFromLevel === null ? undefined : product.levels[levelIndex(product, entry.fixedFromLevel)];
      if (identification.newerThanData && from !== undefined)
        return make('not-vulnerable', { kind: 'level-includes-fix', fixedFromLevel: from.name }, null);
      return make(
        'unknown-build',
        identification.newerThanData ? { kind: 'newer-than-data' } : { kind: 'unknown-level' },
        null,
      );
    }
    // Product only: vulnerable when no level of it ever got the fix.
    const everFixed = product.levels.some((candidate) => !entry.levelsWithoutFix.includes(candidate.name));
    return everFixed || product.levels.length === 0
      ? make('possibly-vulnerable', { kind: 'product-only' }, upgradeRemedy(product, entry))
      : make('vulnerable', { kind: 'level-never-fixed', level: product.name }, upgradeRemedy(product, entry));
  }
  if (entry.levelsWithoutFix.includes(level.name))
    return make(
      'vulnerable',
      { kind: 'level-never-fixed', level: level.name },
      upgradeRemedy(product, entry),
    );
  const fix = entry.fixedIn.find((candidate) => candidate.level === level.name);
  if (fix) {
    if (observed.precision !== 'full') {
      return compareParts(fix.parts, level.baseBuild) <= 0
        ? make('not-vulnerable', { kind: 'at-or-above-fix', fixBuild: fix.build }, null)
        : make(
            'possibly-vulnerable',
            { kind: 'cu-needs-update', fixBuild: fix.build },
            installRemedy(product, level, entry, fix.parts),
          );
    }
    if (compareParts(observed.parts, fix.parts) >= 0)
      return make('not-vulnerable', { kind: 'at-or-above-fix', fixBuild: fix.build }, null);
    if (fix.conflictingBuild !== null && compareParts(observed.parts, fix.conflictingBuild) >= 0)
      return make(
        'possibly-vulnerable',
        { kind: 'source-conflict', lowerBuild: fix.conflictingBuild.join('.'), fixBuild: fix.build },
        installRemedy(product, level, entry, fix.parts),
      );
    return make(
      'vulnerable',
      { kind: 'below-fix', fixBuild: fix.build },
      installRemedy(product, level, entry, fix.parts),
    );
  }
  if (includedFromLevel(product, entry, level))
    return make(
      'not-vulnerable',
      { kind: 'level-includes-fix', fixedFromLevel: entry.fixedFromLevel ?? level.name },
      null,
    );
  // The data does not say how this level stands (a gap): never guess "fixed".
  return make('unknown-build', { kind: 'unknown-level' }, upgradeRemedy(product, entry));
}

function verdictForProduct(
  cve: CveRecord,
  product: ProductRecord,
  identification: BuildIdentification,
  observed: ExchangeVersion,
): CveVerdict {
  const entry = cve.products[product.id];
  if (!entry) {
    return cve.notAssessed.includes(product.id)
      ? {
          cve,
          verdict: 'not-verifiable',
          reason: { kind: 'product-not-assessed', product: product.name },
          remedy: { kind: 'migrate', to: supportedProductName },
        }
      : { cve, verdict: 'not-vulnerable', reason: { kind: 'product-not-affected' }, remedy: null };
  }
  switch (cve.detectability) {
    case 'configuration': {
      const level = identifiedLevel(identification);
      const defaultProtected = level !== null && includedFromLevel(product, entry, level);
      return {
        cve,
        verdict: 'not-verifiable',
        reason: { kind: 'configuration', defaultProtected, note: cve.detectabilityNote },
        remedy: { kind: 'configure', action: cve.mitigation ?? entry.fixLabel, afterUpdate: null },
      };
    }
    case 'version-and-configuration': {
      // Below the fix the configuration decides whether it matters; at the fix, configuration steps remain.
      const base = versionVerdict(cve, product, entry, identification, observed);
      switch (base.verdict) {
        case 'vulnerable':
          return { ...base, verdict: 'possibly-vulnerable' };
        case 'not-vulnerable':
          return {
            ...base,
            verdict: 'not-verifiable',
            reason: { kind: 'configuration', defaultProtected: false, note: cve.detectabilityNote },
            remedy: { kind: 'configure', action: cve.mitigation ?? entry.fixLabel, afterUpdate: null },
          };
        case 'possibly-vulnerable':
        case 'not-verifiable':
        case 'unknown-build':
          return base;
      }
      return base;
    }
    case 'version':
      return versionVerdict(cve, product, entry, identification, observed);
  }
}

const combineOrder: readonly VerdictKind[] = [
  'vulnerable',
  'possibly-vulnerable',
  'unknown-build',
  'not-verifiable',
  'not-vulnerable',
];

/** One CVE against one identification. `not-exchange` gives `unknown-build`. */
export function cveVerdict(
  identification: BuildIdentification,
  observed: ExchangeVersion,
  cve: CveRecord,
): CveVerdict {
  switch (identification.kind) {
    case 'not-exchange':
      return { cve, verdict: 'unknown-build', reason: { kind: 'unknown-level' }, remedy: null };
    case 'product-only': {
      // 15.2 may be 2019 or SE: agree when every candidate agrees, otherwise at most "possibly".
      const verdicts = identification.candidates.map((product) =>
        verdictForProduct(cve, product, identification, observed),
      );
      const first = verdicts[0];
      if (!first) return { cve, verdict: 'unknown-build', reason: { kind: 'unknown-level' }, remedy: null };
      if (verdicts.every((verdict) => verdict.verdict === first.verdict)) return first;
      const worst = [...verdicts].sort(
        (a, b) => combineOrder.indexOf(a.verdict) - combineOrder.indexOf(b.verdict),
      )[0] as CveVerdict;
      const verdict = worst.verdict === 'vulnerable' ? 'possibly-vulnerable' : worst.verdict;
      return { ...worst, verdict, reason: { kind: 'product-only' } };
    }
    case 'known-build':
    case 'unlisted-build':
    case 'newer-than-data':
    case 'cu-only':
    case 'unknown-level':
      return verdictForProduct(cve, identification.product, identification, observed);
  }
}

const authenticationRank = { none: 0, user: 1, admin: 2 } as const;

/** Verdict group first (vulnerable before possible…), then KEV, then no authentication, then CVSS. */
export function compareVerdicts(a: CveVerdict, b: CveVerdict): number {
  return (
    combineOrder.indexOf(a.verdict) - combineOrder.indexOf(b.verdict) ||
    Number(b.cve.kev.listed) - Number(a.cve.kev.listed) ||
    authenticationRank[a.cve.authentication] - authenticationRank[b.cve.authentication] ||
    (b.cve.cvss?.score ?? 0) - (a.cve.cvss?.score ?? 0) ||
    a.cve.id.localeCompare(b.cve.id)
  );
}

export function summarise(verdicts: readonly CveVerdict[]): VerdictSummary {
  const count = (kind: VerdictKind): number => verdicts.filter((verdict) => verdict.verdict === kind).length;
  const vulnerable = count('vulnerable');
  const possiblyVulnerable = count('possibly-vulnerable');
  const notVerifiable = count('not-verifiable');
  const unknownBuild = count('unknown-build');
  return {
    vulnerable,
    possiblyVulnerable,
    notVerifiable,
    unknownBuild,
    notVulnerable: count('not-vulnerable'),
    upperBound: vulnerable + possiblyVulnerable + notVerifiable + unknownBuild,
  };
}

/** Everything the Exchange checks need about one observed version. */
export function assessExchange(
  version: ExchangeVersion,
  knowledge: ExchangeKnowledge,
  now: Date,
): ExchangeAssessment {
  const identification = identifyBuild(version, knowledge);
  const verdicts =
    identification.kind === 'not-exchange'
      ? []
      : knowledge.cves.cves.map((cve) => cveVerdict(identification, version, cve)).sort(compareVerdicts);
  const level = identifiedLevel(identification);
  return {
    observed: version,
    identification,
    support: identification.kind === 'not-exchange' ? null : productSupport(identification, now),
    verdicts,
    summary: summarise(verdicts),
    latestOnLevel: level?.updates.at(-1) ?? null,
    dataVersion: knowledge.cves.dataVersion,
  };
}
