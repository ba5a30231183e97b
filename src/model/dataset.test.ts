import assert from 'node:assert/strict';
import { test } from 'node:test';
import { datasetUse, datasetUses } from './dataset.js';

const info = { name: 'exchange-builds', dataVersion: '2026-11-27', reviewBy: '2026-12-15' };

test('a dataset is stale only after its review day', () => {
  assert.equal(datasetUse(info, new Date('2026-12-15T23:59:59Z')).stale, false);
  assert.equal(datasetUse(info, new Date('2026-12-16T00:00:00Z')).stale, true);
});

test('a dataset declared by several checks is listed once', () => {
  const uses = datasetUses(
    [info, { name: 'dkim-selectors', dataVersion: '1', reviewBy: '2027-01-01' }, info],
    new Date('2026-11-27'),
  );
  assert.deepEqual(
    uses.map((use) => use.name),
    ['exchange-builds', 'dkim-selectors'],
  );
});
