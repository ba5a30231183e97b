// DNS blocklists: each MX address looked up in the zones of data/dnsbl-zones.json (RFC 5782), with each return
// code read through the zone's own table, so "query refused" never reads as "listed".

import { enSmtpFindings } from '../../i18n/en/smtp-findings.js';
import {
  type DnsblDataset,
  type DnsblReading,
  type DnsblZone,
  dnsblDataset,
  dnsblQueryName,
  readDnsblAnswer,
  zonesFor,
} from '../../knowledge/dnsbl-zones.js';
import type { CheckMeta, Finding } from '../../model/finding.js';
import type { ScanTarget } from '../../model/report.js';
import type { DnsAnswer, DnsClient } from '../../net/dns/types.js';
import { parseIp } from '../../protocols/ip/address.js';
import { dnsEvidence } from '../answer-evidence.js';
import type { CheckContext, DomainCheck } from '../check.js';
import { finding } from '../finding-builder.js';
import { keyedMessages } from './keyed-message.js';
import { type MailAddress, mailAddressesOf } from './mail-addresses.js';

export const dnsblListedMeta: CheckMeta = {
  id: 'dnsbl.listed',
  area: 'dnsbl',
  title: 'An MX address is on a DNS blocklist',
  severity: 'high',
  description:
    'Receivers look up the address of every connecting server in DNS blocklists and refuse or quarantine mail ' +
    'from listed addresses. An MX address usually also sends the company’s mail, so a listing means lost ' +
    'outgoing mail, and usually that the server or a machine behind the same address sent spam (an open ' +
    'relay, a compromised account, malware). Each answer is read with the list’s own return codes: Spamhaus ' +
    'answers 127.255.255.252/254/255 when it refuses a query (public resolver, over the free limit), which is ' +
    'reported as error, never as listed; an answer outside 127.0.0.0/8 is a resolver rewriting "no such name" ' +
    'and is an error too. A Spamhaus PBL listing (an end-user range that should not send mail directly) is a ' +
    'warn. The zones, codes and their sources are in data/dnsbl-zones.json.',
  remediation:
    'Find and stop the cause first (an open relay — see smtp.open-relay —, a compromised mailbox sending spam, ' +
    'malware on a machine behind the same public address), then ask for removal on the list’s lookup page ' +
    '(named in the finding). On Exchange, look for the source with `Get-MessageTrackingLog -Start (Get-Date).AddDays(-2) ' +
    '-EventId SEND | Group-Object Sender | Sort-Object Count -Descending | Select-Object -First 10`. For a PBL ' +
    'listing, either send through the provider’s relay or ask the provider to mark the address as a static mail server.',
  references: [
    { title: 'RFC 5782: DNS Blacklists and Whitelists', url: 'https://www.rfc-editor.org/rfc/rfc5782' },
    { title: 'Spamhaus: DNSBL usage and return codes', url: 'https://www.spamhaus.org/faqs/dnsbl-usage/' },
  ],
};

export const dnsblMeta: readonly CheckMeta[] = [dnsblListedMeta];

const say = keyedMessages(enSmtpFindings);

