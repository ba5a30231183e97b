// The built-in Exchange knowledge base (data/exchange/*.json), validated on import: a newer schema than this
// code understands, or a malformed entry, fails loudly instead of producing wrong verdicts.

import rawBuilds from '../../../data/exchange/builds.json' with { type: 'json' };
import rawCves from '../../../data/exchange/cves.json' with { type: 'json' };
import rawWindows from '../../../data/exchange/windows.json' with { type: 'json' };
import { compareBuilds, parseFullBuild } from '../../protocols/exchange-build/build-number.js';
import type {
  Authentication,
  CveFix,
  CveProductEntry,
  CveRecord,
  DataConflict,
  DataSource,
  DataStaleness,
  Detectability,
  Distribution,
  EsuPeriod,
  ExchangeBuildData,
  ExchangeCveData,
  ExchangeKnowledge,
  ExchangeProductId,
  FullBuild,
  LevelRecord,
  ProductLifecycle,
  ProductRecord,
  UpdateKind,
  UpdateRecord,
  WindowsLifecycleData,
  WindowsRelease,
} from '../../protocols/exchange-build/types.js';
import { readDatasetHeader } from '../dataset-header.js';

/** The schema version this code reads; a file with a higher one needs a newer telltale. */
export const supportedSchemaVersion = 1;

export class ExchangeDataError extends Error {
  override readonly name = 'ExchangeDataError';
}

type Json = Record<string, unknown>;

const productIds: readonly ExchangeProductId[] = [
  'exchange-2007',
  'exchange-2010',
  'exchange-2013',
  'exchange-2016',
  'exchange-2019',
  'exchange-se',
];
const updateKinds: readonly UpdateKind[] = ['RTM', 'SP', 'CU', 'RU', 'SU', 'HU', 'SU-interim'];
const distributions: readonly Distribution[] = ['public', 'esu-period-1', 'esu-period-2'];
const datePattern = /^\d{4}-\d{2}-\d{2}$/;
const monthOrDatePattern = /^\d{4}-\d{2}(-\d{2})?$/;

/** Reads one file's fields, naming the file and the path of the first problem. */
class Reader {
  constructor(
    private readonly file: string,
    /** The dataset's name in reports (DatasetInfo.name). */
    private readonly dataset: string,
  ) {}

  fail(where: string, problem: string): never {
    throw new ExchangeDataError(`data/exchange/${this.file}: ${where} ${problem}`);
  }

  record(value: unknown, where: string): Json {
    if (value === null || typeof value !== 'object' || Array.isArray(value))
      this.fail(where, 'must be an object');
    return value as Json;
  }

  list(value: unknown, where: string): readonly unknown[] {
    if (!Array.isArray(value)) this.fail(where, 'must be a list');
    return value;
  }

  string(value: unknown, where: string): string {
    if (typeof value !== 'string' || value === '') this.fail(where, 'must be a non-empty string');
    return value;
  }

  optionalString(value: unknown, where: string): string | null {
    return value === null || value === undefined ? null : this.string(value, where);
  }

  number(value: unknown, where: string): number {
    if (typeof value !== 'number' || !Number.isFinite(value)) this.fail(where, 'must be a number');
    return value;
  }

  date(value: unknown, where: string, pattern: RegExp = datePattern): string {
    const text = this.string(value, where);
    if (!pattern.test(text))
      this.fail(where, `"${text}" is not a ${pattern === datePattern ? 'YYYY-MM-DD' : 'YYYY-MM[-DD]'} date`);
    return text;
  }

  optionalDate(value: unknown, where: string, pattern: RegExp = datePattern): string | null {
    return value === null || value === undefined ? null : this.date(value, where, pattern);
  }

  build(value: unknown, where: string): FullBuild {
    const text = this.string(value, where);
    const parts = parseFullBuild(text);
    if (!parts) this.fail(where, `"${text}" is not a four-part build number`);
    return parts;
  }

  oneOf<T extends string>(value: unknown, allowed: readonly T[], where: string): T {
    if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value))
      this.fail(where, `must be one of ${allowed.join(', ')}`);
    return value as T;
  }

  strings(value: unknown, where: string): readonly string[] {
    return this.list(value, where).map((item, index) => this.string(item, `${where}[${index}]`));
  }

  /** Schema version first (readDatasetHeader): a newer file is refused with a message that says what to do. */
  header(data: unknown): {
    root: Json;
    dataVersion: string;
    reviewBy: string;
    sources: readonly DataSource[];
  } {
    const { header, root } = readDatasetHeader(data, {
      name: this.dataset,
      file: `data/exchange/${this.file}`,
      supportedSchemaVersion,
      error: (message) => new ExchangeDataError(message),
    });
    const sources = this.list(root.sources, 'sources').map((value, index) => {
      const source = this.record(value, `sources[${index}]`);
      return {
        id: this.string(source.id, `sources[${index}].id`),
        title: this.string(source.title, `sources[${index}].title`),
        location: this.string(source.location, `sources[${index}].location`),
        date: this.date(source.date, `sources[${index}].date`),
      };
    });
    return { root, dataVersion: header.dataVersion, reviewBy: header.reviewBy, sources };
  }
}

