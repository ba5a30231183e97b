// Random and mutated SPF records against the parser, the evaluator and the static audit: every input
// ends in a result word (or a syntax error with a position inside the record), never a throw or a hang.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { ZoneClient } from '../../lab/zone-client.js';
import { ZoneStore } from '../../lab/zone-store.js';
import { analyzeSpf } from '../../src/protocols/spf/analyze.js';
import { checkHost } from '../../src/protocols/spf/evaluate.js';
import { parseSpfRecord } from '../../src/protocols/spf/parse.js';

const results = new Set(['pass', 'fail', 'softfail', 'neutral', 'none', 'permerror', 'temperror']);

/** A small world of names, so generated includes and redirects meet each other, loops included. */
const names = [
  'a.fz.test',
  'b.fz.test',
  'c.fz.test',
  'missing.fz.test',
  'slow.fz.test',
  '%{d}.fz.test',
  '%{i}.fz.test',
];

const qualifier = fc.constantFrom('', '+', '-', '~', '?');
const cidr = fc.oneof(
  fc.constant(''),
  fc.integer({ min: 0, max: 40 }).map((n) => `/${n}`),
);
const term = fc.oneof(
  fc
    .tuple(qualifier, fc.constantFrom('include:', 'a:', 'mx:', 'exists:', 'ptr:'), fc.constantFrom(...names))
    .map(([q, kind, name]) => `${q}${kind}${name}`),
  fc
    .tuple(qualifier, fc.constantFrom('a', 'mx', 'ptr', 'all'), cidr)
    .map(([q, kind, c]) => `${q}${kind}${c}`),
  fc.tuple(qualifier, fc.ipV4(), cidr).map(([q, ip, c]) => `${q}ip4:${ip}${c}`),
  fc.tuple(qualifier, fc.ipV6()).map(([q, ip]) => `${q}ip6:${ip}`),
  fc.constantFrom(...names).map((name) => `redirect=${name}`),
  fc.constantFrom(...names).map((name) => `exp=${name}`),
  fc.constantFrom('foo=bar', 'v=spf1', '%', 'include:', 'ip4:300.1.1.1', 'a:-', 'mx//0', '\u0000', 'é'),
);
const record = fc.array(term, { maxLength: 14 }).map((terms) => ['v=spf1', ...terms].join(' '));

/** Deletes, duplicates or replaces one character: the typo a human makes in a TXT record. */
const mutated = fc
  .tuple(
    record,
    fc.nat(),
    fc.constantFrom('delete', 'insert', 'replace'),
    fc.string({ minLength: 1, maxLength: 1, unit: 'binary' }),
  )
  .map(([text, at, how, char]) => {
    const i = text.length === 0 ? 0 : at % text.length;
    if (how === 'delete') return text.slice(0, i) + text.slice(i + 1);
    if (how === 'insert') return text.slice(0, i) + char + text.slice(i);
    return text.slice(0, i) + char + text.slice(i + 1);
  });

test('the parser never throws, and a syntax error points inside the record', () => {
  fc.assert(
    fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), record, mutated), (text) => {
      const parsed = parseSpfRecord(text);
      if (!parsed.ok) {
        assert.ok(
          parsed.error.offset >= 0 && parsed.error.offset <= text.length,
          `offset ${parsed.error.offset}`,
        );
        assert.equal(typeof parsed.error.message, 'string');
      }
    }),
    { numRuns: 3000 },
  );
});

function world(records: readonly string[]): ZoneStore {
  const store = new ZoneStore();
  const data: Record<string, unknown[]> = {
    'fz.test': [{ TXT: records[0] ?? 'v=spf1 -all' }, { MX: [10, 'a.fz.test'] }, { A: '192.0.2.1' }],
    'a.fz.test': [{ TXT: records[1] ?? 'v=spf1 ?all' }, { A: '192.0.2.2' }, { MX: [10, 'b.fz.test'] }],
    'b.fz.test': [{ TXT: records[2] ?? 'v=spf1 ~all' }, { AAAA: '2001:db8::2' }],
    'c.fz.test': [{ TXT: records[3] ?? 'v=spf1 include:a.fz.test' }],
    'slow.fz.test': ['TIMEOUT'],
  };
  store.addZoneData(data);
  return store;
}

test('check_host ends in an RFC 7208 result for any policy world, within its lookup limits', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.oneof(record, mutated), { minLength: 4, maxLength: 4 }),
      fc.ipV4(),
      async (records, ip) => {
        const client = new ZoneClient(world(records));
        const evaluation = await checkHost(
          { ip, domain: 'fz.test', sender: 'x@fz.test', helo: 'fz.test' },
          client,
        );
        assert.ok(results.has(evaluation.result), evaluation.result);
        // 10 DNS-querying terms, each with at most 10 MX/PTR names and their addresses, plus the records.
        assert.ok(client.asked.length < 300, `${client.asked.length} queries`);
      },
    ),
    { numRuns: 400 },
  );
});

test('the static audit walks any policy world to the end, loops included', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(fc.oneof(record, mutated), { minLength: 4, maxLength: 4 }), async (records) => {
      const client = new ZoneClient(world(records));
      const analysis = await analyzeSpf('fz.test', client);
      assert.equal(typeof analysis.totalLookups, 'number');
      assert.ok(client.asked.length < 1000, `${client.asked.length} queries`);
    }),
    { numRuns: 300 },
  );
});
