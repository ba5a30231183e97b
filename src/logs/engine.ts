// The indicator engine: picks the indicators a log section can evaluate, prefilters lines cheaply and
// tests the parsed fields (pure).

import { type Condition, conditionFields, type Indicator, indicatorFields } from './indicator.js';
import type { FieldName, LogFormat, LogRecord } from './types.js';

/** Reads one field of a record; lets a candidate line be split and decoded only as far as its tests go. */
export interface FieldReader {
  get(field: FieldName): string | undefined;
}

export function evaluateConditionWith(condition: Condition, read: FieldReader): boolean {
  switch (condition.test) {
    case 'matches':
      return condition.pattern.test(read.get(condition.field) ?? '');
    case 'not-matches':
      return !condition.pattern.test(read.get(condition.field) ?? '');
    case 'one-of':
      return condition.values.includes((read.get(condition.field) ?? '').trim().toLowerCase());
    case 'empty':
      return (read.get(condition.field) ?? '').trim() === '';
    case 'not-empty':
      return (read.get(condition.field) ?? '').trim() !== '';
    case 'any':
      return condition.conditions.some((item) => evaluateConditionWith(item, read));
  }
}

export function evaluateCondition(condition: Condition, record: LogRecord): boolean {
  return evaluateConditionWith(condition, { get: (field) => record[field] });
}

/** Whether a record matches an indicator, and whether it met the success condition. */
export type Verdict = { readonly matched: false } | { readonly matched: true; readonly succeeded: boolean };

export function evaluateIndicatorWith(
  indicator: Indicator,
  read: FieldReader,
  fields: ReadonlySet<FieldName>,
): Verdict {
  // Conditions run in order and stop at the first that fails: most candidate lines need one field.
  for (const condition of indicator.when)
    if (!evaluateConditionWith(condition, read)) return { matched: false };
  const success = indicator.success;
  // A success condition on a field the log lacks cannot be judged: count the hit as a success.
  if (success === undefined || !conditionFields(success).every((field) => fields.has(field)))
    return { matched: true, succeeded: true };
  return { matched: true, succeeded: evaluateConditionWith(success, read) };
}

export function evaluateIndicator(
  indicator: Indicator,
  record: LogRecord,
  fields: ReadonlySet<FieldName>,
): Verdict {
  return evaluateIndicatorWith(indicator, { get: (field) => record[field] }, fields);
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

/** The prefilter literals of the indicators of one format, longest first. */
export function prefilterLiterals(indicators: readonly Indicator[], format: LogFormat): string[] {
  const literals = new Set<string>();
  for (const indicator of indicators) {
    if (!indicator.sources.includes(format)) continue;
    for (const literal of indicator.prefilter) literals.add(literal);
  }
  return [...literals].sort((a, b) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * One case-insensitive regex that finds, in a whole chunk of text, every occurrence of a prefilter
 * literal. Lines without one are never split into fields, which is where the speed comes from. Longest
 * literals first, so where two start at the same place the longer one is reported (see literalIndicators).
 */
export function prefilterRegex(literals: readonly string[]): RegExp {
  // No literal: a regex that never matches (an empty one would match everywhere).
  if (literals.length === 0) return /(?!)/g;
  return new RegExp(literals.map(escapeRegex).join('|'), 'gi');
}

/**
 * The indicators of a plan that a line may match, given the literals found in it (lower-cased): those
 * with a literal contained in one found (a found literal also contains its own substrings), in plan
 * order. The same answer as `passesPrefilter` on the lower-cased line, without lower-casing it.
 */
export function literalIndicators(plan: SectionPlan, found: readonly string[]): Indicator[] {
  return plan.indicators.filter((indicator) =>
    indicator.prefilter.some((literal) => found.some((text) => text.includes(literal))),
  );
}

/** The per-indicator check on one candidate line, lower-cased once by the caller. */
export function passesPrefilter(indicator: Indicator, lowerLine: string): boolean {
  return indicator.prefilter.some((literal) => lowerLine.includes(literal));
}
