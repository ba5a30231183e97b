// DANE for SMTP (RFC 7672): the TLSA records at _25._tcp.<mx>, whether DNSSEC protects them, and whether they
// match the certificate chain each address of the host actually presented.

import { enSmtpFindings } from '../../i18n/en/smtp-findings.js';
import { literalFix } from '../../i18n/keyed-fix.js';
import type { CheckMeta, Evidence, Finding, Reference } from '../../model/finding.js';
import type { DnsAnswer, DnsClient, RecordOf } from '../../net/dns/types.js';
import {
  assessRecord,
  type DaneVerdict,
  matchTlsa,
  presentTlsa,
  recommendedRecord,
} from '../../protocols/dane/tlsa.js';
import { dnsEvidence } from '../answer-evidence.js';
import { assessName, type NameVerdict } from '../dns/dnssec.js';
import { finding } from '../finding-builder.js';
import { keyedMessages, none } from './keyed-message.js';
import type { ServerObservation } from './observe.js';
import { reached } from './session.js';
import type { TlsStrictness } from './tls.js';

const rfc = (number: number, title: string, section?: string): Reference => ({
  title: `RFC ${number}${section === undefined ? '' : ` §${section}`}: ${title}`,
  url: `https://www.rfc-editor.org/rfc/rfc${number}${section === undefined ? '' : `#section-${section}`}`,
});
const rfc7672 = rfc(7672, 'SMTP Security via Opportunistic DANE TLS');
const rfc6698 = rfc(6698, 'The DNS-Based Authentication of Named Entities (DANE) TLSA record');
const rfc7671 = rfc(7671, 'The DANE Protocol: Updates and Operational Guidance');

export const tlsaMismatchMeta: CheckMeta = {
  id: 'dane.tlsa-mismatch',
  area: 'dane',
  title: 'The TLSA records do not match the certificate the mail server presents',
  severity: 'critical',
  description:
    'With DANE (RFC 7672), sending servers that validate DNSSEC (Postfix, Exim, and large providers) refuse to ' +
    'deliver unless the certificate chain presented after STARTTLS matches one of the TLSA records at ' +
    '_25._tcp.<mx>. The classic outage: the certificate is renewed (new key, or a 3 0 1 record of the whole ' +
    'certificate) and the TLSA record is not updated first, so mail from DANE senders queues and then bounces. ' +
    'Only usages DANE-TA(2) and DANE-EE(3) count for SMTP: RFC 7672 §3.1.3 leaves PKIX-TA(0)/PKIX-EE(1) undefined ' +
    'and senders treat them as unusable; when every record is unusable, senders use TLS without authentication ' +
    '(warn). A host with validated TLSA records but no STARTTLS is a fail too: DANE senders will not deliver in clear.',
  remediation:
    'Publish the record of the certificate now in use, and keep the old one until the change is done (a rollover: ' +
    'both records side by side for at least two TTLs). The recommended form is `3 1 1` (the SHA-256 of the server ' +
    'key), which survives renewals that keep the key: `_25._tcp.mail.example.com. IN TLSA 3 1 1 <sha256 of SPKI>`, ' +
    'computed with `openssl x509 -in cert.pem -noout -pubkey | openssl pkey -pubin -outform DER | openssl dgst -sha256` ' +
    'or Debian’s hash-slinger (`tlsa --create --port 25 mail.example.com`). With Let’s Encrypt, renew with ' +
    '`--reuse-key` so a 3 1 1 record stays valid.',
  references: [rfc7672, rfc6698, rfc7671],
};

export const tlsaWithoutDnssecMeta: CheckMeta = {
  id: 'dane.tlsa-without-dnssec',
  area: 'dane',
  title: 'TLSA records are published in a zone without DNSSEC',
  severity: 'medium',
  description:
    'TLSA records only mean something when DNSSEC authenticates them: RFC 7672 §2.2 tells senders to ignore TLSA ' +
    'records that are not validated. The host publishes TLSA records, but a validating resolver did not ' +
    'authenticate them, so nobody uses them and mail to the host has no DANE protection. If the resolver itself ' +
    'does not validate, no verdict is given (error).',
  remediation:
    'Sign the zone of the MX host and publish its DS record at the parent (see dnssec.unsigned), or remove the ' +
    'useless TLSA records. Check with `dig +dnssec _25._tcp.mail.example.com TLSA`: the answer must carry the `ad` flag.',
  references: [rfc7672, rfc(4033, 'DNS Security Introduction and Requirements')],
};

