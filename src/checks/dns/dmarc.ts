// The DMARC check (RFC 9989): finds the policy by the DNS tree walk, cross-checks the organisational domain
// with the Public Suffix List, and explains every weakness of the record and its report addresses.

import { dnsFix } from '../../i18n/en/dns-fixes.js';
import { dnsMessage, dnsMessageWithDetail } from '../../i18n/en/dns-message.js';
import { literalFix } from '../../i18n/keyed-fix.js';
import type { CheckMeta, Evidence, Finding, Reference, Status, TextEvidence } from '../../model/finding.js';
import type { ScanTarget } from '../../model/report.js';
import { quoteCharacterString } from '../../net/dns/presentation.js';
import type { DnsAnswer } from '../../net/dns/types.js';
import {
  discoverPolicy,
  dmarcName,
  type PolicyDiscovery,
  type TreeWalk,
  type UsableDmarc,
  type WalkStep,
  walkDmarcTree,
} from '../../protocols/dmarc/discovery.js';
import {
  appliedPolicy,
  type DmarcIssue,
  type DmarcRecord,
  isDmarcRecord,
  parseDmarcRecord,
  policyStrength,
  requestedPolicy,
} from '../../protocols/dmarc/record.js';
import { pslOrganizationalDomain } from '../../protocols/psl/org-domain.js';
import { dnsEvidence } from '../answer-evidence.js';
import type { CheckContext, DomainCheck } from '../check.js';
import { type FindingInput, finding } from '../finding-builder.js';

const rfc9989 = (section: string, title: string): Reference => ({
  title: `RFC 9989 §${section}: ${title}`,
  url: `https://www.rfc-editor.org/rfc/rfc9989.html#section-${section}`,
});

const recordFormat = rfc9989('4.7', 'DMARC Policy Record Format');
const formalDefinition = rfc9989('4.8', 'Formal Definition');
const treeWalk = rfc9989('4.10', 'DNS Tree Walk');
const policyDiscovery = rfc9989('4.10.1', 'DMARC Policy Discovery');
const removedTags: Reference = {
  title: 'RFC 9989 Appendix C: changes from RFC 7489 (pct, rf, ri and the URI size limit removed)',
  url: 'https://www.rfc-editor.org/rfc/rfc9989.html#appendix-C',
};
const aggregateReporting: Reference = {
  title: 'RFC 9990: DMARC Aggregate Reporting (verifying external destinations)',
  url: 'https://www.rfc-editor.org/rfc/rfc9990.html',
};
const externalDestinations7489: Reference = {
  title: 'RFC 7489 §7.1: Verifying External Destinations',
  url: 'https://www.rfc-editor.org/rfc/rfc7489.html#section-7.1',
};

const example = '_dmarc.example.com TXT "v=DMARC1; p=reject; rua=mailto:dmarc-reports@example.com"';

function meta(id: string, rest: Omit<CheckMeta, 'id' | 'area'>): CheckMeta {
  return { id, area: 'dmarc', ...rest };
}

