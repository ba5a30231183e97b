// BIMI: the `default._bimi` record, the SVG Tiny PS logo it points to (fetched over verified HTTPS), the
// authority evidence URL, and the DMARC enforcement without which no mailbox provider shows the logo.

import { dnsFix } from '../../i18n/en/dns-fixes.js';
import { type CatalogueMessage, dnsMessage, dnsMessageWithDetail } from '../../i18n/en/dns-message.js';
import type { CheckMeta, Evidence, Finding } from '../../model/finding.js';
import type { ScanTarget } from '../../model/report.js';
import { httpsEvidence } from '../../net/http/presentation.js';
import {
  checkSvgTinyPs,
  isBimiRecord,
  parseBimiRecord,
  recommendedLogoBytes,
} from '../../protocols/bimi/record.js';
import { discoverPolicy, walkDmarcTree } from '../../protocols/dmarc/discovery.js';
import { appliedPolicy, requestedPolicy } from '../../protocols/dmarc/record.js';
import { dnsEvidence } from '../answer-evidence.js';
import type { CheckContext, DomainCheck } from '../check.js';
import { finding } from '../finding-builder.js';

const bimiDraft = {
  title: 'IETF draft: Brand Indicators for Message Identification (BIMI)',
  url: 'https://datatracker.ietf.org/doc/draft-brand-indicators-for-message-identification/',
};
const svgPs = {
  title: 'IETF draft: SVG Tiny Portable/Secure (SVG Tiny PS)',
  url: 'https://datatracker.ietf.org/doc/draft-svg-tiny-ps-abrotman/',
};
const bimiGroup = {
  title: 'BIMI Group: implementation guide',
  url: 'https://bimigroup.org/implementation-guide/',
};

export const logoFetchLimits = { maxBytes: 128 * 1024, timeoutMs: 10_000 } as const;

const exampleRecord = (domain: string): string =>
  `default._bimi.${domain}. IN TXT "v=BIMI1; l=https://${domain}/bimi/logo.svg; a=https://${domain}/bimi/vmc.pem"`;

export const bimiMissingMeta: CheckMeta = {
  id: 'bimi.missing',
  area: 'bimi',
  title: 'No BIMI record',
  severity: 'info',
  description:
    'BIMI is optional: it lets mailbox providers show the brand logo beside authenticated mail. Without a ' +
    '`default._bimi` record the other BIMI checks do not apply.',
  remediation: `To adopt it, enforce DMARC first, then publish e.g. ${exampleRecord('example.com')}.`,
  references: [bimiDraft, bimiGroup],
};

export const bimiInvalidMeta: CheckMeta = {
  id: 'bimi.invalid',
  area: 'bimi',
  title: 'BIMI record is invalid',
  severity: 'medium',
  description:
    'The record must be one TXT record at `default._bimi.<domain>` starting with `v=BIMI1`, with `l=` (the ' +
    'logo, https) and optionally `a=` (the certificate, https); receivers ignore anything else.',
  remediation: `Publish exactly one record, e.g. ${exampleRecord('example.com')}.`,
  references: [bimiDraft],
};

export const bimiLogoInvalidMeta: CheckMeta = {
  id: 'bimi.logo-invalid',
  area: 'bimi',
  title: 'BIMI logo is unusable',
  severity: 'medium',
  description:
    'The logo must be served over HTTPS with a valid certificate, as image/svg+xml in the SVG Tiny ' +
    'Portable/Secure profile: root `<svg baseProfile="tiny-ps" version="1.2">`, a `<title>`, no scripts, ' +
    'no external references, ideally under 32 KiB.',
  remediation:
    'Export the logo as SVG Tiny PS (the BIMI Group publishes conversion tools), square, with a solid ' +
    'background, and serve it with `Content-Type: image/svg+xml` from a host with a trusted certificate.',
  references: [svgPs, bimiGroup],
};

export const bimiAuthorityMissingMeta: CheckMeta = {
  id: 'bimi.authority-missing',
  area: 'bimi',
  title: 'BIMI record has no authority evidence',
  severity: 'low',
  description:
    'Without `a=` (a Verified Mark Certificate or Common Mark Certificate), the largest mailbox providers ' +
    '(Gmail, Apple Mail) do not show the logo.',
  remediation:
    'Obtain a VMC or CMC for the logo from a mark certificate issuer and add `a=https://…/vmc.pem` to the record.',
  references: [bimiDraft, bimiGroup],
};

