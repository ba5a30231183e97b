// Parser and macro behaviour beyond the suite: error positions and messages, ABNF corners.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseIp } from '../ip/address.js';
import type { MacroContext } from './macro.js';
import { expandMacroString, parseMacroString } from './macro.js';
import { isSpfRecord, parseSpfRecord } from './parse.js';

function errorOf(record: string) {
  const parsed = parseSpfRecord(record);
  assert.equal(parsed.ok, false, `${record} should not parse`);
  return parsed.ok ? undefined : parsed.error;
}

describe('SPF version selection (RFC 7208 §4.5)', () => {
  it('accepts v=spf1 followed by a space or the end, in any case', () => {
    assert.equal(isSpfRecord('v=spf1 -all'), true);
    assert.equal(isSpfRecord('V=SPF1'), true);
    assert.equal(isSpfRecord('v=spf10 -all'), false);
    assert.equal(isSpfRecord('v=spf1-all'), false);
    assert.equal(isSpfRecord(' v=spf1 -all'), false);
  });
});

describe('parseSpfRecord', () => {
  it('builds terms with qualifiers, domains, cidr lengths and modifiers', () => {
    const parsed = parseSpfRecord(
      'v=spf1 -a:mail.example.com/24//64 ~mx ip6:2001:db8::/32 redirect=_spf.example.com foo=bar',
    );
    assert.ok(parsed.ok);
    const [a, mx, ip6, redirect, unknown] = parsed.record.terms;
    assert.equal(a?.kind, 'directive');
    if (a?.kind === 'directive' && a.mechanism.kind === 'a') {
      assert.equal(a.qualifier, '-');
      assert.equal(a.mechanism.domain?.text, 'mail.example.com');
      assert.deepEqual(a.mechanism.cidr, { ip4: 24, ip6: 64 });
      assert.equal(a.offset, 7);
    } else assert.fail('first term should be an a mechanism');
    assert.equal(mx?.kind === 'directive' && mx.qualifier, '~');
    assert.equal(ip6?.kind === 'directive' && ip6.mechanism.kind === 'ip6' && ip6.mechanism.prefixLength, 32);
    assert.equal(redirect?.kind, 'redirect');
    assert.equal(unknown?.kind === 'unknown-modifier' && unknown.name, 'foo');
    assert.equal(parsed.record.redirect?.text, 'redirect=_spf.example.com');
  });

  it('reports the term, its column and a readable reason', () => {
    const error = errorOf('v=spf1 ip4:192.0.2.300 -all');
    assert.equal(error?.message, 'ip4:192.0.2.300 at column 8: "192.0.2.300" is not an IPv4 address');
    assert.equal(error?.termOffset, 7);
    assert.equal(error?.offset, 11);
  });

  it('names unknown mechanisms', () => {
    assert.match(errorOf('v=spf1 inclde:example.com -all')?.message ?? '', /unknown mechanism "inclde"/);
  });

  it('rejects out-of-range and zero-padded cidr lengths', () => {
    assert.match(errorOf('v=spf1 a/33')?.reason ?? '', /over 32/);
    assert.match(errorOf('v=spf1 a//129')?.reason ?? '', /over 128/);
    assert.match(errorOf('v=spf1 ip4:192.0.2.0/024')?.reason ?? '', /leading zeros/);
  });

  it('enforces domain-end: a dot and a toplabel that is not all digits, or a final macro', () => {
    assert.ok(errorOf('v=spf1 a:museum'));
    assert.ok(errorOf('v=spf1 a:abc.123'));
    assert.ok(parseSpfRecord('v=spf1 a:foo.example.com.').ok);
    assert.ok(parseSpfRecord('v=spf1 exists:%{i}.%{d}').ok);
    assert.ok(parseSpfRecord('v=spf1 a:foo-bar.1-2').ok);
  });

  it('allows c, r and t macros in explanation text only', () => {
    assert.match(errorOf('v=spf1 -all exp=%{r}.example.com')?.reason ?? '', /only allowed in explanation/);
    assert.ok(parseMacroString('from %{c} at %{t}', 'explain-string').ok);
  });

  it('rejects a bare %, zero digit transformers and duplicate redirect/exp', () => {
    assert.ok(errorOf('v=spf1 exists:foo%.example.com'));
    assert.ok(errorOf('v=spf1 exists:%{d0}.example.com'));
    assert.match(
      errorOf('v=spf1 redirect=a.example.com redirect=b.example.com')?.reason ?? '',
      /more than once/,
    );
    assert.match(errorOf('v=spf1 exp=a.example.com exp=b.example.com')?.reason ?? '', /more than once/);
  });

  it('separates terms by spaces only: a tab or a non-ASCII character breaks the term', () => {
    assert.match(errorOf('v=spf1 -all\tfoo')?.reason ?? '', /control character U\+0009/);
    assert.match(errorOf('v=spf1 a:exämple.com')?.reason ?? '', /non-ASCII/);
  });

  it('checks modifier names', () => {
    assert.match(errorOf('v=spf1 =foo')?.reason ?? '', /empty/);
    assert.match(errorOf('v=spf1 1x=foo')?.reason ?? '', /start with a letter/);
  });
});

