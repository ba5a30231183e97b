// Scans the decoded text of one log file, pushed in chunks: detects the format, follows `#Fields:`
// changes, finds candidate lines with one prefilter regex per chunk and evaluates indicators on parsed
// fields. Memory stays bounded by the chunk size plus the line cap (pure: no I/O).

import { detectFormat, detectionBytes } from './detect.js';
import {
  evaluateIndicator,
  type NotEvaluable,
  passesPrefilter,
  planSection,
  prefilterRegex,
  type SectionPlan,
} from './engine.js';
import { recordFromEventXml } from './event-xml.js';
import {
  type ColumnMap,
  columnMap,
  fieldsLineNames,
  recordFromText,
  recordFromValues,
  recordTime,
  splitCsv,
  splitLine,
} from './fields.js';
import type { Indicator } from './indicator.js';
import { addHit, type Tallies } from './tally.js';
import type { FieldName, LogFormat, LogRecord } from './types.js';

export interface FileScanOptions {
  readonly indicators: readonly Indicator[];
  /** Longer lines are cut here (and counted); bounds memory. */
  readonly maxLineLength: number;
  readonly exampleLimit: number;
  /** Parse every line instead of only the prefiltered ones (slower; for audits of the prefilter). */
  readonly thorough: boolean;
  /** The text is UTF-8 decoded as Latin-1 for speed: re-decode example lines before showing them. */
  readonly latin1Utf8: boolean;
}

/** What one file gave; `format` is absent when the file was skipped. */
export interface FileScanResult {
  readonly format?: LogFormat;
  readonly skipReason?: string;
  readonly lines: number;
  readonly firstTime?: string;
  readonly lastTime?: string;
  readonly longLines: number;
  readonly binaryLines: number;
  readonly notEvaluable: readonly NotEvaluable[];
  readonly tallies: Tallies;
}

const maxExampleChars = 1000;
/** An event record (CSV with multi-line messages, or XML) larger than this is dropped. */
const maxRecordChars = 1024 * 1024;

type Mode =
  | { readonly kind: 'detecting'; head: string }
  | { readonly kind: 'skipped'; readonly reason: string }
  | { readonly kind: 'lines'; readonly format: LogFormat }
  | { readonly kind: 'event-csv' }
  | { readonly kind: 'event-xml' };

export interface FileScanner {
  push(text: string): void;
  end(): FileScanResult;
}

/** The first line of a chunk that is neither a header nor blank. */
function firstRecordLine(body: string, cap: number): string | undefined {
  for (let start = 0; start < body.length; ) {
    const end = body.indexOf('\n', start);
    const line = body.slice(start, Math.min(end, start + cap));
    if (!line.startsWith('#') && line.trim() !== '') return line;
    start = end + 1;
  }
  return undefined;
}

function newlinesIn(text: string, from: number, to: number): number {
  let count = 0;
  for (
    let position = text.indexOf('\n', from);
    position !== -1 && position < to;
    position = text.indexOf('\n', position + 1)
  )
    count += 1;
  return count;
}