export const bimiRequiresEnforcingDmarcMeta: CheckMeta = {
  id: 'bimi.requires-enforcing-dmarc',
  area: 'bimi',
  title: 'BIMI needs DMARC at enforcement',
  severity: 'medium',
  description:
    'Receivers show a BIMI logo only when the domain’s DMARC policy is at enforcement: p=quarantine or ' +
    'p=reject, applied to all mail (no pct below 100, no t=y). Otherwise the BIMI record is ignored.',
  remediation:
    'Move DMARC to enforcement, e.g. `_dmarc.example.com. IN TXT "v=DMARC1; p=quarantine; rua=mailto:dmarc@example.com"`, ' +
    'without pct or t=y.',
  references: [bimiDraft, { title: 'RFC 9989: DMARC', url: 'https://www.rfc-editor.org/rfc/rfc9989' }],
};

export const bimiMeta: readonly CheckMeta[] = [
  bimiMissingMeta,
  bimiInvalidMeta,
  bimiLogoInvalidMeta,
  bimiAuthorityMissingMeta,
  bimiRequiresEnforcingDmarcMeta,
];

async function logoFindings(domain: string, url: string, context: CheckContext): Promise<Finding> {
  const response = await context.https.get({ url, ...logoFetchLimits, signal: context.signal });
  const evidence: Evidence[] = [httpsEvidence(response)];
  const subject = domain;
  const fail = (message: CatalogueMessage): Finding =>
    finding(bimiLogoInvalidMeta, 'fail', { subject, ...message, evidence });
  if (response.kind === 'error')
    return response.reason === 'no-address'
      ? fail(dnsMessage('bimi.logo-invalid.no-address', { detail: response.detail }))
      : finding(bimiLogoInvalidMeta, 'error', {
          subject,
          ...dnsMessage('bimi.logo-invalid.error', { url, reason: response.reason, detail: response.detail }),
          evidence,
        });
  if (!response.tls.authorized)
    return fail(dnsMessage('bimi.logo-invalid.certificate', { error: response.tls.error ?? '?' }));
  if (response.status !== 200)
    return fail(dnsMessage('bimi.logo-invalid.status', { url, status: response.status }));
  if (response.truncated)
    return fail(dnsMessage('bimi.logo-invalid.too-large', { max: logoFetchLimits.maxBytes }));
  const svg = new TextDecoder('utf-8').decode(response.body);
  evidence.push({ kind: 'text', label: 'logo (start)', value: svg.slice(0, 1024) });
  const check = checkSvgTinyPs(svg);
  if (check.problems.length > 0) {
    evidence.push({ kind: 'text', label: 'problems', value: check.problems.join('; ') });
    return fail(
      dnsMessageWithDetail(
        'bimi.logo-invalid.not-tiny-ps',
        { count: check.problems.length },
        `The logo is not SVG Tiny PS: ${check.problems.join('; ')}.`,
      ),
    );
  }
  const warnings = [...check.warnings];
  const type = response.headers['content-type'] ?? '';
  if (!/^image\/svg\+xml\b/i.test(type.trim()))
    warnings.push(`served as "${type || '(no type)'}", not image/svg+xml`);
  if (response.body.length > recommendedLogoBytes)
    warnings.push(`${response.body.length} bytes, above the recommended ${recommendedLogoBytes}`);
  if (warnings.length > 0)
    return finding(bimiLogoInvalidMeta, 'warn', {
      subject,
      ...dnsMessageWithDetail(
        'bimi.logo-invalid.remarks',
        { count: warnings.length },
        `The logo passes the SVG Tiny PS basics but: ${warnings.join('; ')}.`,
      ),
      evidence: [...evidence, { kind: 'text', label: 'remarks', value: warnings.join('; ') }],
    });
  return finding(bimiLogoInvalidMeta, 'pass', {
    subject,
    ...dnsMessage('bimi.logo-invalid.pass'),
    evidence,
  });
}