export const daneMeta: readonly CheckMeta[] = [tlsaMismatchMeta, tlsaWithoutDnssecMeta];

const say = keyedMessages(enSmtpFindings);

export const daneMessages = {
  lookupFailed: (name: string, reason: string) => say('dane.lookup-failed', { name, reason }),
  none: (name: string) => say('dane.none', { name }),
  authenticated: (name: string, count: number) => say('dane.authenticated', { name, count }),
  unsigned: (name: string, zone: string) => say('dane.unsigned', { name, zone: zone === '' ? '.' : zone }),
  undetermined: (name: string) => say('dane.undetermined', { name }),
  bogus: (name: string) => say('dane.bogus', { name }),
  match: (where: string, record: string, index: number) => say('dane.match', { where, record, index }),
  mismatch: (where: string, records: readonly string[], current: string | undefined) =>
    say('dane.mismatch', {
      where,
      count: records.length,
      records: records.join('; '),
      current: current ?? none,
    }),
  noUsable: (where: string, records: readonly string[]) =>
    say('dane.no-usable', { where, count: records.length, records: records.join('; ') }),
  unparsable: (where: string) => say('dane.unparsable', { where }),
  noTls: (where: string) => say('dane.no-tls', { where }),
  unreachable: (where: string) => say('dane.unreachable', { where }),
} as const;

/** What DNS says about DANE for one host and port. */
export type TlsaStatus =
  | { readonly kind: 'none'; readonly name: string; readonly answer: DnsAnswer<'TLSA'> }
  | { readonly kind: 'error'; readonly name: string; readonly answer: DnsAnswer<'TLSA'> }
  | {
      readonly kind: 'validated';
      readonly name: string;
      readonly answer: DnsAnswer<'TLSA'>;
      readonly records: readonly RecordOf<'TLSA'>[];
    }
  | {
      readonly kind: 'not-validated';
      readonly name: string;
      readonly answer: DnsAnswer<'TLSA'>;
      readonly records: readonly RecordOf<'TLSA'>[];
      readonly dnssec: NameVerdict;
    };

export function tlsaName(host: string, port: number): string {
  return `_${port}._tcp.${host}`;
}

export async function lookupTlsa(
  dns: DnsClient,
  host: string,
  port: number,
  signal?: AbortSignal,
): Promise<TlsaStatus> {
  const name = tlsaName(host, port);
  const answer = await dns.query(name, 'TLSA', signal === undefined ? {} : { signal });
  if (answer.kind === 'error') return { kind: 'error', name, answer };
  if (answer.kind !== 'ok' || answer.records.length === 0) return { kind: 'none', name, answer };
  if (answer.authenticated) return { kind: 'validated', name, answer, records: answer.records };
  const dnssec = await assessName(dns, { name: host, role: 'mx-host', type: 'A' }, signal);
  return { kind: 'not-validated', name, answer, records: answer.records, dnssec };
}

/** What DANE makes senders check, for grading certificate problems. */
export function daneStrictness(status: TlsaStatus): TlsStrictness['dane'] {
  if (status.kind !== 'validated') return 'none';
  const usable = status.records.filter((record) => assessRecord(record).kind === 'usable');
  if (usable.length === 0) return 'none';
  return usable.some((record) => record.usage === 2) ? 'ta' : 'ee';
}

