// The result of `telltale logs` as every renderer receives it; its JSON form is documented in docs/logs.md.

import { type Severity, severityRank } from '../model/finding.js';
import type { Indicator, IndicatorDataset, IndicatorKind, IndicatorReference } from './indicator.js';
import { logMessages } from './messages.js';
import type { IndicatorTally, Tallies } from './tally.js';
import type { FieldName, LogFormat } from './types.js';

export const logReportSchemaVersion = '1.0';

export type FileStatus = 'scanned' | 'partial' | 'skipped' | 'error';

export interface FileReport {
  readonly path: string;
  readonly status: FileStatus;
  readonly format?: LogFormat;
  readonly compressed: boolean;
  readonly encoding?: string;
  readonly bytes: number;
  readonly lines: number;
  readonly firstTime?: string;
  readonly lastTime?: string;
  /** Why it was skipped, why reading stopped, lines cut… */
  readonly notes: readonly string[];
}

export interface ClientCount {
  readonly ip: string;
  readonly count: number;
  /** RFC 1918, loopback, link-local or unique-local: a probe, a load balancer, or an insider. */
  readonly private: boolean;
}

export interface ExampleLine {
  readonly file: string;
  readonly line: number;
  readonly time?: string;
  readonly clientIp?: string;
  readonly succeeded: boolean;
  readonly text: string;
}

export interface LogFinding {
  readonly indicatorId: string;
  readonly campaign: string;
  readonly title: string;
  readonly description: string;
  readonly cves: readonly string[];
  readonly kind: IndicatorKind;
  /** The indicator's severity when a hit succeeded (or success cannot be told), `low` otherwise. */
  readonly severity: Severity;
  readonly hits: number;
  readonly succeeded: number;
  readonly failed: number;
  readonly firstTime?: string;
  readonly lastTime?: string;
  readonly clients: readonly ClientCount[];
  readonly distinctClients: number;
  readonly clientsTruncated: boolean;
  readonly files: number;
  readonly examples: readonly ExampleLine[];
  readonly falsePositives: string;
  readonly nextSteps: string;
  readonly references: readonly IndicatorReference[];
}

export interface CoverageEntry {
  readonly format: LogFormat;
  readonly files: number;
  readonly firstTime?: string;
  readonly lastTime?: string;
}

export interface NotEvaluableEntry {
  readonly indicatorId: string;
  readonly title: string;
  readonly missing: readonly FieldName[];
  readonly files: number;
}

export type Verdict =
  | 'compromise'
  | 'exploitation'
  | 'suspicious'
  | 'attempts-only'
  | 'clean'
  | 'nothing-read';

export interface LogScanReport {
  readonly schemaVersion: string;
  readonly tool: { readonly name: 'telltale'; readonly version: string };
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly durationMs: number;
  readonly dataset: { readonly dataVersion: string; readonly reviewBy: string; readonly stale: boolean };
  readonly inputs: readonly string[];
  readonly verdict: Verdict;
  readonly headline: string;
  readonly nextSteps: readonly string[];
  readonly findings: readonly LogFinding[];
  readonly coverage: readonly CoverageEntry[];
  readonly notEvaluable: readonly NotEvaluableEntry[];
  readonly files: readonly FileReport[];
  readonly totals: {
    readonly files: number;
    readonly scanned: number;
    readonly skipped: number;
    readonly errors: number;
    readonly bytes: number;
    readonly lines: number;
  };
}

const maxClientsShown = 20;

/** Addresses that are not on the internet; hits from them are shown but marked. */
export function isPrivateAddress(ip: string): boolean {
  const address = ip
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, '');
  const v4 = /^(\d{1,3})\.(\d{1,3})\.\d{1,3}\.\d{1,3}$/.exec(address.replace(/^::ffff:/, ''));
  if (v4 !== null) {
    const a = Number(v4[1]);
    const b = Number(v4[2]);
    return (
      a === 10 ||
      a === 127 ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 169 && b === 254)
    );
  }
  return address === '::1' || /^f[cd][0-9a-f]{2}:/.test(address) || /^fe[89ab][0-9a-f]:/.test(address);
}

