// The result of one scan as every renderer and store receives it; its JSON form is a public contract (docs/json.md).

import type { DatasetUse } from './dataset.js';
import type { CheckMeta, Finding, Status } from './finding.js';

/** Bump the major part only for incompatible changes; the JSON output only grows compatibly. */
export const reportSchemaVersion = '1.0';

export interface ScanTarget {
  /** ASCII (A-label) form, lower case, no trailing dot. */
  readonly domain: string;
  /** Unicode (U-label) form, equal to `domain` for ASCII names. */
  readonly unicode: string;
}

export interface Report {
  readonly schemaVersion: string;
  readonly tool: { readonly name: 'telltale'; readonly version: string };
  readonly target: ScanTarget;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly durationMs: number;
  readonly resolvers: readonly string[];
  readonly findings: readonly Finding[];
  /** Metadata of every check ID that appears in `findings`: title, remediation, references. */
  readonly checks: Readonly<Record<string, CheckMeta>>;
  readonly summary: Readonly<Record<Status, number>>;
  /** The versioned datasets the checks relied on (Exchange builds and CVEs, DKIM selectors, DNSBL zones…). */
  readonly datasets?: readonly DatasetUse[];
}

export function summarize(findings: readonly Finding[]): Record<Status, number> {
  const counts: Record<Status, number> = { pass: 0, warn: 0, fail: 0, error: 0, skipped: 0 };
  for (const finding of findings) counts[finding.status] += 1;
  return counts;
}
