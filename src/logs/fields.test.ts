import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { columnIndex, columnMap, LazyRecord, recordFromValues, splitLine } from './fields.js';
import { fieldNames } from './types.js';

const iis = columnMap(
  'iis-w3c',
  'date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Cookie) sc-status'.split(
    ' ',
  ),
);
const proxy = columnMap('httpproxy', [
  'DateTime',
  'Protocol',
  'UrlStem',
  'AuthenticatedUser',
  'AnchorMailbox',
  'UserAgent',
  'ClientIpAddress',
  'HttpStatus',
  'Method',
  'UrlQuery',
  'GenericInfo',
]);
const cellText = fc.stringMatching(/^[-a-zA-Z0-9%@/?=.+~ ,"]{0,12}$/);

describe('lazy records', () => {
  for (const map of [iis, proxy]) {
    test(`${map.format}: every field read on demand equals the eagerly parsed record`, () => {
      const separator = map.format === 'iis-w3c' ? ' ' : ',';
      fc.assert(
        fc.property(fc.array(cellText, { maxLength: 16 }), (cells) => {
          const line = cells.join(separator);
          const eager = recordFromValues(map, splitLine(map.format, line));
          const lazy = new LazyRecord(map, columnIndex(map), line);
          // Read in a shuffled-looking order: later columns first, then earlier ones.
          for (const field of [...fieldNames].reverse()) assert.equal(lazy.get(field), eager[field], field);
        }),
        { numRuns: 500 },
      );
    });
  }
});
