// Behaviour of the formats beyond the snapshots: SARIF validity and fingerprints, CSV quoting and formula
// defusing, escaping in Markdown, HTML and text.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createTranslator } from '../../src/i18n/translator.js';
import type { Finding } from '../../src/model/finding.js';
import { plainPalette } from '../../src/report/colors.js';
import { defuseFormula, quoteCsv, renderCsv } from '../../src/report/csv.js';
import { contentSecurityPolicy, escapeHtml, renderHtml } from '../../src/report/html.js';
import { codeSpan, escapeMarkdown } from '../../src/report/markdown.js';
import { findingFingerprint, renderSarif } from '../../src/report/sarif.js';
import { renderText } from '../../src/report/text.js';
import { fixtureFindings, fixtureReport } from './fixture.js';
import { validateSarif } from './sarif-validator.js';

const en = () => createTranslator('en');

describe('SARIF', () => {
  test('the rendered log is valid SARIF 2.1.0, in both languages and verbose', () => {
    for (const lang of ['en', 'fr'] as const) {
      for (const verbose of [false, true]) {
        const log = JSON.parse(
          renderSarif([fixtureReport(), fixtureReport()], createTranslator(lang), verbose),
        );
        assert.deepEqual(validateSarif(log), []);
      }
    }
  });

  test('the validator catches what the schema forbids', () => {
    const log = JSON.parse(renderSarif([fixtureReport()], en(), false));
    log.runs[0].results[0].level = 'fatal';
    log.runs[0].results[1].ruleIndex = 99;
    log.runs[0].results[2].kind = 'open';
    log.runs[0].results[2].level = 'error';
    log.runs[0].bogus = 1;
    delete log.runs[0].tool.driver.name;
    const errors = validateSarif(log).join('\n');
    for (const expected of [
      /results\[0\]\.level: bad level fatal/,
      /results\[1\]\.ruleIndex: points at undefined/,
      /results\[2\]: kind open requires level none/,
      /runs\[0\]\.bogus: not a property of run/,
      /driver: toolComponent requires 'name'/,
    ])
      assert.match(errors, expected);
  });

  test('levels: high/critical fails are errors, warnings are warnings, unknowns are open with level none', () => {
    const log = JSON.parse(renderSarif([fixtureReport()], en(), true));
    const byRule = Object.fromEntries(
      log.runs[0].results.map((result: { ruleId: string; kind: string; level: string }) => [
        result.ruleId,
        `${result.kind}/${result.level}`,
      ]),
    );
    assert.equal(byRule['spf.missing'], 'fail/error');
    assert.equal(byRule['exchange.vulnerable'], 'fail/error');
    assert.equal(byRule['mx.no-ipv6'], 'fail/warning');
    assert.equal(byRule['dnssec.unknown'], 'open/none');
    assert.equal(byRule['mx.missing'], 'pass/none');
    assert.equal(byRule['bimi.missing'], 'notApplicable/none');
  });

  test('fingerprints ignore the records that came back and the message, not the question or the subject', () => {
    const base = fixtureFindings[0] as Finding;
    const changed: Finding = {
      ...base,
      message: 'other words',
      evidence: [{ kind: 'dns', name: 'EXAMPLE.com', type: 'TXT', outcome: 'ok', records: ['different'] }],
    };
    assert.equal(findingFingerprint('example.com', base), findingFingerprint('example.com', changed));
    assert.notEqual(
      findingFingerprint('example.com', base),
      findingFingerprint('example.com', { ...base, subject: 'other.example' }),
    );
    assert.notEqual(findingFingerprint('example.com', base), findingFingerprint('example.org', base));
  });
});

describe('CSV', () => {
  const formulaCases: [string, string][] = [
    ['=1+1', "'=1+1"],
    ['+cmd', "'+cmd"],
    ['-2', "'-2"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
    ['\rx', "'\rx"],
    ['plain', 'plain'],
    ['a=b', 'a=b'],
  ];
  for (const [input, expected] of formulaCases)
    test(`defuseFormula(${JSON.stringify(input)})`, () => assert.equal(defuseFormula(input), expected));

  test('RFC 4180 quoting', () => {
    assert.equal(quoteCsv('a,b'), '"a,b"');
    assert.equal(quoteCsv('say "hi"'), '"say ""hi"""');
    assert.equal(quoteCsv('two\nlines'), '"two\nlines"');
    assert.equal(quoteCsv('plain'), 'plain');
  });

  test('one row per finding plus the header, CRLF records, formula-looking cells defused', () => {
    const csv = renderCsv([fixtureReport()], en());
    const records = csv.split('\r\n').filter((line) => /^(domain|example\.com),/.test(line));
    assert.equal(records.length, fixtureFindings.length + 1);
    assert.ok(csv.includes(`"'=HYPERLINK(""http://attacker.example/"")`));
    assert.ok(!/(^|,)"?[=+@]/m.test(csv.replaceAll('\r\n', '\n')));
  });
});

describe('escaping', () => {
  test('HTML escapes the five characters and neutralises control characters', () => {
    assert.equal(
      escapeHtml(`<a href="x" onclick='y'>&`),
      '&#60;a href=&#34;x&#34; onclick=&#39;y&#39;&#62;&#38;',
    );
    assert.equal(escapeHtml('\u001b[31m'), '\\x1b[31m');
  });

  test('the CSP allows our style by hash and nothing else', () => {
    const csp = contentSecurityPolicy('body{}');
    assert.match(csp, /^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/]+=*'; img-src data:;/);
    assert.ok(!csp.includes('script-src'));
    const html = renderHtml([fixtureReport()], en(), true);
    assert.ok(html.includes('http-equiv="Content-Security-Policy"'));
    assert.ok(!/<script/i.test(html));
  });

  test('Markdown: prose is escaped and code spans outgrow the backticks inside', () => {
    assert.equal(
      escapeMarkdown('<img src=x onerror=alert(1)> [a](javascript:x)'),
      '\\<img src=x onerror=alert\\(1\\)\\> \\[a\\]\\(javascript:x\\)',
    );
    assert.equal(codeSpan('a`b'), '``a`b``');
    assert.equal(codeSpan('`x'), '`` `x ``');
  });

  test('text: no raw escape sequence survives', () => {
    const hostile: Finding = {
      ...(fixtureFindings[0] as Finding),
      subject: 'evil\u001b]0;pwned\u0007.example',
      message: '\u001b[2J\u009b31m',
    };
    const text = renderText(fixtureReport([hostile]), {
      palette: plainPalette,
      verbose: true,
      translator: en(),
    });
    const controls = [...text].filter((char) => {
      const code = char.codePointAt(0) ?? 0;
      return (code < 0x20 && char !== '\n' && char !== '\t') || (code >= 0x7f && code <= 0x9f);
    });
    assert.deepEqual(controls, []);
  });
});
