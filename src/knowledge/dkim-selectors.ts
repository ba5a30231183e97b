// The built-in list of DKIM selectors to probe (data/dkim-selectors.json), checked on load so a bad edit of
// the data fails loudly instead of silently probing nothing.

import rawDataset from '../../data/dkim-selectors.json' with { type: 'json' };
import { readDatasetHeader } from './dataset-header.js';

export interface KnownDkimSelector {
  readonly selector: string;
  /** Who is known to publish keys at this selector. */
  readonly users: readonly string[];
  /** Where that knowledge comes from. */
  readonly source: string;
}

export interface DkimSelectorDataset {
  readonly schemaVersion: 1;
  readonly dataVersion: string;
  /** After this date the scan warns that the list may be stale. */
  readonly reviewBy: string;
  readonly selectors: readonly KnownDkimSelector[];
}

// One or more DNS labels of letters, digits, '-' or '_' (RFC 6376 §3.1 selectors are sub-domains).
const selectorPattern =
  /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?(?:\.[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?)*$/;

export function isValidSelector(selector: string): boolean {
  return selector.length <= 200 && selectorPattern.test(selector);
}

function fail(problem: string): never {
  throw new Error(`data/dkim-selectors.json: ${problem}`);
}

function asRecord(value: unknown, where: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) fail(`${where} must be an object`);
  return value as Record<string, unknown>;
}

function asString(value: unknown, where: string): string {
  if (typeof value !== 'string' || value === '') fail(`${where} must be a non-empty string`);
  return value;
}

function parseEntry(value: unknown, index: number): KnownDkimSelector {
  const entry = asRecord(value, `selectors[${index}]`);
  const selector = asString(entry.selector, `selectors[${index}].selector`);
  if (!isValidSelector(selector)) fail(`selectors[${index}].selector "${selector}" is not a valid selector`);
  const users = entry.users;
  if (!Array.isArray(users) || users.length === 0) fail(`selectors[${index}].users must be a non-empty list`);
  return {
    selector,
    users: users.map((user, userIndex) => asString(user, `selectors[${index}].users[${userIndex}]`)),
    source: asString(entry.source, `selectors[${index}].source`),
  };
}

/** Validates the dataset's shape; throws naming the first problem. */
export function parseDkimSelectorDataset(data: unknown): DkimSelectorDataset {
  const { header, root } = readDatasetHeader(data, { name: 'dkim-selectors', supportedSchemaVersion: 1 });
  if (!Array.isArray(root.selectors)) fail('selectors must be a list');
  const selectors = root.selectors.map(parseEntry);
  const seen = new Set<string>();
  for (const { selector } of selectors) {
    if (seen.has(selector)) fail(`selector "${selector}" is listed twice`);
    seen.add(selector);
  }
  return { schemaVersion: 1, dataVersion: header.dataVersion, reviewBy: header.reviewBy, selectors };
}

export const dkimSelectorDataset: DkimSelectorDataset = parseDkimSelectorDataset(rawDataset);

export const builtinDkimSelectors: readonly string[] = dkimSelectorDataset.selectors.map(
  (entry) => entry.selector,
);

/** Who uses a built-in selector, for messages ("selector1 (Microsoft 365 / Exchange Online)"). */
export function knownSelectorUsers(selector: string): readonly string[] {
  return dkimSelectorDataset.selectors.find((entry) => entry.selector === selector)?.users ?? [];
}
