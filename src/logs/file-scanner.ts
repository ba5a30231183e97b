// Scans the decoded text of one log file, pushed in chunks: detects the format, follows `#Fields:`
// changes, finds candidate lines with one prefilter regex per chunk and evaluates indicators on fields
// parsed on demand. Memory stays bounded by the chunk size plus the line cap (pure: no I/O).

import { detectFormat, detectionBytes } from './detect.js';
import {
  evaluateIndicatorWith,
  type FieldReader,
  literalIndicators,
  type NotEvaluable,
  passesPrefilter,
  planSection,
  prefilterLiterals,
  prefilterRegex,
  type SectionPlan,
} from './engine.js';
import { recordFromEventXml } from './event-xml.js';
import {
  type ColumnIndex,
  type ColumnMap,
  columnIndex,
  columnMap,
  fieldsLineNames,
  LazyRecord,
  normalizeTime,
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

function readerOf(record: LogRecord): FieldReader {
  return { get: (field) => record[field] };
}

function timeOf(read: FieldReader): string | undefined {
  const time = read.get('time');
  return time === undefined || time === '' ? undefined : normalizeTime(time);
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
  let columnsIndex: ColumnIndex | undefined;
  let plan: SectionPlan | undefined;
  let prefilter: RegExp | undefined;
  /** Indicators per set of literals found in a line, for the current plan. */
  let byLiterals = new Map<string, readonly Indicator[]>();
  // event-csv state
  let csvHeader: ColumnMap | undefined;
  let csvHeaderWidth = 0;
  let pendingRecord = '';
  let pendingStart = 0;
  // event-xml state
  let xmlLineOffset = 0;

  const showLine = (line: string): string => {
    const cut = line.length > maxExampleChars ? line.slice(0, maxExampleChars) : line;
    const decoded = options.latin1Utf8 ? Buffer.from(cut, 'latin1').toString('utf8') : cut;
    // Event records span lines; an example is shown on one.
    return decoded.replace(/\s*[\r\n]+\s*/g, ' ');
  };

  const usePlan = (format: LogFormat, fields: ReadonlySet<FieldName>): void => {
    plan = planSection(options.indicators, format, fields);
    byLiterals = new Map();
    for (const item of plan.notEvaluable) notEvaluable.set(item.indicatorId, item);
  };

  /** The indicators whose prefilter literals the line contains: only then is it split into fields. */
  const candidates = (lowerText: string): readonly Indicator[] => {
    if (plan === undefined) return [];
    if (options.thorough) return plan.indicators;
    return plan.indicators.filter((indicator) => passesPrefilter(indicator, lowerText));
  };

  /**
   * `line` is the line number, or with `lineAt` the line's start in the body, turned into a number on
   * the first hit (the prefiltered path counts lines only for hits).
   */
  const evaluate = (
    read: FieldReader,
    line: number,
    text: string,
    indicators: readonly Indicator[],
    lineAt?: (start: number) => number,
  ): void => {
    if (plan === undefined) return;
    let time: string | undefined;
    let lineNumber: number | undefined;
    for (const indicator of indicators) {
      const verdict = evaluateIndicatorWith(indicator, read, plan.fields);
      if (!verdict.matched) continue;
      time ??= timeOf(read);
      lineNumber ??= lineAt === undefined ? line : lineAt(line);
      const clientIp = read.get('clientIp');
      addHit(
        tallies,
        {
          indicatorId: indicator.id,
          file,
          line: lineNumber,
          ...(time === undefined ? {} : { time }),
          ...(clientIp === undefined || clientIp === '' ? {} : { clientIp }),
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
        columnsIndex = columnIndex(columns);
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
    if (record !== undefined) evaluate(readerOf(record), line, text, indicators);
  };

  /** The plan's indicators a line may match, from the literals found in it (cached per plan). */
  const indicatorsFor = (found: readonly string[]): readonly Indicator[] => {
    if (plan === undefined) return [];
    const key = found.length === 1 ? (found[0] ?? '') : found.join('\n');
    let indicators = byLiterals.get(key);
    if (indicators === undefined) {
      indicators = literalIndicators(plan, found);
      byLiterals.set(key, indicators);
    }
    return indicators;
  };

  /** A data line holding prefilter literals (`found`, within the capped text): split only as needed. */
  const handleCandidate = (
    format: LogFormat,
    rawLine: string,
    found: readonly string[],
    start: number,
    lineAt: (start: number) => number,
  ): void => {
    let text = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    if (text.length > options.maxLineLength) {
      longLines += 1;
      text = text.slice(0, options.maxLineLength);
    }
    if (text.includes('\u0000')) {
      binaryLines += 1;
      return;
    }
    if (found.length === 0) return;
    const indicators = indicatorsFor(found);
    if (indicators.length === 0) return;
    if (format === 'oab-generator') evaluate(readerOf(recordFromText(text)), start, text, indicators, lineAt);
    else if (columns !== undefined && columnsIndex !== undefined)
      evaluate(new LazyRecord(columns, columnsIndex, text), start, text, indicators, lineAt);
  };

  /**
   * The prefiltered path over complete lines: one pass over the newlines (line count, long lines, the
   * rare `#` header lines that start a new section), then the literal regex over each section; a line
   * number is counted only when a line is a hit.
   */
  const scanBodyPrefiltered = (format: LogFormat, body: string, regex: RegExp): void => {
    const baseLine = lineCount;
    const cap = options.maxLineLength;
    const headers: number[] = [];
    let lines = 0;
    let lineStart = 0;
    for (let position = body.indexOf('\n'); position !== -1; position = body.indexOf('\n', lineStart)) {
      if (body.charCodeAt(lineStart) === 35) headers.push(lineStart);
      if (position - lineStart > cap) longLines += 1;
      lines += 1;
      lineStart = position + 1;
    }
    let counted = 0;
    let countedLines = 0;
    /** The 1-based line number of the line starting at `start`; starts only grow. */
    const lineAt = (start: number): number => {
      for (let position = body.indexOf('\n', counted); position !== -1 && position < start; ) {
        countedLines += 1;
        counted = position + 1;
        position = body.indexOf('\n', counted);
      }
      return baseLine + countedLines + 1;
    };
    /** handleLine and handleCandidate count the long lines they see themselves (after cutting `\r`). */
    const uncount = (start: number, end: number): void => {
      if (end - start > cap) longLines -= 1;
    };
    let from = 0;
    for (let section = 0; section <= headers.length; section += 1) {
      const to = headers[section] ?? body.length;
      regex.lastIndex = from;
      let match = regex.exec(body);
      while (match !== null && match.index < to) {
        const start = body.lastIndexOf('\n', match.index - 1) + 1;
        const end = body.indexOf('\n', match.index);
        const textEnd = Math.min(body.charCodeAt(end - 1) === 13 ? end - 1 : end, start + cap);
        const found: string[] = [];
        // Every place a literal starts is visited (lastIndex one past the last match), so overlapping
        // literals (`.js ` then ` t=`) are all seen.
        for (;;) {
          if (match.index + match[0].length <= textEnd) found.push(match[0].toLowerCase());
          regex.lastIndex = match.index + 1;
          const next: RegExpExecArray | null = regex.exec(body);
          if (next === null || next.index >= end) {
            uncount(start, end);
            handleCandidate(format, body.slice(start, end), found, start, lineAt);
            match = next;
            break;
          }
          match = next;
        }
      }
      if (section < headers.length) {
        const end = body.indexOf('\n', to);
        uncount(to, end);
        handleLine(format, body.slice(to, end), 0);
        from = end + 1;
      }
    }
    lineCount = baseLine + lines;
  };

  const lineTime = (format: LogFormat, line: string): string | undefined => {
    const record = parseDataLine(format, line.replace(/\r$/, ''));
    return record === undefined ? undefined : recordTime(record);
  };

  /**
   * Processes complete lines (`body` ends with a newline). `more`: the next body belongs to the same
   * piece of text, so the first record's time waits for it (as if both were one body).
   */
  const scanBody = (format: LogFormat, body: string, more: boolean): void => {
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
    } else scanBodyPrefiltered(format, body, prefilter);
    if (more) return;
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
    evaluate(readerOf(record), startLine, text, candidates(text.toLowerCase()));
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
      evaluate(readerOf(record), startLine, eventText, candidates(eventText.toLowerCase()));
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
        prefilter = prefilterRegex(prefilterLiterals(options.indicators, format));
        break;
      case 'httpproxy':
      case 'iis-w3c':
      case 'ecp-server':
        mode = { kind: 'lines', format };
        prefilter = prefilterRegex(prefilterLiterals(options.indicators, format));
        break;
    }
    feed(head, false);
  };

  const feedLines = (text: string, final: boolean, consume: (body: string, more: boolean) => void): void => {
    let input = text;
    if (carry !== '') {
      // Joining the carried partial line to the whole chunk would copy the chunk (a megabyte per chunk):
      // join it to the chunk's first line only.
      const newline = text.indexOf('\n');
      if (newline === -1) input = carry + text;
      else {
        consume(carry + text.slice(0, newline + 1), text.indexOf('\n', newline + 1) !== -1);
        input = text.slice(newline + 1);
      }
    }
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
    if (end !== -1) consume(input.slice(0, end + 1), false);
    const rest = input.slice(end + 1);
    if (final) {
      if (rest !== '') consume(`${rest}\n`, false);
    } else if (rest.length > options.maxLineLength) {
      // Keep what the cap allows for evaluation, drop the rest of the line as it streams by.
      longLines += 1;
      consume(`${rest.slice(0, options.maxLineLength)}\n`, false);
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
        feedLines(text, final, (body, more) => scanBody(format, body, more));
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
