// The vocabulary of log scanning: log formats, the normalised fields indicators match on, and hits.

/** Formats recognised from a file's content (never from its name). */
export type LogFormat = 'httpproxy' | 'iis-w3c' | 'ecp-server' | 'oab-generator' | 'event-csv' | 'event-xml';
export const logFormats: readonly LogFormat[] = [
  'httpproxy',
  'iis-w3c',
  'ecp-server',
  'oab-generator',
  'event-csv',
  'event-xml',
];

export const formatTitles: Readonly<Record<LogFormat, string>> = {
  httpproxy: 'Exchange HttpProxy log',
  'iis-w3c': 'IIS W3C extended log',
  'ecp-server': 'Exchange ECP server/activity log',
  'oab-generator': 'Exchange OAB generator log',
  'event-csv': 'Windows event log export (CSV)',
  'event-xml': 'Windows event log export (XML)',
};

/**
 * Field names shared by every format, so one indicator can read an IIS log and an HttpProxy log alike.
 * `uriQuery` and `uri` are URL-decoded; `uri` is the stem, plus `?query` when there is one.
 */
export type FieldName =
  | 'time'
  | 'clientIp'
  | 'method'
  | 'uriStem'
  | 'uriQuery'
  | 'uri'
  | 'status'
  | 'userAgent'
  | 'cookie'
  | 'username'
  | 'anchorMailbox'
  | 'serverPort'
  | 'siteName'
  | 'message'
  | 'provider'
  | 'eventId'
  | 'level';

export const fieldNames: readonly FieldName[] = [
  'time',
  'clientIp',
  'method',
  'uriStem',
  'uriQuery',
  'uri',
  'status',
  'userAgent',
  'cookie',
  'username',
  'anchorMailbox',
  'serverPort',
  'siteName',
  'message',
  'provider',
  'eventId',
  'level',
];

/** One parsed log record: only the fields its file provides are present. */
export type LogRecord = Partial<Record<FieldName, string>>;

/** One record that matched one indicator. */
export interface Hit {
  readonly indicatorId: string;
  readonly file: string;
  /** 1-based line where the record starts (in the decompressed text). */
  readonly line: number;
  readonly time?: string;
  readonly clientIp?: string;
  /** false when the indicator names a success condition (e.g. HTTP 200) and the record does not meet it. */
  readonly succeeded: boolean;
  /** The raw line (capped), for the example list. */
  readonly text: string;
}
