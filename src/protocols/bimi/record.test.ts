// BIMI record syntax, the SVG Tiny PS textual check, and TLS-RPT record syntax.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseTlsRptRecord } from '../tls-rpt/record.js';
import { checkSvgTinyPs, isBimiRecord, parseBimiRecord } from './record.js';

describe('parseBimiRecord', () => {
  it('reads l= and a=', () => {
    const parsed = parseBimiRecord('v=BIMI1; l=https://x.example/l.svg; a=https://x.example/v.pem;');
    assert.deepEqual(
      parsed.kind === 'ok' && [parsed.record.location, parsed.record.authority, parsed.record.declined],
      ['https://x.example/l.svg', 'https://x.example/v.pem', false],
    );
  });
  it('recognises a declination record', () => {
    const parsed = parseBimiRecord('v=BIMI1; l=; a=');
    assert.equal(parsed.kind === 'ok' && parsed.record.declined, true);
  });
  it('rejects a missing l=, non-https URLs, duplicate tags and a wrong version', () => {
    for (const text of [
      'v=BIMI1; a=https://x.example/v.pem',
      'v=BIMI1; l=http://x.example/l.svg',
      'v=BIMI1; l=; l=',
      'l=; v=BIMI1',
    ])
      assert.equal(parseBimiRecord(text).kind, 'invalid', text);
    assert.equal(isBimiRecord('v=BIMI2; l='), false);
  });
});

describe('checkSvgTinyPs', () => {
  const good =
    '<?xml version="1.0"?>\n<!-- logo -->\n<svg xmlns="http://www.w3.org/2000/svg" version="1.2" baseProfile="tiny-ps"><title>B</title><path d="M0 0" fill="url(#g)"/><use href="#p"/></svg>';
  it('accepts a minimal SVG Tiny PS document with internal references', () => {
    assert.deepEqual(checkSvgTinyPs(good), { problems: [], warnings: [] });
  });
  it('finds what SVG Tiny PS forbids', () => {
    const { problems } = checkSvgTinyPs(
      "<svg baseProfile='tiny' x='0' onload='x()'><script/><foreignObject/><image href='https://e.example/a.png'/><rect fill='url(https://e.example/p)'/></svg>",
    );
    const text = problems.join('\n');
    for (const expected of [
      /baseProfile/,
      /x or y/,
      /<title>/,
      /scripts/,
      /event handler/,
      /foreignObject/,
      /<image>/,
      /external references/,
      /url\(/,
    ])
      assert.match(text, expected);
  });
  it('refuses a document whose root is not svg', () => {
    assert.match(
      checkSvgTinyPs('<html><svg baseProfile="tiny-ps"></svg></html>').problems[0] ?? '',
      /not an SVG/,
    );
  });
});

describe('parseTlsRptRecord', () => {
  it('reads the RFC 8460 examples', () => {
    const parsed = parseTlsRptRecord(
      'v=TLSRPTv1; rua=mailto:reports@example.com, https://reporting.example.com/v1/tlsrpt',
    );
    assert.deepEqual(parsed.kind === 'ok' && parsed.record.rua.map((uri) => uri.scheme), ['mailto', 'https']);
  });
  it('rejects other schemes, a missing rua and a wrong version', () => {
    for (const text of [
      'v=TLSRPTv1; rua=ftp://x.example/',
      'v=TLSRPTv1;',
      'v=TLSRPTv2; rua=mailto:a@b.example',
      'v=TLSRPTv1; rua=mailto:nobody',
    ])
      assert.equal(parseTlsRptRecord(text).kind, 'invalid', text);
  });
});
