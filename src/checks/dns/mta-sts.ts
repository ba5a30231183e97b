// MTA-STS (RFC 8461): the `_mta-sts` record, the policy file fetched over verified HTTPS, its syntax and
// mode, and whether every live MX host is covered by the policy's `mx` patterns.

import { dnsFix } from '../../i18n/en/dns-fixes.js';
import { type CatalogueMessage, dnsMessage, dnsMessageWithDetail } from '../../i18n/en/dns-message.js';
import type { KeyedFix } from '../../i18n/keyed-fix.js';
import type { CheckMeta, Evidence, Finding } from '../../model/finding.js';
import type { ScanTarget } from '../../model/report.js';
import type { DnsAnswer } from '../../net/dns/types.js';
import { httpsEvidence } from '../../net/http/presentation.js';
import type { HttpsResponse } from '../../net/http/types.js';
import {
  isTextPlain,
  maxMaxAge,
  mxPatternMatches,
  parseStsPolicy,
  policyUrl,
  type StsPolicy,
  shortMaxAge,
} from '../../protocols/mta-sts/policy.js';
import { isStsRecord, parseStsRecord } from '../../protocols/mta-sts/record.js';
import { dnsEvidence } from '../answer-evidence.js';
import type { CheckContext, Clock, DomainCheck } from '../check.js';
import { finding } from '../finding-builder.js';

const rfc8461 = {
  title: 'RFC 8461: SMTP MTA Strict Transport Security (MTA-STS)',
  url: 'https://www.rfc-editor.org/rfc/rfc8461',
};
const rfc8460 = { title: 'RFC 8460: SMTP TLS Reporting', url: 'https://www.rfc-editor.org/rfc/rfc8460' };
const microsoftGuide = {
  title: 'Microsoft: Enhancing mail flow with MTA-STS',
  url: 'https://learn.microsoft.com/en-us/purview/enhancing-mail-flow-with-mta-sts',
};

/** Bounds for the policy fetch: RFC 8461 §3.3 asks senders for a timeout; 64 KiB is far above any real policy. */
export const policyFetchLimits = { maxBytes: 64 * 1024, timeoutMs: 10_000 } as const;

const howToPublish =
  'Publish a policy file at https://mta-sts.<domain>/.well-known/mta-sts.txt (a web host with a publicly ' +
  'trusted certificate for mta-sts.<domain>, served as text/plain, no redirect), listing every MX host:\n' +
  '  version: STSv1\n  mode: testing\n  mx: mail.example.com\n  max_age: 604800\n' +
  'then the record `_mta-sts.example.com. IN TXT "v=STSv1; id=20250101000000"` (change the id at every ' +
  'policy change). Start in testing mode with TLS-RPT reports, then switch to `mode: enforce` and a max_age ' +
  'of weeks (e.g. 1209600).';

export const mtaStsMissingMeta: CheckMeta = {
  id: 'mtasts.missing',
  area: 'mta-sts',
  title: 'No MTA-STS policy',
  severity: 'low',
  description:
    'Without MTA-STS, sending servers use TLS to your MX only opportunistically: an attacker on the path ' +
    'can strip STARTTLS or present any certificate, and mail is delivered in clear text or to them.',
  remediation: howToPublish,
  references: [rfc8461, microsoftGuide],
};

export const mtaStsRecordInvalidMeta: CheckMeta = {
  id: 'mtasts.record-invalid',
  area: 'mta-sts',
  title: 'MTA-STS TXT record is invalid',
  severity: 'medium',
  description:
    'Senders read the policy only when there is exactly one `_mta-sts` TXT record starting with ' +
    '`v=STSv1` and it is syntactically valid (RFC 8461 §3.1); otherwise they act as if there were no policy.',
  remediation:
    'Keep exactly one record: `_mta-sts.example.com. IN TXT "v=STSv1; id=20250101000000"`; the id is 1 to 32 ' +
    'letters or digits.',
  references: [rfc8461],
};

