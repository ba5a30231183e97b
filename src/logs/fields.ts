// Splits log lines into fields and maps each format's column names onto the shared field names (pure).

import type { FieldName, LogFormat, LogRecord } from './types.js';

/** Splits one CSV line (RFC 4180 quoting, as Exchange writes it); an unclosed quote runs to the end. */
export function splitCsv(line: string): string[] {
  if (!line.includes('"')) return line.split(',');
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < line.length; index += 1) {
    const char = line[index];
    if (quoted) {
      if (char === '"') {
        if (line[index + 1] === '"') {
          field += '"';
          index += 1;
        } else quoted = false;
      } else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      out.push(field);
      field = '';
    } else field += char;
  }
  out.push(field);
  return out;
}

/** Percent-decoding that never throws: invalid escapes stay as they are (attackers send them on purpose). */
export function percentDecode(text: string): string {
  if (!text.includes('%')) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    return text.replace(/%([0-9a-f]{2})/gi, (_match, hex: string) =>
      String.fromCharCode(Number.parseInt(hex, 16)),
    );
  }
}

/** Which column holds which shared field, for one `#Fields:` section. */
export interface ColumnMap {
  readonly format: LogFormat;
  readonly columns: readonly (readonly [FieldName, number])[];
  /** IIS writes the date and the time in two columns. */
  readonly dateColumn?: number;
  readonly fields: ReadonlySet<FieldName>;
}

const iisColumns: Readonly<Record<string, FieldName>> = {
  time: 'time',
  'c-ip': 'clientIp',
  'cs-method': 'method',
  'cs-uri-stem': 'uriStem',
  'cs-uri-query': 'uriQuery',
  'sc-status': 'status',
  'cs(user-agent)': 'userAgent',
  'cs(cookie)': 'cookie',
  'cs-username': 'username',
  's-port': 'serverPort',
  's-sitename': 'siteName',
};

const httpProxyColumns: Readonly<Record<string, FieldName>> = {
  datetime: 'time',
  clientipaddress: 'clientIp',
  method: 'method',
  urlstem: 'uriStem',
  urlquery: 'uriQuery',
  httpstatus: 'status',
  useragent: 'userAgent',
  authenticateduser: 'username',
  anchormailbox: 'anchorMailbox',
};

const ecpColumns: Readonly<Record<string, FieldName>> = { timestamp: 'time', eventdata: 'message' };

const eventCsvColumns: Readonly<Record<string, FieldName>> = {
  'date and time': 'time',
  timecreated: 'time',
  source: 'provider',
  providername: 'provider',
  'event id': 'eventId',
  id: 'eventId',
  level: 'level',
  message: 'message',
};

function tableFor(format: LogFormat): Readonly<Record<string, FieldName>> {
  switch (format) {
    case 'iis-w3c':
      return iisColumns;
    case 'httpproxy':
      return httpProxyColumns;
    case 'ecp-server':
      return ecpColumns;
    case 'event-csv':
      return eventCsvColumns;
    case 'oab-generator':
    case 'event-xml':
      return {};
  }
}

/** Builds the column map of a `#Fields:` (or CSV header) list of names. */
export function columnMap(format: LogFormat, names: readonly string[]): ColumnMap {
  const table = tableFor(format);
  const columns: [FieldName, number][] = [];
  const fields = new Set<FieldName>();
  let dateColumn: number | undefined;
  names.forEach((raw, index) => {
    const name = raw.trim().toLowerCase();
    if (format === 'iis-w3c' && name === 'date') dateColumn = index;
    const field = table[name];
    // The first column wins, so `Level` (numeric) is kept when `LevelDisplayName` also exists.
    if (field === undefined || fields.has(field)) return;
    columns.push([field, index]);
    fields.add(field);
  });
  if (fields.has('uriStem')) fields.add('uri');
  if (format === 'oab-generator') fields.add('message');
  return { format, columns, ...(dateColumn === undefined ? {} : { dateColumn }), fields };
}

/** The names of a `#Fields:` line, split the way its format separates columns. */
export function fieldsLineNames(format: LogFormat, line: string): string[] {
  const list = line.slice(line.indexOf(':') + 1).trim();
  return format === 'iis-w3c' ? list.split(/\s+/) : splitCsv(list);
}

const isoPrefix = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:\.\d+)?Z?/;

/** ISO 8601 UTC when the text is a recognisable time; undefined otherwise. */
export function normalizeTime(text: string): string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const iso = isoPrefix.exec(trimmed)?.[0];
  const candidate = iso === undefined ? trimmed : `${iso.replace(' ', 'T').replace(/Z$/, '')}Z`;
  const parsed = Date.parse(candidate);
  return Number.isNaN(parsed) ? undefined : new Date(parsed).toISOString();
}

