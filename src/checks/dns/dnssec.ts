// DNSSEC status of a mail domain and of its MX hosts, read from a validating resolver's AD bit, with
// SERVFAIL-unless-checking-disabled taken as proof of a bogus zone.

import { dnsFix } from '../../i18n/en/dns-fixes.js';
import { dnsMessage } from '../../i18n/en/dns-message.js';
import type { CheckMeta, Evidence, Finding } from '../../model/finding.js';
import type { ScanTarget } from '../../model/report.js';
import type { DnsAnswer, DnsClient, RecordType } from '../../net/dns/types.js';
import { dnsEvidence } from '../answer-evidence.js';
import type { CheckContext, DomainCheck } from '../check.js';
import { finding } from '../finding-builder.js';

const references = [
  {
    title: 'RFC 4033: DNS Security Introduction and Requirements',
    url: 'https://www.rfc-editor.org/rfc/rfc4033',
  },
  {
    title: 'RFC 4034: Resource Records for the DNS Security Extensions',
    url: 'https://www.rfc-editor.org/rfc/rfc4034',
  },
  {
    title: 'RFC 4035: Protocol Modifications for the DNS Security Extensions',
    url: 'https://www.rfc-editor.org/rfc/rfc4035',
  },
  {
    title: 'RFC 6840: Clarifications and Implementation Notes for DNSSEC',
    url: 'https://www.rfc-editor.org/rfc/rfc6840',
  },
] as const;

const daneReference = {
  title: 'RFC 7672: SMTP Security via Opportunistic DANE TLS',
  url: 'https://www.rfc-editor.org/rfc/rfc7672',
} as const;

const signAndDs =
  'Turn on DNSSEC signing for the zone at its DNS host (most hosts and registrars offer it as one switch; ' +
  'BIND: `dnssec-policy default;`, Knot: `dnssec-signing: on`, Windows DNS: "Sign the Zone"). Then publish ' +
  'the DS record the DNS host shows you (e.g. `example.com. IN DS 12345 13 2 <digest>`) at the registrar of the ' +
  'domain, which puts it in the parent zone. Check with `dig +dnssec DS example.com` and ' +
  '`delv example.com MX` that the chain validates.';

export const dnssecSignedMeta: CheckMeta = {
  id: 'dnssec.signed',
  area: 'dnssec',
  title: 'Zone is signed and validates',
  severity: 'info',
  description:
    'A validating resolver set the AD (authenticated data) bit on the answer: the zone is signed and the ' +
    'chain of trust from the resolver’s trust anchor down to it is intact, so forged answers are rejected.',
  remediation: 'Nothing to do. Keep the signatures fresh and roll keys with the DS record at the parent.',
  references,
};

export const dnssecUnsignedMeta: CheckMeta = {
  id: 'dnssec.unsigned',
  area: 'dnssec',
  title: 'Zone is not protected by DNSSEC',
  severity: 'medium',
  description:
    'The resolver validates DNSSEC (it authenticated a parent zone) but could not authenticate this answer: ' +
    'the zone is not signed, or its parent holds no DS record for it. An attacker on the path of a sending ' +
    'server can forge the MX or address records, and DANE for SMTP (RFC 7672) cannot be used.',
  remediation: signAndDs,
  references: [...references, daneReference],
};

export const dnssecBogusMeta: CheckMeta = {
  id: 'dnssec.bogus',
  area: 'dnssec',
  title: 'DNSSEC signatures do not validate (bogus)',
  severity: 'high',
  description:
    'The validating resolver answers SERVFAIL, yet answers normally when asked with checking disabled (CD bit): ' +
    'the zone is signed but its signatures do not validate (expired or not yet valid RRSIGs, a DS at the parent ' +
    'that matches no DNSKEY, records changed after signing). Every validating resolver — those of most ISPs and ' +
    'public resolvers — then fails to resolve the name, so mail to it is delayed and bounced.',
  remediation:
    'Re-sign the zone (or restart the signer) so that every RRset has a current RRSIG; make sure the DS record ' +
    'at the registrar matches the current key-signing key (`dig DS <zone> +short` against `dig DNSKEY <zone>` ' +
    'and `ldns-key2ds`/`dnssec-dsfromkey`). If the zone cannot be fixed at once, remove the DS at the registrar ' +
    'to make the zone insecure rather than broken. https://dnsviz.net shows where the chain breaks.',
  references,
};