function findingFrom(indicator: Indicator, tally: IndicatorTally): LogFinding {
  const clients = [...tally.clients.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, maxClientsShown)
    .map(([ip, count]) => ({ ip, count, private: isPrivateAddress(ip) }));
  return {
    indicatorId: indicator.id,
    campaign: indicator.campaign,
    title: indicator.title,
    description: indicator.description,
    cves: indicator.cves,
    kind: indicator.kind,
    severity: tally.succeeded > 0 ? indicator.severity : 'low',
    hits: tally.count,
    succeeded: tally.succeeded,
    failed: tally.count - tally.succeeded,
    ...(tally.firstTime === undefined ? {} : { firstTime: tally.firstTime }),
    ...(tally.lastTime === undefined ? {} : { lastTime: tally.lastTime }),
    clients,
    distinctClients: tally.clients.size,
    clientsTruncated: tally.clientsTruncated,
    files: tally.files.size,
    examples: tally.examples.map((hit) => ({
      file: hit.file,
      line: hit.line,
      ...(hit.time === undefined ? {} : { time: hit.time }),
      ...(hit.clientIp === undefined ? {} : { clientIp: hit.clientIp }),
      succeeded: hit.succeeded,
      text: hit.text,
    })),
    falsePositives: indicator.falsePositives,
    nextSteps: indicator.nextSteps,
    references: indicator.references,
  };
}

function verdictOf(findings: readonly LogFinding[], scanned: number): Verdict {
  if (scanned === 0) return 'nothing-read';
  const succeeded = findings.filter((finding) => finding.succeeded > 0);
  if (succeeded.some((finding) => finding.kind === 'compromise')) return 'compromise';
  if (succeeded.some((finding) => finding.kind === 'exploitation')) return 'exploitation';
  if (succeeded.some((finding) => finding.kind === 'suspicious')) return 'suspicious';
  return findings.length > 0 ? 'attempts-only' : 'clean';
}

const headlines: Readonly<Record<Verdict, () => string>> = {
  compromise: logMessages.verdictCompromise,
  exploitation: logMessages.verdictExploitation,
  suspicious: logMessages.verdictSuspicious,
  'attempts-only': logMessages.verdictAttempts,
  clean: logMessages.verdictClean,
  'nothing-read': logMessages.verdictNothing,
};

function stepsFor(verdict: Verdict, findings: readonly LogFinding[], notEvaluable: number): string[] {
  const steps: string[] = [];
  switch (verdict) {
    case 'compromise':
      steps.push(logMessages.stepIsolate(), logMessages.stepGdpr(), logMessages.stepTools());
      steps.push(logMessages.stepPatch(), logMessages.stepCredentials());
      break;
    case 'exploitation':
      steps.push(logMessages.stepIsolate(), logMessages.stepTools(), logMessages.stepPatch());
      steps.push(logMessages.stepCredentials(), logMessages.stepGdprPossible());
      break;
    case 'suspicious':
      steps.push(...findings.filter((finding) => finding.succeeded > 0).map((finding) => finding.nextSteps));
      steps.push(logMessages.stepGdprPossible());
      break;
    case 'attempts-only':
      steps.push(logMessages.stepPatch());
      break;
    case 'clean':
    case 'nothing-read':
      break;
  }
  if (verdict !== 'nothing-read') steps.push(logMessages.stepCoverage());
  if (notEvaluable > 0) steps.push(logMessages.stepNotEvaluable(notEvaluable));
  return steps;
}

export interface FileOutcome {
  readonly report: FileReport;
  readonly tallies: Tallies;
  readonly notEvaluable: readonly { readonly indicatorId: string; readonly missing: readonly FieldName[] }[];
}

