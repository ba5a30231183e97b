// SARIF 2.1.0 (OASIS) for code-scanning pipelines: one run per domain, rules from the check metadata,
// results with levels from status and severity, and fingerprints that survive re-scans.

import { createHash } from 'node:crypto';
import type { Translator } from '../i18n/translator.js';
import type { CheckMeta, Evidence, Finding, Severity, Status } from '../model/finding.js';
import type { Report } from '../model/report.js';

export const sarifSchemaUri =
  'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

type SarifLevel = 'none' | 'note' | 'warning' | 'error';
type SarifKind = 'pass' | 'open' | 'notApplicable' | 'fail';

/** SARIF §3.27.9/3.27.10: only a `fail` carries a level other than none. */
export function sarifKind(status: Status): SarifKind {
  switch (status) {
    case 'fail':
    case 'warn':
      return 'fail';
    case 'error':
      return 'open';
    case 'pass':
      return 'pass';
    case 'skipped':
      return 'notApplicable';
  }
}

export function levelOfSeverity(severity: Severity): SarifLevel {
  switch (severity) {
    case 'critical':
    case 'high':
      return 'error';
    case 'medium':
    case 'low':
      return 'warning';
    case 'info':
      return 'note';
  }
}

export function sarifLevel(finding: Finding): SarifLevel {
  return sarifKind(finding.status) === 'fail' ? levelOfSeverity(finding.severity) : 'none';
}

/** GitHub code scanning ranks security results by this 0–10 score. */
const securitySeverity: Readonly<Record<Severity, string>> = {
  info: '0.0',
  low: '3.0',
  medium: '5.5',
  high: '8.0',
  critical: '9.5',
};

/** The parts of evidence that name what was asked, not what came back, so a changed TTL or record keeps the print. */
function stableEvidence(evidence: Evidence): string {
  switch (evidence.kind) {
    case 'dns':
      return `dns:${evidence.name.toLowerCase()}:${evidence.type}`;
    case 'spf-tree':
      return `spf:${evidence.tree.domain.toLowerCase()}`;
    case 'text':
      return `text:${evidence.label}`;
  }
}

export function findingFingerprint(domain: string, finding: Finding): string {
  const parts = [
    domain,
    finding.checkId,
    finding.subject.toLowerCase(),
    ...[...new Set(finding.evidence.map(stableEvidence))].sort(),
  ];
  return createHash('sha256').update(parts.join('\u0000')).digest('hex');
}

function rule(meta: CheckMeta, tr: Translator): Record<string, unknown> {
  const remediation = tr.checkRemediation(meta);
  return {
    id: meta.id,
    name: meta.id
      .replace(/[.-](\w)/g, (_, char: string) => char.toUpperCase())
      .replace(/^\w/, (char) => char.toUpperCase()),
    shortDescription: { text: tr.checkTitle(meta, meta.id) },
    fullDescription: { text: tr.checkDescription(meta) },
    help: { text: remediation },
    ...(meta.references[0] === undefined ? {} : { helpUri: meta.references[0].url }),
    defaultConfiguration: { level: levelOfSeverity(meta.severity) },
    properties: {
      tags: ['security', 'email', meta.area],
      'security-severity': securitySeverity[meta.severity],
    },
  };
}

function run(report: Report, tr: Translator, verbose: boolean): Record<string, unknown> {
  const metas = Object.values(report.checks).sort((a, b) => a.id.localeCompare(b.id));
  const ruleIndex = new Map(metas.map((meta, index) => [meta.id, index]));
  const shown = report.findings.filter(
    (finding) => verbose || (finding.status !== 'pass' && finding.status !== 'skipped'),
  );
  const results = shown.map((finding) => {
    const index = ruleIndex.get(finding.checkId);
    return {
      ruleId: finding.checkId,
      ...(index === undefined ? {} : { ruleIndex: index }),
      kind: sarifKind(finding.status),
      level: sarifLevel(finding),
      message: { text: tr.findingMessage(finding) },
      locations: [
        {
          logicalLocations: [
            {
              name: finding.subject,
              fullyQualifiedName: `${report.target.domain}/${finding.subject}`,
              kind: 'resource',
            },
          ],
        },
      ],
      partialFingerprints: { 'telltaleFinding/v1': findingFingerprint(report.target.domain, finding) },
      properties: {
        status: finding.status,
        severity: finding.severity,
        domain: report.target.domain,
        evidence: finding.evidence,
        ...(finding.fix === undefined ? {} : { fix: finding.fix }),
      },
    };
  });
  return {
    tool: {
      driver: {
        name: 'telltale',
        version: report.tool.version,
        semanticVersion: report.tool.version,
        rules: metas.map((meta) => rule(meta, tr)),
      },
    },
    automationDetails: { id: `telltale/${report.target.domain}/` },
    invocations: [
      { executionSuccessful: true, startTimeUtc: report.startedAt, endTimeUtc: report.finishedAt },
    ],
    language: tr.locale,
    columnKind: 'unicodeCodePoints',
    results,
  };
}

export function renderSarif(reports: readonly Report[], tr: Translator, verbose: boolean): string {
  const log = {
    $schema: sarifSchemaUri,
    version: '2.1.0',
    runs: reports.map((report) => run(report, tr, verbose)),
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