function parseLifecycle(read: Reader, value: unknown, where: string): ProductLifecycle {
  const lifecycle = read.record(value, where);
  const policy = read.oneOf(lifecycle.policy, ['fixed', 'modern'] as const, `${where}.policy`);
  switch (policy) {
    case 'fixed': {
      const esu: EsuPeriod[] = read.list(lifecycle.esu, `${where}.esu`).map((item, index) => {
        const period = read.record(item, `${where}.esu[${index}]`);
        return {
          start: read.date(period.start, `${where}.esu[${index}].start`, monthOrDatePattern),
          end: read.date(period.end, `${where}.esu[${index}].end`, monthOrDatePattern),
          eligibleLevels: read.strings(period.eligibleLevels, `${where}.esu[${index}].eligibleLevels`),
        };
      });
      return {
        policy,
        start: read.optionalDate(lifecycle.start, `${where}.start`),
        mainstreamEnd: read.optionalDate(lifecycle.mainstreamEnd, `${where}.mainstreamEnd`),
        extendedEnd: read.date(lifecycle.extendedEnd, `${where}.extendedEnd`),
        esu,
      };
    }
    case 'modern':
      return {
        policy,
        start: read.date(lifecycle.start, `${where}.start`),
        currentLevels: read.strings(lifecycle.currentLevels, `${where}.currentLevels`),
        note: read.string(lifecycle.note, `${where}.note`),
      };
  }
}

function parseUpdate(
  read: Reader,
  value: unknown,
  where: string,
  product: ExchangeProductId,
  level: string,
): UpdateRecord {
  const update = read.record(value, where);
  const build = read.string(update.build, `${where}.build`);
  return {
    build,
    parts: read.build(build, `${where}.build`),
    product,
    level,
    update: read.optionalString(update.update, `${where}.update`),
    kind: read.oneOf(update.kind, updateKinds, `${where}.kind`),
    name: read.string(update.name, `${where}.name`),
    kb: read.optionalString(update.kb, `${where}.kb`),
    releaseDate: read.optionalDate(update.releaseDate, `${where}.releaseDate`, monthOrDatePattern),
    distribution: read.oneOf(update.distribution, distributions, `${where}.distribution`),
    aliasOf: read.optionalString(update.aliasOf, `${where}.aliasOf`),
    unverified: update.unverified === true,
  };
}

function parseProduct(read: Reader, value: unknown, where: string): ProductRecord {
  const product = read.record(value, where);
  const id = read.oneOf(product.id, productIds, `${where}.id`);
  const levels: LevelRecord[] = read.list(product.levels, `${where}.levels`).map((item, index) => {
    const levelWhere = `${where}.levels[${index}]`;
    const level = read.record(item, levelWhere);
    const name = read.string(level.name, `${levelWhere}.name`);
    const updates = read
      .list(level.updates, `${levelWhere}.updates`)
      .map((update, updateIndex) =>
        parseUpdate(read, update, `${levelWhere}.updates[${updateIndex}]`, id, name),
      );
    for (let i = 1; i < updates.length; i++) {
      const previous = updates[i - 1] as UpdateRecord;
      const current = updates[i] as UpdateRecord;
      if (compareBuilds(previous.parts, current.parts) >= 0)
        read.fail(
          `${levelWhere}.updates[${i}]`,
          `${current.build} is not above ${previous.build} (keep them ascending)`,
        );
    }
    return {
      product: id,
      name,
      baseBuild: read.build(level.baseBuild, `${levelWhere}.baseBuild`),
      releaseDate: read.optionalDate(level.releaseDate, `${levelWhere}.releaseDate`, monthOrDatePattern),
      updates,
    };
  });
  for (let i = 1; i < levels.length; i++) {
    if (compareBuilds((levels[i - 1] as LevelRecord).baseBuild, (levels[i] as LevelRecord).baseBuild) >= 0)
      read.fail(`${where}.levels[${i}]`, 'is not above the level before it (keep them ascending)');
  }
  const maxBuild = product.maxBuildExclusive;
  return {
    id,
    name: read.string(product.name, `${where}.name`),
    major: read.number(product.major, `${where}.major`),
    minors: read
      .list(product.minors, `${where}.minors`)
      .map((minor, index) => read.number(minor, `${where}.minors[${index}]`)),
    levelBy: read.oneOf(product.levelBy, ['service-pack', 'cumulative-update'] as const, `${where}.levelBy`),
    minBuild: read.number(product.minBuild, `${where}.minBuild`),
    maxBuildExclusive: maxBuild === null ? null : read.number(maxBuild, `${where}.maxBuildExclusive`),
    lifecycle: parseLifecycle(read, product.lifecycle, `${where}.lifecycle`),
    lifecycleSource: read.string(product.lifecycleSource, `${where}.lifecycleSource`),
    levels,
  };
}