export const dnssecUnknownMeta: CheckMeta = {
  id: 'dnssec.unknown',
  area: 'dnssec',
  title: 'DNSSEC status unknown: the resolver does not validate',
  severity: 'info',
  description:
    'No answer for the name nor for the DNSKEY of any zone above it, up to the root, came back authenticated: ' +
    'the configured resolver does not validate DNSSEC (or holds no trust anchor for this part of the tree). ' +
    'Such a resolver cannot tell a signed zone from an unsigned one, so no verdict is given.',
  remediation:
    'Scan with a validating resolver: `--resolver 127.0.0.1` with a local unbound (Debian package `unbound`, ' +
    'validating by default) or another resolver that sets the AD bit (check with `dig +dnssec . DNSKEY`: ' +
    'the answer must show `flags: ... ad`).',
  references,
};

export const dnssecDnsErrorMeta: CheckMeta = {
  id: 'dnssec.dns-error',
  area: 'dnssec',
  title: 'DNSSEC status could not be checked: DNS error',
  severity: 'info',
  description:
    'The query used to read the DNSSEC status failed (timeout, refused, or SERVFAIL also with checking ' +
    'disabled), so nothing can be said about the zone’s signatures.',
  remediation:
    'Check that the name’s authoritative servers answer (`dig +norecurse @<ns> <name>`) and that the resolver ' +
    'is reachable; scan again.',
  references,
};

export const dnssecMetas: readonly CheckMeta[] = [
  dnssecSignedMeta,
  dnssecUnsignedMeta,
  dnssecBogusMeta,
  dnssecUnknownMeta,
  dnssecDnsErrorMeta,
];

/** More MX hosts than this are not assessed one by one: a real domain has a handful. */
export const maxMxHosts = 10;

/** Which name is assessed, and with which question: the MX RRset for the domain, the address for a host. */
export interface Subject {
  readonly name: string;
  readonly role: 'domain' | 'mx-host';
  readonly type: Extract<RecordType, 'MX' | 'A'>;
}

/** What the resolver's answers prove about one name. */
export type NameVerdict =
  | { readonly kind: 'signed'; readonly subject: Subject; readonly evidence: readonly DnsAnswer[] }
  | {
      readonly kind: 'unsigned';
      readonly subject: Subject;
      /** The closest zone above the name whose DNSKEY came back authenticated: proof the resolver validates. */
      readonly secureAncestor: string;
      readonly evidence: readonly DnsAnswer[];
    }
  | { readonly kind: 'bogus'; readonly subject: Subject; readonly evidence: readonly DnsAnswer[] }
  | { readonly kind: 'undetermined'; readonly subject: Subject; readonly evidence: readonly DnsAnswer[] }
  | { readonly kind: 'dns-error'; readonly subject: Subject; readonly evidence: readonly DnsAnswer[] };

/** The zones above a name, closest first, ending with the root (""). */
export function ancestorsOf(name: string): string[] {
  // Each ancestor is the text after one of the dots, nearest first (no labels split and joined again).
  const out: string[] = [];
  for (let dot = name.indexOf('.'); dot >= 0; dot = name.indexOf('.', dot + 1)) out.push(name.slice(dot + 1));
  if (name !== '') out.push('');
  return out;
}

const display = (name: string): string => (name === '' ? '.' : name);
const isAuthenticated = (answer: DnsAnswer): boolean => answer.kind !== 'error' && answer.authenticated;

/**
 * The rule, for a name N asked with CD=0:
 * - AD set → signed. SERVFAIL → ask again with CD=1: an answer then → bogus, a failure again → dns-error;
 *   any other failure → dns-error.
 * - No AD → ask the DNSKEY of each zone above N, closest first, up to the root; the first authenticated
 *   one proves the resolver validates and the chain is secure down to it, so N lies below an insecure
 *   delegation → unsigned. None authenticated → undetermined (non-validating resolver, or no trust anchor
 *   covers N): never reported as unsigned.
 * Deriving the probe from N's own ancestors makes it work with the public root anchor and with a
 * private anchor (the interop tier), and cost nothing extra with the scan's shared cache.
 */
export async function assessName(
  dns: DnsClient,
  subject: Subject,
  signal?: AbortSignal,
): Promise<NameVerdict> {
  const answer = await dns.query(subject.name, subject.type, { signal });
  if (answer.kind === 'error') {
    if (answer.reason !== 'servfail') return { kind: 'dns-error', subject, evidence: [answer] };
    const unchecked = await dns.query(subject.name, subject.type, { signal, checkingDisabled: true });
    const kind = unchecked.kind === 'error' ? 'dns-error' : 'bogus';
    return { kind, subject, evidence: [answer, unchecked] };
  }
  if (answer.authenticated) return { kind: 'signed', subject, evidence: [answer] };
  let lastProbe: DnsAnswer | undefined;
  for (const zone of ancestorsOf(subject.name)) {
    const probe = await dns.query(display(zone), 'DNSKEY', { signal });
    if (isAuthenticated(probe)) {
      return { kind: 'unsigned', subject, secureAncestor: zone, evidence: [answer, probe] };
    }
    lastProbe = probe;
  }
  return {
    kind: 'undetermined',
    subject,
    evidence: lastProbe === undefined ? [answer] : [answer, lastProbe],
  };
}

