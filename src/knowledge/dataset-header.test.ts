import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readDatasetHeader } from './dataset-header.js';

describe('readDatasetHeader', () => {
  const options = { name: 'sample', supportedSchemaVersion: 2 };
  const good = { schemaVersion: 1, dataVersion: '2027-01-01', reviewBy: '2027-03-01', items: [] };

  it('returns the header as DatasetInfo plus the schema version, and the document to read on', () => {
    const { header, root } = readDatasetHeader(good, options);
    assert.deepEqual(header, {
      name: 'sample',
      schemaVersion: 1,
      dataVersion: '2027-01-01',
      reviewBy: '2027-03-01',
    });
    assert.deepEqual(root.items, []);
    assert.equal(readDatasetHeader({ ...good, schemaVersion: 2 }, options).header.schemaVersion, 2);
  });

  const bad: [string, unknown, RegExp][] = [
    ['a list', [], /data\/sample\.json: the document must be an object$/],
    ['no schema version', { ...good, schemaVersion: undefined }, /schemaVersion must be a positive integer/],
    [
      'a textual schema version',
      { ...good, schemaVersion: '1' },
      /schemaVersion must be a positive integer \(got "1"\)/,
    ],
    ['schema 0', { ...good, schemaVersion: 0 }, /schemaVersion must be a positive integer/],
    [
      'a newer schema',
      { ...good, schemaVersion: 3 },
      /schemaVersion 3 is newer than this telltale understands \(2\); update telltale/,
    ],
    ['an empty data version', { ...good, dataVersion: '' }, /dataVersion must be a non-empty string/],
    [
      'a review date that is not a date',
      { ...good, reviewBy: 'soon' },
      /reviewBy must be a YYYY-MM-DD date \(got "soon"\)/,
    ],
    ['no review date', { ...good, reviewBy: undefined }, /reviewBy must be a YYYY-MM-DD date/],
  ];
  for (const [label, data, problem] of bad) {
    it(`refuses ${label}`, () => assert.throws(() => readDatasetHeader(data, options), problem));
  }

  it('names the file given and throws the loader’s own error class', () => {
    class SampleError extends Error {}
    assert.throws(
      () =>
        readDatasetHeader(
          { ...good, schemaVersion: 9 },
          { ...options, file: 'data/x/sample.json', error: (message) => new SampleError(message) },
        ),
      (error: unknown) =>
        error instanceof SampleError && error.message.startsWith('data/x/sample.json: schemaVersion 9'),
    );
  });
});
