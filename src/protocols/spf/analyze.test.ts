// The static audit: tree counts, void lookups, macros that cannot be followed, string-splitting mistakes.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ZoneClient } from '../../../lab/zone-client.js';
import { ZoneStore } from '../../../lab/zone-store.js';
import { analyzeSpf, findSplitMistakes } from './analyze.js';

function client(zone: Record<string, unknown>): ZoneClient {
  const store = new ZoneStore();
  store.addZoneData(zone, 'inline');
  return new ZoneClient(store);
}

describe('findSplitMistakes', () => {
  it('flags a boundary that glues two valid terms, even when the glued record still parses', () => {
    const mistakes = findSplitMistakes('example.com', ['v=spf1 a:mail.example.com', 'mx -all']);
    assert.equal(mistakes.length, 1);
    assert.match(mistakes[0]?.message ?? '', /"a:mail\.example\.com".*"mx"/);
  });

  it('accepts a split inside a term: strings join without a separator (§3.3)', () => {
    assert.deepEqual(findSplitMistakes('example.com', ['v=spf1 include:_spf.goo', 'gle.com -all']), []);
    assert.deepEqual(
      findSplitMistakes('example.com', ['v=spf1 ip4:192.0.2.1 ', 'include:_spf.example.com -all']),
      [],
    );
  });

  it('flags "v=spf1" glued to the first term, which hides the whole record', () => {
    assert.equal(findSplitMistakes('example.com', ['v=spf1', 'ip4:192.0.2.1 -all']).length, 1);
  });

  it('flags a stray space that cuts a term in two', () => {
    assert.equal(findSplitMistakes('example.com', ['v=spf1 include:_spf.exam', ' ple.com -all']).length, 1);
  });
});

describe('analyzeSpf', () => {
  it('walks the tree with per-node and branch counts and finds void lookups', async () => {
    const analysis = await analyzeSpf(
      'example.com',
      client({
        'example.com': [
          { TXT: 'v=spf1 a mx include:_spf.example.com a:old.example.com redirect=_r.example.com' },
          { A: '192.0.2.1' },
        ],
        '_spf.example.com': [
          { TXT: 'v=spf1 exists:%{i}.bl.example.com include:%{d}.x.example.com ptr -all' },
        ],
        '_r.example.com': [{ TXT: 'v=spf1 ?all' }],
      }),
    );
    assert.equal(analysis.tree?.lookups, 5);
    assert.equal(analysis.tree?.children[0]?.lookups, 3);
    assert.equal(analysis.totalLookups, 8);
    assert.deepEqual(
      analysis.voidLookups.map((item) => `${item.name} ${item.outcome}`),
      ['example.com nodata', 'old.example.com nxdomain'],
    );
    assert.equal(analysis.unexpandable.length, 1);
    assert.equal(analysis.ptrTerms.length, 1);
    assert.deepEqual(analysis.finalAll, { domain: '_r.example.com', qualifier: '?', term: '?all' });
    assert.equal(analysis.complete, true);
  });

  it('does not count terms after all, nor a redirect beside all', async () => {
    const analysis = await analyzeSpf(
      'example.com',
      client({
        'example.com': [
          { TXT: 'v=spf1 mx -all include:x.example.com redirect=y.example.com' },
          { MX: [10, 'mx.example.com'] },
        ],
      }),
    );
    assert.equal(analysis.totalLookups, 1);
    assert.equal(analysis.redirectIgnored.length, 1);
  });

  it('records DNS errors with the name that failed', async () => {
    const analysis = await analyzeSpf(
      'example.com',
      client({
        'example.com': [{ TXT: 'v=spf1 include:slow.example.com -all' }],
        'slow.example.com': ['TIMEOUT'],
      }),
    );
    assert.equal(analysis.complete, false);
    assert.deepEqual(
      analysis.dnsErrors.map((error) => `${error.name} ${error.type} ${error.reason}`),
      ['slow.example.com TXT timeout'],
    );
  });
});
