// Places an observed Exchange version in the knowledge base: which product (SE is 15.2 with build ≥ 2562),
// which CU or service pack, which update — or that the build is newer than the data, which is never a pass.

import { compareParts } from './build-number.js';
import type {
  BuildIdentification,
  ExchangeKnowledge,
  ExchangeVersion,
  LevelRecord,
  ProductRecord,
  UpdateRecord,
} from './types.js';

/** Products whose version range contains major.minor(.build); without a build, every product of that minor. */
export function productsFor(
  knowledge: ExchangeKnowledge,
  major: number,
  minor: number,
  build?: number,
): readonly ProductRecord[] {
  return knowledge.builds.products.filter(
    (product) =>
      product.major === major &&
      product.minors.includes(minor) &&
      (build === undefined ||
        (build >= product.minBuild &&
          (product.maxBuildExclusive === null || build < product.maxBuildExclusive))),
  );
}

/** The level key: major.minor for service packs (2007/2010), major.minor.build for CUs (2013+). */
function levelKey(product: ProductRecord, parts: readonly number[]): readonly number[] {
  return parts.slice(0, product.levelBy === 'service-pack' ? 2 : 3);
}

export function levelFor(product: ProductRecord, parts: readonly number[]): LevelRecord | undefined {
  const key = levelKey(product, parts);
  return product.levels.find((level) => compareParts(levelKey(product, level.baseBuild), key) === 0);
}

function newerThanAllLevels(product: ProductRecord, parts: readonly number[]): boolean {
  const last = product.levels.at(-1);
  return last !== undefined && compareParts(levelKey(product, parts), levelKey(product, last.baseBuild)) > 0;
}

export function identifyBuild(version: ExchangeVersion, knowledge: ExchangeKnowledge): BuildIdentification {
  const [major, minor] = version.parts;
  if (version.precision === 'major') {
    const candidates = productsFor(knowledge, major, minor);
    return candidates.length === 0 ? { kind: 'not-exchange' } : { kind: 'product-only', candidates };
  }
  const product = productsFor(knowledge, major, minor, version.parts[2])[0];
  if (!product) return { kind: 'not-exchange' };
  const level = levelFor(product, version.parts);
  if (!level)
    return { kind: 'unknown-level', product, newerThanData: newerThanAllLevels(product, version.parts) };
  if (version.precision === 'cu') {
    // A 3-part 2010 number (14.3.123) names an update rollup's build, still only SP-level evidence.
    return { kind: 'cu-only', product, level };
  }
  const build = version.parts;
  const exact = level.updates.find((update) => compareParts(update.parts, build) === 0);
  if (exact) return { kind: 'known-build', product, level, update: exact };
  const below = level.updates.filter((update) => compareParts(update.parts, build) < 0);
  const newest = level.updates.at(-1);
  if (newest && compareParts(build, newest.parts) > 0) {
    return { kind: 'newer-than-data', product, level, newestKnown: newest };
  }
  const closestBelow = below.at(-1);
  if (!closestBelow) {
    // Below the CU's own release build: a pre-release or a number we cannot place.
    return { kind: 'unknown-level', product, newerThanData: false };
  }
  return { kind: 'unlisted-build', product, level, closestBelow };
}

/** The level the identification pins down, if any. */
export function identifiedLevel(identification: BuildIdentification): LevelRecord | null {
  switch (identification.kind) {
    case 'known-build':
    case 'unlisted-build':
    case 'cu-only':
      return identification.level;
    case 'newer-than-data':
      return identification.level;
    case 'unknown-level':
    case 'product-only':
    case 'not-exchange':
      return null;
  }
}

export function identifiedProduct(identification: BuildIdentification): ProductRecord | null {
  switch (identification.kind) {
    case 'known-build':
    case 'unlisted-build':
    case 'cu-only':
    case 'newer-than-data':
    case 'unknown-level':
      return identification.product;
    case 'product-only':
      return identification.candidates.length === 1 ? (identification.candidates[0] ?? null) : null;
    case 'not-exchange':
      return null;
  }
}

/** The exact update record observed, when the build is listed. */
export function identifiedUpdate(identification: BuildIdentification): UpdateRecord | null {
  return identification.kind === 'known-build' ? identification.update : null;
}