export const dmarcMeta = {
  missing: meta('dmarc.missing', {
    title: 'No DMARC record',
    severity: 'high',
    description:
      'Without a DMARC record at _dmarc.<domain> (or one inherited from the organisational domain), receivers have no instruction from you about mail that fails SPF and DKIM: anyone can send mail that claims to be from your domain.',
    remediation: `Publish a DMARC record, starting with p=none while you read the reports, then move to p=reject: ${example}`,
    references: [recordFormat, policyDiscovery],
  }),
  multipleRecords: meta('dmarc.multiple-records', {
    title: 'More than one DMARC record',
    severity: 'high',
    description:
      'When _dmarc.<domain> holds more than one record starting with v=DMARC1, receivers discard all of them: the domain behaves as if it had no DMARC record.',
    remediation: `Keep exactly one TXT record at _dmarc.<domain> that starts with v=DMARC1, for example ${example}`,
    references: [treeWalk],
  }),
  syntaxError: meta('dmarc.syntax-error', {
    title: 'DMARC record syntax problems',
    severity: 'medium',
    description:
      'A DMARC record must start with v=DMARC1 (exactly, in capitals) and hold tag=value pairs separated by ";". Receivers ignore invalid tags, fall back to p=none when p, sp or np is invalid, and ignore the whole record when a tag is repeated or the version is wrong.',
    remediation: `Rewrite the record with valid tags only, for example ${example}`,
    references: [recordFormat, formalDefinition, policyDiscovery],
  }),
  policyNone: meta('dmarc.policy-none', {
    title: 'DMARC policy is none (monitoring only)',
    severity: 'high',
    description:
      'p=none asks receivers to do nothing with mail that fails DMARC: spoofed mail claiming to be from you is still delivered. It is meant for a short monitoring phase while you read the aggregate reports.',
    remediation: `Once the reports show your own mail passing, change the policy to reject: ${example}`,
    references: [recordFormat],
  }),
  policyQuarantine: meta('dmarc.policy-quarantine', {
    title: 'DMARC policy is quarantine, not reject',
    severity: 'low',
    description:
      'p=quarantine sends spoofed mail to spam or junk folders, where people still find and open it. p=reject has it refused outright.',
    remediation: `When the reports show no legitimate mail failing, move to reject: ${example}`,
    references: [recordFormat],
  }),
  subdomainWeaker: meta('dmarc.subdomain-policy-weaker', {
    title: 'Subdomain policy weaker than the domain policy',
    severity: 'medium',
    description:
      'sp (existing subdomains) or np (subdomains that do not exist) asks for less than p: an attacker can then send as anything.<domain>, which most people trust as much as the domain itself.',
    remediation:
      'Remove sp and np (they default to p), or set them as strict as p: _dmarc.example.com TXT "v=DMARC1; p=reject; rua=mailto:dmarc-reports@example.com"',
    references: [recordFormat, policyDiscovery],
  }),
  testingMode: meta('dmarc.testing-mode', {
    title: 'DMARC policy in test mode',
    severity: 'medium',
    description:
      't=y asks receivers to apply one level less than the policy (reject becomes quarantine, quarantine becomes none); pct below 100, removed by RFC 9989, still makes RFC 7489 receivers apply the policy to only part of the failing mail.',
    remediation: `Remove t=y and pct once testing is over: ${example}`,
    references: [recordFormat, removedTags],
  }),
  noReporting: meta('dmarc.no-reporting', {
    title: 'No DMARC aggregate reports requested',
    severity: 'low',
    description:
      'Without a valid rua address nobody receives the daily aggregate reports, so nobody sees who sends mail as your domain, or notices when your own mail starts failing.',
    remediation: `Add a rua address you read (or a DMARC report service): ${example}`,
    references: [recordFormat],
  }),
  externalUnauthorized: meta('dmarc.external-report-unauthorized', {
    title: 'External report address not authorised',
    severity: 'medium',
    description:
      'Receivers only send reports to an address in another organisational domain when that domain publishes <your domain>._report._dmarc.<its domain> TXT "v=DMARC1" (a wildcard *._report._dmarc.<its domain> also works). Without it the reports are silently not sent.',
    remediation:
      'Ask the report receiver to publish example.com._report._dmarc.reports.example.net TXT "v=DMARC1", or use a rua address in your own domain.',
    references: [aggregateReporting, externalDestinations7489],
  }),
  reportDomainNoMx: meta('dmarc.report-domain-no-mx', {
    title: 'DMARC report address cannot receive mail',
    severity: 'medium',
    description:
      'The domain of a rua/ruf mailto: address has no MX record (or a null MX), so reports sent to it cannot be delivered.',
    remediation: 'Use a report address whose domain receives mail (has an MX record), or add the MX record.',
    references: [recordFormat],
  }),
  tooManyUris: meta('dmarc.too-many-uris', {
    title: 'More than two report addresses',
    severity: 'low',
    description:
      'Receivers only have to send reports to two addresses per tag; addresses after the second may get nothing.',
    remediation: 'Keep at most two addresses in rua and in ruf, the important one first.',
    references: [
      recordFormat,
      { title: 'RFC 7489 §6.2: DMARC URIs', url: 'https://www.rfc-editor.org/rfc/rfc7489.html#section-6.2' },
    ],
  }),
  deprecatedTag: meta('dmarc.deprecated-tag', {
    title: 'Tags removed by RFC 9989',
    severity: 'low',
    description:
      'RFC 9989 removed pct, rf, ri and the !size suffix of report addresses. New receivers ignore them, older ones still act on them, so the record means different things to different receivers.',
    remediation: `Remove pct, rf, ri and any !size suffix: ${example}`,
    references: [removedTags],
  }),
  dnsError: meta('dmarc.dns-error', {
    title: 'DMARC lookup failed',
    severity: 'medium',
    description:
      'A DNS query needed to find the DMARC policy failed (timeout, SERVFAIL, refused). Receivers hitting the same failure may treat your mail inconsistently; telltale could not evaluate the policy.',
    remediation:
      "Check that your domain's name servers answer TXT queries for _dmarc.<domain> quickly and correctly.",
    references: [policyDiscovery],
  }),
  notDmarcRecord: meta('dmarc.not-dmarc-record', {
    title: 'A non-DMARC TXT record answers at _dmarc',
    severity: 'medium',
    description:
      'A TXT record at _dmarc.<domain> that does not start with v=DMARC1 is ignored by receivers. An SPF record (v=spf1) there is nearly always a wildcard TXT (*.<domain>) or a CNAME answering for _dmarc: it is not a DMARC record.',
    remediation: `Publish an explicit DMARC record at _dmarc.<domain> (which also stops the wildcard answering there): ${example}`,
    references: [treeWalk, recordFormat],
  }),
} as const satisfies Record<string, CheckMeta>;

