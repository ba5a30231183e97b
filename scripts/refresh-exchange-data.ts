// Rebuilds data/exchange/builds.json and cves.json from public sources' files saved locally (no network):
// a one-time import of the research compilation (--seed), then merges of Microsoft's build CSV, CISA's KEV
// catalogue and CVE JSON 5 records. See docs/exchange-data.md for which files to download and when.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

type Json = Record<string, unknown>;

export interface DiskUpdate {
  build: string;
  update: string | null;
  kind: string;
  name: string;
  kb: string | null;
  releaseDate: string | null;
  distribution: string;
  aliasOf?: string;
  unverified?: boolean;
  sources: string[];
}
export interface DiskLevel {
  name: string;
  baseBuild: string;
  releaseDate: string | null;
  updates: DiskUpdate[];
}
export interface DiskProduct {
  id: string;
  name: string;
  major: number;
  minors: number[];
  levelBy: 'service-pack' | 'cumulative-update';
  minBuild: number;
  maxBuildExclusive: number | null;
  lifecycle: Json;
  lifecycleSource: string;
  levels: DiskLevel[];
}
export interface DiskSource {
  id: string;
  title: string;
  location: string;
  date: string;
}
export interface DiskBuilds {
  schemaVersion: 1;
  dataVersion: string;
  generated: string;
  reviewBy: string;
  sources: DiskSource[];
  conflicts: Json[];
  products: DiskProduct[];
}
export interface DiskCveProduct {
  fixLabel: string;
  fixedIn: { level: string; build: string; conflictingBuild?: string }[];
  fixedFromLevel: string | null;
  levelsWithoutFix: string[];
}
export interface DiskCve {
  id: string;
  aka: string | null;
  title: string;
  cvss: { score: number; vector: string | null; source: string } | null;
  kev: { listed: boolean; dateAdded: string | null; ransomware: boolean };
  authentication: 'none' | 'user' | 'admin';
  authenticationNote: string;
  detectability: 'version' | 'configuration' | 'version-and-configuration';
  detectabilityNote: string | null;
  impact: string;
  mitigation: string | null;
  notes: string | null;
  products: Record<string, DiskCveProduct>;
  notAssessed: string[];
  sources: string[];
}
export interface DiskCves {
  schemaVersion: 1;
  dataVersion: string;
  generated: string;
  reviewBy: string;
  sources: DiskSource[];
  kevCatalogVersion: string;
  cves: DiskCve[];
}

// ---------------------------------------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------------------------------------

/** Accepts short (15.1.2507.6) and long (15.01.2507.006) forms; returns the short form. */
export function normaliseBuild(text: string): string | null {
  const match = /^(\d{1,2})\.(\d{1,2})\.(\d{1,4})\.(\d{1,4})$/.exec(text.trim());
  if (!match) return null;
  return match.slice(1, 5).map(Number).join('.');
}

function partsOf(build: string): number[] {
  return build.split('.').map(Number);
}

