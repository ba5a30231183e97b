// SMTP TLS Reporting (RFC 8460): the `_smtp._tls` record that tells senders where to report TLS failures.

import { dnsFix } from '../../i18n/en/dns-fixes.js';
import { dnsMessage, dnsMessageWithDetail } from '../../i18n/en/dns-message.js';
import type { CheckMeta, Finding } from '../../model/finding.js';
import type { ScanTarget } from '../../model/report.js';
import { isTlsRptRecord, parseTlsRptRecord } from '../../protocols/tls-rpt/record.js';
import { dnsEvidence } from '../answer-evidence.js';
import type { CheckContext, DomainCheck } from '../check.js';
import { finding } from '../finding-builder.js';

const rfc8460 = { title: 'RFC 8460: SMTP TLS Reporting', url: 'https://www.rfc-editor.org/rfc/rfc8460' };

const exampleRecord = (domain: string): string =>
  `_smtp._tls.${domain}. IN TXT "v=TLSRPTv1; rua=mailto:tls-reports@${domain}"`;

export const tlsRptMissingMeta: CheckMeta = {
  id: 'tlsrpt.missing',
  area: 'tls-rpt',
  title: 'No TLS-RPT record',
  severity: 'low',
  description:
    'Without a `_smtp._tls` record, sending servers have nowhere to report failed or downgraded TLS ' +
    'deliveries to you: MTA-STS or DANE problems, and attacks on them, go unnoticed.',
  remediation:
    'Publish `_smtp._tls.example.com. IN TXT "v=TLSRPTv1; rua=mailto:tls-reports@example.com"` with a ' +
    'mailbox (or an https: endpoint) that someone or a report parser reads.',
  references: [rfc8460],
};

export const tlsRptInvalidMeta: CheckMeta = {
  id: 'tlsrpt.invalid',
  area: 'tls-rpt',
  title: 'TLS-RPT record is invalid',
  severity: 'medium',
  description:
    'Senders use the record only when exactly one `_smtp._tls` TXT record starts with `v=TLSRPTv1` and it ' +
    'has a `rua=` list of mailto: or https: URIs (RFC 8460 §3); otherwise no report is sent.',
  remediation:
    'Keep one record: `_smtp._tls.example.com. IN TXT "v=TLSRPTv1; rua=mailto:tls-reports@example.com"`; ' +
    'several destinations go in one rua, separated by commas.',
  references: [rfc8460],
};

export const tlsRptMeta: readonly CheckMeta[] = [tlsRptMissingMeta, tlsRptInvalidMeta];

async function evaluate(target: ScanTarget, context: CheckContext): Promise<Finding[]> {
  const domain = target.domain;
  const subject = domain;
  const answer = await context.dns.query(`_smtp._tls.${domain}`, 'TXT', { signal: context.signal });
  const evidence = [dnsEvidence(answer)];
  if (answer.kind === 'error')
    return [
      finding(tlsRptMissingMeta, 'error', {
        subject,
        ...dnsMessage('tlsrpt.missing.error', { domain, reason: answer.reason }),
        evidence,
      }),
    ];
  const texts = answer.kind === 'ok' ? answer.records.map((record) => record.strings.join('')) : [];
  const candidates = texts.filter(isTlsRptRecord);
  if (candidates.length === 0)
    return [
      finding(tlsRptMissingMeta, 'fail', {
        subject,
        ...dnsMessage('tlsrpt.missing.fail', { domain }),
        evidence,
        ...dnsFix('tlsrpt.fix.publish', { record: exampleRecord(domain) }),
      }),
    ];
  const present = finding(tlsRptMissingMeta, 'pass', {
    subject,
    ...dnsMessage('tlsrpt.missing.pass', { domain }),
    evidence,
  });
  if (candidates.length > 1)
    return [
      present,
      finding(tlsRptInvalidMeta, 'fail', {
        subject,
        ...dnsMessage('tlsrpt.invalid.multiple', { count: candidates.length }),
        evidence,
        ...dnsFix('tlsrpt.fix.merge', { record: exampleRecord(domain) }),
      }),
    ];
  const parsed = parseTlsRptRecord(candidates[0] ?? '');
  if (parsed.kind === 'invalid')
    return [
      present,
      finding(tlsRptInvalidMeta, 'fail', {
        subject,
        ...dnsMessageWithDetail(
          'tlsrpt.invalid.fail',
          { count: parsed.problems.length },
          `The TLS-RPT record is invalid: ${parsed.problems.join('; ')}.`,
        ),
        evidence: [...evidence, { kind: 'text', label: 'problems', value: parsed.problems.join('; ') }],
        ...dnsFix('tlsrpt.fix.replace', { record: exampleRecord(domain) }),
      }),
    ];
  return [
    present,
    finding(tlsRptInvalidMeta, 'pass', {
      subject,
      ...dnsMessage('tlsrpt.invalid.pass', { addresses: parsed.record.rua.map((uri) => uri.uri).join(', ') }),
      evidence,
    }),
  ];
}

export const tlsRptCheck: DomainCheck = { name: 'tls-rpt', meta: tlsRptMeta, run: evaluate };
