import assert from 'node:assert/strict';
import { test } from 'node:test';
import { displayName, parseDomain } from './domain-name.js';

test('ASCII names are lower-cased and lose the trailing dot', () => {
  const parsed = parseDomain(' Example.COM. ');
  assert.deepEqual(parsed, { ok: true, target: { domain: 'example.com', unicode: 'example.com' } });
});

test('internationalised names are accepted and kept in both forms', () => {
  for (const input of ['bücher.de', 'xn--bcher-kva.de', 'BÜCHER.de']) {
    const parsed = parseDomain(input);
    assert.ok(parsed.ok, input);
    assert.equal(parsed.target.domain, 'xn--bcher-kva.de');
    assert.equal(parsed.target.unicode, 'bücher.de');
    assert.equal(displayName(parsed.target), 'bücher.de (xn--bcher-kva.de)');
  }
});

test('bad input is refused with a message that says what to type', () => {
  const cases: [string, RegExp][] = [
    ['', /empty/],
    ['192.0.2.1', /IP address/],
    ['2001:db8::1', /IP address/],
    ['https://example.com/', /URL/],
    ['alice@example.com', /e-mail address: give its domain \('example.com'\)/],
    ['localhost', /single label/],
    ['exa mple.com', /spaces/],
    ['a..example.com', /empty label/],
    [`${'a'.repeat(64)}.com`, /longer than 63/],
    ['ex_ample.com', /letters, digits/],
    ['-bad.example.com', /letters, digits/],
    ['example.123', /numeric label/],
    [`${'abcdefghi.'.repeat(26)}com`, /253/],
  ];
  for (const [input, message] of cases) {
    const parsed = parseDomain(input);
    assert.equal(parsed.ok, false, input);
    if (!parsed.ok) assert.match(parsed.error, message, input);
  }
});