export function parseExchangeBuildData(data: unknown): ExchangeBuildData {
  const read = new Reader('builds.json', 'exchange-builds');
  const { root, dataVersion, reviewBy, sources } = read.header(data);
  const conflicts: DataConflict[] = read.list(root.conflicts, 'conflicts').map((item, index) => {
    const conflict = read.record(item, `conflicts[${index}]`);
    return {
      subject: read.string(conflict.subject, `conflicts[${index}].subject`),
      values: read.list(conflict.values, `conflicts[${index}].values`).map((entry, valueIndex) => {
        const pair = read.record(entry, `conflicts[${index}].values[${valueIndex}]`);
        return {
          source: read.string(pair.source, `conflicts[${index}].values[${valueIndex}].source`),
          value: read.string(pair.value, `conflicts[${index}].values[${valueIndex}].value`),
        };
      }),
      chosen: read.string(conflict.chosen, `conflicts[${index}].chosen`),
      reason: read.string(conflict.reason, `conflicts[${index}].reason`),
    };
  });
  const products = read
    .list(root.products, 'products')
    .map((item, index) => parseProduct(read, item, `products[${index}]`));
  return {
    schemaVersion: 1,
    dataVersion,
    generated: read.date(root.generated, 'generated'),
    reviewBy,
    sources,
    conflicts,
    products,
  };
}

function parseCveProduct(
  read: Reader,
  value: unknown,
  where: string,
  product: ProductRecord | undefined,
): CveProductEntry {
  const entry = read.record(value, where);
  const levelNames = new Set(product?.levels.map((level) => level.name));
  const level = (name: string, at: string): string => {
    if (!levelNames.has(name)) read.fail(at, `names level "${name}" that builds.json does not list`);
    return name;
  };
  const fixedIn: CveFix[] = read.list(entry.fixedIn, `${where}.fixedIn`).map((item, index) => {
    const fix = read.record(item, `${where}.fixedIn[${index}]`);
    const build = read.string(fix.build, `${where}.fixedIn[${index}].build`);
    const conflicting = read.optionalString(
      fix.conflictingBuild,
      `${where}.fixedIn[${index}].conflictingBuild`,
    );
    return {
      level: level(
        read.string(fix.level, `${where}.fixedIn[${index}].level`),
        `${where}.fixedIn[${index}].level`,
      ),
      build,
      parts: read.build(build, `${where}.fixedIn[${index}].build`),
      conflictingBuild:
        conflicting === null ? null : read.build(conflicting, `${where}.fixedIn[${index}].conflictingBuild`),
    };
  });
  const from = read.optionalString(entry.fixedFromLevel, `${where}.fixedFromLevel`);
  return {
    fixLabel: read.string(entry.fixLabel, `${where}.fixLabel`),
    fixedIn,
    fixedFromLevel: from === null ? null : level(from, `${where}.fixedFromLevel`),
    levelsWithoutFix: read
      .strings(entry.levelsWithoutFix, `${where}.levelsWithoutFix`)
      .map((name, index) => level(name, `${where}.levelsWithoutFix[${index}]`)),
  };
}

