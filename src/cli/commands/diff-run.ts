// `telltale diff DOMAIN`: what changed between two stored scans (new, fixed, changed, unchanged findings),
// and whether telltale's own check logic changed in between.
// Loaded by ./diff.ts only when the command runs (its options and --help live there).

import type { Finding } from '../../model/finding.js';
import { neutralizeControls } from '../../report/sanitize.js';
import { parseDomain } from '../../scan/domain-name.js';
import { type DiffEntry, diffScans, type ScanDiff } from '../../store/diff.js';
import type { ScanStore, ScanWithFindings } from '../../store/types.js';
import { UsageError } from '../cli-io.js';
import type { CommandContext, CommandResult } from '../command-kit.js';
import { databaseTarget, withStore } from '../run-kit.js';
import { parseListFormat, shortTime } from './history-run.js';

export const diffSchemaVersion = '1.0';

export interface DiffValues {
  readonly db?: string;
  readonly format?: string;
  readonly from?: string;
  readonly to?: string;
  readonly verbose?: boolean;
}

function parseScanId(value: string | undefined, option: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value))
    throw new UsageError(`${option} '${value}': give a scan ID as listed by telltale history`);
  return Number(value);
}

async function scanOf(
  store: ScanStore,
  domain: string,
  id: number,
  option: string,
): Promise<ScanWithFindings> {
  const scan = await store.getScan(id);
  if (scan === undefined || scan.scan.domain !== domain) {
    throw new UsageError(`${option} ${id}: no scan ${id} of ${domain} (see telltale history ${domain})`);
  }
  return scan;
}

/** --to defaults to the newest scan, --from to the scan just before --to. */
async function chooseScans(
  store: ScanStore,
  domain: string,
  fromId: number | undefined,
  toId: number | undefined,
): Promise<[ScanWithFindings, ScanWithFindings]> {
  const scans = await store.listScans(domain);
  if (scans.length < 2 && (fromId === undefined || toId === undefined)) {
    throw new UsageError(
      `${scans.length === 0 ? 'no stored scan' : 'only one stored scan'} of ${domain}: a diff needs two (telltale scan ${domain} --db …)`,
    );
  }
  const toScan = toId ?? scans[0]?.id;
  if (toScan === undefined) throw new UsageError(`no stored scan of ${domain}`);
  const to = await scanOf(store, domain, toScan, '--to');
  let from: ScanWithFindings;
  if (fromId !== undefined) from = await scanOf(store, domain, fromId, '--from');
  else {
    const index = scans.findIndex((scan) => scan.id === toScan);
    const previous = scans[index + 1];
    if (previous === undefined)
      throw new UsageError(`--to ${toScan} is the oldest scan of ${domain}: give --from`);
    from = await scanOf(store, domain, previous.id, '--from');
  }
  return [from, to];
}

const label = (finding: Finding): string => `${finding.status.toUpperCase()} ${finding.severity}`;

function entryLine(entry: DiffEntry): string {
  switch (entry.kind) {
    case 'new':
      return `  ${entry.byCheckLogic ? '*' : ' '} ${label(entry.after).padEnd(14)} ${entry.after.checkId}  ${entry.after.subject}: ${entry.after.message}`;
    case 'fixed':
      return `  ${entry.byCheckLogic ? '*' : ' '} was ${label(entry.before).padEnd(10)} ${entry.before.checkId}  ${entry.before.subject}: ${entry.before.message}`;
    case 'changed':
      return `  ${entry.byCheckLogic ? '*' : ' '} ${entry.direction.padEnd(9)} ${label(entry.before)} → ${label(entry.after)}  ${entry.after.checkId}  ${entry.after.subject}: ${entry.after.message}`;
    case 'unchanged':
      return `    ${label(entry.after).padEnd(14)} ${entry.after.checkId}  ${entry.after.subject}`;
  }
}

