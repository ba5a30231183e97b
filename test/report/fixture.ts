// One fixed report (stable dates, every status, several areas, a known exploited vulnerability) for snapshot and browser tests.

import type { CheckMeta, Finding } from '../../src/model/finding.js';
import { type Report, summarize } from '../../src/model/report.js';

const meta = (
  id: string,
  area: CheckMeta['area'],
  severity: CheckMeta['severity'],
  title: string,
): CheckMeta => ({
  id,
  area,
  title,
  severity,
  description: `Description of ${id}.`,
  remediation: `Remediation of ${id}:\n  example.com. TXT "v=spf1 -all"`,
  references: [{ title: 'RFC 7208', url: 'https://www.rfc-editor.org/rfc/rfc7208' }],
});

export const fixtureChecks: Readonly<Record<string, CheckMeta>> = {
  'spf.missing': meta('spf.missing', 'spf', 'high', 'No SPF record'),
  'dmarc.policy-none': meta('dmarc.policy-none', 'dmarc', 'high', 'DMARC policy is none (monitoring only)'),
  'mx.no-ipv6': meta('mx.no-ipv6', 'mx', 'low', 'No MX host has an IPv6 address'),
  'mx.missing': meta('mx.missing', 'mx', 'high', 'The domain publishes no MX record'),
  'dnssec.unknown': meta(
    'dnssec.unknown',
    'dnssec',
    'info',
    'DNSSEC status unknown: the resolver does not validate',
  ),
  'mtasts.missing': meta('mtasts.missing', 'mta-sts', 'low', 'No MTA-STS policy'),
  'bimi.missing': meta('bimi.missing', 'bimi', 'info', 'No BIMI record'),
  'exchange.vulnerable': meta(
    'exchange.vulnerable',
    'exchange',
    'critical',
    'Exchange server open to a known vulnerability',
  ),
};

export const fixtureFindings: readonly Finding[] = [
  {
    checkId: 'spf.missing',
    status: 'fail',
    severity: 'high',
    subject: 'example.com',
    message: 'No v=spf1 TXT record at example.com; another TXT record says "hello, world".',
    evidence: [
      {
        kind: 'dns',
        name: 'example.com',
        type: 'TXT',
        outcome: 'ok',
        records: ['example.com. 300 IN TXT "hello, world"'],
      },
    ],
    fix: 'example.com. TXT "v=spf1 mx -all"',
    fixIsLiteral: true,
  },
  {
    checkId: 'dmarc.policy-none',
    status: 'fail',
    severity: 'high',
    subject: 'example.com',
    message: 'The DMARC policy of example.com is p=none: mail spoofing your domain is still delivered.',
    messageKey: 'dmarc.policy-none',
    messageParams: { domain: 'example.com' },
    evidence: [
      {
        kind: 'dns',
        name: '_dmarc.example.com',
        type: 'TXT',
        outcome: 'ok',
        records: ['_dmarc.example.com. 300 IN TXT "v=DMARC1; p=none"'],
        authenticated: true,
      },
    ],
  },
  {
    checkId: 'mx.no-ipv6',
    status: 'warn',
    severity: 'low',
    subject: 'mail.example.com',
    message: 'No MX host has an IPv6 address: IPv6-only senders cannot deliver.',
    evidence: [{ kind: 'text', label: 'MX hosts', value: 'mail.example.com (192.0.2.25)' }],
  },
  {
    checkId: 'mx.missing',
    status: 'pass',
    severity: 'info',
    subject: 'example.com',
    message: 'MX records found.',
    evidence: [],
  },
  {
    checkId: 'dnssec.unknown',
    status: 'error',
    severity: 'info',
    subject: 'example.com',
    message: 'Could not tell whether example.com is signed: the resolver does not validate.',
    evidence: [
      {
        kind: 'dns',
        name: '.',
        type: 'DNSKEY',
        outcome: 'error:timeout',
        records: ['timeout after 2500 ms'],
      },
    ],
  },
  {
    checkId: 'mtasts.missing',
    status: 'warn',
    severity: 'low',
    subject: 'example.com',
    message: '=HYPERLINK("http://attacker.example/") — no MTA-STS record at _mta-sts.example.com.',
    evidence: [],
  },
  {
    checkId: 'bimi.missing',
    status: 'skipped',
    severity: 'info',
    subject: 'example.com',
    message: 'No BIMI record.',
    evidence: [],
  },
  {
    checkId: 'exchange.vulnerable',
    status: 'fail',
    severity: 'critical',
    subject: 'mail.example.com',
    message: 'Exchange 2016 CU19 on mail.example.com is open to CVE-2021-34473 (ProxyShell).',
    evidence: [
      { kind: 'text', label: 'X-OWA-Version', value: '15.1.2176.2' },
      {
        kind: 'text',
        label: 'CISA KEV',
        value: 'CVE-2021-34473 is in the Known Exploited Vulnerabilities catalogue',
      },
    ],
  },
];

export function fixtureReport(findings: readonly Finding[] = fixtureFindings): Report {
  const checks: Record<string, CheckMeta> = {};
  for (const finding of findings) {
    const known = fixtureChecks[finding.checkId];
    if (known !== undefined) checks[finding.checkId] = known;
  }
  return {
    schemaVersion: '1.0',
    tool: { name: 'telltale', version: '0.1.0' },
    target: { domain: 'example.com', unicode: 'example.com' },
    startedAt: '2026-01-15T09:00:00.000Z',
    finishedAt: '2026-01-15T09:00:01.250Z',
    durationMs: 1250,
    resolvers: ['192.0.2.53:53'],
    findings,
    checks,
    summary: summarize(findings),
  };
}
