// The connector audit of a domain: every reachable MX address visited once (SMTP session, TLS probes, relay
// test), graded with what makes senders strict (MTA-STS enforce, DANE), plus the DANE match per host.

import { enSmtpFindings } from '../../i18n/en/smtp-findings.js';
import type { CheckMeta, Finding } from '../../model/finding.js';
import type { ScanTarget } from '../../model/report.js';
import type { SmtpProber } from '../../net/smtp/types.js';
import {
  mxPatternMatches,
  parseStsPolicy,
  policyUrl,
  type StsPolicy,
} from '../../protocols/mta-sts/policy.js';
import { isStsRecord } from '../../protocols/mta-sts/record.js';
import type { CheckContext, DomainCheck } from '../check.js';
import { policyFetchLimits } from '../dns/mta-sts.js';
import { finding } from '../finding-builder.js';
import {
  daneMeta,
  daneStrictness,
  lookupTlsa,
  type TlsaStatus,
  tlsaMatchFindings,
  tlsaStatusFindings,
} from './dane.js';
import { keyedMessages } from './keyed-message.js';
import { type MailAddress, mailAddressesOf } from './mail-addresses.js';
import { type Endpoint, observeCached, type ServerObservation } from './observe.js';
import { describeEndpoint, reached, sessionFindings, sessionMeta, unreachableMeta } from './session.js';
import { type TlsStrictness, tlsFindings, tlsMeta } from './tls.js';

const say = keyedMessages(enSmtpFindings);

export const smtpMessages = {
  noProber: (domain: string) => say('smtp.unreachable.no-prober', { domain }),
  privateAddress: (address: string, host: string) =>
    say('smtp.unreachable.private-address', { address, host }),
} as const;

/** One address to visit, with every MX name that leads to it. */
export interface AddressVisit {
  readonly address: string;
  readonly hosts: readonly string[];
}

export function visitsOf(addresses: readonly MailAddress[]): AddressVisit[] {
  const byAddress = new Map<string, string[]>();
  for (const entry of addresses) {
    const hosts = byAddress.get(entry.text) ?? [];
    if (!hosts.includes(entry.host)) hosts.push(entry.host);
    byAddress.set(entry.text, hosts);
  }
  return [...byAddress.entries()].map(([address, hosts]) => ({ address, hosts }));
}

/** The domain's MTA-STS policy when it is served over valid HTTPS; undefined when absent or unusable. */
export async function fetchStsPolicy(domain: string, context: CheckContext): Promise<StsPolicy | undefined> {
  const txt = await context.dns.query(`_mta-sts.${domain}`, 'TXT', { signal: context.signal });
  if (txt.kind !== 'ok' || !txt.records.some((record) => isStsRecord(record.strings.join(''))))
    return undefined;
  const response = await context.https.get({
    url: policyUrl(domain),
    signal: context.signal,
    ...policyFetchLimits,
  });
  if (response.kind !== 'response' || response.status !== 200 || !response.tls.authorized) return undefined;
  const parsed = parseStsPolicy(Buffer.from(response.body).toString('utf8'));
  return parsed.kind === 'ok' ? parsed.policy : undefined;
}

function enforces(policy: StsPolicy | undefined, hosts: readonly string[]): boolean {
  return (
    policy?.mode === 'enforce' &&
    hosts.some((host) => policy.mx.some((pattern) => mxPatternMatches(pattern, host)))
  );
}

/** The strictest DANE among the host names of one address. */
function strictestDane(statuses: readonly TlsaStatus[]): TlsStrictness['dane'] {
  const levels = statuses.map(daneStrictness);
  return levels.includes('ta') ? 'ta' : levels.includes('ee') ? 'ee' : 'none';
}

export interface ServerAuditInput {
  readonly observation: ServerObservation;
  /** MX names (or the --name) the certificate and DANE are judged against. */
  readonly hosts: readonly string[];
  readonly tlsa: readonly TlsaStatus[];
  readonly mtaSts: StsPolicy | undefined;
  readonly someoneAnswered: boolean;
  readonly now: Date;
}

/** Every session, TLS and DANE-match finding for one visited server. */
export function auditFindings(input: ServerAuditInput): Finding[] {
  const { observation, hosts } = input;
  const where = describeEndpoint(observation, hosts.join(', ') || undefined);
  const subject = observation.endpoint.address;
  const strictness: TlsStrictness = {
    mtaStsEnforce: enforces(input.mtaSts, hosts),
    dane: strictestDane(input.tlsa),
  };
  return [
    ...sessionFindings(observation, { subject, where, someoneAnswered: input.someoneAnswered }),
    ...tlsFindings(observation, { subject, where, names: hosts, now: input.now, strictness }),
    ...hosts.flatMap((host, index) => {
      const status = input.tlsa[index];
      return status === undefined ? [] : tlsaMatchFindings(host, status, observation, where);
    }),
  ];
}

/** Visits every address (the prober keeps one connection per address) and grades each. */
export async function runSmtp(target: ScanTarget, context: CheckContext): Promise<Finding[]> {
  const prober: SmtpProber | undefined = context.smtp;
  if (prober === undefined) {
    return [
      finding(unreachableMeta, 'skipped', {
        subject: target.domain,
        ...smtpMessages.noProber(target.domain),
      }),
    ];
  }
  const mail = await mailAddressesOf(target.domain, context);
  if (mail === undefined) return [];
  const visits = visitsOf(mail.addresses);
  const hostNames = [...new Set(mail.addresses.map((entry) => entry.host))];
  const [policy, tlsaByHost, observations] = await Promise.all([
    fetchStsPolicy(target.domain, context),
    Promise.all(hostNames.map((host) => lookupTlsa(context.dns, host, 25, context.signal))),
    Promise.all(
      visits.map((visit) => {
        const endpoint: Endpoint = {
          address: visit.address,
          port: 25,
          tls: 'starttls',
          ...(visit.hosts[0] ? { serverName: visit.hosts[0] } : {}),
        };
        return observeCached(context, prober, endpoint, {
          relayTest: context.options.relayTest !== false,
          localDomain: target.domain,
          signal: context.signal,
        });
      }),
    ),
  ]);
  const tlsaOf = new Map(hostNames.map((host, index) => [host, tlsaByHost[index]]));
  const someoneAnswered = observations.some(reached);
  const now = context.clock.now();
  const findings = visits.flatMap((visit, index) => {
    const observation = observations[index];
    if (observation === undefined) return [];
    const tlsa = visit.hosts.flatMap((host) => {
      const status = tlsaOf.get(host);
      return status === undefined ? [] : [status];
    });
    return auditFindings({ observation, hosts: visit.hosts, tlsa, mtaSts: policy, someoneAnswered, now });
  });
  const skipped = mail.unreachable.map((entry) =>
    finding(unreachableMeta, 'skipped', {
      subject: entry.text,
      ...smtpMessages.privateAddress(entry.text, entry.host),
    }),
  );
  const daneStatus = hostNames.flatMap((host) => {
    const status = tlsaOf.get(host);
    return status === undefined ? [] : tlsaStatusFindings(host, status);
  });
  return [...findings, ...skipped, ...daneStatus];
}

export const smtpCheckMeta: readonly CheckMeta[] = [...sessionMeta, ...tlsMeta, ...daneMeta];

/** One unit: DANE matching needs the same visit as the TLS checks, and the visit is the expensive part. */
export const smtpCheck: DomainCheck = { name: 'smtp', meta: smtpCheckMeta, run: runSmtp };
