// Reads the fields indicators need from one exported Windows event (<Event>…</Event>), without an XML
// library: the export's shape is fixed and only a few elements matter (pure).

import { normalizeTime } from './fields.js';
import type { LogRecord } from './types.js';

const entities: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function unescapeXml(text: string): string {
  return text.replace(/&(lt|gt|amp|quot|apos|#x[0-9a-f]+|#[0-9]+);/gi, (whole, name: string) => {
    const lower = name.toLowerCase();
    if (lower.startsWith('#x')) return String.fromCodePoint(Number.parseInt(lower.slice(2), 16) % 0x110000);
    if (lower.startsWith('#')) return String.fromCodePoint(Number.parseInt(lower.slice(1), 10) % 0x110000);
    return entities[lower] ?? whole;
  });
}

function element(xml: string, name: string): string | undefined {
  const match = new RegExp(`<${name}(?:\\s[^>]*)?>([\\s\\S]*?)</${name}>`).exec(xml);
  return match?.[1] === undefined ? undefined : unescapeXml(match[1]);
}

function attribute(xml: string, elementName: string, name: string): string | undefined {
  const match = new RegExp(`<${elementName}\\s[^>]*?\\b${name}\\s*=\\s*(?:'([^']*)'|"([^"]*)")`).exec(xml);
  const value = match?.[1] ?? match?.[2];
  return value === undefined ? undefined : unescapeXml(value);
}

/** The rendered message when the export has one, else the event data values joined. */
function message(xml: string): string {
  const rendered = element(xml, 'Message');
  if (rendered !== undefined) return rendered;
  const values: string[] = [];
  for (const match of xml.matchAll(/<Data(?:\s[^>]*)?>([\s\S]*?)<\/Data>/g))
    values.push(unescapeXml(match[1] ?? ''));
  return values.join(' ');
}

export function recordFromEventXml(xml: string): LogRecord {
  const record: LogRecord = { message: message(xml) };
  const provider = attribute(xml, 'Provider', 'Name');
  if (provider !== undefined) record.provider = provider;
  const eventId = element(xml, 'EventID');
  if (eventId !== undefined) record.eventId = eventId.trim();
  const level = element(xml, 'Level');
  if (level !== undefined) record.level = level.trim().toLowerCase();
  const created = attribute(xml, 'TimeCreated', 'SystemTime');
  const time = created === undefined ? undefined : normalizeTime(created);
  if (time !== undefined) record.time = time;
  return record;
}