export const mtaStsPolicyUnreachableMeta: CheckMeta = {
  id: 'mtasts.policy-unreachable',
  area: 'mta-sts',
  title: 'MTA-STS policy file cannot be fetched',
  severity: 'medium',
  description:
    'The `_mta-sts` record announces a policy, but https://mta-sts.<domain>/.well-known/mta-sts.txt does ' +
    'not answer 200 directly (no address, refused, redirect, error status): senders without a cached copy ' +
    'get no protection, and senders with one cannot refresh it.',
  remediation:
    'Serve the file with status 200 and no redirect (RFC 8461 §3.3 forbids following them) at ' +
    'https://mta-sts.<domain>/.well-known/mta-sts.txt; give mta-sts.<domain> an A/AAAA record.',
  references: [rfc8461],
};

export const mtaStsCertificateInvalidMeta: CheckMeta = {
  id: 'mtasts.certificate-invalid',
  area: 'mta-sts',
  title: 'MTA-STS policy host certificate is not valid',
  severity: 'medium',
  description:
    'Senders must validate the certificate of mta-sts.<domain> (RFC 8461 §3.3) and ignore the policy ' +
    'otherwise: an expired, self-signed or misnamed certificate switches MTA-STS off.',
  remediation:
    'Install a certificate from a public CA whose names include mta-sts.<domain> (e.g. Let’s Encrypt), ' +
    'with the intermediate chain, and renew it automatically.',
  references: [rfc8461],
};

export const mtaStsPolicyInvalidMeta: CheckMeta = {
  id: 'mtasts.policy-invalid',
  area: 'mta-sts',
  title: 'MTA-STS policy file is invalid',
  severity: 'medium',
  description:
    'The policy file must be text/plain, small, and hold `version: STSv1`, a `mode`, a `max_age` up to ' +
    `${maxMaxAge} and \`mx\` lines (RFC 8461 §3.2); senders discard a policy they cannot parse.`,
  remediation:
    'Serve exactly:\n  version: STSv1\n  mode: enforce\n  mx: mail.example.com\n  max_age: 1209600\n' +
    'with `Content-Type: text/plain`, one `mx:` line per MX host (or `*.example.com` for one label).',
  references: [rfc8461],
};

export const mtaStsTestingModeMeta: CheckMeta = {
  id: 'mtasts.testing-mode',
  area: 'mta-sts',
  title: 'MTA-STS policy does not enforce',
  severity: 'low',
  description:
    'In `mode: testing` senders only report failures (to TLS-RPT) and still deliver over unprotected ' +
    'connections; `mode: none` withdraws the policy.',
  remediation:
    'Once TLS-RPT reports show no failures, set `mode: enforce` in the policy file and change the `id` ' +
    'of the `_mta-sts` TXT record so senders refetch it.',
  references: [rfc8461, rfc8460],
};

export const mtaStsMaxAgeShortMeta: CheckMeta = {
  id: 'mtasts.max-age-short',
  area: 'mta-sts',
  title: 'MTA-STS max_age is short',
  severity: 'low',
  description:
    'Senders cache the policy for max_age seconds. An enforced policy with a max_age under a day lapses ' +
    'between visits, so an attacker who blocks the policy fetch can downgrade the next delivery.',
  remediation: 'Set `max_age: 1209600` (two weeks) or more; RFC 8461 §3.2 recommends weeks or greater.',
  references: [rfc8461],
};

export const mtaStsMxMismatchMeta: CheckMeta = {
  id: 'mtasts.mx-mismatch',
  area: 'mta-sts',
  title: 'MX host not covered by the MTA-STS policy',
  severity: 'high',
  description:
    'Under an enforced policy, senders refuse to deliver to an MX host that matches no `mx` pattern ' +
    '(RFC 8461 §4.1): mail to that host bounces or waits. `*.example.com` covers exactly one label.',
  remediation:
    'Add an `mx:` line for every MX host (or a `*.` pattern covering it) to the policy file, then change ' +
    'the `id` in the `_mta-sts` TXT record.',
  references: [rfc8461],
};

export const mtaStsMeta: readonly CheckMeta[] = [
  mtaStsMissingMeta,
  mtaStsRecordInvalidMeta,
  mtaStsPolicyUnreachableMeta,
  mtaStsCertificateInvalidMeta,
  mtaStsPolicyInvalidMeta,
  mtaStsTestingModeMeta,
  mtaStsMaxAgeShortMeta,
  mtaStsMxMismatchMeta,
];

