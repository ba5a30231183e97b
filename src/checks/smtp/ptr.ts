// Reverse DNS of each MX address: a PTR record, and forward-confirmed reverse DNS (the PTR name resolves back
// to the same address), which many receivers require of a sending server. DNS only.

import { enSmtpFindings } from '../../i18n/en/smtp-findings.js';
import { literalFix } from '../../i18n/keyed-fix.js';
import type { CheckMeta, Evidence, Finding } from '../../model/finding.js';
import type { ScanTarget } from '../../model/report.js';
import type { DnsAnswer, DnsClient } from '../../net/dns/types.js';
import { formatIp, type IpAddress, parseIp, reverseName } from '../../protocols/ip/address.js';
import { dnsEvidence } from '../answer-evidence.js';
import type { CheckContext, DomainCheck } from '../check.js';
import { finding } from '../finding-builder.js';
import { keyedMessages } from './keyed-message.js';
import { type MailAddress, mailAddressesOf } from './mail-addresses.js';

const rfc = (number: number, title: string, section?: string) => ({
  title: `RFC ${number}${section === undefined ? '' : ` §${section}`}: ${title}`,
  url: `https://www.rfc-editor.org/rfc/rfc${number}${section === undefined ? '' : `#section-${section}`}`,
});

const m3aawg = {
  title: 'M3AAWG Best Practices for Managing SMTP Reverse DNS',
  url: 'https://www.m3aawg.org/sites/default/files/m3aawg-managing-smtp-reverse-dns-2018-06.pdf',
};

export const ptrMissingMeta: CheckMeta = {
  id: 'smtp.ptr-missing',
  area: 'smtp',
  title: 'An MX address has no reverse DNS (PTR) name',
  severity: 'medium',
  description:
    'Receiving servers look up the PTR record of the address that connects to them; many refuse or mark mail ' +
    'from an address without one (Gmail, Microsoft and most spam filters do). An MX host usually also sends the ' +
    "company's outgoing mail, so its address needs a PTR name. The PTR record lives in the reverse zone of the " +
    'address block, which belongs to whoever owns the block (usually the internet provider), not in your own ' +
    'zone. A reverse lookup that fails (timeout, SERVFAIL) is reported as error, never as missing.',
  remediation:
    'Ask the provider of the address (the ISP, or the hosting/cloud console) to set the reverse DNS of the ' +
    'address to the mail server name, e.g. `25.113.0.203.in-addr.arpa. IN PTR mail.example.com.`, and make sure ' +
    'that name has an A/AAAA record with the same address. For Exchange, use the same name as the FQDN of the ' +
    'Send connector: `Set-SendConnector "Internet" -Fqdn mail.example.com`.',
  references: [rfc(1912, 'Common DNS Operational and Configuration Errors', '2.1'), m3aawg],
};

export const fcrdnsMismatchMeta: CheckMeta = {
  id: 'smtp.fcrdns-mismatch',
  area: 'smtp',
  title: 'Reverse DNS is not forward-confirmed',
  severity: 'medium',
  description:
    'Forward-confirmed reverse DNS (FCrDNS): the PTR name of the address must itself resolve (A or AAAA) back ' +
    'to the same address. Receivers use it to trust the PTR name, since anyone controlling a reverse zone can ' +
    'claim any name. Without it, many receivers treat the server as a dynamic or forged host. Agreement of the ' +
    'PTR name with the MX name is best practice but not required: a PTR name that resolves back is enough.',
  remediation:
    'Give the PTR name an address record with exactly this address (`mail.example.com. IN A 203.0.113.25`), ' +
    'or have the provider change the PTR to a name that already resolves to it.',
  references: [rfc(8601, 'Message Header Field for Indicating Message Authentication Status', '3'), m3aawg],
};

export const ptrMeta: readonly CheckMeta[] = [ptrMissingMeta, fcrdnsMismatchMeta];

/** More PTR names than this are not followed: RFC 1912 wants one, and each costs a lookup. */
const maxPtrNames = 4;

const say = keyedMessages(enSmtpFindings);

export const ptrMessages = {
  lookupFailed: (address: string, host: string, reason: string) =>
    say('smtp.ptr.lookup-failed', { address, host, reason }),
  missing: (address: string, host: string, name: string) => say('smtp.ptr.missing', { address, host, name }),
  present: (address: string, names: readonly string[]) =>
    say('smtp.ptr.present', { address, names: names.join(', ') }),
  confirmed: (address: string, name: string, host: string) =>
    name === host
      ? say('smtp.ptr.confirmed-mx-name', { address, name })
      : say('smtp.ptr.confirmed', { address, name, host }),
  notConfirmed: (address: string, names: readonly string[]) =>
    say('smtp.ptr.not-confirmed', { address, names: names.join(', '), count: names.length }),
  confirmFailed: (address: string, names: readonly string[], reason: string) =>
    say('smtp.ptr.confirm-failed', { address, names: names.join(', '), reason }),
  fixPtr: (address: IpAddress, host: string) => `${reverseName(address)}.  IN  PTR  ${host}.`,
  fixForward: (name: string, address: IpAddress) =>
    `${name}.  IN  ${address.family === 4 ? 'A' : 'AAAA'}  ${formatIp(address)}`,
} as const;

