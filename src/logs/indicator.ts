// What an indicator of compromise is once loaded from data/log-indicators.json: conditions over parsed fields.

import type { Severity } from '../model/finding.js';
import type { FieldName, LogFormat } from './types.js';

/**
 * How strong a hit is. `compromise`: the attacker acted on the server (web shell answered, file written,
 * mailbox exported to a web folder). `exploitation`: an exploit request reached the server. `suspicious`:
 * an action an administrator may also take legitimately.
 */
export type IndicatorKind = 'compromise' | 'exploitation' | 'suspicious';
export const indicatorKinds: readonly IndicatorKind[] = ['compromise', 'exploitation', 'suspicious'];

/** A test on parsed fields; text comparisons are case-insensitive. */
export type Condition =
  | { readonly test: 'matches'; readonly field: FieldName; readonly pattern: RegExp }
  | { readonly test: 'not-matches'; readonly field: FieldName; readonly pattern: RegExp }
  | { readonly test: 'one-of'; readonly field: FieldName; readonly values: readonly string[] }
  | { readonly test: 'empty'; readonly field: FieldName }
  | { readonly test: 'not-empty'; readonly field: FieldName }
  | { readonly test: 'any'; readonly conditions: readonly Condition[] };

export interface IndicatorReference {
  readonly title: string;
  readonly url: string;
}

export interface Indicator {
  /** Stable public ID, e.g. `proxyshell.autodiscover-ssrf`. */
  readonly id: string;
  readonly campaign: string;
  readonly title: string;
  readonly description: string;
  readonly cves: readonly string[];
  readonly kind: IndicatorKind;
  /** Severity of a hit that meets the success condition (or of any hit when there is none). */
  readonly severity: Severity;
  readonly sources: readonly LogFormat[];
  /**
   * Lower-case literals; a line that contains none of them cannot match (checked on the raw line, so
   * every literal must appear in the raw text of any matching line, URL-encoded forms included).
   */
  readonly prefilter: readonly string[];
  /** All must hold. */
  readonly when: readonly Condition[];
  /** When present, a hit that fails it is an unsuccessful attempt, reported at `low`. */
  readonly success?: Condition;
  readonly falsePositives: string;
  /** What to do when it is found. */
  readonly nextSteps: string;
  readonly references: readonly IndicatorReference[];
}

export interface IndicatorDataset {
  readonly schemaVersion: 1;
  readonly dataVersion: string;
  readonly reviewBy: string;
  readonly indicators: readonly Indicator[];
}

/** Every field a condition reads; an indicator needs all of them in a file to be evaluable there. */
export function conditionFields(condition: Condition): FieldName[] {
  switch (condition.test) {
    case 'matches':
    case 'not-matches':
    case 'one-of':
    case 'empty':
    case 'not-empty':
      return [condition.field];
    case 'any':
      return condition.conditions.flatMap(conditionFields);
  }
}

export function indicatorFields(indicator: Indicator): FieldName[] {
  const fields = indicator.when.flatMap(conditionFields);
  return [...new Set(fields)];
}