/** An id that sorts by time and fits `1*32(ALPHA / DIGIT)`. */
function suggestedId(clock: Clock): string {
  return clock.now().toISOString().replace(/\D/g, '').slice(0, 14);
}

function mxHosts(answer: DnsAnswer<'MX'>): string[] {
  if (answer.kind !== 'ok') return [];
  return [
    ...new Set(answer.records.map((record) => record.exchange).filter((host) => host !== '' && host !== '.')),
  ];
}

function policyText(domain: string, mode: 'testing' | 'enforce', hosts: readonly string[]): string {
  const mx = (hosts.length > 0 ? hosts : [`mail.${domain}`]).map((host) => `mx: ${host}`);
  return ['version: STSv1', `mode: ${mode}`, ...mx, 'max_age: 1209600'].join('\n');
}

function publishFix(domain: string, hosts: readonly string[], clock: Clock): KeyedFix {
  return dnsFix('mtasts.fix.publish', {
    url: policyUrl(domain),
    policy: policyText(domain, 'testing', hosts),
    record: `_mta-sts.${domain}. IN TXT "v=STSv1; id=${suggestedId(clock)}"`,
  });
}

type FetchVerdict =
  | { readonly kind: 'policy'; readonly text: string; readonly findings: readonly Finding[] }
  | { readonly kind: 'stop'; readonly findings: readonly Finding[] };

/** Decides what a fetch result means: an error, a bad certificate, a non-200, a wrong type, or a text to parse. */
function judgeFetch(domain: string, response: HttpsResponse): FetchVerdict {
  const subject = `mta-sts.${domain}`;
  const evidence = [httpsEvidence(response)];
  const stop = (meta: CheckMeta, status: 'fail' | 'error', message: CatalogueMessage): FetchVerdict => ({
    kind: 'stop',
    findings: [finding(meta, status, { subject, ...message, evidence })],
  });
  if (response.kind === 'error') {
    switch (response.reason) {
      case 'no-address':
        return stop(
          mtaStsPolicyUnreachableMeta,
          'fail',
          dnsMessage('mtasts.policy-unreachable.no-address', { host: subject, detail: response.detail }),
        );
      case 'timeout':
      case 'dns':
      case 'connect':
      case 'tls':
      case 'protocol':
      case 'other':
        // From here we cannot tell a broken host from a blocked path: say what failed, do not call it missing.
        return stop(
          mtaStsPolicyUnreachableMeta,
          'error',
          dnsMessage('mtasts.policy-unreachable.error', {
            url: response.url,
            reason: response.reason,
            detail: response.detail,
          }),
        );
    }
  }
  const passes: Finding[] = [];
  if (!response.tls.authorized) {
    return stop(
      mtaStsCertificateInvalidMeta,
      'fail',
      dnsMessage('mtasts.certificate-invalid.fail', { host: subject, error: response.tls.error ?? '?' }),
    );
  }
  passes.push(
    finding(mtaStsCertificateInvalidMeta, 'pass', {
      subject,
      ...dnsMessage('mtasts.certificate-invalid.pass', { host: subject }),
      evidence,
    }),
  );
  if (response.status !== 200) {
    const location = response.headers.location;
    const why =
      response.status >= 300 && response.status < 400
        ? location
          ? dnsMessage('mtasts.policy-unreachable.redirect', { url: response.url, location })
          : dnsMessage('mtasts.policy-unreachable.redirect-nowhere', { url: response.url })
        : dnsMessage('mtasts.policy-unreachable.status', { url: response.url, status: response.status });
    return {
      kind: 'stop',
      findings: [...passes, ...stop(mtaStsPolicyUnreachableMeta, 'fail', why).findings],
    };
  }
  passes.push(
    finding(mtaStsPolicyUnreachableMeta, 'pass', {
      subject,
      ...dnsMessage('mtasts.policy-unreachable.pass', { url: response.url }),
      evidence,
    }),
  );
  const invalid = (message: CatalogueMessage): FetchVerdict => ({
    kind: 'stop',
    findings: [...passes, finding(mtaStsPolicyInvalidMeta, 'fail', { subject, ...message, evidence })],
  });
  if (response.truncated)
    return invalid(dnsMessage('mtasts.policy-invalid.too-large', { max: policyFetchLimits.maxBytes }));
  if (!isTextPlain(response.headers['content-type']))
    return invalid(
      response.headers['content-type'] === undefined
        ? dnsMessage('mtasts.policy-invalid.no-content-type')
        : dnsMessage('mtasts.policy-invalid.content-type', { type: response.headers['content-type'] }),
    );
  const text = new TextDecoder('utf-8').decode(response.body);
  return { kind: 'policy', text, findings: passes };
}

