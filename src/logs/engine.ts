// The indicator engine: picks the indicators a log section can evaluate, prefilters lines cheaply and
// tests the parsed fields (pure).

import { type Condition, conditionFields, type Indicator, indicatorFields } from './indicator.js';
import type { FieldName, LogFormat, LogRecord } from './types.js';

export function evaluateCondition(condition: Condition, record: LogRecord): boolean {
  switch (condition.test) {
    case 'matches':
      return condition.pattern.test(record[condition.field] ?? '');
    case 'not-matches':
      return !condition.pattern.test(record[condition.field] ?? '');
    case 'one-of':
      return condition.values.includes((record[condition.field] ?? '').trim().toLowerCase());
    case 'empty':
      return (record[condition.field] ?? '').trim() === '';
    case 'not-empty':
      return (record[condition.field] ?? '').trim() !== '';
    case 'any':
      return condition.conditions.some((item) => evaluateCondition(item, record));
  }
}

/** Whether a record matches an indicator, and whether it met the success condition. */
export type Verdict = { readonly matched: false } | { readonly matched: true; readonly succeeded: boolean };

export function evaluateIndicator(
  indicator: Indicator,
  record: LogRecord,
  fields: ReadonlySet<FieldName>,
): Verdict {
  for (const condition of indicator.when)
    if (!evaluateCondition(condition, record)) return { matched: false };
  const success = indicator.success;
  // A success condition on a field the log lacks cannot be judged: count the hit as a success.
  if (success === undefined || !conditionFields(success).every((field) => fields.has(field)))
    return { matched: true, succeeded: true };
  return { matched: true, succeeded: evaluateCondition(success, record) };
}

/** An indicator that applies to a format but cannot be evaluated there, and why. */
export interface NotEvaluable {
  readonly indicatorId: string;
  readonly missing: readonly FieldName[];
}

/** What a log section (one `#Fields:` header) can test, compiled for speed. */
export interface SectionPlan {
  readonly indicators: readonly Indicator[];
  readonly notEvaluable: readonly NotEvaluable[];
  readonly fields: ReadonlySet<FieldName>;
}

export function planSection(
  indicators: readonly Indicator[],
  format: LogFormat,
  fields: ReadonlySet<FieldName>,
): SectionPlan {
  const usable: Indicator[] = [];
  const notEvaluable: NotEvaluable[] = [];
  for (const indicator of indicators) {
    if (!indicator.sources.includes(format)) continue;
    const missing = indicatorFields(indicator).filter((field) => !fields.has(field));
    if (missing.length === 0) usable.push(indicator);
    else notEvaluable.push({ indicatorId: indicator.id, missing });
  }
  return { indicators: usable, notEvaluable, fields };
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * One case-insensitive regex that finds, in a whole chunk of text, every line that may matter: header
 * lines (`#`) and lines containing a prefilter literal of an indicator of this format. Lines it skips
 * are never split into fields, which is where the speed comes from.
 */
export function prefilterRegex(indicators: readonly Indicator[], format: LogFormat): RegExp {
  const literals = new Set<string>();
  for (const indicator of indicators) {
    if (!indicator.sources.includes(format)) continue;
    for (const literal of indicator.prefilter) literals.add(literal);
  }
  const alternatives = ['^#', ...[...literals].sort().map(escapeRegex)];
  return new RegExp(alternatives.join('|'), 'gim');
}

/** The per-indicator check on one candidate line, lower-cased once by the caller. */
export function passesPrefilter(indicator: Indicator, lowerLine: string): boolean {
  return indicator.prefilter.some((literal) => lowerLine.includes(literal));
}