async function dmarcFinding(domain: string, context: CheckContext): Promise<Finding> {
  const walk = await walkDmarcTree(context.dns, domain, context.signal);
  const evidence = walk.steps.map((step) => dnsEvidence(step.answer));
  const subject = domain;
  const discovery = discoverPolicy(walk);
  const fix = dnsFix('bimi.fix.dmarc', {
    record: `_dmarc.${domain}. IN TXT "v=DMARC1; p=quarantine; rua=mailto:dmarc@${domain}"`,
  });
  switch (discovery.kind) {
    case 'dns-error':
      return finding(bimiRequiresEnforcingDmarcMeta, 'error', {
        subject,
        ...dnsMessage('bimi.requires-enforcing-dmarc.error', { name: discovery.failed.answer.name }),
        evidence,
      });
    case 'none':
      return finding(bimiRequiresEnforcingDmarcMeta, 'fail', {
        subject,
        ...dnsMessage('bimi.requires-enforcing-dmarc.none-found', { domain }),
        evidence,
        ...fix,
      });
    case 'own':
    case 'inherited':
      break;
  }
  const record = discovery.step.single;
  if (record === undefined) throw new Error('a discovered DMARC step has its record');
  const requested = requestedPolicy(record, discovery.kind === 'own' ? 'domain' : 'subdomain');
  const applied = appliedPolicy(requested, record.record.testing);
  const partial = record.record.pct !== undefined && record.record.pct.trim() !== '100';
  const where = `_dmarc.${discovery.step.domain}`;
  if (applied === 'none' || partial) {
    return finding(bimiRequiresEnforcingDmarcMeta, 'fail', {
      subject,
      ...(applied === 'none'
        ? dnsMessage('bimi.requires-enforcing-dmarc.policy', {
            where,
            policy: requested,
            testing: record.record.testing ? 1 : 0,
          })
        : dnsMessage('bimi.requires-enforcing-dmarc.pct', { where, pct: record.record.pct ?? '' })),
      evidence,
      ...fix,
    });
  }
  return finding(bimiRequiresEnforcingDmarcMeta, 'pass', {
    subject,
    ...dnsMessage('bimi.requires-enforcing-dmarc.pass', { where, policy: applied }),
    evidence,
  });
}

async function evaluate(target: ScanTarget, context: CheckContext): Promise<Finding[]> {
  const domain = target.domain;
  const subject = domain;
  const answer = await context.dns.query(`default._bimi.${domain}`, 'TXT', { signal: context.signal });
  const evidence = [dnsEvidence(answer)];
  if (answer.kind === 'error')
    return [
      finding(bimiMissingMeta, 'error', {
        subject,
        ...dnsMessage('bimi.missing.error', { domain, reason: answer.reason }),
        evidence,
      }),
    ];
  const texts = answer.kind === 'ok' ? answer.records.map((record) => record.strings.join('')) : [];
  const candidates = texts.filter(isBimiRecord);
  if (candidates.length === 0)
    return [
      finding(bimiMissingMeta, 'skipped', {
        subject,
        ...dnsMessage('bimi.missing.none', { domain }),
        evidence,
      }),
    ];
  const findings: Finding[] = [
    finding(bimiMissingMeta, 'pass', {
      subject,
      ...dnsMessage('bimi.missing.pass', { domain }),
      evidence,
    }),
  ];
  const parsed = candidates.length === 1 ? parseBimiRecord(candidates[0] ?? '') : undefined;
  if (parsed === undefined || parsed.kind === 'invalid') {
    const message =
      parsed === undefined
        ? dnsMessage('bimi.invalid.multiple', { count: candidates.length })
        : dnsMessageWithDetail(
            'bimi.invalid.fail',
            { count: parsed.problems.length },
            `The BIMI record is invalid: ${parsed.problems.join('; ')}.`,
          );
    const problems: Evidence[] =
      parsed === undefined ? [] : [{ kind: 'text', label: 'problems', value: parsed.problems.join('; ') }];
    findings.push(
      finding(bimiInvalidMeta, 'fail', {
        subject,
        ...message,
        evidence: [...evidence, ...problems],
        ...dnsFix('bimi.fix.one-record', { record: exampleRecord(domain) }),
      }),
    );
    return findings;
  }
  if (parsed.record.declined) {
    findings.push(
      finding(bimiInvalidMeta, 'pass', {
        subject,
        ...dnsMessage('bimi.invalid.declined'),
        evidence,
      }),
    );
    return findings;
  }
  findings.push(finding(bimiInvalidMeta, 'pass', { subject, ...dnsMessage('bimi.invalid.pass'), evidence }));
  const [logo, dmarc] = await Promise.all([
    parsed.record.location === ''
      ? Promise.resolve(
          finding(bimiLogoInvalidMeta, 'fail', {
            subject,
            ...dnsMessage('bimi.logo-invalid.empty'),
            evidence,
          }),
        )
      : logoFindings(domain, parsed.record.location, context),
    dmarcFinding(domain, context),
  ]);
  findings.push(
    logo,
    parsed.record.authority === ''
      ? finding(bimiAuthorityMissingMeta, 'warn', {
          subject,
          ...dnsMessage('bimi.authority-missing.warn'),
          evidence,
        })
      : finding(bimiAuthorityMissingMeta, 'pass', {
          subject,
          ...dnsMessage('bimi.authority-missing.pass', { url: parsed.record.authority }),
          evidence,
        }),
    dmarc,
  );
  return findings;
}

export const bimiCheck: DomainCheck = { name: 'bimi', meta: bimiMeta, run: evaluate };