export const dmarcMetaList: readonly CheckMeta[] = Object.values(dmarcMeta);

// ---------------------------------------------------------------------------------------------
// The check.

type Meta = CheckMeta;

interface Emit {
  readonly findings: Finding[];
  add(meta: Meta, status: Status, input: FindingInput): void;
}

function collector(): Emit {
  const findings: Finding[] = [];
  return { findings, add: (meta, status, input) => findings.push(finding(meta, status, input)) };
}

const quote = (text: string): string => quoteCharacterString(text);

/** Parser issues as language-neutral values (code and tag), for the catalogue texts. */
function issueCodes(issues: readonly DmarcIssue[]): string {
  return issues
    .map((issue) => (issue.tag === undefined ? issue.code : `${issue.code} (${issue.tag})`))
    .join(', ');
}

/** The parser's explanations, in English like every evidence. */
function issueEvidence(issues: readonly DmarcIssue[]): TextEvidence {
  return {
    kind: 'text',
    label: 'DMARC record issues',
    value: issues.map((issue) => issue.message).join('; '),
  };
}

function describeFailure(answer: DnsAnswer): string {
  return answer.kind === 'error' ? `${answer.reason}: ${answer.detail}` : answer.kind;
}

/** Tags a rewritten record leaves out (built once: records are rewritten for several fixes of every domain). */
const droppedTags: ReadonlySet<string> = new Set(['pct', 'rf', 'ri']);

/** A corrected record built from the current one: same tags in the same order, with changes applied. */
export function rewriteRecord(
  record: DmarcRecord,
  changes: Readonly<Record<string, string | null>>,
  fallbackRua: string,
): string {
  const drop = droppedTags;
  const tags: string[] = [];
  const seen = new Set<string>();
  for (const name of record.order) {
    if (seen.has(name) || drop.has(name)) continue;
    seen.add(name);
    const change = changes[name];
    if (change === null) continue;
    const value = change ?? record.values.get(name);
    if (name === 'v') tags.push('v=DMARC1');
    else if (value !== undefined && value !== '') tags.push(`${name}=${value}`);
  }
  for (const [name, value] of Object.entries(changes)) {
    if (!seen.has(name) && value !== null) tags.splice(name === 'p' ? 1 : tags.length, 0, `${name}=${value}`);
  }
  if (!tags.some((tag) => tag.startsWith('rua='))) tags.push(`rua=${fallbackRua}`);
  return tags.join('; ');
}

function txtRecord(domain: string, text: string): string {
  return `${dmarcName(domain)} TXT ${quote(text)}`;
}

/** The record to publish, as a fix: a record only, the same in every language. */
function txtFix(domain: string, text: string) {
  return literalFix(txtRecord(domain, text));
}

/** What decided the organisational domain, for the evidence and the message. */
function orgDomainEvidence(walk: TreeWalk, discovery: PolicyDiscovery, domain: string): TextEvidence {
  const psl = pslOrganizationalDomain(domain);
  const pslText = psl ?? '(none: a public suffix)';
  if (discovery.kind === 'dns-error') {
    return {
      kind: 'text',
      label: 'organisational domain',
      value: `${pslText}, decided by the Public Suffix List: the DNS tree walk failed at ${dmarcName(discovery.failed.domain)}`,
    };
  }
  const walked = discovery.orgDomain;
  const foundRecord = walk.steps.some((step) => step.single?.usable);
  const how = foundRecord
    ? 'decided by the RFC 9989 DNS tree walk'
    : 'the RFC 9989 DNS tree walk found no record, so by its rule the domain itself';
  const agreement =
    psl === walked ? 'the Public Suffix List agrees' : `the Public Suffix List says ${pslText}`;
  const partial = walk.ended === 'dns-error' ? ' (the walk stopped early on a DNS failure)' : '';
  return { kind: 'text', label: 'organisational domain', value: `${walked}, ${how}${partial}; ${agreement}` };
}

function walkEvidence(walk: TreeWalk): Evidence[] {
  return walk.steps.map((step) => dnsEvidence(step.answer));
}

