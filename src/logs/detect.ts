// Recognises a log's format from the first kilobytes of its text, never from its file name (pure).

import { splitCsv } from './fields.js';
import type { LogFormat } from './types.js';

export type Detection =
  | { readonly ok: true; readonly format: LogFormat }
  | { readonly ok: false; readonly reason: string };

/** How much text detection looks at. */
export const detectionBytes = 64 * 1024;
const maxHeadLines = 40;

function fieldsLine(lines: readonly string[]): string | undefined {
  return lines.find((line) => /^#fields:/i.test(line));
}

function headerValue(lines: readonly string[], name: string): string | undefined {
  const prefix = `#${name}:`.toLowerCase();
  const line = lines.find((item) => item.toLowerCase().startsWith(prefix));
  return line?.slice(prefix.length).trim();
}

function fromFieldsLine(line: string, lines: readonly string[]): Detection {
  const list = line.slice(line.indexOf(':') + 1).trim();
  const logType = headerValue(lines, 'log-type') ?? '';
  if (list.includes(',')) {
    const names = new Set(splitCsv(list).map((name) => name.trim().toLowerCase()));
    if (names.has('urlstem') || names.has('anchormailbox')) return { ok: true, format: 'httpproxy' };
    if (names.has('eventdata') && names.has('timestamp')) return { ok: true, format: 'ecp-server' };
    if (/oab/i.test(logType)) return { ok: true, format: 'oab-generator' };
    return {
      ok: false,
      reason: `Exchange CSV log${logType === '' ? '' : ` of type '${logType}'`} that no indicator reads`,
    };
  }
  const names = new Set(list.toLowerCase().split(/\s+/));
  if (names.has('cs-uri-stem')) return { ok: true, format: 'iis-w3c' };
  return { ok: false, reason: 'W3C log without a cs-uri-stem column' };
}

function isEventCsvHeader(line: string): boolean {
  const names = new Set(splitCsv(line).map((name) => name.trim().toLowerCase()));
  const hasTime = names.has('date and time') || names.has('timecreated');
  const hasSource = names.has('source') || names.has('providername');
  const hasId = names.has('event id') || names.has('id');
  return hasTime && hasSource && hasId;
}

/** Decides the format from the start of the decoded text (up to `detectionBytes`). */
export function detectFormat(head: string): Detection {
  if (head.trim() === '') return { ok: false, reason: 'empty file' };
  const sample = head.slice(0, detectionBytes);
  if (sample.includes('\u0000')) return { ok: false, reason: 'binary content (NUL bytes), not a text log' };
  const lines = sample
    .split('\n', maxHeadLines)
    .map((line) => line.replace(/\r$/, ''))
    .filter((line) => line.trim() !== '');
  const start = sample.trimStart().slice(0, 512).toLowerCase();
  if (start.startsWith('<?xml') || start.startsWith('<events') || start.startsWith('<event ')) {
    return start.includes('<event')
      ? { ok: true, format: 'event-xml' }
      : { ok: false, reason: 'XML that is not an event log export' };
  }
  const fields = fieldsLine(lines);
  if (fields !== undefined) return fromFieldsLine(fields, lines);
  if (/oab/i.test(headerValue(lines, 'log-type') ?? '')) return { ok: true, format: 'oab-generator' };
  const firstData = lines.find((line) => !line.startsWith('#'));
  if (firstData !== undefined && isEventCsvHeader(firstData)) return { ok: true, format: 'event-csv' };
  if (lines.some((line) => /oab ?gen/i.test(line))) return { ok: true, format: 'oab-generator' };
  const shown = (lines[0] ?? '').slice(0, 60);
  return { ok: false, reason: `not a recognised log format (starts with '${shown}')` };
}