function modeFinding(domain: string, policy: StsPolicy, evidence: readonly Evidence[]): Finding {
  const subject = domain;
  switch (policy.mode) {
    case 'enforce':
      return finding(mtaStsTestingModeMeta, 'pass', {
        subject,
        ...dnsMessage('mtasts.testing-mode.enforce'),
        evidence,
      });
    case 'testing':
      return finding(mtaStsTestingModeMeta, 'warn', {
        subject,
        ...dnsMessage('mtasts.testing-mode.testing'),
        evidence,
        ...dnsFix('mtasts.fix.enforce'),
      });
    case 'none':
      return finding(mtaStsTestingModeMeta, 'warn', {
        subject,
        ...dnsMessage('mtasts.testing-mode.none'),
        evidence,
      });
  }
}

function mxFindings(
  domain: string,
  policy: StsPolicy,
  mx: DnsAnswer<'MX'>,
  policyEvidence: Evidence,
): Finding[] {
  const evidence = [dnsEvidence(mx), policyEvidence];
  const subject = domain;
  if (policy.mode === 'none') return [];
  switch (mx.kind) {
    case 'error':
      return [
        finding(mtaStsMxMismatchMeta, 'error', {
          subject,
          ...dnsMessage('mtasts.mx-mismatch.error', { domain, reason: mx.reason }),
          evidence,
        }),
      ];
    case 'nxdomain':
    case 'nodata':
      return [
        finding(mtaStsMxMismatchMeta, 'skipped', {
          subject,
          ...dnsMessage('mtasts.mx-mismatch.no-mx', { domain, outcome: mx.kind }),
          evidence,
        }),
      ];
    case 'ok':
      break;
  }
  const hosts = mxHosts(mx);
  if (hosts.length === 0)
    return [
      finding(mtaStsMxMismatchMeta, 'skipped', {
        subject,
        ...dnsMessage('mtasts.mx-mismatch.null-mx', { domain }),
        evidence,
      }),
    ];
  const unmatched = hosts.filter((host) => !policy.mx.some((pattern) => mxPatternMatches(pattern, host)));
  if (unmatched.length === 0)
    return [
      finding(mtaStsMxMismatchMeta, 'pass', {
        subject,
        ...dnsMessage('mtasts.mx-mismatch.pass', { hosts: hosts.join(', '), patterns: policy.mx.join(', ') }),
        evidence,
      }),
    ];
  const enforced = policy.mode === 'enforce';
  return [
    finding(mtaStsMxMismatchMeta, enforced ? 'fail' : 'warn', {
      subject,
      ...dnsMessage(enforced ? 'mtasts.mx-mismatch.enforce' : 'mtasts.mx-mismatch.testing', {
        count: unmatched.length,
        hosts: unmatched.join(', '),
        patterns: policy.mx.join(', ') || '-',
      }),
      evidence,
      ...dnsFix('mtasts.fix.add-mx', { lines: unmatched.map((host) => `mx: ${host}`).join(' / ') }),
    }),
  ];
}

