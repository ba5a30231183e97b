// Runs the OpenSPF RFC 7208 test suite's cases (already parsed from YAML) against checkHost with any DnsClient,
// so the same table runs in memory and over the wire.

import type { DnsClient } from '../../net/dns/types.js';
import type { SpfResult } from './evaluate.js';
import { checkHost } from './evaluate.js';

export interface SuiteCase {
  /** `<section description> / <test name>` */
  readonly id: string;
  readonly name: string;
  readonly section: number;
  readonly spec: string;
  readonly helo: string;
  readonly host: string;
  readonly mailfrom: string;
  readonly results: readonly SpfResult[];
  /** Expected explanation; "DEFAULT" means the implementation's own (ours: none). */
  readonly explanation?: string;
}

export interface SuiteSection {
  readonly description: string;
  readonly zonedata: unknown;
  readonly cases: readonly SuiteCase[];
}

export interface CaseOutcome {
  readonly result: SpfResult;
  readonly explanation: string | undefined;
  readonly reason: string;
}

function asString(value: unknown, where: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  throw new Error(`${where}: expected text, got ${JSON.stringify(value)}`);
}

/** Turns the suite's YAML documents into sections of typed cases; throws on anything unexpected. */
export function readSuite(documents: readonly unknown[]): SuiteSection[] {
  return documents.map((document, section) => {
    const doc = document as { description?: unknown; tests?: unknown; zonedata?: unknown };
    const description = asString(doc.description, `document ${section}`);
    const tests = doc.tests as Record<string, Record<string, unknown>> | undefined;
    if (tests === undefined) throw new Error(`${description}: no tests`);
    const cases = Object.entries(tests).map(([name, test]): SuiteCase => {
      const where = `${description} / ${name}`;
      const expected = test.result;
      const results = (Array.isArray(expected) ? expected : [expected]).map(
        (value) => asString(value, where) as SpfResult,
      );
      return {
        id: where,
        name,
        section,
        spec: asString(test.spec ?? '', where),
        helo: asString(test.helo, where),
        host: asString(test.host, where),
        mailfrom: asString(test.mailfrom ?? '', where),
        results,
        ...(test.explanation === undefined ? {} : { explanation: asString(test.explanation, where) }),
      };
    });
    return { description, zonedata: doc.zonedata ?? {}, cases };
  });
}

/** The identity the suite checks: MAIL FROM, or postmaster@HELO when MAIL FROM is empty (RFC 7208 §2.4). */
export async function runSuiteCase(test: SuiteCase, dns: DnsClient): Promise<CaseOutcome> {
  const sender = test.mailfrom === '' ? `postmaster@${test.helo}` : test.mailfrom;
  const domain = sender.slice(sender.lastIndexOf('@') + 1);
  const evaluation = await checkHost({ ip: test.host, domain, sender, helo: test.helo }, dns);
  return { result: evaluation.result, explanation: evaluation.explanation, reason: evaluation.reason };
}

/** Whether an outcome is what the suite expects (result among the accepted ones, explanation when given). */
export function meetsExpectation(test: SuiteCase, outcome: CaseOutcome): boolean {
  if (!test.results.includes(outcome.result)) return false;
  if (test.explanation === undefined || outcome.result !== 'fail') return true;
  return test.explanation === 'DEFAULT'
    ? outcome.explanation === undefined
    : outcome.explanation === test.explanation;
}