function reportStrayRecords(emit: Emit, domain: string, first: WalkStep): void {
  const stray = first.texts
    .filter((text) => !isDmarcRecord(text))
    .map(parseDmarcRecord)
    .filter((parse) => parse.kind === 'not-dmarc');
  const evidence = [dnsEvidence(first.answer)];
  const name = dmarcName(domain);
  if (stray.length === 0) {
    if (first.answer.kind === 'ok') {
      emit.add(dmarcMeta.notDmarcRecord, 'pass', {
        subject: domain,
        ...dnsMessage('dmarc.not-dmarc-record.pass', { name }),
        evidence,
      });
    }
    return;
  }
  const spf = stray.filter((parse) => parse.reason === 'spf');
  const versionTypos = stray.filter((parse) => parse.reason === 'bad-version');
  if (versionTypos.length > 0) {
    emit.add(dmarcMeta.syntaxError, 'fail', {
      subject: domain,
      ...dnsMessage('dmarc.syntax-error.version', {
        name,
        records: versionTypos.map((parse) => quote(parse.text)).join(', '),
      }),
      evidence,
      ...txtFix(domain, `v=DMARC1; p=reject; rua=mailto:dmarc-reports@${domain}`),
    });
  }
  if (spf.length > 0) {
    emit.add(dmarcMeta.notDmarcRecord, 'fail', {
      subject: domain,
      ...dnsMessage('dmarc.not-dmarc-record.spf', {
        name,
        records: spf.map((parse) => quote(parse.text)).join(', '),
        domain,
      }),
      evidence,
      ...txtFix(domain, `v=DMARC1; p=reject; rua=mailto:dmarc-reports@${domain}`),
    });
  }
  const other = stray.filter((parse) => parse.reason === 'other');
  if (other.length > 0) {
    emit.add(dmarcMeta.notDmarcRecord, 'warn', {
      subject: domain,
      ...dnsMessage('dmarc.not-dmarc-record.other', {
        name,
        records: other.map((parse) => quote(parse.text)).join(', '),
      }),
      evidence,
    });
  }
}

function reportIssues(
  emit: Emit,
  domain: string,
  where: string,
  parse: UsableDmarc,
  evidence: Evidence[],
): void {
  const errors = parse.issues.filter((issue) => issue.level === 'error');
  const warnings = parse.issues.filter(
    (issue) => issue.level === 'warning' && issue.code !== 'removed-tag' && issue.code !== 'uri-size-limit',
  );
  const fixed = rewriteRecord(parse.record, {}, `mailto:dmarc-reports@${domain}`);
  if (!parse.usable) {
    emit.add(dmarcMeta.syntaxError, 'fail', {
      subject: domain,
      ...dnsMessageWithDetail(
        'dmarc.syntax-error.invalid',
        { where, count: errors.length, issues: issueCodes(errors) },
        `The DMARC record at ${where} is invalid, so receivers ignore it: ${errors.map((issue) => issue.message).join('; ')}.`,
      ),
      evidence: [...evidence, issueEvidence(errors)],
      ...txtFix(where.replace(/^_dmarc\./, ''), fixed),
    });
  } else if (errors.length > 0) {
    const fallback = parse.treatedAsNone
      ? ' Because of this, receivers treat the whole record as p=none.'
      : '';
    emit.add(dmarcMeta.syntaxError, 'fail', {
      subject: domain,
      ...dnsMessageWithDetail(
        'dmarc.syntax-error.skipped',
        { where, issues: issueCodes(errors), none: parse.treatedAsNone ? 1 : 0 },
        `The DMARC record at ${where} has errors that receivers skip over: ${errors.map((issue) => issue.message).join('; ')}.${fallback}`,
      ),
      evidence: [...evidence, issueEvidence(errors)],
    });
  } else if (warnings.length > 0) {
    emit.add(dmarcMeta.syntaxError, 'warn', {
      subject: domain,
      ...dnsMessageWithDetail(
        'dmarc.syntax-error.remarks',
        { where, issues: issueCodes(warnings) },
        `The DMARC record at ${where} is valid, with remarks: ${warnings.map((issue) => issue.message).join('; ')}.`,
      ),
      evidence: [...evidence, issueEvidence(warnings)],
    });
  } else {
    emit.add(dmarcMeta.syntaxError, 'pass', {
      subject: domain,
      ...dnsMessage('dmarc.syntax-error.pass', { where }),
      evidence,
    });
  }
}

