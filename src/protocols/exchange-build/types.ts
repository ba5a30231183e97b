// The vocabulary of the Exchange knowledge base and verdict engine: the shape of data/exchange/*.json once
// loaded, and what the engine answers about one observed build (product, CU, update, lifecycle, per-CVE verdicts).

// ---------------------------------------------------------------------------------------------------------
// Build numbers
// ---------------------------------------------------------------------------------------------------------

/** major.minor.build.revision — compared part by part as integers, never as strings. */
export type FullBuild = readonly [number, number, number, number];
/** major.minor.build — identifies a CU on 2013+ (the /owa/auth/<build>/ folder). */
export type CuBuild = readonly [number, number, number];

/** What the evidence says about the version, at the precision it was seen. */
export type ExchangeVersion =
  | { readonly precision: 'full'; readonly parts: FullBuild }
  | { readonly precision: 'cu'; readonly parts: CuBuild }
  | { readonly precision: 'major'; readonly parts: readonly [number, number] };

export type ExchangeProductId =
  | 'exchange-2007'
  | 'exchange-2010'
  | 'exchange-2013'
  | 'exchange-2016'
  | 'exchange-2019'
  | 'exchange-se';

// ---------------------------------------------------------------------------------------------------------
// Dataset (data/exchange/builds.json, cves.json, windows.json) after validation by the loader
// ---------------------------------------------------------------------------------------------------------

export interface DataSource {
  /** Short id used by entries' `sources` lists (e.g. "ms-csv"). */
  readonly id: string;
  readonly title: string;
  /** Repository path, URL or document the facts were read from. */
  readonly location: string;
  /** YYYY-MM-DD: the version/commit date of the source as read. */
  readonly date: string;
}

/** Two sources disagree: both values are kept and the choice is explained. */
export interface DataConflict {
  readonly subject: string;
  readonly values: readonly { readonly source: string; readonly value: string }[];
  readonly chosen: string;
  readonly reason: string;
}

export type UpdateKind = 'RTM' | 'SP' | 'CU' | 'RU' | 'SU' | 'HU' | 'SU-interim';
/** 2016/2019 updates after 2025-10-14 are only distributed to paying ESU customers. */
export type Distribution = 'public' | 'esu-period-1' | 'esu-period-2';

/** One installable build of a product (a CU/SP itself, or an SU/HU/RU on top of one). */
export interface UpdateRecord {
  readonly build: string;
  readonly parts: FullBuild;
  readonly product: ExchangeProductId;
  /** CU/SP it belongs to: "CU23", "SP3", "RTM", "CU4/SP1". */
  readonly level: string;
  /** "Nov22SU", "RU32", null for the CU/SP/RTM build itself. */
  readonly update: string | null;
  readonly kind: UpdateKind;
  /** "Exchange Server 2016 CU23 Nov22SU". */
  readonly name: string;
  readonly kb: string | null;
  /** YYYY-MM-DD, or YYYY-MM when only the month is known. */
  readonly releaseDate: string | null;
  readonly distribution: Distribution;
  /** Another number for the same update given by a different source (see conflicts). */
  readonly aliasOf: string | null;
  /** Only one third-party source: confirm before relying on it. */
  readonly unverified: boolean;
}

export interface LevelRecord {
  readonly product: ExchangeProductId;
  readonly name: string;
  /** The CU/SP build itself (revision of the CU release). */
  readonly baseBuild: FullBuild;
  readonly releaseDate: string | null;
  /** Updates on this level, ascending by build (the level's own build first). */
  readonly updates: readonly UpdateRecord[];
}

export interface EsuPeriod {
  readonly start: string;
  /** YYYY-MM-DD or YYYY-MM when the exact day is not confirmed. */
  readonly end: string;
  readonly eligibleLevels: readonly string[];
}

export type ProductLifecycle =
  | {
      readonly policy: 'fixed';
      readonly start: string | null;
      readonly mainstreamEnd: string | null;
      readonly extendedEnd: string;
      readonly esu: readonly EsuPeriod[];
    }
  | {
      readonly policy: 'modern';
      readonly start: string;
      /** Levels the data says are serviced today (latest CU and the one before it). */
      readonly currentLevels: readonly string[];
      readonly note: string;
    };

export interface ProductRecord {
  readonly id: ExchangeProductId;
  readonly name: string;
  readonly major: number;
  /** 2007 and 2010 span several minors (one per service pack: 14.3 = 2010 SP3). */
  readonly minors: readonly number[];
  /** 2007/2010 levels are service packs (major.minor); 2013+ levels are CUs (major.minor.build). */
  readonly levelBy: 'service-pack' | 'cumulative-update';
  /** SE shares 15.2 with 2019: SE is build ≥ 2562. */
  readonly minBuild: number;
  readonly maxBuildExclusive: number | null;
  readonly lifecycle: ProductLifecycle;
  readonly lifecycleSource: string;
  /** Ascending by base build. */
  readonly levels: readonly LevelRecord[];
}