/** The DNSSEC side: one finding per host. */
export function tlsaStatusFindings(host: string, status: TlsaStatus): Finding[] {
  const evidence: Evidence[] = [dnsEvidence(status.answer)];
  const subject = host;
  switch (status.kind) {
    case 'none':
      return [finding(tlsaMismatchMeta, 'skipped', { subject, evidence, ...daneMessages.none(status.name) })];
    case 'error': {
      const reason = status.answer.kind === 'error' ? status.answer.reason : 'other';
      return [
        finding(tlsaMismatchMeta, 'error', {
          subject,
          evidence,
          ...daneMessages.lookupFailed(status.name, reason),
        }),
      ];
    }
    case 'validated':
      return [
        finding(tlsaWithoutDnssecMeta, 'pass', {
          subject,
          evidence,
          ...daneMessages.authenticated(status.name, status.records.length),
        }),
      ];
    case 'not-validated': {
      const all = [...evidence, ...status.dnssec.evidence.slice(1).map(dnsEvidence)];
      switch (status.dnssec.kind) {
        case 'unsigned':
          return [
            finding(tlsaWithoutDnssecMeta, 'fail', {
              subject,
              evidence: all,
              ...daneMessages.unsigned(status.name, status.dnssec.secureAncestor),
            }),
          ];
        case 'signed':
          return [
            finding(tlsaWithoutDnssecMeta, 'fail', {
              subject,
              evidence: all,
              ...daneMessages.unsigned(status.name, host),
            }),
          ];
        case 'undetermined':
          return [
            finding(tlsaWithoutDnssecMeta, 'error', {
              subject,
              evidence: all,
              ...daneMessages.undetermined(status.name),
            }),
          ];
        case 'bogus':
        case 'dns-error':
          return [
            finding(tlsaWithoutDnssecMeta, 'error', {
              subject,
              evidence: all,
              ...daneMessages.bogus(status.name),
            }),
          ];
      }
    }
  }
}

function verdictFinding(
  where: string,
  subject: string,
  verdict: DaneVerdict,
  records: readonly RecordOf<'TLSA'>[],
  evidence: Evidence[],
  leafDer: Uint8Array | undefined,
): Finding {
  switch (verdict.kind) {
    case 'match':
      return finding(tlsaMismatchMeta, 'pass', {
        subject,
        evidence,
        ...daneMessages.match(where, presentTlsa(verdict.matched.record), verdict.matched.certificateIndex),
      });
    case 'mismatch': {
      const current = leafDer === undefined ? undefined : recommendedRecord(leafDer);
      const fix =
        current === undefined
          ? undefined
          : `${records[0]?.name ?? '_25._tcp.<mx>'}.  IN  TLSA  ${presentTlsa(current)}`;
      return finding(tlsaMismatchMeta, 'fail', {
        subject,
        evidence,
        ...daneMessages.mismatch(where, records.map(presentTlsa), current ? presentTlsa(current) : undefined),
        ...(fix === undefined ? {} : literalFix(fix)),
      });
    }
    case 'no-usable-records':
      return finding(tlsaMismatchMeta, 'warn', {
        subject,
        evidence,
        ...daneMessages.noUsable(where, records.map(presentTlsa)),
        severity: 'medium',
      });
    case 'unparsable-chain':
      return finding(tlsaMismatchMeta, 'error', {
        subject,
        evidence,
        ...daneMessages.unparsable(where),
      });
  }
}

/** The matching side: one finding per address of a host with validated TLSA records. */
export function tlsaMatchFindings(
  host: string,
  status: TlsaStatus,
  observation: ServerObservation,
  where: string,
): Finding[] {
  if (status.kind !== 'validated') return [];
  const evidence: Evidence[] = [dnsEvidence(status.answer)];
  const subject = observation.endpoint.address;
  const session = observation.session;
  if (session === undefined) {
    if (!reached(observation))
      return [finding(tlsaMismatchMeta, 'error', { subject, evidence, ...daneMessages.unreachable(where) })];
    return [finding(tlsaMismatchMeta, 'fail', { subject, evidence, ...daneMessages.noTls(where) })];
  }
  const chain = session.chain.map((certificate) => certificate.der);
  const verdict = matchTlsa(status.records, chain, [host]);
  return [verdictFinding(where, subject, verdict, status.records, evidence, chain[0])];
}