function reportPolicy(
  emit: Emit,
  domain: string,
  parse: UsableDmarc,
  inherited: boolean,
  where: string,
  evidence: Evidence[],
): void {
  const record = parse.record;
  const requested = requestedPolicy(parse, inherited ? 'subdomain' : 'domain');
  const applied = appliedPolicy(requested, record.testing);
  // Where the policy comes from, as values the catalogue texts word: inherited, the tag, and "no sp".
  const from = {
    domain,
    inherited: inherited ? 1 : 0,
    where,
    tag: inherited && record.sp !== undefined ? 'sp' : 'p',
    noSp: inherited && record.sp === undefined ? 1 : 0,
  };
  const fallback = rewriteRecord(record, { p: 'reject', t: null }, `mailto:dmarc-reports@${domain}`);
  const fix = inherited
    ? txtFix(domain, `v=DMARC1; p=reject; rua=mailto:dmarc-reports@${domain}`)
    : txtFix(domain, fallback);
  if (requested === 'none') {
    emit.add(dmarcMeta.policyNone, 'fail', {
      subject: domain,
      ...dnsMessage('dmarc.policy-none.fail', { ...from, invalid: parse.treatedAsNone ? 1 : 0 }),
      evidence,
      ...fix,
    });
    return;
  }
  emit.add(dmarcMeta.policyNone, 'pass', {
    subject: domain,
    ...dnsMessage(
      requested === 'quarantine' ? 'dmarc.policy-none.pass-quarantine' : 'dmarc.policy-none.pass-reject',
      { ...from, testing: record.testing ? 1 : 0, applied },
    ),
    evidence,
  });
  if (requested === 'quarantine') {
    emit.add(dmarcMeta.policyQuarantine, 'warn', {
      subject: domain,
      ...dnsMessage('dmarc.policy-quarantine.warn', from),
      evidence,
      ...fix,
    });
  } else {
    emit.add(dmarcMeta.policyQuarantine, 'pass', {
      subject: domain,
      ...dnsMessage('dmarc.policy-quarantine.pass', from),
      evidence,
    });
  }
}

function reportSubdomains(emit: Emit, domain: string, parse: UsableDmarc, evidence: Evidence[]): void {
  const p = requestedPolicy(parse, 'domain');
  const sp = requestedPolicy(parse, 'subdomain');
  const np = requestedPolicy(parse, 'nonexistent-subdomain');
  const spWeaker = policyStrength(sp) < policyStrength(p);
  const npWeaker = policyStrength(np) < policyStrength(p);
  if (!spWeaker && !npWeaker) {
    emit.add(dmarcMeta.subdomainWeaker, 'pass', {
      subject: domain,
      ...dnsMessage('dmarc.subdomain-policy-weaker.pass', { domain, sp, np }),
      evidence,
    });
    return;
  }
  const status = policyStrength(sp) === 0 || policyStrength(np) === 0 ? 'fail' : 'warn';
  emit.add(dmarcMeta.subdomainWeaker, status, {
    subject: domain,
    ...dnsMessage(
      spWeaker && npWeaker
        ? 'dmarc.subdomain-policy-weaker.both'
        : spWeaker
          ? 'dmarc.subdomain-policy-weaker.sp'
          : 'dmarc.subdomain-policy-weaker.np',
      { domain, p, sp, np, npTag: parse.record.np ? 'np' : 'sp' },
    ),
    evidence,
    ...txtFix(domain, rewriteRecord(parse.record, { sp: null, np: null }, `mailto:dmarc-reports@${domain}`)),
  });
}

function reportTesting(emit: Emit, domain: string, parse: UsableDmarc, evidence: Evidence[]): void {
  const record = parse.record;
  const p = requestedPolicy(parse, 'domain');
  const testing = record.testing && p !== 'none';
  const pct = record.pct === undefined ? undefined : Number(record.pct);
  const partial = pct !== undefined && Number.isFinite(pct) && pct < 100 && p !== 'none';
  if (!testing && !partial) {
    emit.add(dmarcMeta.testingMode, 'pass', {
      subject: domain,
      ...dnsMessage('dmarc.testing-mode.pass', { domain }),
      evidence,
    });
    return;
  }
  emit.add(dmarcMeta.testingMode, 'warn', {
    subject: domain,
    ...(testing && partial
      ? dnsMessage('dmarc.testing-mode.both', { applied: appliedPolicy(p, true), p, pct: record.pct ?? '' })
      : testing
        ? dnsMessage('dmarc.testing-mode.t', { applied: appliedPolicy(p, true), p })
        : dnsMessage('dmarc.testing-mode.pct', { p, pct: record.pct ?? '' })),
    evidence,
    ...txtFix(domain, rewriteRecord(record, { t: null }, `mailto:dmarc-reports@${domain}`)),
  });
}