export interface ExchangeBuildData {
  readonly schemaVersion: 1;
  readonly dataVersion: string;
  readonly generated: string;
  readonly reviewBy: string;
  readonly sources: readonly DataSource[];
  readonly conflicts: readonly DataConflict[];
  readonly products: readonly ProductRecord[];
}

export type Authentication = 'none' | 'user' | 'admin';
/** How far the build number decides the CVE. */
export type Detectability = 'version' | 'configuration' | 'version-and-configuration';

export interface CveFix {
  readonly level: string;
  /** First build on that level with the fix. */
  readonly build: string;
  readonly parts: FullBuild;
  /** A lower number another source gives for the same fixing update (see conflicts): uncertain zone. */
  readonly conflictingBuild: FullBuild | null;
}

export interface CveProductEntry {
  /** "Mar21SU" or the configuration change that fixes it. */
  readonly fixLabel: string;
  readonly fixedIn: readonly CveFix[];
  /** Every build from this level's base build upwards contains the fix. */
  readonly fixedFromLevel: string | null;
  /** Levels that never received the fix: any build on them is vulnerable. */
  readonly levelsWithoutFix: readonly string[];
}

export interface CveRecord {
  readonly id: string;
  readonly aka: string | null;
  readonly title: string;
  readonly cvss: { readonly score: number; readonly vector: string | null; readonly source: string } | null;
  readonly kev: { readonly listed: boolean; readonly dateAdded: string | null; readonly ransomware: boolean };
  readonly authentication: Authentication;
  /** The original wording of who must be logged in. */
  readonly authenticationNote: string;
  readonly detectability: Detectability;
  readonly detectabilityNote: string | null;
  readonly impact: string;
  /** What to do while the update is not installed (plain text from the data). */
  readonly mitigation: string | null;
  readonly notes: string | null;
  /** Products the CVE applies to; a product missing here and in notAssessed is not affected. */
  readonly products: Partial<Readonly<Record<ExchangeProductId, CveProductEntry>>>;
  /** Out-of-support products Microsoft no longer assessed when the CVE was fixed. */
  readonly notAssessed: readonly ExchangeProductId[];
  readonly sources: readonly string[];
}

export interface ExchangeCveData {
  readonly schemaVersion: 1;
  readonly dataVersion: string;
  readonly generated: string;
  readonly reviewBy: string;
  readonly sources: readonly DataSource[];
  readonly kevCatalogVersion: string;
  readonly cves: readonly CveRecord[];
}

export interface WindowsRelease {
  readonly name: string;
  readonly major: number;
  readonly minor: number;
  /** NTLM leaks the build number; RTM and SP builds are both listed. */
  readonly builds: readonly number[];
  readonly mainstreamEnd: string | null;
  readonly extendedEnd: string;
  /** Paid extended updates after extendedEnd, when Microsoft offers them (cannot be seen from outside). */
  readonly esuEnd: string | null;
}

export interface WindowsLifecycleData {
  readonly schemaVersion: 1;
  readonly dataVersion: string;
  readonly reviewBy: string;
  readonly sources: readonly DataSource[];
  readonly releases: readonly WindowsRelease[];
}

/** Everything the engine needs; the loader gives the built-in one, tests may pass their own. */
export interface ExchangeKnowledge {
  readonly builds: ExchangeBuildData;
  readonly cves: ExchangeCveData;
  readonly windows: WindowsLifecycleData;
}

// ---------------------------------------------------------------------------------------------------------
// Engine answers
// ---------------------------------------------------------------------------------------------------------

/** Where an observed version sits in the data. */
export type BuildIdentification =
  /** Full build listed in the data. */
  | {
      readonly kind: 'known-build';
      readonly product: ProductRecord;
      readonly level: LevelRecord;
      readonly update: UpdateRecord;
    }
  /** Full build on a known CU, not listed, within the range the data covers (closest known build below). */
  | {
      readonly kind: 'unlisted-build';
      readonly product: ProductRecord;
      readonly level: LevelRecord;
      readonly closestBelow: UpdateRecord;
    }
  /** Full build above the newest one we know on its CU: never a pass. */
  | {
      readonly kind: 'newer-than-data';
      readonly product: ProductRecord;
      readonly level: LevelRecord | null;
      readonly newestKnown: UpdateRecord;
    }
  /** 3-part evidence on a known CU (the SU is unknown). */
  | { readonly kind: 'cu-only'; readonly product: ProductRecord; readonly level: LevelRecord }
  /** A CU number the data does not list: beyond the newest known CU when `newerThanData`. */
  | { readonly kind: 'unknown-level'; readonly product: ProductRecord; readonly newerThanData: boolean }
  /** major.minor only: 15.2 may be 2019 or SE, hence a list. */
  | { readonly kind: 'product-only'; readonly candidates: readonly ProductRecord[] }
  /** A version no Exchange product uses. */
  | { readonly kind: 'not-exchange' };

/** An update a server can install (a CU, or an SU/HU on a CU). */
export interface UpdateToInstall {
  readonly name: string;
  readonly build: string;
  readonly kb: string | null;
  readonly releaseDate: string | null;
  readonly distribution: Distribution;
}