/** `meaning` and `sublist` come from data/dnsbl-zones.json (English): quoted as data in other languages. */
export const dnsblMessages = {
  listed: (
    address: string,
    host: string,
    zone: DnsblZone,
    sublist: string,
    answer: string,
    meaning: string,
  ) =>
    say('dnsbl.listed', {
      address,
      host,
      blocklist: zone.name,
      zone: zone.zone,
      sublist,
      answer,
      meaning,
      lookup: zone.lookup,
    }),
  policy: (
    address: string,
    host: string,
    zone: DnsblZone,
    sublist: string,
    answer: string,
    meaning: string,
  ) => say('dnsbl.policy', { address, host, blocklist: zone.name, sublist, answer, meaning }),
  unknownCode: (address: string, host: string, zone: DnsblZone, answer: string) =>
    say('dnsbl.unknown-code', {
      address,
      host,
      blocklist: zone.name,
      zone: zone.zone,
      answer,
      lookup: zone.lookup,
    }),
  refused: (address: string, zone: DnsblZone, answer: string, meaning: string) =>
    say('dnsbl.refused', { address, blocklist: zone.name, answer, meaning }),
  refusedUnknown: (address: string, zone: DnsblZone, answer: string) =>
    say('dnsbl.refused-unknown', { address, blocklist: zone.name, answer }),
  notDnsblAnswer: (address: string, zone: DnsblZone, answer: string) =>
    say('dnsbl.not-dnsbl-answer', { address, blocklist: zone.name, answer }),
  listsEverything: (address: string, zone: DnsblZone) =>
    say('dnsbl.lists-everything', { address, blocklist: zone.name }),
  lookupFailed: (address: string, zone: DnsblZone, reason: string) =>
    say('dnsbl.lookup-failed', { address, blocklist: zone.name, zone: zone.zone, reason }),
  clean: (address: string, host: string, checked: readonly string[], unchecked: number) =>
    say('dnsbl.clean', { address, host, count: checked.length, lists: checked.join(', '), unchecked }),
} as const;

/** RFC 5782 §5: 127.0.0.1 must never be listed; a zone listing it lists everything. */
const testPointNotListed = parseIp('127.0.0.1');

export type ZoneOutcome =
  | { readonly kind: 'not-listed'; readonly zone: DnsblZone; readonly answer: DnsAnswer<'A'> }
  | {
      readonly kind: 'answered';
      readonly zone: DnsblZone;
      readonly answer: Extract<DnsAnswer<'A'>, { kind: 'ok' }>;
      readonly readings: readonly DnsblReading[];
      /** The 127.0.0.1 test point's answer, asked only when something looked listed. */
      readonly testPoint?: DnsAnswer<'A'>;
    }
  | {
      readonly kind: 'lookup-error';
      readonly zone: DnsblZone;
      readonly answer: Extract<DnsAnswer<'A'>, { kind: 'error' }>;
    };

const looksListed = (reading: DnsblReading): boolean =>
  (reading.kind === 'code' && reading.code.kind !== 'error') ||
  (reading.kind === 'unknown-code' && reading.as === 'listed');

export async function lookupZone(
  dns: DnsClient,
  entry: MailAddress,
  zone: DnsblZone,
  signal?: AbortSignal,
): Promise<ZoneOutcome> {
  const options = signal === undefined ? {} : { signal };
  const answer = await dns.query(dnsblQueryName(entry.address, zone.zone), 'A', options);
  if (answer.kind === 'error') return { kind: 'lookup-error', zone, answer };
  if (answer.kind !== 'ok' || answer.records.length === 0) return { kind: 'not-listed', zone, answer };
  const readings = answer.records.map((record) => readDnsblAnswer(zone, record.address));
  if (!readings.some(looksListed) || testPointNotListed === undefined)
    return { kind: 'answered', zone, answer, readings };
  const testPoint = await dns.query(dnsblQueryName(testPointNotListed, zone.zone), 'A', options);
  return { kind: 'answered', zone, answer, readings, testPoint };
}

function outcomeFindings(entry: MailAddress, outcome: ZoneOutcome): Finding[] {
  const subject = entry.text;
  const { zone } = outcome;
  switch (outcome.kind) {
    case 'not-listed':
      return [];
    case 'lookup-error':
      return [
        finding(dnsblListedMeta, 'error', {
          subject,
          ...dnsblMessages.lookupFailed(entry.text, zone, outcome.answer.reason),
          evidence: [dnsEvidence(outcome.answer)],
        }),
      ];
    case 'answered': {
      const evidence = [
        dnsEvidence(outcome.answer),
        ...(outcome.testPoint ? [dnsEvidence(outcome.testPoint)] : []),
      ];
      if (outcome.testPoint?.kind === 'ok' && outcome.testPoint.records.length > 0) {
        return [
          finding(dnsblListedMeta, 'error', {
            subject,
            ...dnsblMessages.listsEverything(entry.text, zone),
            evidence,
          }),
        ];
      }
      return outcome.readings.map((reading) => readingFinding(entry, zone, reading, evidence));
    }
  }
}