function reportDeprecated(emit: Emit, domain: string, parse: UsableDmarc, evidence: Evidence[]): void {
  const removed = parse.issues.filter(
    (issue) => issue.code === 'removed-tag' || issue.code === 'uri-size-limit',
  );
  if (removed.length === 0) {
    emit.add(dmarcMeta.deprecatedTag, 'pass', {
      subject: domain,
      ...dnsMessage('dmarc.deprecated-tag.pass'),
      evidence,
    });
    return;
  }
  emit.add(dmarcMeta.deprecatedTag, 'warn', {
    subject: domain,
    ...dnsMessageWithDetail(
      'dmarc.deprecated-tag.warn',
      { removed: issueCodes(removed) },
      `The DMARC record uses what RFC 9989 removed: ${removed.map((issue) => issue.message).join('; ')}.`,
    ),
    evidence: [...evidence, issueEvidence(removed)],
    ...txtFix(
      domain,
      rewriteRecord(
        parse.record,
        Object.fromEntries(
          (['rua', 'ruf'] as const).map((tag) => [
            tag,
            parse.record[tag].map((uri) => uri.raw.replace(/!\d+[kmgt]?$/i, '')).join(',') || null,
          ]),
        ),
        `mailto:dmarc-reports@${domain}`,
      ),
    ),
  });
}

function reportUriCounts(emit: Emit, domain: string, parse: UsableDmarc, evidence: Evidence[]): void {
  const long = (['rua', 'ruf'] as const).filter((tag) => parse.record[tag].length > 2);
  const ignored = (tag: 'rua' | 'ruf'): string =>
    parse.record[tag]
      .slice(2)
      .map((uri) => uri.raw)
      .join(', ');
  if (long.length === 0) {
    emit.add(dmarcMeta.tooManyUris, 'pass', {
      subject: domain,
      ...dnsMessage('dmarc.too-many-uris.pass'),
      evidence,
    });
    return;
  }
  emit.add(dmarcMeta.tooManyUris, 'warn', {
    subject: domain,
    ...(long.length === 2
      ? dnsMessage('dmarc.too-many-uris.warn-both', {
          ruaCount: parse.record.rua.length,
          ruaIgnored: ignored('rua'),
          rufCount: parse.record.ruf.length,
          rufIgnored: ignored('ruf'),
        })
      : dnsMessage('dmarc.too-many-uris.warn', {
          tag: long[0] ?? 'rua',
          count: parse.record[long[0] ?? 'rua'].length,
          ignored: ignored(long[0] ?? 'rua'),
        })),
    evidence,
  });
}

function reportRua(emit: Emit, domain: string, parse: UsableDmarc, evidence: Evidence[]): void {
  if (parse.record.rua.length > 0) {
    emit.add(dmarcMeta.noReporting, 'pass', {
      subject: domain,
      ...dnsMessage('dmarc.no-reporting.pass', {
        addresses: parse.record.rua.map((uri) => uri.raw).join(', '),
      }),
      evidence,
    });
    return;
  }
  emit.add(dmarcMeta.noReporting, 'warn', {
    subject: domain,
    ...dnsMessage('dmarc.no-reporting.warn'),
    evidence,
    ...txtFix(domain, rewriteRecord(parse.record, {}, `mailto:dmarc-reports@${domain}`)),
  });
}

/** The mailbox domains of rua/ruf, with the tags naming them. */
function destinations(record: DmarcRecord): Map<string, string[]> {
  const byDomain = new Map<string, string[]>();
  for (const tag of ['rua', 'ruf'] as const) {
    for (const uri of record[tag]) {
      if (uri.mailboxDomain === undefined) continue;
      const list = byDomain.get(uri.mailboxDomain) ?? [];
      list.push(`${tag}=${uri.raw}`);
      byDomain.set(uri.mailboxDomain, list);
    }
  }
  return byDomain;
}

function sameOrganisation(a: string, b: string): boolean {
  return (pslOrganizationalDomain(a) ?? a) === (pslOrganizationalDomain(b) ?? b);
}

