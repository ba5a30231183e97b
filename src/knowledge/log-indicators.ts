// Loads data/log-indicators.json into typed indicators, validated on load so a bad edit fails loudly
// (a regex that does not compile, a field no format provides, a prefilter missing).

import rawDataset from '../../data/log-indicators.json' with { type: 'json' };
import type {
  Condition,
  Indicator,
  IndicatorDataset,
  IndicatorKind,
  IndicatorReference,
} from '../logs/indicator.js';
import { indicatorKinds } from '../logs/indicator.js';
import { type FieldName, fieldNames, type LogFormat, logFormats } from '../logs/types.js';
import { type Severity, severities } from '../model/finding.js';
import { readDatasetHeader } from './dataset-header.js';

const idPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*\.[a-z0-9]+(?:-[a-z0-9]+)*$/;

function fail(problem: string): never {
  throw new Error(`data/log-indicators.json: ${problem}`);
}

function asRecord(value: unknown, where: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) fail(`${where} must be an object`);
  return value as Record<string, unknown>;
}

function asString(value: unknown, where: string): string {
  if (typeof value !== 'string' || value === '') fail(`${where} must be a non-empty string`);
  return value;
}

function asList(value: unknown, where: string): unknown[] {
  if (!Array.isArray(value)) fail(`${where} must be a list`);
  return value;
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], where: string): T {
  const match = allowed.find((item) => item === value);
  if (match === undefined) fail(`${where} must be one of ${allowed.join(', ')} (got ${String(value)})`);
  return match;
}

function compile(pattern: unknown, where: string): RegExp {
  const source = asString(pattern, where);
  try {
    return new RegExp(source, 'is');
  } catch (error) {
    fail(`${where} does not compile: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function parseCondition(value: unknown, where: string): Condition {
  const entry = asRecord(value, where);
  const test = oneOf(
    entry.test,
    ['matches', 'not-matches', 'one-of', 'empty', 'not-empty', 'any'] as const,
    `${where}.test`,
  );
  if (test === 'any') {
    const conditions = asList(entry.conditions, `${where}.conditions`).map((item, index) =>
      parseCondition(item, `${where}.conditions[${index}]`),
    );
    if (conditions.length === 0) fail(`${where}.conditions must not be empty`);
    return { test, conditions };
  }
  const field: FieldName = oneOf(entry.field, fieldNames, `${where}.field`);
  switch (test) {
    case 'matches':
    case 'not-matches':
      return { test, field, pattern: compile(entry.pattern, `${where}.pattern`) };
    case 'one-of': {
      const values = asList(entry.values, `${where}.values`).map((item, index) =>
        asString(item, `${where}.values[${index}]`).toLowerCase(),
      );
      if (values.length === 0) fail(`${where}.values must not be empty`);
      return { test, field, values };
    }
    case 'empty':
    case 'not-empty':
      return { test, field };
  }
}

function parseReference(value: unknown, where: string): IndicatorReference {
  const entry = asRecord(value, where);
  const url = asString(entry.url, `${where}.url`);
  if (!url.startsWith('https://')) fail(`${where}.url must be an https URL`);
  return { title: asString(entry.title, `${where}.title`), url };
}

function parseIndicator(value: unknown, index: number): Indicator {
  const where = `indicators[${index}]`;
  const entry = asRecord(value, where);
  const id = asString(entry.id, `${where}.id`);
  if (!idPattern.test(id)) fail(`${where}.id "${id}" must look like campaign.name (lower case, dashes)`);
  const cves = asList(entry.cves, `${where}.cves`).map((item, cveIndex) => {
    const cve = asString(item, `${where}.cves[${cveIndex}]`);
    if (!/^CVE-\d{4}-\d{4,}$/.test(cve)) fail(`${where}.cves[${cveIndex}] "${cve}" is not a CVE ID`);
    return cve;
  });
  const sources = asList(entry.sources, `${where}.sources`).map(
    (item, sourceIndex): LogFormat => oneOf(item, logFormats, `${where}.sources[${sourceIndex}]`),
  );
  if (sources.length === 0) fail(`${where}.sources must not be empty`);
  const prefilter = asList(entry.prefilter, `${where}.prefilter`).map((item, itemIndex) => {
    const literal = asString(item, `${where}.prefilter[${itemIndex}]`);
    if (literal !== literal.toLowerCase()) fail(`${where}.prefilter[${itemIndex}] must be lower case`);
    return literal;
  });
  // Without a prefilter every line of a multi-gigabyte log would be parsed.
  if (prefilter.length === 0) fail(`${where}.prefilter must name at least one literal`);
  const when = asList(entry.when, `${where}.when`).map((item, conditionIndex) =>
    parseCondition(item, `${where}.when[${conditionIndex}]`),
  );
  if (when.length === 0) fail(`${where}.when must not be empty`);
  const kind: IndicatorKind = oneOf(entry.kind, indicatorKinds, `${where}.kind`);
  const severity: Severity = oneOf(entry.severity, severities, `${where}.severity`);
  return {
    id,
    campaign: asString(entry.campaign, `${where}.campaign`),
    title: asString(entry.title, `${where}.title`),
    description: asString(entry.description, `${where}.description`),
    cves,
    kind,
    severity,
    sources,
    prefilter,
    when,
    ...(entry.success === undefined ? {} : { success: parseCondition(entry.success, `${where}.success`) }),
    falsePositives: asString(entry.falsePositives, `${where}.falsePositives`),
    nextSteps: asString(entry.nextSteps, `${where}.nextSteps`),
    references: asList(entry.references, `${where}.references`).map((item, refIndex) =>
      parseReference(item, `${where}.references[${refIndex}]`),
    ),
  };
}

/** Validates the dataset's shape; throws naming the first problem. */
export function parseLogIndicatorDataset(data: unknown): IndicatorDataset {
  const { header, root } = readDatasetHeader(data, { name: 'log-indicators', supportedSchemaVersion: 1 });
  const indicators = asList(root.indicators, 'indicators').map(parseIndicator);
  const seen = new Set<string>();
  for (const { id } of indicators) {
    if (seen.has(id)) fail(`indicator "${id}" is listed twice`);
    seen.add(id);
  }
  return { schemaVersion: 1, dataVersion: header.dataVersion, reviewBy: header.reviewBy, indicators };
}

export const logIndicatorDataset: IndicatorDataset = parseLogIndicatorDataset(rawDataset);