function readingFinding(
  entry: MailAddress,
  zone: DnsblZone,
  reading: DnsblReading,
  evidence: ReturnType<typeof dnsEvidence>[],
): Finding {
  const subject = entry.text;
  switch (reading.kind) {
    case 'not-a-dnsbl-answer':
      return finding(dnsblListedMeta, 'error', {
        subject,
        ...dnsblMessages.notDnsblAnswer(entry.text, zone, reading.answer),
        evidence,
      });
    case 'unknown-code':
      return reading.as === 'error'
        ? finding(dnsblListedMeta, 'error', {
            subject,
            ...dnsblMessages.refusedUnknown(entry.text, zone, reading.answer),
            evidence,
          })
        : finding(dnsblListedMeta, 'fail', {
            subject,
            ...dnsblMessages.unknownCode(entry.text, entry.host, zone, reading.answer),
            evidence,
            severity: 'medium',
          });
    case 'code': {
      const { code } = reading;
      switch (code.kind) {
        case 'error':
          return finding(dnsblListedMeta, 'error', {
            subject,
            ...dnsblMessages.refused(entry.text, zone, reading.answer, code.meaning),
            evidence,
          });
        case 'policy':
          return finding(dnsblListedMeta, 'warn', {
            subject,
            ...dnsblMessages.policy(entry.text, entry.host, zone, code.list, reading.answer, code.meaning),
            evidence,
            severity: code.severity,
          });
        case 'listed':
          return finding(dnsblListedMeta, 'fail', {
            subject,
            ...dnsblMessages.listed(entry.text, entry.host, zone, code.list, reading.answer, code.meaning),
            evidence,
            severity: code.severity,
          });
      }
    }
  }
}

/** Every zone for one address: the listings and errors, or one pass naming the zones that answered. */
export function addressFindings(entry: MailAddress, outcomes: readonly ZoneOutcome[]): Finding[] {
  const perZone = outcomes.map((outcome) => ({ outcome, findings: outcomeFindings(entry, outcome) }));
  const findings = perZone.flatMap((item) => item.findings);
  if (findings.some((item) => item.status === 'fail' || item.status === 'warn')) return findings;
  const clean = perZone.filter((item) => item.findings.length === 0).map((item) => item.outcome);
  if (clean.length === 0) return findings;
  const pass = finding(dnsblListedMeta, 'pass', {
    subject: entry.text,
    ...dnsblMessages.clean(
      entry.text,
      entry.host,
      clean.map((outcome) => outcome.zone.name),
      outcomes.length - clean.length,
    ),
    evidence: clean.map((outcome) => dnsEvidence(outcome.answer)),
  });
  return [pass, ...findings];
}

export async function checkAddress(
  dns: DnsClient,
  entry: MailAddress,
  signal?: AbortSignal,
  dataset: DnsblDataset = dnsblDataset,
): Promise<Finding[]> {
  const outcomes = await Promise.all(
    zonesFor(entry.address, dataset).map((zone) => lookupZone(dns, entry, zone, signal)),
  );
  return addressFindings(entry, outcomes);
}

export async function runDnsbl(target: ScanTarget, context: CheckContext): Promise<Finding[]> {
  const mail = await mailAddressesOf(target.domain, context);
  if (mail === undefined) return [];
  // The same address under two MX names is one listing: look it up once.
  const distinct = [...new Map(mail.addresses.map((entry) => [entry.text, entry])).values()];
  const results = await Promise.all(
    distinct.map((entry) => checkAddress(context.dns, entry, context.signal)),
  );
  return results.flat();
}

export const dnsblCheck: DomainCheck = {
  name: 'dnsbl',
  meta: dnsblMeta,
  run: runDnsbl,
  datasets: [{ name: 'dnsbl-zones', dataVersion: dnsblDataset.dataVersion, reviewBy: dnsblDataset.reviewBy }],
};