async function evaluate(target: ScanTarget, context: CheckContext): Promise<Finding[]> {
  const domain = target.domain;
  const options = { signal: context.signal };
  const [txt, mx] = await Promise.all([
    context.dns.query(`_mta-sts.${domain}`, 'TXT', options),
    context.dns.query(domain, 'MX', options),
  ]);
  const txtEvidence = [dnsEvidence(txt)];
  const subject = domain;
  if (txt.kind === 'error')
    return [
      finding(mtaStsMissingMeta, 'error', {
        subject,
        ...dnsMessage('mtasts.missing.error', { domain, reason: txt.reason }),
        evidence: txtEvidence,
      }),
    ];
  const texts = txt.kind === 'ok' ? txt.records.map((record) => record.strings.join('')) : [];
  const sts = texts.filter(isStsRecord);
  if (sts.length === 0) {
    return [
      finding(mtaStsMissingMeta, 'fail', {
        subject,
        ...(texts.length > 0
          ? dnsMessage('mtasts.missing.fail-other', { domain, count: texts.length })
          : dnsMessage('mtasts.missing.fail', { domain })),
        evidence: txtEvidence,
        ...publishFix(domain, mxHosts(mx), context.clock),
      }),
    ];
  }
  const findings: Finding[] = [
    finding(mtaStsMissingMeta, 'pass', {
      subject,
      ...dnsMessage('mtasts.missing.pass', { domain }),
      evidence: txtEvidence,
    }),
  ];
  const fixRecord = `_mta-sts.${domain}. IN TXT "v=STSv1; id=${suggestedId(context.clock)}"`;
  if (sts.length > 1) {
    findings.push(
      finding(mtaStsRecordInvalidMeta, 'fail', {
        subject,
        ...dnsMessage('mtasts.record-invalid.multiple', { count: sts.length }),
        evidence: txtEvidence,
        ...dnsFix('mtasts.fix.keep-one', { record: fixRecord }),
      }),
    );
    return findings;
  }
  const parsed = parseStsRecord(sts[0] ?? '');
  if (parsed.kind === 'invalid') {
    findings.push(
      finding(mtaStsRecordInvalidMeta, 'fail', {
        subject,
        ...dnsMessageWithDetail(
          'mtasts.record-invalid.fail',
          { count: parsed.problems.length },
          `The MTA-STS record is invalid: ${parsed.problems.join('; ')}. Senders ignore it.`,
        ),
        evidence: [...txtEvidence, { kind: 'text', label: 'problems', value: parsed.problems.join('; ') }],
        ...dnsFix('mtasts.fix.replace', { record: fixRecord }),
      }),
    );
    return findings;
  }
  findings.push(
    finding(mtaStsRecordInvalidMeta, 'pass', {
      subject,
      ...dnsMessage('mtasts.record-invalid.pass', { id: parsed.record.id }),
      evidence: txtEvidence,
    }),
  );
  const response = await context.https.get({
    url: policyUrl(domain),
    ...policyFetchLimits,
    signal: context.signal,
  });
  const verdict = judgeFetch(domain, response);
  findings.push(...verdict.findings);
  if (verdict.kind === 'stop') return findings;
  const policyEvidence: Evidence = {
    kind: 'text',
    label: `policy ${policyUrl(domain)}`,
    value: verdict.text.slice(0, 4096),
  };
  const policy = parseStsPolicy(verdict.text);
  if (policy.kind === 'invalid') {
    findings.push(
      finding(mtaStsPolicyInvalidMeta, 'fail', {
        subject,
        ...dnsMessageWithDetail(
          'mtasts.policy-invalid.fail',
          { count: policy.problems.length },
          `The policy file is invalid: ${policy.problems.join('; ')}. Senders discard it.`,
        ),
        evidence: [policyEvidence, { kind: 'text', label: 'problems', value: policy.problems.join('; ') }],
        ...dnsFix('mtasts.fix.serve', { policy: policyText(domain, 'enforce', mxHosts(mx)) }),
      }),
    );
    return findings;
  }
  findings.push(
    finding(mtaStsPolicyInvalidMeta, 'pass', {
      subject,
      ...dnsMessage('mtasts.policy-invalid.pass'),
      evidence: [policyEvidence],
    }),
    modeFinding(domain, policy.policy, [policyEvidence]),
  );
  if (policy.policy.mode === 'enforce') {
    const short = policy.policy.maxAge < shortMaxAge;
    findings.push(
      finding(mtaStsMaxAgeShortMeta, short ? 'warn' : 'pass', {
        subject,
        ...dnsMessage(short ? 'mtasts.max-age-short.warn' : 'mtasts.max-age-short.pass', {
          maxAge: policy.policy.maxAge,
        }),
        evidence: [policyEvidence],
        ...(short ? dnsFix('mtasts.fix.max-age') : {}),
      }),
    );
  }
  findings.push(...mxFindings(domain, policy.policy, mx, policyEvidence));
  return findings;
}

export const mtaStsCheck: DomainCheck = {
  name: 'mta-sts',
  meta: mtaStsMeta,
  run: evaluate,
};
