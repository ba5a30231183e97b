// The fleet's input: one domain per line from a stream, read chunk by chunk (bounded memory whatever the
// length of the list), with comments, blank lines, duplicates and bad lines told apart.

import type { ScanTarget } from '../model/report.js';
import { parseDomain } from '../scan/domain-name.js';

/** Longer lines are reported as bad, not buffered: no single line can eat the memory. */
export const maxLineLength = 1024;

export type FleetLine =
  | { readonly kind: 'domain'; readonly line: number; readonly target: ScanTarget }
  | { readonly kind: 'blank'; readonly line: number }
  | { readonly kind: 'bad'; readonly line: number; readonly reason: string };

/** One line: `example.com`, `  example.com  # note`, `# comment` or blank. */
export function parseFleetLine(text: string, line: number): FleetLine {
  const content = text.replace(/#.*$/, '').trim();
  if (content === '') return { kind: 'blank', line };
  if (/\s/.test(content)) return { kind: 'bad', line, reason: `one domain per line, got '${content}'` };
  const parsed = parseDomain(content);
  if (!parsed.ok) return { kind: 'bad', line, reason: parsed.error };
  return { kind: 'domain', line, target: parsed.target };
}

/** Splits a byte or text stream into numbered lines; a line over `maxLineLength` comes back as `undefined`. */
export async function* readLines(
  stream: AsyncIterable<Buffer | string>,
): AsyncGenerator<{ readonly line: number; readonly text: string | undefined }> {
  const decoder = new TextDecoder('utf-8');
  let pending = '';
  let overlong = false;
  let line = 0;
  const emit = function* (piece: string, last: boolean) {
    pending += piece;
    let newline = pending.indexOf('\n');
    while (newline >= 0) {
      line += 1;
      const text = pending.slice(0, newline).replace(/\r$/, '');
      yield { line, text: overlong || text.length > maxLineLength ? undefined : text };
      overlong = false;
      pending = pending.slice(newline + 1);
      newline = pending.indexOf('\n');
    }
    if (pending.length > maxLineLength) {
      overlong = true;
      pending = '';
    }
    if (last && (pending !== '' || overlong)) {
      line += 1;
      yield { line, text: overlong ? undefined : pending.replace(/\r$/, '') };
    }
  };
  for await (const chunk of stream) {
    yield* emit(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }), false);
  }
  yield* emit(decoder.decode(), true);
}

/** Input lines as fleet lines: domains (first occurrence only), bad lines, and how many were duplicates. */
export async function* fleetDomains(
  stream: AsyncIterable<Buffer | string>,
  onDuplicate: (line: number, domain: string) => void,
): AsyncGenerator<FleetLine> {
  // One entry per distinct domain: the only part of the fleet's memory that grows with the list.
  const seen = new Set<string>();
  for await (const { line, text } of readLines(stream)) {
    if (text === undefined) {
      yield { kind: 'bad', line, reason: `line longer than ${maxLineLength} characters` };
      continue;
    }
    const parsed = parseFleetLine(text, line);
    if (parsed.kind === 'domain') {
      if (seen.has(parsed.target.domain)) {
        onDuplicate(line, parsed.target.domain);
        continue;
      }
      seen.add(parsed.target.domain);
    }
    if (parsed.kind !== 'blank') yield parsed;
  }
}