export function renderDiffText(diff: ScanDiff, verbose: boolean): string {
  const lines = [
    `Changes of ${diff.to.domain}: scan ${diff.from.id} (${shortTime(diff.from.startedAt)}) → scan ${diff.to.id} (${shortTime(diff.to.startedAt)})`,
  ];
  const logic = diff.checkLogic;
  const logicChanged = logic.added.length + logic.removed.length + logic.changed.length > 0;
  if (diff.toolChange !== undefined || logicChanged) {
    const parts: string[] = [];
    if (diff.toolChange !== undefined) parts.push(`telltale ${diff.toolChange.from} → ${diff.toolChange.to}`);
    if (logic.changed.length > 0) parts.push(`check logic changed: ${logic.changed.join(', ')}`);
    if (logic.added.length > 0) parts.push(`checks added: ${logic.added.join(', ')}`);
    if (logic.removed.length > 0) parts.push(`checks removed: ${logic.removed.join(', ')}`);
    lines.push(`Note: ${parts.join('; ')}.`);
    if (logicChanged) {
      lines.push(
        '  Entries marked * come from changed checks: they may reflect telltale, not your infrastructure.',
      );
    }
  }
  const section = (title: string, entries: readonly DiffEntry[]): void => {
    if (entries.length === 0) return;
    lines.push('', `${title} (${entries.length}):`, ...entries.map(entryLine));
  };
  section('New', diff.new);
  section('Fixed (no longer reported)', diff.fixed);
  section('Changed', diff.changed);
  if (verbose) section('Unchanged', diff.unchanged);
  else
    lines.push('', `Unchanged: ${diff.unchanged.length} finding${diff.unchanged.length === 1 ? '' : 's'}.`);
  if (diff.new.length + diff.fixed.length + diff.changed.length === 0) lines.splice(1, 0, 'Nothing changed.');
  // Messages quote remote data (TXT records, banners); the diff has no colour, so all of it can be neutralised.
  return `${lines.map(neutralizeControls).join('\n')}\n`;
}

function entryJson(entry: DiffEntry): Record<string, unknown> {
  switch (entry.kind) {
    case 'new':
      return { fingerprint: entry.fingerprint, byCheckLogic: entry.byCheckLogic, after: entry.after };
    case 'fixed':
      return { fingerprint: entry.fingerprint, byCheckLogic: entry.byCheckLogic, before: entry.before };
    case 'changed':
      return {
        fingerprint: entry.fingerprint,
        direction: entry.direction,
        byCheckLogic: entry.byCheckLogic,
        before: entry.before,
        after: entry.after,
      };
    case 'unchanged':
      return { fingerprint: entry.fingerprint, after: entry.after };
  }
}

export function renderDiffJson(diff: ScanDiff): string {
  const scanJson = (scan: ScanDiff['from']) => ({
    id: scan.id,
    startedAt: scan.startedAt,
    toolVersion: scan.toolVersion,
    checkLogicVersion: scan.checkLogic.version,
    summary: scan.summary,
  });
  const body = {
    schemaVersion: diffSchemaVersion,
    domain: diff.to.domain,
    from: scanJson(diff.from),
    to: scanJson(diff.to),
    ...(diff.toolChange === undefined ? {} : { toolChange: diff.toolChange }),
    checkLogic: diff.checkLogic,
    new: diff.new.map(entryJson),
    fixed: diff.fixed.map(entryJson),
    changed: diff.changed.map(entryJson),
    unchanged: diff.unchanged.map(entryJson),
  };
  return `${JSON.stringify(body, null, 2)}\n`;
}

export async function diffCommand(
  domain: string,
  values: DiffValues,
  { io }: CommandContext,
): Promise<CommandResult> {
  const parsed = parseDomain(domain);
  if (!parsed.ok) throw new UsageError(parsed.error);
  const format = parseListFormat(values.format);
  const fromId = parseScanId(values.from, '--from');
  const toId = parseScanId(values.to, '--to');
  const target = databaseTarget(values.db, io.env, true) ?? '';
  return withStore(target, { mustExist: true }, async (store) => {
    const [from, to] = await chooseScans(store, parsed.target.domain, fromId, toId);
    const diff = diffScans(from, to);
    const output = format === 'json' ? renderDiffJson(diff) : renderDiffText(diff, values.verbose ?? false);
    return { output, exitCode: 0 };
  });
}