/** The exact action that removes one CVE from this server. */
export type Remedy =
  /** Same CU: install this SU/HU (or any later one on the same CU). */
  | { readonly kind: 'install-update'; readonly update: UpdateToInstall }
  /** The CU never got the fix: move to this CU, then install `thenUpdate` when the CU alone is not enough. */
  | {
      readonly kind: 'upgrade-level';
      readonly level: UpdateToInstall;
      readonly thenUpdate: UpdateToInstall | null;
    }
  /** Fixed by configuration (e.g. Extended Protection); `afterUpdate` first when the build is too old for it. */
  | { readonly kind: 'configure'; readonly action: string; readonly afterUpdate: UpdateToInstall | null }
  /** No update of this product fixes it: move to a supported product. */
  | { readonly kind: 'migrate'; readonly to: string };

export type VerdictKind =
  | 'vulnerable'
  | 'possibly-vulnerable'
  | 'not-vulnerable'
  | 'not-verifiable'
  | 'unknown-build';

/** Why the verdict is what it is (each maps to one message in the check module). */
export type VerdictReason =
  | { readonly kind: 'level-never-fixed'; readonly level: string }
  | { readonly kind: 'below-fix'; readonly fixBuild: string }
  | { readonly kind: 'at-or-above-fix'; readonly fixBuild: string }
  | { readonly kind: 'level-includes-fix'; readonly fixedFromLevel: string }
  /** CU-only evidence: fixed only if `fixBuild` (an SU on that CU) is installed. */
  | { readonly kind: 'cu-needs-update'; readonly fixBuild: string }
  /** Build between the two numbers sources give for the same fixing update. */
  | { readonly kind: 'source-conflict'; readonly lowerBuild: string; readonly fixBuild: string }
  | { readonly kind: 'product-not-affected' }
  | { readonly kind: 'product-not-assessed'; readonly product: string }
  /** Extended Protection / hybrid configuration decide; `defaultProtected` says what the build does by default. */
  | { readonly kind: 'configuration'; readonly defaultProtected: boolean; readonly note: string | null }
  | { readonly kind: 'unknown-level' }
  | { readonly kind: 'newer-than-data' }
  /** Only the product is known: some of its CUs/updates fix it, others do not. */
  | { readonly kind: 'product-only' };

export interface CveVerdict {
  readonly cve: CveRecord;
  readonly verdict: VerdictKind;
  readonly reason: VerdictReason;
  /** null when nothing needs doing (not-vulnerable) or nothing is known (unknown-build without data). */
  readonly remedy: Remedy | null;
}

export interface VerdictSummary {
  readonly vulnerable: number;
  readonly possiblyVulnerable: number;
  readonly notVerifiable: number;
  readonly unknownBuild: number;
  readonly notVulnerable: number;
  /** vulnerable + possiblyVulnerable + notVerifiable + unknownBuild: "3 certain, up to 11 possible". */
  readonly upperBound: number;
}

export type EsuVisibility =
  /** The observed build is an ESU-only update: the organisation is (or was) in the paid programme. */
  | 'esu-build-observed'
  /** Paid Extended Security Updates cannot be seen from outside. */
  | 'not-visible'
  | 'not-applicable';

export type ProductSupport =
  | {
      readonly status: 'out-of-support';
      readonly product: ProductRecord;
      readonly endedOn: string;
      /** ESU period running at `now` for which this level is eligible, if any. */
      readonly esuPeriod: EsuPeriod | null;
      readonly esu: EsuVisibility;
    }
  | {
      readonly status: 'supported';
      readonly product: ProductRecord;
      readonly currentLevels: readonly string[];
      /** false when the observed CU is not one of the current levels; unknown without CU evidence. */
      readonly levelCurrent: boolean | 'unknown';
      readonly note: string;
    }
  | { readonly status: 'unknown'; readonly candidates: readonly ProductRecord[] };

export type WindowsSupport =
  | {
      readonly kind: 'known';
      readonly release: WindowsRelease;
      readonly status: 'mainstream' | 'extended' | 'out-of-support';
      /** Paid ESU may still cover it (cannot be seen from outside). */
      readonly esuPossible: boolean;
    }
  | { readonly kind: 'unknown'; readonly version: string };

export interface ExchangeAssessment {
  readonly observed: ExchangeVersion;
  readonly identification: BuildIdentification;
  readonly support: ProductSupport | null;
  /** Ranked: KEV first, then no authentication, then CVSS (highest first). */
  readonly verdicts: readonly CveVerdict[];
  readonly summary: VerdictSummary;
  /** Newest known update on the observed CU (what to install to be current on it), if any. */
  readonly latestOnLevel: UpdateRecord | null;
  readonly dataVersion: string;
}

export type DataStaleness =
  | { readonly stale: false; readonly reviewBy: string; readonly dataVersion: string }
  | {
      readonly stale: true;
      readonly reviewBy: string;
      readonly dataVersion: string;
      readonly daysPast: number;
    };
