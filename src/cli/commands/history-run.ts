// `telltale history DOMAIN`: the stored scans of a domain, newest first, as text or JSON.
// Loaded by ./history.ts only when the command runs (its options and --help live there).

import { parseDomain } from '../../scan/domain-name.js';
import type { StoredScan } from '../../store/types.js';
import { UsageError } from '../cli-io.js';
import type { CommandContext, CommandResult } from '../command-kit.js';
import { databaseTarget, withStore } from '../run-kit.js';

export const historySchemaVersion = '1.0';

export interface HistoryValues {
  readonly db?: string;
  readonly format?: string;
  readonly limit?: string;
}

export type ListFormat = 'text' | 'json';

export function parseListFormat(value: string | undefined): ListFormat {
  const format = value ?? 'text';
  if (format === 'text' || format === 'json') return format;
  throw new UsageError(`--format '${format}': choose text or json`);
}

function parseLimit(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < 1)
    throw new UsageError(`--limit '${value}': give a whole number ≥ 1`);
  return Number(value);
}

const pad = (text: string, width: number): string => text.padEnd(width);
const padLeft = (text: string | number, width: number): string => String(text).padStart(width);

/** 2026-01-03T10:00:00.000Z → 2026-01-03 10:00:00 */
export function shortTime(iso: string): string {
  return iso.replace('T', ' ').replace(/\.\d+Z$|Z$/, '');
}

export function renderHistoryText(domain: string, location: string, scans: readonly StoredScan[]): string {
  if (scans.length === 0) return `No stored scans of ${domain} in ${location}.\n`;
  const lines = [
    `History of ${domain}: ${scans.length} scan${scans.length === 1 ? '' : 's'}, newest first (${location})`,
    '',
    `${padLeft('ID', 6)}  ${pad('Started (UTC)', 19)}  Grade  ${['pass', 'warn', 'fail', 'error', 'skipped'].map((s) => padLeft(s, 7)).join('')}  ${pad('telltale', 9)} checks`,
  ];
  for (const scan of scans) {
    const counts = [
      scan.summary.pass,
      scan.summary.warn,
      scan.summary.fail,
      scan.summary.error,
      scan.summary.skipped,
    ];
    lines.push(
      `${padLeft(scan.id, 6)}  ${pad(shortTime(scan.startedAt), 19)}  ${pad(scan.grade ?? '-', 5)}  ${counts.map((n) => padLeft(n, 7)).join('')}  ${pad(scan.toolVersion, 9)} ${scan.checkLogic.version.slice(0, 8)}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

export function renderHistoryJson(domain: string, scans: readonly StoredScan[]): string {
  const rows = scans.map((scan) => ({
    id: scan.id,
    startedAt: scan.startedAt,
    finishedAt: scan.finishedAt,
    durationMs: scan.durationMs,
    toolVersion: scan.toolVersion,
    checkLogicVersion: scan.checkLogic.version,
    summary: scan.summary,
    ...(scan.grade === undefined ? {} : { grade: scan.grade }),
  }));
  return `${JSON.stringify({ schemaVersion: historySchemaVersion, domain, scans: rows }, null, 2)}\n`;
}

export async function historyCommand(
  domain: string,
  values: HistoryValues,
  { io }: CommandContext,
): Promise<CommandResult> {
  const parsed = parseDomain(domain);
  if (!parsed.ok) throw new UsageError(parsed.error);
  const format = parseListFormat(values.format);
  const limit = parseLimit(values.limit);
  const target = databaseTarget(values.db, io.env, true) ?? '';
  return withStore(target, { mustExist: true }, async (store) => {
    const scans = await store.listScans(parsed.target.domain, limit === undefined ? {} : { limit });
    const output =
      format === 'json'
        ? renderHistoryJson(parsed.target.domain, scans)
        : renderHistoryText(parsed.target.domain, store.location, scans);
    return { output, exitCode: 0 };
  });
}