function cell(value: string | undefined, format: LogFormat): string {
  if (value === undefined) return '';
  // W3C writes '-' for an empty field and '+' for a space in the user agent.
  if (format === 'iis-w3c') return value === '-' ? '' : value;
  return value;
}

interface Cells {
  cell(column: number): string | undefined;
}

function columnValueOf(map: ColumnMap, cells: Cells, field: FieldName, index: number): string {
  const value = cell(cells.cell(index), map.format);
  switch (field) {
    case 'uriQuery':
    case 'uriStem':
      return percentDecode(value);
    case 'userAgent':
      return map.format === 'iis-w3c' ? value.replaceAll('+', ' ') : value;
    case 'time': {
      // Normalised only when shown (see recordTime): most parsed records are not hits.
      const date = map.dateColumn === undefined ? '' : cell(cells.cell(map.dateColumn), map.format);
      return date === '' ? value : `${date}T${value}`;
    }
    case 'level':
      return value.trim().toLowerCase();
    default:
      return value;
  }
}

function joinUri(stem: string | undefined, query: string | undefined): string {
  const path = stem ?? '';
  const rest = query ?? '';
  return rest === '' ? path : `${path}?${rest}`;
}

/** The shared fields of one data line of a column-based format. */
export function recordFromValues(map: ColumnMap, values: readonly string[]): LogRecord {
  const record: LogRecord = {};
  const cells: Cells = { cell: (column) => values[column] };
  for (const [field, index] of map.columns) record[field] = columnValueOf(map, cells, field, index);
  if (map.fields.has('uri')) record.uri = joinUri(record.uriStem, record.uriQuery);
  return record;
}

/** Where each field sits in a column map, for the lazy reader. */
export type ColumnIndex = ReadonlyMap<FieldName, number>;

export function columnIndex(map: ColumnMap): ColumnIndex {
  return new Map(map.columns);
}

/**
 * The fields of one data line read on demand: the line is cut at separators only up to the last column a
 * test reads (the HttpProxy query is column 65 of 75) and each field decoded once, with exactly the values
 * recordFromValues gives. Most candidate lines fail on their first field. A class, not closures: one is
 * made per candidate line.
 */
export class LazyRecord implements Cells {
  readonly #map: ColumnMap;
  readonly #index: ColumnIndex;
  readonly #line: string;
  readonly #separator: string;
  /** Where each cell starts, found left to right; undefined when the line is quoted CSV. */
  readonly #starts: number[] | undefined;
  readonly #values: readonly string[] | undefined;
  #ended = false;
  readonly #cache = new Map<FieldName, string | undefined>();

  constructor(map: ColumnMap, index: ColumnIndex, line: string) {
    this.#map = map;
    this.#index = index;
    this.#line = line;
    this.#separator = map.format === 'iis-w3c' ? ' ' : ',';
    // Quoted CSV needs the full parser; Exchange quotes a cell only when it holds a comma or a quote.
    if (this.#separator === ',' && line.includes('"')) this.#values = splitCsv(line);
    else this.#starts = [0];
  }

  cell(column: number): string | undefined {
    const starts = this.#starts;
    if (starts === undefined) return this.#values?.[column];
    while (!this.#ended && starts.length <= column + 1) {
      const next = this.#line.indexOf(this.#separator, starts[starts.length - 1] ?? 0);
      if (next === -1) this.#ended = true;
      else starts.push(next + 1);
    }
    const start = starts[column];
    if (start === undefined) return undefined;
    const after = starts[column + 1];
    return after === undefined ? this.#line.slice(start) : this.#line.slice(start, after - 1);
  }

  get(field: FieldName): string | undefined {
    if (this.#cache.has(field)) return this.#cache.get(field);
    let value: string | undefined;
    if (field === 'uri')
      value = this.#map.fields.has('uri') ? joinUri(this.get('uriStem'), this.get('uriQuery')) : undefined;
    else {
      const column = this.#index.get(field);
      if (column !== undefined) value = columnValueOf(this.#map, this, field, column);
    }
    this.#cache.set(field, value);
    return value;
  }
}

/** The record's time as ISO 8601 UTC, when it has a recognisable one. */
export function recordTime(record: LogRecord): string | undefined {
  return record.time === undefined || record.time === '' ? undefined : normalizeTime(record.time);
}

/** Splits a data line of a column-based format. */
export function splitLine(format: LogFormat, line: string): string[] {
  return format === 'iis-w3c' ? line.split(' ') : splitCsv(line);
}

const leadingTime = /^\s*(\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:\.\d+)?Z?)/;

/** A free-text line (OAB generator log): the whole line is the message, a leading timestamp its time. */
export function recordFromText(line: string): LogRecord {
  const time = leadingTime.exec(line)?.[1];
  const normalized = time === undefined ? undefined : normalizeTime(time);
  return normalized === undefined ? { message: line } : { message: line, time: normalized };
}