export function compareBuildText(a: string, b: string): number {
  const x = partsOf(a);
  const y = partsOf(b);
  for (let i = 0; i < 4; i++) {
    const diff = (x[i] ?? 0) - (y[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

/** M/D/YYYY (Microsoft CSV) → YYYY-MM-DD. */
export function usDate(text: string): string | null {
  const match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text.trim());
  if (!match) return null;
  return `${match[3]}-${match[1]?.padStart(2, '0')}-${match[2]?.padStart(2, '0')}`;
}

/** The second Tuesday of the month after `date` plus a week: when refreshed data is expected. */
export function nextReviewBy(date: string): string {
  const [year, month] = date.split('-').map(Number);
  const first = new Date(Date.UTC(year ?? 2000, month ?? 1, 1));
  const offset = (2 - first.getUTCDay() + 7) % 7;
  first.setUTCDate(1 + offset + 7 + 7);
  return first.toISOString().slice(0, 10);
}

function productOfBuild(data: DiskBuilds, build: string): DiskProduct | undefined {
  const [major, minor, number] = partsOf(build);
  return data.products.find(
    (product) =>
      product.major === major &&
      product.minors.includes(minor ?? -1) &&
      (number ?? 0) >= product.minBuild &&
      (product.maxBuildExclusive === null || (number ?? 0) < product.maxBuildExclusive),
  );
}

function levelOfBuild(product: DiskProduct, build: string): DiskLevel | undefined {
  const parts = partsOf(build);
  const key = product.levelBy === 'service-pack' ? 2 : 3;
  const candidates = product.levels.filter((level) =>
    partsOf(level.baseBuild)
      .slice(0, key)
      .every((part, index) => part === parts[index]),
  );
  return candidates.at(-1);
}

function sortLevels(product: DiskProduct): void {
  product.levels.sort((a, b) => compareBuildText(a.baseBuild, b.baseBuild));
  for (const level of product.levels) level.updates.sort((a, b) => compareBuildText(a.build, b.build));
}

// ---------------------------------------------------------------------------------------------------------
// Seed: the research compilation (../shared/data/exchange) reshaped to our schema
// ---------------------------------------------------------------------------------------------------------

const productIds: Record<string, string> = {
  'Exchange Server 2010': 'exchange-2010',
  'Exchange Server 2013': 'exchange-2013',
  'Exchange Server 2016': 'exchange-2016',
  'Exchange Server 2019': 'exchange-2019',
  'Exchange Server SE': 'exchange-se',
};

type VersionMatch = Pick<DiskProduct, 'major' | 'minors' | 'levelBy' | 'minBuild' | 'maxBuildExclusive'>;

function matchOf(id: string): VersionMatch {
  const match = versionMatch[id];
  if (!match) throw new Error(`no version range for ${id}`);
  return match;
}

const versionMatch: Record<string, VersionMatch> = {
  'exchange-2007': {
    major: 8,
    minors: [0, 1, 2, 3],
    levelBy: 'service-pack',
    minBuild: 0,
    maxBuildExclusive: null,
  },
  'exchange-2010': {
    major: 14,
    minors: [0, 1, 2, 3],
    levelBy: 'service-pack',
    minBuild: 0,
    maxBuildExclusive: null,
  },
  'exchange-2013': {
    major: 15,
    minors: [0],
    levelBy: 'cumulative-update',
    minBuild: 0,
    maxBuildExclusive: null,
  },
  'exchange-2016': {
    major: 15,
    minors: [1],
    levelBy: 'cumulative-update',
    minBuild: 0,
    maxBuildExclusive: null,
  },
  'exchange-2019': {
    major: 15,
    minors: [2],
    levelBy: 'cumulative-update',
    minBuild: 0,
    maxBuildExclusive: 2562,
  },
  'exchange-se': {
    major: 15,
    minors: [2],
    levelBy: 'cumulative-update',
    minBuild: 2562,
    maxBuildExclusive: null,
  },
};

const seedSources: DiskSource[] = [
  {
    id: 'ms-csv',
    title: 'Microsoft Get-ExchangeBuildNumber build list',
    location: 'github.com/microsoft/Get-ExchangeBuildNumber ExchangeBuildNumbers.csv (commit a2c819b)',
    date: '2026-08-19',
  },
  {
    id: 'css-exchange',
    title: 'CSS-Exchange HealthChecker build dictionary and SU→CVE map',
    location:
      'github.com/microsoft/CSS-Exchange Shared/Get-ExchangeBuildVersionInformation.ps1, Diagnostics/HealthChecker/Analyzer/Security/Invoke-AnalyzerSecurityCveCheck.ps1 (commit f88378b)',
    date: '2026-04-02',
  },
  {
    id: 'righel-msdocs',
    title:
      "Microsoft 'Exchange Server build numbers and release dates' page, via righel/ms-exchange-version-nse",
    location:
      'github.com/righel/ms-exchange-version-nse ms-exchange-unique-versions-dict.json (commit c5a7ccf)',
    date: '2026-08-20',
  },
  {
    id: 'righel-eightwone',
    title:
      'eightwone.com build list, via righel/ms-exchange-version-nse (month-only dates, pre-2021 interim SUs)',
    location:
      'github.com/righel/ms-exchange-version-nse ms-exchange-unique-versions-dict.json (commit c5a7ccf)',
    date: '2026-08-20',
  },
  {
    id: 'thirdparty-blog',
    title: 'Blog copies of the Exchange Team post on the September 2026 SUs (unverified)',
    location: 'rafaelpfister.ch, September/October 2026 posts',
    date: '2026-10-02',
  },
  {
    id: 'ms-lifecycle',
    title: 'Microsoft lifecycle data for Exchange Server 2010/2013/2016/2019',
    location: 'github.com/MicrosoftDocs lifecycle-data exchange-server-*.yml',
    date: '2026-11-27',
  },
];

const cveSeedSources: DiskSource[] = [
  {
    id: 'cvelist',
    title: 'CVE records (Microsoft CNA, CISA-ADP containers)',
    location: 'github.com/CVEProject/cvelistV5',
    date: '2026-11-27',
  },
  {
    id: 'kev',
    title: 'CISA Known Exploited Vulnerabilities catalogue',
    location: 'github.com/cisagov/kev-data known_exploited_vulnerabilities.json (catalogVersion 2025.08.25)',
    date: '2025-08-25',
  },
  seedSources[1] as DiskSource,
  seedSources[0] as DiskSource,
];

/** Interim measures per CVE (Microsoft tools and advisories named in the research notes). */
const mitigations: Record<string, string> = {
  proxylogon:
    "Until the update is installed: apply Microsoft's Exchange On-premises Mitigation Tool (EOMT) URL Rewrite mitigations and restrict untrusted inbound HTTPS to Exchange (VPN or pre-authenticating reverse proxy); afterwards look for compromise with CSS-Exchange Test-ProxyLogon.ps1.",
  noInterim:
    'No interim mitigation replaces the update: until it is installed, keep OWA, ECP, EWS and Autodiscover behind a VPN or a pre-authenticating reverse proxy.',
  proxynotshell:
    "Interim only: the Exchange Emergency Mitigation Service rule M1 / EOMTv2 URL Rewrite rule blocking '.*autodiscover\\.json.*Powershell.*' (bypassed by OWASSRF, CVE-2022-41080) and disabling remote PowerShell for non-administrators.",
  owassrf:
    'The ProxyNotShell URL Rewrite rules do not block it: until updated, disable remote PowerShell for non-administrators and keep OWA off the internet.',
  privexchange:
    'Microsoft advisory ADV190007: block EWS push subscriptions with a throttling policy (EwsMaxSubscriptions 0) until the update is installed.',
  extendedProtection:
    'Enable Extended Protection on the Exchange virtual directories (CSS-Exchange ExchangeExtendedProtectionManagement.ps1); it is on by default from Exchange 2019 CU14 and in Exchange Server SE.',
  hybrid:
    "Install the April 2025 hotfix update (or later), switch to the dedicated Exchange hybrid application and reset the shared service principal's keyCredentials (CISA Emergency Directive ED 25-02).",
  owaXss:
    'Interim: Exchange Emergency Mitigation Service rule M2.1.0 or the EOMT script (URL Rewrite adding a Content-Security-Policy header to OWA); Microsoft advised keeping it after patching.',
};

const mitigationOf: Record<string, string> = {
  'CVE-2021-26855': 'proxylogon',
  'CVE-2021-26857': 'proxylogon',
  'CVE-2021-26858': 'proxylogon',
  'CVE-2021-27065': 'proxylogon',
  'CVE-2022-41040': 'proxynotshell',
  'CVE-2022-41082': 'proxynotshell',
  'CVE-2022-41080': 'owassrf',
  'CVE-2018-8581': 'privexchange',
  'CVE-2024-21410': 'extendedProtection',
  'CVE-2025-53786': 'hybrid',
  'CVE-2026-42897': 'owaXss',
};

/** Microsoft stated these products were not affected (CSS-Exchange Test-ProxyLogon docs: 2010 only by 26857). */
const knownNotAffected: Record<string, readonly string[]> = {
  'CVE-2021-26855': ['exchange-2010'],
  'CVE-2021-26858': ['exchange-2010'],
  'CVE-2021-27065': ['exchange-2010'],
};

function str(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function mapKind(type: string): string | null {
  switch (type) {
    case 'CU-alt':
      return 'CU';
    case 'Preview':
      return null;
    default:
      return type;
  }
}

function mapDistribution(value: string): string {
  if (value === 'ESU-period-1-only') return 'esu-period-1';
  if (value === 'ESU-period-2-only') return 'esu-period-2';
  return 'public';
}

function productName(id: string): string {
  return id === 'exchange-se' ? 'Exchange Server SE' : `Exchange Server ${id.slice('exchange-'.length)}`;
}

function seedLifecycle(id: string, raw: Json): Json {
  if (id === 'exchange-se') {
    return {
      policy: 'modern',
      start: str(raw.start) ?? '2025-07-01',
      currentLevels: ['RTM'],
      note: 'Modern Lifecycle Policy: supported while kept current. Security updates are released for the latest CU and the one before it; as of this data only RTM exists (CU1 announced for H2 2026, CU2 for H1 2027, which will block coexistence with 2016/2019).',
    };
  }
  const esu: Json[] = [];
  const rawEsu = raw.esu as Json | undefined;
  for (const key of ['period1', 'period2']) {
    const period = rawEsu?.[key] as Json | undefined;
    if (!period) continue;
    const end = /^\d{4}-\d{2}(-\d{2})?/.exec(String(period.end))?.[0] ?? String(period.end);
    esu.push({ start: period.start, end, eligibleLevels: period.eligibleCUs });
  }
  return {
    policy: 'fixed',
    start: str(raw.start),
    mainstreamEnd: str(raw.mainstreamEnd),
    extendedEnd: raw.extendedEnd,
    esu,
  };
}

/** Reshapes the research builds.json; returns the data and the problems found while verifying it. */
export function seedBuilds(raw: Json): { data: DiskBuilds; problems: string[] } {
  const problems: string[] = [];
  const generated = String(raw.generated);
  const products: DiskProduct[] = [];
  const legacy = (raw.legacyLifecycle as Json)['Exchange Server 2007'] as Json;
  products.push({
    id: 'exchange-2007',
    name: 'Exchange Server 2007',
    ...matchOf('exchange-2007'),
    lifecycle: {
      policy: 'fixed',
      start: null,
      mainstreamEnd: null,
      extendedEnd: legacy.extendedEnd,
      esu: [],
    },
    lifecycleSource: 'general knowledge (not re-verified by the research); builds not imported',
    levels: [],
  });
  for (const rawProduct of raw.products as Json[]) {
    const id = productIds[String(rawProduct.product)];
    if (!id) {
      problems.push(`unknown product ${String(rawProduct.product)}`);
      continue;
    }
    const lifecycle = rawProduct.lifecycle as Json;
    const product: DiskProduct = {
      id,
      name: productName(id),
      ...matchOf(id),
      lifecycle: seedLifecycle(id, lifecycle),
      lifecycleSource: String(lifecycle.source),
      levels: [],
    };
    for (const rawLevel of rawProduct.levels as Json[]) {
      if (rawLevel.level === 'Preview') continue;
      product.levels.push({
        name: String(rawLevel.level),
        baseBuild: String(rawLevel.baseBuild),
        releaseDate: str(rawLevel.releaseDate),
        updates: [],
      });
    }
    for (const rawBuild of rawProduct.builds as Json[]) {
      const kind = mapKind(String(rawBuild.type));
      if (kind === null) continue;
      const build = String(rawBuild.build);
      const level = product.levels.find((candidate) => candidate.name === rawBuild.level);
      if (!level || levelOfBuild(product, build) !== level) {
        problems.push(
          `${build} (${String(rawBuild.name)}) does not belong to ${String(rawBuild.level)}: dropped`,
        );
        continue;
      }
      const precision = String(rawBuild.datePrecision);
      const date = str(rawBuild.releaseDate);
      const update: DiskUpdate = {
        build,
        update: str(rawBuild.update),
        kind,
        name: `${product.name} ${level.name}${rawBuild.update ? ` ${String(rawBuild.update)}` : ''}`,
        kb: str(rawBuild.kb),
        // A date derived from the SU's month is only as precise as the month.
        releaseDate: precision === 'derived-patch-tuesday' && date ? date.slice(0, 7) : date,
        distribution: mapDistribution(String(rawBuild.distribution)),
        sources: (rawBuild.sources as string[]).slice(),
      };
      const alias = str(rawBuild.aliasOf);
      if (alias) update.aliasOf = alias;
      if (rawBuild.type === 'CU-alt') update.aliasOf = level.baseBuild;
      if (rawBuild.unverified === true) update.unverified = true;
      level.updates.push(update);
    }
    products.push(product);
  }
  // The two 2010 SP3 rollups that Microsoft's docs and CSV number differently: the CSV number is primary.
  const ex2010 = products.find((product) => product.id === 'exchange-2010');
  for (const [docs, csv] of [
    ['14.3.266.2', '14.3.266.1'],
    ['14.3.336.0', '14.3.339.0'],
  ] as const) {
    const entry = ex2010?.levels.flatMap((level) => level.updates).find((update) => update.build === docs);
    if (entry) entry.aliasOf = csv;
  }
  for (const product of products) sortLevels(product);
  for (const product of products) {
    for (const level of product.levels) {
      if (!level.updates.some((update) => update.build === level.baseBuild))
        problems.push(`${product.id} ${level.name}: base build ${level.baseBuild} is not among its builds`);
    }
  }
  const conflicts: Json[] = [
    {
      subject: 'Exchange Server 2016 CU8 March 2021 SU build number',
      values: [
        { source: 'ms-csv', value: '15.1.1415.10' },
        { source: 'css-exchange', value: '15.1.1415.8' },
      ],
      chosen: '15.1.1415.10',
      reason:
        'Microsoft documents .10; a server reporting 15.1.1415.8 probably has the update, so it is judged possibly vulnerable, never fixed or certainly vulnerable.',
    },
    {
      subject: 'Exchange Server 2016 CU9 March 2021 SU build number',
      values: [
        { source: 'ms-csv', value: '15.1.1466.16' },
        { source: 'css-exchange', value: '15.1.1466.13' },
      ],
      chosen: '15.1.1466.16',
      reason: 'As for CU8: the lower number is an uncertain zone (possibly vulnerable).',
    },
    {
      subject: 'Exchange Server 2010 SP3 RU11 build number',
      values: [
        { source: 'righel-msdocs', value: '14.3.266.2' },
        { source: 'ms-csv', value: '14.3.266.1' },
      ],
      chosen: 'both listed; 14.3.266.1 primary',
      reason: 'Either number may be seen on a server; no CVE fix depends on it.',
    },
    {
      subject: 'Exchange Server 2010 SP3 RU16 build number',
      values: [
        { source: 'righel-msdocs', value: '14.3.336.0' },
        { source: 'ms-csv', value: '14.3.339.0' },
      ],
      chosen: 'both listed; 14.3.339.0 primary',
      reason: 'Either number may be seen on a server; no CVE fix depends on it.',
    },
    {
      subject: 'Exchange Server 2010 SP2 RU5 listed as 14.3.328.5',
      values: [
        { source: 'righel-msdocs', value: '14.3.328.5' },
        { source: 'ms-csv', value: '14.2.328.5' },
      ],
      chosen: '14.2.328.5',
      reason: 'SP2 builds are 14.2.x; 14.3.328.5 is a transcription error and is dropped.',
    },
    {
      subject: 'Exchange Server 2019 CU9 base build',
      values: [
        { source: 'ms-csv', value: '15.2.858.5' },
        { source: 'righel-eightwone', value: '15.2.858.2' },
      ],
      chosen: '15.2.858.5',
      reason: 'Microsoft lists .5; .2 is kept as an alias of the CU (month-only date).',
    },
    {
      subject: 'Updates after August 2026',
      values: [
        { source: 'thirdparty-blog', value: 'Sep26SU and Sep26SUv2 for SE RTM, 2019 CU14/CU15, 2016 CU23' },
        { source: 'ms-csv', value: 'list ends with the August 2026 SU' },
      ],
      chosen: 'listed, marked unverified',
      reason: 'Nothing was found for October/November 2026: the list may be incomplete after August 2026.',
    },
  ];
  return {
    data: {
      schemaVersion: 1,
      dataVersion: generated,
      generated,
      reviewBy: nextReviewBy(generated),
      sources: seedSources,
      conflicts,
      products,
    },
    problems,
  };
}

function authenticationOf(vector: string | null, note: string): 'none' | 'user' | 'admin' {
  // The research wording is preferred: some CVSS vectors (CISA-ADP) disagree with how the bug is used.
  if (note.startsWith('none')) return 'none';
  if (/mailbox user|authenticated|^user/.test(note)) return 'user';
  if (/admin/.test(note)) return 'admin';
  const privileges = vector ? /PR:([NLH])/.exec(vector)?.[1] : undefined;
  if (privileges === 'N') return 'none';
  if (privileges === 'H') return 'admin';
  return 'user';
}

function detectabilityOf(text: string): DiskCve['detectability'] {
  if (text.startsWith('version + config')) return 'version-and-configuration';
  if (text.startsWith('config')) return 'configuration';
  return 'version';
}

function firstFixDate(cve: Json, builds: DiskBuilds): string | null {
  const dates: string[] = [];
  for (const entry of Object.values(cve.products as Record<string, Json>)) {
    for (const fix of entry.fixedIn as Json[]) {
      const date = str(fix.releaseDate) ?? findUpdate(builds, String(fix.build))?.releaseDate ?? null;
      if (date) dates.push(date);
    }
  }
  return dates.sort()[0] ?? null;
}

function findUpdate(builds: DiskBuilds, build: string): DiskUpdate | undefined {
  for (const product of builds.products)
    for (const level of product.levels)
      for (const update of level.updates) if (update.build === build) return update;
  return undefined;
}

/** Reshapes the research cves.json against the reshaped builds; returns the problems found while verifying. */
export function seedCves(raw: Json, builds: DiskBuilds): { data: DiskCves; problems: string[] } {
  const problems: string[] = [];
  const conflictLower: Record<string, string> = {
    '15.1.1415.10': '15.1.1415.8',
    '15.1.1466.16': '15.1.1466.13',
  };
  const cves: DiskCve[] = [];
  for (const rawCve of raw.cves as Json[]) {
    const id = String(rawCve.cve);
    const products: Record<string, DiskCveProduct> = {};
    for (const [name, rawEntry] of Object.entries(rawCve.products as Record<string, Json>)) {
      const productId = productIds[name];
      const product = builds.products.find((candidate) => candidate.id === productId);
      if (!productId || !product) {
        problems.push(`${id}: unknown product ${name}`);
        continue;
      }
      const levelNames = product.levels.map((level) => level.name);
      const fixedIn = (rawEntry.fixedIn as Json[]).map((fix) => {
        const build = String(fix.build);
        const level = String(fix.level);
        if (!levelNames.includes(level)) problems.push(`${id} ${productId}: unknown level ${level}`);
        else if (levelOfBuild(product, build)?.name !== level)
          problems.push(`${id} ${productId}: fix ${build} is not on ${level}`);
        if (!findUpdate(builds, build))
          problems.push(`${id} ${productId}: fix build ${build} is not in builds.json`);
        const lower = conflictLower[build];
        return lower ? { level, build, conflictingBuild: lower } : { level, build };
      });
      const from = rawEntry.allBuildsFixedFromLevel as Json | null;
      const fixedFromLevel = from ? String(from.level) : null;
      const without = (rawEntry.levelsWithoutFix as string[]).filter((level) => level !== 'Preview');
      for (const level of without)
        if (!levelNames.includes(level))
          problems.push(`${id} ${productId}: unknown level without fix ${level}`);
      const entry: DiskCveProduct = {
        fixLabel: String(rawEntry.fixLabel),
        fixedIn,
        fixedFromLevel,
        levelsWithoutFix: without,
      };
      if (detectabilityOf(String(rawCve.externalDetectability)) !== 'configuration')
        checkCoverage(id, product, entry, problems);
      products[productId] = entry;
    }
    const firstFix = firstFixDate(rawCve, builds);
    const notAssessed = builds.products
      .filter((product) => !(product.id in products))
      .filter((product) => !(knownNotAffected[id] ?? []).includes(product.id))
      .filter((product) => {
        const end = product.lifecycle.policy === 'fixed' ? String(product.lifecycle.extendedEnd) : null;
        return end !== null && firstFix !== null && firstFix > end;
      })
      .map((product) => product.id);
    const cvss = rawCve.cvss as Json | undefined;
    const kev = rawCve.kev as Json;
    const authNote = String(rawCve.authRequired);
    const detectText = String(rawCve.externalDetectability);
    const vector = cvss ? str(cvss.vector) : null;
    const mitigationKey = mitigationOf[id] ?? 'noInterim';
    cves.push({
      id,
      aka: str(rawCve.aka),
      title: String(rawCve.title),
      cvss: cvss ? { score: Number(cvss.score), vector, source: String(cvss.source) } : null,
      kev: {
        listed: kev.listed === true,
        dateAdded: str(kev.dateAdded),
        ransomware: kev.knownRansomwareCampaignUse === 'Known',
      },
      authentication: authenticationOf(vector, authNote),
      authenticationNote: authNote,
      detectability: detectabilityOf(detectText),
      detectabilityNote: detectText === 'version' ? null : detectText,
      impact: String(rawCve.impact),
      mitigation: mitigations[mitigationKey] ?? null,
      notes: str(rawCve.notes),
      products,
      notAssessed,
      sources: (rawCve.sources as string[]).slice(),
    });
  }
  const snapshot = raw.kevCatalogSnapshot as Json;
  const generated = String(raw.generated);
  return {
    data: {
      schemaVersion: 1,
      dataVersion: generated,
      generated,
      reviewBy: nextReviewBy(generated),
      sources: cveSeedSources,
      kevCatalogVersion: String(snapshot.catalogVersion),
      cves,
    },
    problems,
  };
}

/** Every level of an affected product must be exactly one of: never fixed, fixed by an update, fixed from a CU. */
function checkCoverage(id: string, product: DiskProduct, entry: DiskCveProduct, problems: string[]): void {
  if (entry.fixedIn.length === 0 && entry.fixedFromLevel === null && entry.levelsWithoutFix.length === 0)
    return;
  const fromIndex =
    entry.fixedFromLevel === null
      ? -1
      : product.levels.findIndex((level) => level.name === entry.fixedFromLevel);
  product.levels.forEach((level, index) => {
    const ways =
      Number(entry.levelsWithoutFix.includes(level.name)) +
      Number(entry.fixedIn.some((fix) => fix.level === level.name)) +
      Number(fromIndex >= 0 && index >= fromIndex);
    // A CU can both be the fixed-from level and list its own base build as the fix (CVE-2024-21410).
    if (ways === 0) problems.push(`${id} ${product.id}: level ${level.name} is not covered`);
    if (ways > 1 && !entry.fixedIn.some((fix) => fix.build === level.baseBuild))
      problems.push(`${id} ${product.id}: level ${level.name} is covered twice`);
  });
}

// ---------------------------------------------------------------------------------------------------------
// Refresh from public files
// ---------------------------------------------------------------------------------------------------------

const csvProduct: Record<string, string> = {
  'Exchange 2007': 'exchange-2007',
  'Exchange 2010': 'exchange-2010',
  'Exchange 2013': 'exchange-2013',
  'Exchange 2016': 'exchange-2016',
  'Exchange 2019': 'exchange-2019',
  'Exchange SE': 'exchange-se',
};

function csvFields(line: string): string[] {
  const fields: string[] = [];
  let current = '';
  let quoted = false;
  for (const char of line) {
    if (char === '"') quoted = !quoted;
    else if (char === ',' && !quoted) {
      fields.push(current);
      current = '';
    } else current += char;
  }
  fields.push(current);
  return fields;
}

/**
 * Adds the builds of Microsoft's ExchangeBuildNumbers.csv (Product Name,Build Number,Date,KB,Blog) that the
 * data lacks: a new CU becomes a level, an SU/HU joins its level. Returns what was added.
 */
export function mergeMicrosoftCsv(data: DiskBuilds, csv: string): string[] {
  const added: string[] = [];
  const lines = csv.split(/\r?\n/).filter((line) => line.trim() !== '');
  for (const line of lines.slice(1)) {
    const [name = '', rawBuild = '', rawDate = '', rawKb = ''] = csvFields(line);
    const build = normaliseBuild(rawBuild);
    const productKey = Object.keys(csvProduct).find((key) => name.startsWith(`${key} `));
    if (!build || !productKey) continue;
    const product = data.products.find((candidate) => candidate.id === csvProduct[productKey]);
    if (!product || productOfBuild(data, build) !== product) continue;
    if (findUpdate(data, build)) continue;
    const words = name.slice(productKey.length + 1).split(' ');
    const levelName = words[0] ?? '';
    if (levelName === 'Preview') continue;
    const updateName = words.length > 1 ? words.slice(1).join(' ') : null;
    const date = usDate(rawDate);
    const kb = rawKb.trim() === '' ? null : rawKb.trim();
    let level = product.levels.find((candidate) => candidate.name === levelName);
    if (!level) {
      if (updateName !== null) continue;
      level = { name: levelName, baseBuild: build, releaseDate: date, updates: [] };
      product.levels.push(level);
    }
    const kind =
      updateName === null
        ? levelName.replace(/\d+$/, '')
        : /HU/.test(updateName)
          ? 'HU'
          : /^RU/.test(updateName)
            ? 'RU'
            : 'SU';
    const after = product.lifecycle.policy === 'fixed' ? String(product.lifecycle.extendedEnd) : null;
    level.updates.push({
      build,
      update: updateName,
      kind,
      name: `${product.name} ${level.name}${updateName ? ` ${updateName}` : ''}`,
      kb,
      releaseDate: date,
      // Microsoft ships 2016/2019 updates after their end of support only to paying ESU customers.
      distribution: after !== null && date !== null && date > after ? 'esu-period-2' : 'public',
      sources: ['ms-csv'],
    });
    added.push(`${build} ${name}`);
    sortLevels(product);
  }
  // Under the Modern Lifecycle the latest CU and the one before it receive security updates.
  for (const product of data.products) {
    if (product.lifecycle.policy === 'modern')
      product.lifecycle.currentLevels = product.levels.slice(-2).map((level) => level.name);
  }
  return added;
}

/** Updates KEV flags from CISA's known_exploited_vulnerabilities.json. Returns what changed. */
export function mergeKev(data: DiskCves, kev: Json): string[] {
  const changed: string[] = [];
  const entries = new Map<string, Json>();
  for (const vulnerability of (kev.vulnerabilities as Json[] | undefined) ?? [])
    entries.set(String(vulnerability.cveID), vulnerability);
  for (const cve of data.cves) {
    const entry = entries.get(cve.id);
    if (!entry) continue;
    const next = {
      listed: true,
      dateAdded: str(entry.dateAdded),
      ransomware: entry.knownRansomwareCampaignUse === 'Known',
    };
    if (JSON.stringify(next) !== JSON.stringify(cve.kev)) changed.push(cve.id);
    cve.kev = next;
  }
  data.kevCatalogVersion = String(kev.catalogVersion ?? data.kevCatalogVersion);
  return changed;
}

function cvssOf(record: Json): DiskCve['cvss'] {
  const containers = record.containers as Json | undefined;
  const cna = containers?.cna as Json | undefined;
  for (const metric of (cna?.metrics as Json[] | undefined) ?? []) {
    const cvss = metric.cvssV3_1 as Json | undefined;
    if (cvss)
      return { score: Number(cvss.baseScore), vector: str(cvss.vectorString), source: 'cvelistV5 (CNA)' };
  }
  return null;
}

/**
 * Merges one CVE JSON 5 record from Microsoft's CNA ("Microsoft Exchange Server 2019 Cumulative Update 14",
 * versions lessThan the fixed build). A new CVE gets placeholder texts to review (impact, mitigation).
 */
export function mergeCveRecord(data: DiskCves, builds: DiskBuilds, record: Json): string[] {
  const notes: string[] = [];
  const meta = record.cveMetadata as Json | undefined;
  const id = String(meta?.cveId);
  const cna = (record.containers as Json | undefined)?.cna as Json | undefined;
  let cve = data.cves.find((candidate) => candidate.id === id);
  if (!cve) {
    const title = str(cna?.title) ?? id;
    const cvss = cvssOf(record);
    cve = {
      id,
      aka: null,
      title,
      cvss,
      kev: { listed: false, dateAdded: null, ransomware: false },
      authentication: authenticationOf(cvss?.vector ?? null, ''),
      authenticationNote: 'from the CVSS vector',
      detectability: 'version',
      detectabilityNote: null,
      impact: `REVIEW: ${title}`,
      mitigation: mitigations.noInterim ?? null,
      notes: null,
      products: {},
      notAssessed: [],
      sources: ['cvelist'],
    };
    data.cves.push(cve);
    notes.push(`${id}: new CVE, review impact/aka/mitigation`);
  }
  for (const affected of (cna?.affected as Json[] | undefined) ?? []) {
    const productText = String(affected.product ?? '');
    const match =
      /Exchange Server (2013|2016|2019|Subscription Edition|SE)(?: Cumulative Update (\d+))?/.exec(
        productText,
      );
    if (!match) continue;
    const productId =
      match[1] === '2013' || match[1] === '2016' || match[1] === '2019'
        ? `exchange-${match[1]}`
        : 'exchange-se';
    const product = builds.products.find((candidate) => candidate.id === productId);
    if (!product) continue;
    const levelName = match[2] ? `CU${match[2]}` : 'RTM';
    for (const version of (affected.versions as Json[] | undefined) ?? []) {
      const fix = normaliseBuild(String(version.lessThan ?? ''));
      if (!fix || version.status !== 'affected') continue;
      const level = levelOfBuild(product, fix);
      if (!level) {
        notes.push(`${id}: fix ${fix} is on a CU the build data lacks (merge the build CSV first)`);
        continue;
      }
      if (level.name !== levelName && !level.name.startsWith(`${levelName}/`))
        notes.push(`${id}: record says ${levelName} but ${fix} is on ${level.name} (record typo?)`);
      const entry = cve.products[productId] ?? {
        fixLabel: findUpdate(builds, fix)?.update ?? fix,
        fixedIn: [],
        fixedFromLevel: null,
        levelsWithoutFix: [],
      };
      cve.products[productId] = entry;
      const existing = entry.fixedIn.find((candidate) => candidate.level === level.name);
      if (existing && existing.build !== fix) {
        notes.push(`${id} ${productId} ${level.name}: fix ${existing.build} → ${fix}`);
        existing.build = fix;
      } else if (!existing) {
        entry.fixedIn.push({ level: level.name, build: fix });
        entry.levelsWithoutFix = entry.levelsWithoutFix.filter((name) => name !== level.name);
        notes.push(`${id} ${productId} ${level.name}: fixed in ${fix}`);
      }
    }
  }
  // Products out of support before publication are absent from Microsoft's records because nobody assessed them.
  const published = str(meta?.datePublished)?.slice(0, 10) ?? null;
  if (published !== null) {
    cve.notAssessed = builds.products
      .filter((product) => !(product.id in cve.products))
      .filter(
        (product) =>
          product.lifecycle.policy === 'fixed' && String(product.lifecycle.extendedEnd) < published,
      )
      .map((product) => product.id);
  }
  // Levels of an affected product that the record does not mention and that predate its fixes never got one.
  for (const [productId, entry] of Object.entries(cve.products)) {
    const product = builds.products.find((candidate) => candidate.id === productId);
    if (!product || entry.fixedIn.length === 0) continue;
    const lowest = entry.fixedIn.map((fix) => fix.build).sort(compareBuildText)[0] ?? '';
    for (const level of product.levels) {
      const covered =
        entry.fixedIn.some((fix) => fix.level === level.name) || entry.levelsWithoutFix.includes(level.name);
      const fromIndex = product.levels.findIndex((candidate) => candidate.name === entry.fixedFromLevel);
      const fixedFrom = fromIndex >= 0 && product.levels.indexOf(level) >= fromIndex;
      if (!covered && !fixedFrom && compareBuildText(level.baseBuild, lowest) < 0)
        entry.levelsWithoutFix.push(level.name);
    }
  }
  return notes;
}

// ---------------------------------------------------------------------------------------------------------
// Command line
// ---------------------------------------------------------------------------------------------------------

interface Options {
  seed: [string, string] | null;
  csv: string | null;
  kev: string | null;
  cves: string[];
  dataDir: string;
  date: string;
}

export function parseArguments(argv: readonly string[]): Options {
  const options: Options = {
    seed: null,
    csv: null,
    kev: null,
    cves: [],
    dataDir: 'data/exchange',
    date: new Date().toISOString().slice(0, 10),
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = (): string => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${flag} needs a value`);
      return next;
    };
    if (flag === '--seed') options.seed = [value(), value()];
    else if (flag === '--ms-csv') options.csv = value();
    else if (flag === '--kev') options.kev = value();
    else if (flag === '--cve') options.cves.push(value());
    else if (flag === '--data-dir') options.dataDir = value();
    else if (flag === '--date') options.date = value();
    else throw new Error(`unknown argument ${String(flag)}`);
  }
  return options;
}

function readJson(path: string): Json {
  return JSON.parse(readFileSync(path, 'utf8')) as Json;
}

/** Runs a refresh; returns the log lines. Files are only written at the end, when everything parsed. */
export function refresh(options: Options): string[] {
  const log: string[] = [];
  let builds: DiskBuilds;
  let cves: DiskCves;
  if (options.seed) {
    const seededBuilds = seedBuilds(readJson(options.seed[0]));
    const seededCves = seedCves(readJson(options.seed[1]), seededBuilds.data);
    builds = seededBuilds.data;
    cves = seededCves.data;
    log.push(...seededBuilds.problems.map((line) => `builds: ${line}`));
    log.push(...seededCves.problems.map((line) => `cves: ${line}`));
  } else {
    builds = readJson(join(options.dataDir, 'builds.json')) as unknown as DiskBuilds;
    cves = readJson(join(options.dataDir, 'cves.json')) as unknown as DiskCves;
  }
  let refreshed = false;
  if (options.csv) {
    log.push(
      ...mergeMicrosoftCsv(builds, readFileSync(options.csv, 'utf8')).map((line) => `added build ${line}`),
    );
    for (const source of builds.sources) if (source.id === 'ms-csv') source.date = options.date;
    refreshed = true;
  }
  if (options.kev) {
    log.push(...mergeKev(cves, readJson(options.kev)).map((id) => `KEV changed: ${id}`));
    for (const source of cves.sources) if (source.id === 'kev') source.date = options.date;
    refreshed = true;
  }
  for (const path of options.cves) {
    log.push(...mergeCveRecord(cves, builds, readJson(path)));
    refreshed = true;
  }
  if (refreshed) {
    for (const data of [builds, cves]) {
      data.dataVersion = options.date;
      data.generated = options.date;
      data.reviewBy = nextReviewBy(options.date);
    }
  }
  writeFileSync(join(options.dataDir, 'builds.json'), `${JSON.stringify(builds, null, 2)}\n`);
  writeFileSync(join(options.dataDir, 'cves.json'), `${JSON.stringify(cves, null, 2)}\n`);
  return log;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    for (const line of refresh(parseArguments(process.argv.slice(2)))) console.log(line);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(2);
  }
}