describe('macro expansion (RFC 7208 §7)', () => {
  const ip6 = parseIp('2001:db8::cb01');
  assert.ok(ip6);
  const context: MacroContext = {
    sender: 'strong-bad@email.example.com',
    localPart: 'strong-bad',
    senderDomain: 'email.example.com',
    domain: 'email.example.com',
    ip: ip6,
    helo: 'mx.example.org',
    receiver: 'mx.example.net',
    timestamp: 1700000000,
    validatedName: async () => 'unknown',
  };
  const expand = async (text: string, place: 'domain-spec' | 'explain-string' = 'domain-spec') => {
    const parsed = parseMacroString(text, place);
    assert.ok(parsed.ok, text);
    return parsed.ok ? expandMacroString(parsed.value, context) : '';
  };

  it('expands the RFC 7208 §7.4 examples', async () => {
    assert.equal(await expand('%{s}'), 'strong-bad@email.example.com');
    assert.equal(await expand('%{d4}'), 'email.example.com');
    assert.equal(await expand('%{d2}'), 'example.com');
    assert.equal(await expand('%{dr}'), 'com.example.email');
    assert.equal(await expand('%{d2r}'), 'example.email');
    assert.equal(await expand('%{l-}'), 'strong.bad');
    assert.equal(await expand('%{lr-}'), 'bad.strong');
    assert.equal(await expand('%{l1r-}'), 'strong');
    assert.equal(
      await expand('%{ir}.%{v}._spf.%{d2}'),
      '1.0.b.c.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6._spf.example.com',
    );
  });

  it('URL-escapes upper-case macros and expands %%, %_ and %-', async () => {
    assert.equal(await expand('%{S}'), 'strong-bad%40email.example.com');
    assert.equal(await expand('a%%b%_c%-d.example.com'), 'a%b c%20d.example.com');
  });

  it('gives c, r and t in explanations', async () => {
    assert.equal(
      await expand('%{c} %{r} %{t}', 'explain-string'),
      '2001:db8::cb01 mx.example.net 1700000000',
    );
  });
});

describe('parsed records are remembered', () => {
  it('gives the same result object for the same text, and the right one for each text', () => {
    const text = 'v=spf1 ip4:192.0.2.0/24 include:_spf.example.test -all';
    const first = parseSpfRecord(text);
    assert.equal(parseSpfRecord(text), first);
    assert.equal(first.ok && first.record.terms.length, 3);
    const other = parseSpfRecord('v=spf1 ip4:192.0.2.0/25 -all');
    assert.notEqual(other, first);
    assert.equal(other.ok && other.record.terms[0]?.text, 'ip4:192.0.2.0/25');
  });

  it('remembers syntax errors as they were', () => {
    const bad = 'v=spf1 ip4:192.0.2.300 -all';
    const first = parseSpfRecord(bad);
    const second = parseSpfRecord(bad);
    assert.equal(second, first);
    assert.equal(first.ok, false);
  });
});