/** MX host names from an MX answer: distinct, sorted, without the Null MX ".", at most `maxMxHosts`. */
export function mxHostsOf(answers: readonly DnsAnswer[]): string[] {
  const hosts = new Set<string>();
  for (const answer of answers) {
    if (answer.kind !== 'ok' || answer.type !== 'MX') continue;
    for (const record of answer.records) {
      if (record.type === 'MX' && record.exchange !== '') hosts.add(record.exchange);
    }
  }
  return [...hosts].sort().slice(0, maxMxHosts);
}

function verdictFinding(verdict: NameVerdict): Finding {
  const evidence: Evidence[] = verdict.evidence.map(dnsEvidence);
  const { subject } = verdict;
  const asked = `${subject.name} ${subject.type}`;
  switch (verdict.kind) {
    case 'signed':
      return finding(dnssecSignedMeta, 'pass', {
        subject: subject.name,
        ...dnsMessage(subject.role === 'domain' ? 'dnssec.signed.domain' : 'dnssec.signed.host', {
          name: subject.name,
        }),
        evidence,
      });
    case 'unsigned':
      return finding(dnssecUnsignedMeta, 'warn', {
        subject: subject.name,
        ...dnsMessage(subject.role === 'domain' ? 'dnssec.unsigned.domain' : 'dnssec.unsigned.host', {
          name: subject.name,
          anchor: display(verdict.secureAncestor),
        }),
        evidence,
        ...dnsFix('dnssec.fix.sign', { zone: subject.name }),
      });
    case 'bogus':
      return finding(dnssecBogusMeta, 'fail', {
        subject: subject.name,
        ...dnsMessage('dnssec.bogus.fail', { asked }),
        evidence,
        ...dnsFix('dnssec.fix.resign', { zone: subject.name }),
      });
    case 'undetermined':
      return finding(dnssecUnknownMeta, 'error', {
        subject: subject.name,
        ...dnsMessage('dnssec.unknown.one', { name: subject.name, asked }),
        evidence,
      });
    case 'dns-error':
      return finding(dnssecDnsErrorMeta, 'error', {
        subject: subject.name,
        ...errorMessage(subject.name, verdict.evidence),
        evidence,
      });
  }
}

const outcome = (answer: DnsAnswer): string =>
  answer.kind === 'error' ? `${answer.reason} (${answer.detail})` : answer.kind;

/** The failed question and, when it was asked again with checking disabled, that answer too. */
function errorMessage(name: string, answers: readonly DnsAnswer[]) {
  const [first, again] = answers;
  const failure = first === undefined ? '?' : `${first.name} ${first.type}: ${outcome(first)}`;
  return again === undefined
    ? dnsMessage('dnssec.dns-error.failed', { name, failure })
    : dnsMessage('dnssec.dns-error.failed-cd', {
        name,
        failure,
        asked: `${again.name} ${again.type}`,
        cdFailure: outcome(again),
      });
}

/**
 * When nothing at all came back authenticated or bogus, the resolver plainly does not validate: one
 * `dnssec.unknown` for the domain says so instead of one per MX host.
 */
export function findingsFor(target: ScanTarget, verdicts: readonly NameVerdict[]): Finding[] {
  const validates = verdicts.some((v) => v.kind === 'signed' || v.kind === 'unsigned' || v.kind === 'bogus');
  const undetermined = verdicts.filter((v) => v.kind === 'undetermined');
  if (validates || undetermined.length < 2) return verdicts.map(verdictFinding);
  const names = undetermined.map((v) => v.subject.name);
  const merged = finding(dnssecUnknownMeta, 'error', {
    subject: target.domain,
    ...dnsMessage('dnssec.unknown.many', { names: names.join(', ') }),
    evidence: undetermined.flatMap((v) => v.evidence.map(dnsEvidence)),
  });
  return [...verdicts.filter((v) => v.kind !== 'undetermined').map(verdictFinding), merged];
}

export async function runDnssec(target: ScanTarget, context: CheckContext): Promise<Finding[]> {
  const { dns, signal } = context;
  const domain = await assessName(dns, { name: target.domain, role: 'domain', type: 'MX' }, signal);
  // A bogus domain still has MX hosts (read with CD=1) whose own zones deserve a verdict.
  const hosts = mxHostsOf(domain.evidence);
  const hostVerdicts = await Promise.all(
    hosts.map((name) => assessName(dns, { name, role: 'mx-host', type: 'A' }, signal)),
  );
  return findingsFor(target, [domain, ...hostVerdicts]);
}

export const dnssecCheck: DomainCheck = {
  name: 'dnssec',
  meta: dnssecMetas,
  run: runDnssec,
};