export function parseExchangeCveData(data: unknown, builds: ExchangeBuildData): ExchangeCveData {
  const read = new Reader('cves.json', 'exchange-cves');
  const { root, dataVersion, reviewBy, sources } = read.header(data);
  const cves: CveRecord[] = read.list(root.cves, 'cves').map((item, index) => {
    const where = `cves[${index}]`;
    const cve = read.record(item, where);
    const id = read.string(cve.id, `${where}.id`);
    if (!/^CVE-\d{4}-\d{4,}$/.test(id)) read.fail(`${where}.id`, `"${id}" is not a CVE ID`);
    const cvss = cve.cvss === null ? null : read.record(cve.cvss, `${where}.cvss`);
    const kev = read.record(cve.kev, `${where}.kev`);
    const products: Partial<Record<ExchangeProductId, CveProductEntry>> = {};
    for (const [key, value] of Object.entries(read.record(cve.products, `${where}.products`))) {
      const productId = read.oneOf(key, productIds, `${where}.products key`);
      const product = builds.products.find((candidate) => candidate.id === productId);
      products[productId] = parseCveProduct(read, value, `${where}.products.${key}`, product);
    }
    return {
      id,
      aka: read.optionalString(cve.aka, `${where}.aka`),
      title: read.string(cve.title, `${where}.title`),
      cvss:
        cvss === null
          ? null
          : {
              score: read.number(cvss.score, `${where}.cvss.score`),
              vector: read.optionalString(cvss.vector, `${where}.cvss.vector`),
              source: read.string(cvss.source, `${where}.cvss.source`),
            },
      kev: {
        listed: kev.listed === true,
        dateAdded: read.optionalDate(kev.dateAdded, `${where}.kev.dateAdded`),
        ransomware: kev.ransomware === true,
      },
      authentication: read.oneOf<Authentication>(
        cve.authentication,
        ['none', 'user', 'admin'],
        `${where}.authentication`,
      ),
      authenticationNote: read.string(cve.authenticationNote, `${where}.authenticationNote`),
      detectability: read.oneOf<Detectability>(
        cve.detectability,
        ['version', 'configuration', 'version-and-configuration'],
        `${where}.detectability`,
      ),
      detectabilityNote: read.optionalString(cve.detectabilityNote, `${where}.detectabilityNote`),
      impact: read.string(cve.impact, `${where}.impact`),
      mitigation: read.optionalString(cve.mitigation, `${where}.mitigation`),
      notes: read.optionalString(cve.notes, `${where}.notes`),
      products,
      notAssessed: read
        .list(cve.notAssessed, `${where}.notAssessed`)
        .map((value, productIndex) => read.oneOf(value, productIds, `${where}.notAssessed[${productIndex}]`)),
      sources: read.strings(cve.sources, `${where}.sources`),
    };
  });
  const seen = new Set<string>();
  for (const cve of cves) {
    if (seen.has(cve.id)) read.fail('cves', `list ${cve.id} twice`);
    seen.add(cve.id);
  }
  return {
    schemaVersion: 1,
    dataVersion,
    generated: read.date(root.generated, 'generated'),
    reviewBy,
    sources,
    kevCatalogVersion: read.string(root.kevCatalogVersion, 'kevCatalogVersion'),
    cves,
  };
}

export function parseWindowsLifecycleData(data: unknown): WindowsLifecycleData {
  const read = new Reader('windows.json', 'windows-lifecycle');
  const { root, dataVersion, reviewBy, sources } = read.header(data);
  const releases: WindowsRelease[] = read.list(root.releases, 'releases').map((item, index) => {
    const where = `releases[${index}]`;
    const release = read.record(item, where);
    return {
      name: read.string(release.name, `${where}.name`),
      major: read.number(release.major, `${where}.major`),
      minor: read.number(release.minor, `${where}.minor`),
      builds: read
        .list(release.builds, `${where}.builds`)
        .map((build, buildIndex) => read.number(build, `${where}.builds[${buildIndex}]`)),
      mainstreamEnd: read.optionalDate(release.mainstreamEnd, `${where}.mainstreamEnd`),
      extendedEnd: read.date(release.extendedEnd, `${where}.extendedEnd`),
      esuEnd: read.optionalDate(release.esuEnd, `${where}.esuEnd`),
    };
  });
  return { schemaVersion: 1, dataVersion, reviewBy, sources, releases };
}

/** Validates the three files together (CVE levels must exist in the build data). */
export function parseExchangeKnowledge(builds: unknown, cves: unknown, windows: unknown): ExchangeKnowledge {
  const buildData = parseExchangeBuildData(builds);
  return {
    builds: buildData,
    cves: parseExchangeCveData(cves, buildData),
    windows: parseWindowsLifecycleData(windows),
  };
}

export const exchangeKnowledge: ExchangeKnowledge = parseExchangeKnowledge(rawBuilds, rawCves, rawWindows);

const dayMs = 24 * 60 * 60 * 1000;

/**
 * Whether the build/CVE data is past its review date at `now` (the earlier of the two files' dates): part of
 * every Exchange report as `exchange.data-stale`, because a build newer than the data must never pass.
 */
export function dataStaleness(now: Date, knowledge: ExchangeKnowledge = exchangeKnowledge): DataStaleness {
  const reviewBy =
    [knowledge.builds.reviewBy, knowledge.cves.reviewBy].sort()[0] ?? knowledge.builds.reviewBy;
  const dataVersion = knowledge.builds.dataVersion;
  const end = Date.parse(`${reviewBy}T23:59:59.999Z`);
  if (now.getTime() <= end) return { stale: false, reviewBy, dataVersion };
  return { stale: true, reviewBy, dataVersion, daysPast: Math.ceil((now.getTime() - end) / dayMs) };
}