/** What reverse and forward DNS say about one address. */
export type PtrVerdict =
  | { readonly kind: 'lookup-error'; readonly answer: Extract<DnsAnswer<'PTR'>, { kind: 'error' }> }
  | { readonly kind: 'missing'; readonly answer: DnsAnswer<'PTR'> }
  | {
      readonly kind: 'present';
      readonly answer: DnsAnswer<'PTR'>;
      readonly names: readonly string[];
      /** The first PTR name that resolves back, if any. */
      readonly confirmedBy: string | undefined;
      readonly forward: readonly DnsAnswer<'A' | 'AAAA'>[];
    };

function sameAddress(text: string, address: IpAddress): boolean {
  const parsed = parseIp(text);
  return parsed !== undefined && formatIp(parsed) === formatIp(address);
}

/** Reverse lookup then forward confirmation; also used by `telltale smtp` and the EHLO-name comparison. */
export async function reverseDns(
  dns: DnsClient,
  address: IpAddress,
  signal?: AbortSignal,
): Promise<PtrVerdict> {
  const options = signal === undefined ? {} : { signal };
  const answer = await dns.query(reverseName(address), 'PTR', options);
  if (answer.kind === 'error') return { kind: 'lookup-error', answer };
  if (answer.kind !== 'ok' || answer.records.length === 0) return { kind: 'missing', answer };
  const names = [...new Set(answer.records.map((record) => record.target))].slice(0, maxPtrNames);
  const type = address.family === 4 ? 'A' : 'AAAA';
  const forward = await Promise.all(names.map((name) => dns.query(name, type, options)));
  const confirmed = forward.findIndex(
    (item) => item.kind === 'ok' && item.records.some((record) => sameAddress(record.address, address)),
  );
  return { kind: 'present', answer, names, confirmedBy: names[confirmed], forward };
}

/** The first failure's reason code; the names, types and details are in the evidence. */
function errorReason(answers: readonly DnsAnswer[]): string {
  const failed = answers.find((answer) => answer.kind === 'error');
  return failed?.kind === 'error' ? failed.reason : 'other';
}

export function ptrFindings(entry: MailAddress, verdict: PtrVerdict): Finding[] {
  const subject = entry.text;
  switch (verdict.kind) {
    case 'lookup-error':
      return [
        finding(ptrMissingMeta, 'error', {
          subject,
          ...ptrMessages.lookupFailed(entry.text, entry.host, errorReason([verdict.answer])),
          evidence: [dnsEvidence(verdict.answer)],
        }),
      ];
    case 'missing':
      return [
        finding(ptrMissingMeta, 'fail', {
          subject,
          ...ptrMessages.missing(entry.text, entry.host, reverseName(entry.address)),
          evidence: [dnsEvidence(verdict.answer)],
          ...literalFix(ptrMessages.fixPtr(entry.address, entry.host)),
        }),
      ];
    case 'present': {
      const evidence: Evidence[] = [dnsEvidence(verdict.answer), ...verdict.forward.map(dnsEvidence)];
      const present = finding(ptrMissingMeta, 'pass', {
        subject,
        ...ptrMessages.present(entry.text, verdict.names),
        evidence: [dnsEvidence(verdict.answer)],
      });
      if (verdict.confirmedBy !== undefined) {
        return [
          present,
          finding(fcrdnsMismatchMeta, 'pass', {
            subject,
            ...ptrMessages.confirmed(entry.text, verdict.confirmedBy, entry.host),
            evidence,
          }),
        ];
      }
      const failed = verdict.forward.filter((answer) => answer.kind === 'error');
      const confirmation =
        failed.length === verdict.forward.length
          ? finding(fcrdnsMismatchMeta, 'error', {
              subject,
              ...ptrMessages.confirmFailed(entry.text, verdict.names, errorReason(failed)),
              evidence,
            })
          : finding(fcrdnsMismatchMeta, 'fail', {
              subject,
              ...ptrMessages.notConfirmed(entry.text, verdict.names),
              evidence,
              ...literalFix(ptrMessages.fixForward(verdict.names[0] ?? entry.host, entry.address)),
            });
      return [present, confirmation];
    }
  }
}

export async function runPtr(target: ScanTarget, context: CheckContext): Promise<Finding[]> {
  const mail = await mailAddressesOf(target.domain, context);
  if (mail === undefined) return [];
  const verdicts = await Promise.all(
    mail.addresses.map((entry) => reverseDns(context.dns, entry.address, context.signal)),
  );
  // Two MX names on one address share one reverse lookup but each is judged against its own name.
  return mail.addresses.flatMap((entry, index) => {
    const verdict = verdicts[index];
    return verdict === undefined ? [] : ptrFindings(entry, verdict);
  });
}

export const ptrCheck: DomainCheck = { name: 'ptr', meta: ptrMeta, run: runPtr };