async function reportAuthorization(
  emit: Emit,
  context: CheckContext,
  subject: string,
  policyDomain: string,
  dest: string,
  uses: readonly string[],
): Promise<void> {
  if (sameOrganisation(policyDomain, dest)) return;
  const name = `${policyDomain}._report._dmarc.${dest}`;
  const answer = await context.dns.query(name, 'TXT', { signal: context.signal });
  const evidence = [dnsEvidence(answer)];
  const list = uses.join(', ');
  if (answer.kind === 'error') {
    emit.add(dmarcMeta.externalUnauthorized, 'error', {
      subject,
      ...dnsMessage('dmarc.external-report-unauthorized.error', {
        dest,
        policyDomain,
        uses: list,
        name,
        failure: describeFailure(answer),
      }),
      evidence,
    });
    return;
  }
  const authorised =
    answer.kind === 'ok' && answer.records.some((record) => isDmarcRecord(record.strings.join('')));
  if (authorised) {
    emit.add(dmarcMeta.externalUnauthorized, 'pass', {
      subject,
      ...dnsMessage('dmarc.external-report-unauthorized.pass', { dest, policyDomain, uses: list, name }),
      evidence,
    });
    return;
  }
  emit.add(dmarcMeta.externalUnauthorized, 'fail', {
    subject,
    ...dnsMessage('dmarc.external-report-unauthorized.fail', { dest, policyDomain, uses: list, name }),
    evidence,
    ...dnsFix('dmarc.fix.external-authorization', { record: `${name} TXT "v=DMARC1"`, dest, policyDomain }),
  });
}

async function reportMx(
  emit: Emit,
  context: CheckContext,
  subject: string,
  dest: string,
  uses: readonly string[],
): Promise<void> {
  const answer = await context.dns.query(dest, 'MX', { signal: context.signal });
  const evidence = [dnsEvidence(answer)];
  const list = uses.join(', ');
  switch (answer.kind) {
    case 'error':
      emit.add(dmarcMeta.reportDomainNoMx, 'error', {
        subject,
        ...dnsMessage('dmarc.report-domain-no-mx.error', {
          dest,
          uses: list,
          failure: describeFailure(answer),
        }),
        evidence,
      });
      return;
    case 'ok': {
      const nullMx = answer.records.every((record) => record.exchange === '' || record.exchange === '.');
      if (nullMx) {
        emit.add(dmarcMeta.reportDomainNoMx, 'fail', {
          subject,
          ...dnsMessage('dmarc.report-domain-no-mx.null-mx', { dest, uses: list }),
          evidence,
        });
      } else {
        emit.add(dmarcMeta.reportDomainNoMx, 'pass', {
          subject,
          ...dnsMessage('dmarc.report-domain-no-mx.pass', { dest, uses: list }),
          evidence,
        });
      }
      return;
    }
    case 'nxdomain':
      emit.add(dmarcMeta.reportDomainNoMx, 'fail', {
        subject,
        ...dnsMessage('dmarc.report-domain-no-mx.nxdomain', { dest, uses: list }),
        evidence,
      });
      return;
    case 'nodata':
      await reportImplicitMx(emit, context, subject, dest, list, evidence);
      return;
  }
}

/** No MX: RFC 5321 §5.1 sends mail to the domain's own address, so an A or AAAA still receives reports. */
async function reportImplicitMx(
  emit: Emit,
  context: CheckContext,
  subject: string,
  dest: string,
  list: string,
  evidence: Evidence[],
): Promise<void> {
  const answers = await Promise.all(
    (['A', 'AAAA'] as const).map((type) => context.dns.query(dest, type, { signal: context.signal })),
  );
  evidence.push(...answers.map(dnsEvidence));
  if (answers.some((answer) => answer.kind === 'ok')) {
    emit.add(dmarcMeta.reportDomainNoMx, 'warn', {
      subject,
      ...dnsMessage('dmarc.report-domain-no-mx.implicit', { dest, uses: list }),
      evidence,
    });
    return;
  }
  const failed = answers.find((answer) => answer.kind === 'error');
  if (failed !== undefined && failed.kind === 'error') {
    emit.add(dmarcMeta.reportDomainNoMx, 'error', {
      subject,
      ...dnsMessage('dmarc.report-domain-no-mx.implicit-error', { dest, failure: describeFailure(failed) }),
      evidence,
    });
    return;
  }
  emit.add(dmarcMeta.reportDomainNoMx, 'fail', {
    subject,
    ...dnsMessage('dmarc.report-domain-no-mx.none', { dest, uses: list }),
    evidence,
  });
}

async function reportDestinations(
  emit: Emit,
  context: CheckContext,
  subject: string,
  policyDomain: string,
  record: DmarcRecord,
): Promise<void> {
  const jobs = [...destinations(record)].flatMap(([dest, uses]) => [
    reportAuthorization(emit, context, subject, policyDomain, dest, uses),
    reportMx(emit, context, subject, dest, uses),
  ]);
  await Promise.all(jobs);
}

