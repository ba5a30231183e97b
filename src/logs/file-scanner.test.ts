import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { logIndicatorDataset } from '../knowledge/log-indicators.js';
import { detectFormat } from './detect.js';
import { createFileScanner } from './file-scanner.js';

const options = {
  indicators: logIndicatorDataset.indicators,
  maxLineLength: 65_536,
  exampleLimit: 100,
  thorough: false,
  latin1Utf8: true,
};

function hits(text: string, chunkSize: number): string[] {
  const scanner = createFileScanner('f', options);
  for (let index = 0; index < text.length; index += chunkSize)
    scanner.push(text.slice(index, index + chunkSize));
  const result = scanner.end();
  return [...result.tallies.values()]
    .flatMap((tally) => tally.examples.map((hit) => `${hit.indicatorId}@${hit.line}`))
    .sort();
}

describe('file scanner', () => {
  for (const name of ['u_ex240304.log', 'application-events.xml', 'management-events.csv']) {
    test(`${name}: the same hits and line numbers however the text is cut into chunks`, () => {
      const text = readFileSync(`test/fixtures/logs/compromised/${name}`, 'latin1');
      const whole = hits(text, text.length);
      assert.ok(whole.length > 0);
      for (const size of [1, 7, 64, 333]) assert.deepEqual(hits(text, size), whole, `chunks of ${size}`);
    });
  }

  test('counts lines and keeps the first and last record time, with or without a final newline', () => {
    const text = readFileSync('test/fixtures/logs/clean/u_ex240305.log', 'latin1');
    for (const variant of [text, text.trimEnd()]) {
      const scanner = createFileScanner('f', options);
      scanner.push(variant);
      const result = scanner.end();
      assert.equal(result.lines, 24);
      assert.equal(result.firstTime, '2024-03-05T08:00:01.000Z');
      assert.equal(result.lastTime, '2024-03-05T08:00:20.000Z');
    }
  });
});

describe('format detection', () => {
  const cases: readonly [string, string][] = [
    ['#Software: Microsoft Internet Information Services 10.0\n#Fields: date time cs-uri-stem\n', 'iis-w3c'],
    ['#Log-type: HttpProxy Logs\n#Fields: DateTime,UrlStem,AnchorMailbox\n', 'httpproxy'],
    ['#Fields: TimeStamp,ServerName,EventId,EventData\n', 'ecp-server'],
    ['#Log-type: OABGenerator Log\n2021-01-01T00:00:00Z,x\n', 'oab-generator'],
    ['"Message","Id","Level","ProviderName","TimeCreated"\n', 'event-csv'],
    ['Level,Date and Time,Source,Event ID,Task Category\n', 'event-csv'],
    ["<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'>", 'event-xml'],
  ];
  for (const [head, format] of cases) {
    test(`recognises ${format} from ${JSON.stringify(head.slice(0, 30))}`, () => {
      assert.deepEqual(detectFormat(head), { ok: true, format });
    });
  }
  test('explains why a file is skipped', () => {
    assert.deepEqual(detectFormat(''), { ok: false, reason: 'empty file' });
    const other = detectFormat('#Log-type: Message Tracking Log\n#Fields: date-time,client-ip\n');
    assert.equal(other.ok, false);
    assert.match(other.ok ? '' : other.reason, /Message Tracking Log/);
  });
});
