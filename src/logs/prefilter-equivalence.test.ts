import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { logIndicatorDataset } from '../knowledge/log-indicators.js';
import { createFileScanner, type FileScanResult } from './file-scanner.js';

// The prefiltered path (literal regex, fields parsed on demand, line numbers counted only for hits) must
// find exactly what parsing every line finds, on text built to stress it: overlapping literals, mixed
// case, literals beyond the line cap, CRLF, NUL bytes, `#Fields:` changes mid-file, any chunking.

const cap = 1024;
const fieldSets = [
  '#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Cookie) sc-status sc-substatus sc-win32-status time-taken',
  '#Fields: date time cs-method cs-uri-stem cs-uri-query s-port c-ip cs(User-Agent) sc-status',
];
const stems = [
  '/owa/auth/x.js',
  '/OWA/auth/Y.JS',
  '/ecp/a.css',
  '/ecp/b.flt',
  '/aspnet_client/s.aspx',
  '/owa/auth/logon.aspx',
  '/owa/auth/Current/themes/a.ashx',
  '/powershell',
  '/owa/x%40y.com/PowerShell',
  '/autodiscover/autodiscover.json',
  '/ecp/DDI/DDIService.svc/GetList',
  '/mapi/nspi/',
];
const queries = [
  '-',
  't=whoami',
  '@evil.corp/mapi/nspi/?&Email=autodiscover/autodiscover.json%3F@evil.corp',
  '@evil.corp/powershell/?X-Rps-CAT=VgEA&Email=autodiscover/autodiscover.json%3F@evil.corp',
  'reqId=1&msExchEcpCanary=abc',
  'a=b.js',
];
const cookies = [
  '-',
  'X-BEResource=a]@b:444/ecp/x.js?~1942062522',
  'SecurityToken=x',
  'X-AnonResource-Backend=a~1',
];

const line = fc
  .record({
    fields: fc.nat({ max: 1 }),
    method: fc.constantFrom('GET', 'POST', 'post'),
    stem: fc.constantFrom(...stems),
    query: fc.constantFrom(...queries),
    port: fc.constantFrom('443', '444'),
    cookie: fc.constantFrom(...cookies),
    status: fc.constantFrom('200', '302', '404'),
    padding: fc.constantFrom(0, 0, 0, 40, cap),
    crlf: fc.boolean(),
    nul: fc.nat({ max: 20 }),
  })
  .map((r) => {
    const pad = 'p'.repeat(r.padding);
    const full = `2024-03-04 10:00:01 10.0.0.5 ${r.method} ${r.stem} ${r.query} ${r.port} - 192.0.2.9 Mozilla/5.0+${pad} ${r.cookie} ${r.status} 0 0 15`;
    const short = `2024-03-04 10:00:01 ${r.method} ${r.stem} ${r.query} ${r.port} 192.0.2.9 UA${pad} ${r.status}`;
    const text = (r.fields === 0 ? full : short) + (r.nul === 0 ? '\u0000' : '') + (r.crlf ? '\r' : '');
    return r.nul === 1 ? (fieldSets[(r.padding + r.port.length) % 2] ?? '') : text;
  });

function scan(text: string, chunks: readonly number[], thorough: boolean): FileScanResult {
  const scanner = createFileScanner('f', {
    indicators: logIndicatorDataset.indicators,
    maxLineLength: cap,
    exampleLimit: 1000,
    thorough,
    latin1Utf8: true,
  });
  let position = 0;
  for (const size of chunks) {
    scanner.push(text.slice(position, position + size));
    position += size;
  }
  scanner.push(text.slice(position));
  return scanner.end();
}

function comparable(result: FileScanResult) {
  const { binaryLines: _onlyCandidatesAreChecked, tallies, ...rest } = result;
  return { ...rest, tallies: [...tallies.entries()].sort(([a], [b]) => (a < b ? -1 : 1)) };
}

describe('prefiltered scan', () => {
  test('finds exactly what parsing every line finds, with the same lines and counts', () => {
    fc.assert(
      fc.property(
        fc.array(line, { minLength: 1, maxLength: 60 }),
        fc.array(fc.integer({ min: 1, max: 3000 }), { maxLength: 8 }),
        fc.boolean(),
        (lines, chunks, finalNewline) => {
          const text = `#Software: IIS\n${fieldSets[0]}\n${lines.join('\n')}${finalNewline ? '\n' : ''}`;
          assert.deepEqual(comparable(scan(text, chunks, false)), comparable(scan(text, chunks, true)));
        },
      ),
      { numRuns: 300 },
    );
  });

  test('a `.js ` stem followed by a ` t=` query is seen as both literals', () => {
    const text = `${fieldSets[0]}\n2024-03-04 10:00:01 10.0.0.5 GET /ecp/x.js t=cmd 444 - 192.0.2.9 UA - 200 0 0 15\n`;
    const result = scan(text, [], false);
    assert.deepEqual([...result.tallies.keys()], ['proxylogon.backend-webshell-command']);
    assert.equal(result.tallies.get('proxylogon.backend-webshell-command')?.examples[0]?.line, 2);
  });
});