function reportMultiple(emit: Emit, domain: string, first: WalkStep): void {
  const evidence = [dnsEvidence(first.answer)];
  if (first.dmarc.length > 1) {
    emit.add(dmarcMeta.multipleRecords, 'fail', {
      subject: domain,
      ...dnsMessage('dmarc.multiple-records.fail', { name: dmarcName(domain), count: first.dmarc.length }),
      evidence,
      ...dnsFix('dmarc.fix.keep-one', {
        record: txtRecord(domain, `v=DMARC1; p=reject; rua=mailto:dmarc-reports@${domain}`),
      }),
    });
  } else if (first.dmarc.length === 1) {
    emit.add(dmarcMeta.multipleRecords, 'pass', {
      subject: domain,
      ...dnsMessage('dmarc.multiple-records.pass', { name: dmarcName(domain) }),
      evidence,
    });
  }
}

async function runDmarc(target: ScanTarget, context: CheckContext): Promise<readonly Finding[]> {
  const domain = target.domain;
  const emit = collector();
  const walk = await walkDmarcTree(context.dns, domain, context.signal);
  const discovery = discoverPolicy(walk);
  const [first] = walk.steps;
  const orgEvidence = orgDomainEvidence(walk, discovery, domain);
  const allEvidence = [...walkEvidence(walk), orgEvidence];

  if (discovery.kind === 'dns-error') {
    const failed = discovery.failed;
    emit.add(dmarcMeta.dnsError, 'error', {
      subject: domain,
      ...dnsMessage(failed === first ? 'dmarc.dns-error.own' : 'dmarc.dns-error.parent', {
        domain,
        name: dmarcName(failed.domain),
        failure: describeFailure(failed.answer),
      }),
      evidence: allEvidence,
    });
    return emit.findings;
  }
  if (first === undefined) return emit.findings;

  reportStrayRecords(emit, domain, first);
  reportMultiple(emit, domain, first);
  if (first.single !== undefined && !first.single.usable) {
    reportIssues(emit, domain, dmarcName(domain), first.single, [dnsEvidence(first.answer)]);
  }

  switch (discovery.kind) {
    case 'none': {
      const broken = first.dmarc.length > 0;
      emit.add(dmarcMeta.missing, 'fail', {
        subject: domain,
        ...(broken
          ? dnsMessage('dmarc.missing.broken', { domain })
          : dnsMessage('dmarc.missing.fail', { domain, name: dmarcName(domain) })),
        evidence: allEvidence,
        ...txtFix(domain, `v=DMARC1; p=none; rua=mailto:dmarc-reports@${domain}`),
      });
      return emit.findings;
    }
    case 'own':
    case 'inherited': {
      const inherited = discovery.kind === 'inherited';
      const step = discovery.step;
      const parse = step.single;
      if (parse === undefined) return emit.findings;
      const where = dmarcName(step.domain);
      const evidence = [dnsEvidence(step.answer), orgEvidence];
      const source =
        discovery.kind === 'inherited'
          ? `${domain} has no usable record of its own and inherits the policy of ${step.domain} (${discovery.from === 'public-suffix-domain' ? 'a public suffix domain, psd=y' : 'its organisational domain'})`
          : `${domain} publishes its own DMARC record`;
      emit.add(dmarcMeta.missing, 'pass', {
        subject: domain,
        ...dnsMessageWithDetail(
          discovery.kind === 'own'
            ? 'dmarc.missing.own'
            : discovery.from === 'public-suffix-domain'
              ? 'dmarc.missing.inherited-psd'
              : 'dmarc.missing.inherited',
          discovery.kind === 'own'
            ? { domain, org: discovery.orgDomain }
            : { domain, parent: step.domain, org: discovery.orgDomain },
          `${source}. Organisational domain: ${orgEvidence.value}.`,
        ),
        evidence: allEvidence,
      });
      if (inherited || first.single?.usable) reportIssues(emit, domain, where, parse, evidence);
      reportPolicy(emit, domain, parse, inherited, where, evidence);
      if (!inherited) {
        if (
          discovery.orgDomain !== domain &&
          (parse.record.sp !== undefined || parse.record.np !== undefined)
        ) {
          emit.add(dmarcMeta.subdomainWeaker, 'warn', {
            subject: domain,
            ...dnsMessage('dmarc.subdomain-policy-weaker.not-org', {
              domain,
              org: discovery.orgDomain,
              where,
            }),
            evidence,
          });
        } else {
          reportSubdomains(emit, domain, parse, evidence);
        }
      }
      reportTesting(emit, domain, parse, evidence);
      reportDeprecated(emit, domain, parse, evidence);
      reportUriCounts(emit, domain, parse, evidence);
      reportRua(emit, domain, parse, evidence);
      await reportDestinations(emit, context, domain, step.domain, parse.record);
      return emit.findings;
    }
  }
}

export const dmarcCheck: DomainCheck = {
  name: 'dmarc',
  meta: dmarcMetaList,
  run: runDmarc,
};