export function createFileScanner(file: string, options: FileScanOptions): FileScanner {
  const tallies: Tallies = new Map();
  const notEvaluable = new Map<string, NotEvaluable>();
  let mode: Mode = { kind: 'detecting', head: '' };
  let carry = '';
  let discarding = false;
  /** Complete lines consumed so far. */
  let lineCount = 0;
  let longLines = 0;
  let binaryLines = 0;
  let firstTime: string | undefined;
  let lastDataLine: string | undefined;
  let firstDataLine: string | undefined;
  let columns: ColumnMap | undefined;
  let plan: SectionPlan | undefined;
  let prefilter: RegExp | undefined;
  // event-csv state
  let csvHeader: ColumnMap | undefined;
  let csvHeaderWidth = 0;
  let pendingRecord = '';
  let pendingStart = 0;
  // event-xml state
  let xmlLineOffset = 0;

  /** Counts the newlines in [from, to) (`from` starts a line), and the lines there longer than the cap. */
  const countNewlines = (text: string, from: number, to: number): number => {
    let count = 0;
    let lineStart = from;
    let position = text.indexOf('\n', from);
    while (position !== -1 && position < to) {
      count += 1;
      if (position - lineStart > options.maxLineLength) longLines += 1;
      lineStart = position + 1;
      position = text.indexOf('\n', lineStart);
    }
    return count;
  };

  const showLine = (line: string): string => {
    const cut = line.length > maxExampleChars ? line.slice(0, maxExampleChars) : line;
    const decoded = options.latin1Utf8 ? Buffer.from(cut, 'latin1').toString('utf8') : cut;
    // Event records span lines; an example is shown on one.
    return decoded.replace(/\s*[\r\n]+\s*/g, ' ');
  };

  const usePlan = (format: LogFormat, fields: ReadonlySet<FieldName>): void => {
    plan = planSection(options.indicators, format, fields);
    for (const item of plan.notEvaluable) notEvaluable.set(item.indicatorId, item);
  };

  /** The indicators whose prefilter literals the line contains: only then is it split into fields. */
  const candidates = (lowerText: string): readonly Indicator[] => {
    if (plan === undefined) return [];
    if (options.thorough) return plan.indicators;
    return plan.indicators.filter((indicator) => passesPrefilter(indicator, lowerText));
  };

  const evaluate = (
    record: LogRecord,
    line: number,
    text: string,
    indicators: readonly Indicator[],
  ): void => {
    if (plan === undefined) return;
    let time: string | undefined;
    for (const indicator of indicators) {
      const verdict = evaluateIndicator(indicator, record, plan.fields);
      if (!verdict.matched) continue;
      time ??= recordTime(record);
      addHit(
        tallies,
        {
          indicatorId: indicator.id,
          file,
          line,
          ...(time === undefined ? {} : { time }),
          ...(record.clientIp === undefined || record.clientIp === '' ? {} : { clientIp: record.clientIp }),
          succeeded: verdict.succeeded,
          text: showLine(text),
        },
        options.exampleLimit,
      );
    }
  };

  const parseDataLine = (format: LogFormat, line: string): LogRecord | undefined => {
    if (format === 'oab-generator') return recordFromText(line);
    if (columns === undefined) return undefined;
    return recordFromValues(columns, splitLine(format, line));
  };

  const handleLine = (format: LogFormat, rawLine: string, line: number): void => {
    let text = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    if (text.length > options.maxLineLength) {
      longLines += 1;
      text = text.slice(0, options.maxLineLength);
    }
    if (text.startsWith('#')) {
      if (/^#fields:/i.test(text) && format !== 'oab-generator') {
        columns = columnMap(format, fieldsLineNames(format, text));
        usePlan(format, columns.fields);
      }
      return;
    }
    if (text.includes('\u0000')) {
      binaryLines += 1;
      return;
    }
    const indicators = candidates(text.toLowerCase());
    if (indicators.length === 0) return;
    const record = parseDataLine(format, text);
    if (record !== undefined) evaluate(record, line, text, indicators);
  };

  const lineTime = (format: LogFormat, line: string): string | undefined => {
    const record = parseDataLine(format, line.replace(/\r$/, ''));
    return record === undefined ? undefined : recordTime(record);
  };

  /** Processes complete lines (`body` ends with a newline). */
  const scanBody = (format: LogFormat, body: string): void => {
    const baseLine = lineCount;
    const lastStart = body.lastIndexOf('\n', body.length - 2) + 1;
    const last = body.slice(lastStart, body.length - 1);
    if (!last.startsWith('#') && last.trim() !== '') lastDataLine = last.slice(0, options.maxLineLength);
    if (firstDataLine === undefined) firstDataLine = firstRecordLine(body, options.maxLineLength);
    if (options.thorough || prefilter === undefined) {
      let start = 0;
      let line = baseLine;
      while (start < body.length) {
        const end = body.indexOf('\n', start);
        line += 1;
        handleLine(format, body.slice(start, end), line);
        start = end + 1;
      }
      lineCount = line;
      if (firstTime === undefined && firstDataLine !== undefined) firstTime = lineTime(format, firstDataLine);
      return;
    }
    let counted = 0;
    let line = baseLine;
    prefilter.lastIndex = 0;
    for (let match = prefilter.exec(body); match !== null; match = prefilter.exec(body)) {
      const start = body.lastIndexOf('\n', match.index - 1) + 1;
      const end = body.indexOf('\n', match.index);
      line += countNewlines(body, counted, start) + 1;
      counted = end + 1;
      handleLine(format, body.slice(start, end), line);
      // A `#Fields:` line may have changed the prefilter's indicators; the regex object stays the same.
      prefilter.lastIndex = end + 1;
    }
    lineCount = line + countNewlines(body, counted, body.length);
    // After the body's `#Fields:` lines were read, so the first record is parsed with its own columns.
    if (firstTime === undefined && firstDataLine !== undefined) firstTime = lineTime(format, firstDataLine);
  };

  const evaluateCsvRecord = (recordText: string, startLine: number): void => {
    const text = recordText.endsWith('\r') ? recordText.slice(0, -1) : recordText;
    if (text.trim() === '') return;
    if (csvHeader === undefined) {
      if (text.startsWith('#')) return; // PowerShell's "#TYPE ..." line
      const names = splitCsv(text);
      csvHeader = columnMap('event-csv', names);
      csvHeaderWidth = names.length;
      const fields = new Set(csvHeader.fields);
      // Event Viewer's "Save as CSV" leaves the description column unnamed, after the named ones.
      if (!fields.has('message')) fields.add('message');
      usePlan('event-csv', fields);
      return;
    }
    const values = splitCsv(text);
    const record = recordFromValues(csvHeader, values);
    if (record.message === undefined) record.message = values.slice(csvHeaderWidth).join(',');
    if (firstTime === undefined) firstTime = recordTime(record);
    lastDataLine = text;
    evaluate(record, startLine, text, candidates(text.toLowerCase()));
  };

  /** Event CSV records may span lines inside quotes: join lines until the quotes balance. */
  const scanEventCsv = (body: string): void => {
    let start = 0;
    while (start < body.length) {
      const end = body.indexOf('\n', start);
      lineCount += 1;
      const line = body.slice(start, end);
      start = end + 1;
      if (pendingRecord === '') pendingStart = lineCount;
      pendingRecord = pendingRecord === '' ? line : `${pendingRecord}\n${line}`;
      if (pendingRecord.length > maxRecordChars) {
        longLines += 1;
        pendingRecord = '';
        continue;
      }
      let quotes = 0;
      for (
        let index = pendingRecord.indexOf('"');
        index !== -1;
        index = pendingRecord.indexOf('"', index + 1)
      )
        quotes += 1;
      if (quotes % 2 === 0) {
        evaluateCsvRecord(pendingRecord, pendingStart);
        pendingRecord = '';
      }
    }
  };

  /** XML events are cut at `</Event>`, whatever the line breaks (one line or many). */
  const scanEventXml = (text: string, final: boolean): string => {
    let rest = text;
    for (;;) {
      const open = rest.search(/<Event[\s>]/);
      if (open === -1) {
        // Keep a tail in case `<Event` is cut between two chunks.
        const kept = final ? '' : rest.slice(-16);
        xmlLineOffset += newlinesIn(rest, 0, rest.length - kept.length);
        return kept;
      }
      const close = rest.indexOf('</Event>', open);
      if (close === -1) {
        if (rest.length - open > maxRecordChars) {
          longLines += 1;
          xmlLineOffset += newlinesIn(rest, 0, rest.length);
          return '';
        }
        const kept = rest.slice(open);
        xmlLineOffset += newlinesIn(rest, 0, open);
        return final ? '' : kept;
      }
      const startLine = xmlLineOffset + newlinesIn(rest, 0, open) + 1;
      const eventText = rest.slice(open, close + '</Event>'.length);
      xmlLineOffset += newlinesIn(rest, 0, close + '</Event>'.length);
      rest = rest.slice(close + '</Event>'.length);
      const record = recordFromEventXml(eventText);
      if (firstTime === undefined) firstTime = recordTime(record);
      lastDataLine = eventText;
      evaluate(record, startLine, eventText, candidates(eventText.toLowerCase()));
    }
  };

  const startMode = (head: string): void => {
    const detection = detectFormat(head);
    if (!detection.ok) {
      mode = { kind: 'skipped', reason: detection.reason };
      return;
    }
    const format = detection.format;
    switch (format) {
      case 'event-csv':
        mode = { kind: 'event-csv' };
        break;
      case 'event-xml':
        mode = { kind: 'event-xml' };
        usePlan('event-xml', new Set<FieldName>(['time', 'provider', 'eventId', 'level', 'message']));
        break;
      case 'oab-generator':
        mode = { kind: 'lines', format };
        usePlan(format, new Set<FieldName>(['time', 'message']));
        prefilter = prefilterRegex(options.indicators, format);
        break;
      case 'httpproxy':
      case 'iis-w3c':
      case 'ecp-server':
        mode = { kind: 'lines', format };
        prefilter = prefilterRegex(options.indicators, format);
        break;
    }
    feed(head, false);
  };

  const feedLines = (text: string, final: boolean, consume: (body: string) => void): void => {
    let input = carry + text;
    carry = '';
    if (discarding) {
      const newline = input.indexOf('\n');
      if (newline === -1) {
        if (final) {
          lineCount += 1;
          discarding = false;
        }
        return;
      }
      input = input.slice(newline + 1);
      lineCount += 1;
      discarding = false;
    }
    const end = input.lastIndexOf('\n');
    if (end !== -1) consume(input.slice(0, end + 1));
    const rest = input.slice(end + 1);
    if (final) {
      if (rest !== '') consume(`${rest}\n`);
    } else if (rest.length > options.maxLineLength) {
      // Keep what the cap allows for evaluation, drop the rest of the line as it streams by.
      longLines += 1;
      consume(`${rest.slice(0, options.maxLineLength)}\n`);
      lineCount -= 1;
      discarding = true;
    } else carry = rest;
  };

  const feed = (text: string, final: boolean): void => {
    switch (mode.kind) {
      case 'detecting':
        mode.head += text;
        if (mode.head.length >= detectionBytes || final) {
          const head = mode.head;
          startMode(head);
          if (final) feed('', true);
        }
        return;
      case 'skipped':
        return;
      case 'lines': {
        const format = mode.format;
        feedLines(text, final, (body) => scanBody(format, body));
        return;
      }
      case 'event-csv':
        feedLines(text, final, scanEventCsv);
        if (final && pendingRecord !== '') {
          evaluateCsvRecord(pendingRecord, pendingStart);
          pendingRecord = '';
        }
        return;
      case 'event-xml':
        carry = scanEventXml(carry + text, final);
        lineCount = xmlLineOffset;
        return;
    }
  };

  return {
    push(text: string): void {
      feed(text, false);
    },
    end(): FileScanResult {
      feed('', true);
      const format =
        mode.kind === 'lines'
          ? mode.format
          : mode.kind === 'event-csv'
            ? 'event-csv'
            : mode.kind === 'event-xml'
              ? 'event-xml'
              : undefined;
      let lastTime: string | undefined;
      if (lastDataLine !== undefined && format !== undefined) {
        if (format === 'event-xml') lastTime = recordFromEventXml(lastDataLine).time;
        else if (format === 'event-csv' && csvHeader !== undefined)
          lastTime = recordTime(recordFromValues(csvHeader, splitCsv(lastDataLine)));
        else lastTime = lineTime(format, lastDataLine);
      }
      return {
        ...(format === undefined ? {} : { format }),
        ...(mode.kind === 'skipped' ? { skipReason: mode.reason } : {}),
        lines: lineCount,
        ...(firstTime === undefined ? {} : { firstTime }),
        ...(lastTime === undefined || lastTime === '' ? {} : { lastTime }),
        longLines,
        binaryLines,
        notEvaluable: [...notEvaluable.values()],
        tallies,
      };
    },
  };
}
