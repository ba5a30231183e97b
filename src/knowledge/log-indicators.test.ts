import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { logIndicatorDataset, parseLogIndicatorDataset } from './log-indicators.js';

const raw = JSON.parse(readFileSync('data/log-indicators.json', 'utf8')) as {
  indicators: Record<string, unknown>[];
};

function withFirst(change: (indicator: Record<string, unknown>) => void): unknown {
  const copy = structuredClone(raw);
  const first = copy.indicators[0];
  assert.ok(first !== undefined);
  change(first);
  return copy;
}

describe('log indicator dataset', () => {
  test('loads every indicator with a prefilter, sources and references', () => {
    assert.ok(logIndicatorDataset.indicators.length >= 15);
    for (const indicator of logIndicatorDataset.indicators) {
      assert.ok(indicator.prefilter.length > 0, indicator.id);
      assert.ok(indicator.references.length > 0, indicator.id);
    }
  });

  test('refuses a regex that does not compile, an unknown field, no prefilter, a duplicate id', () => {
    const bad = [
      withFirst((entry) => {
        entry.when = [{ field: 'uriStem', test: 'matches', pattern: '(' }];
      }),
      withFirst((entry) => {
        entry.when = [{ field: 'cookies', test: 'empty' }];
      }),
      withFirst((entry) => {
        entry.prefilter = [];
      }),
      withFirst((entry) => {
        entry.prefilter = ['ServerInfo~'];
      }),
      withFirst((entry) => {
        entry.id = raw.indicators[1]?.id;
      }),
    ];
    const problems = [
      /does not compile/,
      /field must be one of/,
      /at least one literal/,
      /lower case/,
      /listed twice/,
    ];
    bad.forEach((data, index) => {
      assert.throws(() => parseLogIndicatorDataset(data), problems[index] ?? /never/);
    });
  });
});