export interface BuildReportInput {
  readonly dataset: IndicatorDataset;
  readonly inputs: readonly string[];
  readonly files: readonly FileOutcome[];
  readonly tallies: Tallies;
  readonly startedAt: Date;
  readonly finishedAt: Date;
  readonly toolVersion: string;
}

function coverageOf(files: readonly FileReport[]): CoverageEntry[] {
  const byFormat = new Map<LogFormat, { files: number; firstTime?: string; lastTime?: string }>();
  for (const file of files) {
    if (file.format === undefined || file.status === 'skipped') continue;
    const entry = byFormat.get(file.format) ?? { files: 0 };
    entry.files += 1;
    if (file.firstTime !== undefined && (entry.firstTime === undefined || file.firstTime < entry.firstTime))
      entry.firstTime = file.firstTime;
    if (file.lastTime !== undefined && (entry.lastTime === undefined || file.lastTime > entry.lastTime))
      entry.lastTime = file.lastTime;
    byFormat.set(file.format, entry);
  }
  return [...byFormat.entries()]
    .sort((a, b) => (a[0] < b[0] ? -1 : 1))
    .map(([format, entry]) => ({ format, ...entry }));
}

function notEvaluableOf(
  dataset: IndicatorDataset,
  files: readonly FileOutcome[],
  found: ReadonlySet<string>,
) {
  const byId = new Map<string, { missing: Set<FieldName>; files: number }>();
  for (const file of files) {
    for (const item of file.notEvaluable) {
      const entry = byId.get(item.indicatorId) ?? { missing: new Set<FieldName>(), files: 0 };
      for (const field of item.missing) entry.missing.add(field);
      entry.files += 1;
      byId.set(item.indicatorId, entry);
    }
  }
  return dataset.indicators
    .filter((indicator) => byId.has(indicator.id) && !found.has(indicator.id))
    .map((indicator) => {
      const entry = byId.get(indicator.id) ?? { missing: new Set<FieldName>(), files: 0 };
      return {
        indicatorId: indicator.id,
        title: indicator.title,
        missing: [...entry.missing],
        files: entry.files,
      };
    });
}

export function buildLogReport(input: BuildReportInput): LogScanReport {
  const findings = input.dataset.indicators
    .flatMap((indicator) => {
      const tally = input.tallies.get(indicator.id);
      return tally === undefined ? [] : [findingFrom(indicator, tally)];
    })
    .sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
  const files = input.files.map((file) => file.report);
  const scanned = files.filter((file) => file.status === 'scanned' || file.status === 'partial').length;
  const notEvaluable = notEvaluableOf(
    input.dataset,
    input.files,
    new Set(findings.map((f) => f.indicatorId)),
  );
  const verdict = verdictOf(findings, scanned);
  const today = input.finishedAt.toISOString().slice(0, 10);
  return {
    schemaVersion: logReportSchemaVersion,
    tool: { name: 'telltale', version: input.toolVersion },
    startedAt: input.startedAt.toISOString(),
    finishedAt: input.finishedAt.toISOString(),
    durationMs: input.finishedAt.getTime() - input.startedAt.getTime(),
    dataset: {
      dataVersion: input.dataset.dataVersion,
      reviewBy: input.dataset.reviewBy,
      stale: today > input.dataset.reviewBy,
    },
    inputs: input.inputs,
    verdict,
    headline: headlines[verdict](),
    nextSteps: stepsFor(verdict, findings, notEvaluable.length),
    findings,
    coverage: coverageOf(files),
    notEvaluable,
    files,
    totals: {
      files: files.length,
      scanned,
      skipped: files.filter((file) => file.status === 'skipped').length,
      errors: files.filter((file) => file.status === 'error').length,
      bytes: files.reduce((sum, file) => sum + file.bytes, 0),
      lines: files.reduce((sum, file) => sum + file.lines, 0),
    },
  };
}
