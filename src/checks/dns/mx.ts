// The MX audit: where mail for a domain goes (RFC 5321 §5.1, Null MX RFC 7505) and whether those hosts
// can be reached from the internet. resolveMailHosts() is shared with the SMTP checks that connect to them.

import { dnsFix } from '../../i18n/en/dns-fixes.js';
import { dnsMessage } from '../../i18n/en/dns-message.js';
import { literalFix } from '../../i18n/keyed-fix.js';
import type { CheckMeta, Evidence, Finding, Reference } from '../../model/finding.js';
import type { ScanTarget } from '../../model/report.js';
import type { DnsAnswer, DnsClient, RecordOf } from '../../net/dns/types.js';
import type { IpAddress } from '../../protocols/ip/address.js';
import { classifyAddress, formatIp, parseIp, specialBlock } from '../../protocols/ip/address.js';
import { isInternetReachable } from '../address-reach.js';
import { dnsEvidence } from '../answer-evidence.js';
import type { CheckContext, DomainCheck } from '../check.js';
import { finding } from '../finding-builder.js';

type MxAnswer = DnsAnswer<'MX'>;
type MxRecord = RecordOf<'MX'>;
type AddressAnswer = DnsAnswer<'A'> | DnsAnswer<'AAAA'>;
type ErrorAnswer = Extract<DnsAnswer, { kind: 'error' }>;

/** One MX target (or the implicit host), with both address lookups as evidence. */
export interface MailHost {
  /** The exchange name, lower case, no trailing dot. */
  readonly host: string;
  readonly preference: number;
  /** The exchange read as an IP address: a data error, since an MX names a host (RFC 5321 §5.1). */
  readonly literal: IpAddress | undefined;
  readonly a: DnsAnswer<'A'>;
  readonly aaaa: DnsAnswer<'AAAA'>;
  /** Addresses from both answers, IPv4 first; empty when none resolved or the lookups failed. */
  readonly addresses: readonly IpAddress[];
  /** CNAMEs followed to reach the addresses (from whichever lookup answered). */
  readonly aliases: readonly string[];
}

/**
 * Where mail for a domain goes. `implicit`: no MX, so senders use the domain's own address (RFC 5321
 * §5.1). `null-mx`: the domain says it takes no mail (RFC 7505); `hosts` lists any other MX published
 * beside it, which senders may still try. Hosts are sorted by preference, most preferred first.
 */
export type MailHostsResult =
  | {
      readonly kind: 'mx';
      readonly domain: string;
      readonly answer: MxAnswer;
      readonly hosts: readonly MailHost[];
      /** MX records beyond the examination bound, not resolved. */
      readonly omitted: number;
    }
  | {
      readonly kind: 'null-mx';
      readonly domain: string;
      readonly answer: MxAnswer;
      readonly nullRecords: readonly MxRecord[];
      readonly hosts: readonly MailHost[];
      readonly omitted: number;
    }
  | { readonly kind: 'implicit'; readonly domain: string; readonly answer: MxAnswer; readonly host: MailHost }
  | { readonly kind: 'error'; readonly domain: string; readonly answer: ErrorAnswer };

/** A hostile zone can publish thousands of MX records; nobody needs more than this many to receive mail. */
export const maxMailHosts = 32;

function literalOf(exchange: string): IpAddress | undefined {
  const bare = exchange.startsWith('[') && exchange.endsWith(']') ? exchange.slice(1, -1) : exchange;
  return parseIp(bare.replace(/^ipv6:/i, ''));
}

// Plain loops in this lookup path: it runs for every mail host of every domain of a fleet.
function pushAddresses(answer: AddressAnswer, into: IpAddress[]): void {
  if (answer.kind !== 'ok') return;
  for (const record of answer.records) {
    const address = parseIp(record.address);
    if (address !== undefined) into.push(address);
  }
}

function aliasesOf(a: AddressAnswer, aaaa: AddressAnswer): readonly string[] {
  if (a.kind !== 'error' && a.aliases.length > 0) return a.aliases;
  if (aaaa.kind !== 'error') return aaaa.aliases;
  return [];
}

type HostLookups = Pick<MailHost, 'a' | 'aaaa' | 'addresses' | 'aliases'>;

async function lookupHost(host: string, dns: DnsClient, signal?: AbortSignal): Promise<HostLookups> {
  const options = signal === undefined ? {} : { signal };
  const [a, aaaa] = await Promise.all([dns.query(host, 'A', options), dns.query(host, 'AAAA', options)]);
  const addresses: IpAddress[] = [];
  pushAddresses(a, addresses);
  pushAddresses(aaaa, addresses);
  return { a, aaaa, addresses, aliases: aliasesOf(a, aaaa) };
}

/** Resolves every distinct host once, all concurrently. */
async function lookupHosts(
  records: readonly MxRecord[],
  dns: DnsClient,
  signal?: AbortSignal,
): Promise<MailHost[]> {
  const pending = new Map<string, Promise<HostLookups>>();
  for (const record of records) {
    if (!pending.has(record.exchange)) pending.set(record.exchange, lookupHost(record.exchange, dns, signal));
  }
  const lookups = await Promise.all(pending.values());
  const byName = new Map<string, HostLookups>();
  let index = 0;
  for (const name of pending.keys()) {
    const found = lookups[index];
    index += 1;
    if (found !== undefined) byName.set(name, found);
  }
  const hosts: MailHost[] = [];
  for (const record of records) {
    const found = byName.get(record.exchange);
    if (found === undefined) continue;
    hosts.push({
      host: record.exchange,
      preference: record.preference,
      literal: literalOf(record.exchange),
      a: found.a,
      aaaa: found.aaaa,
      addresses: found.addresses,
      aliases: found.aliases,
    });
  }
  return hosts;
}

/** The MX hosts of a domain with their addresses, the implicit fallback host, a Null MX, or why DNS failed. */
export async function resolveMailHosts(
  domain: string,
  dns: DnsClient,
  signal?: AbortSignal,
): Promise<MailHostsResult> {
  const answer = await dns.query(domain, 'MX', signal === undefined ? {} : { signal });
  if (answer.kind === 'error') return { kind: 'error', domain, answer };
  if (answer.kind !== 'ok' || answer.records.length === 0) {
    const found = await lookupHost(domain, dns, signal);
    return {
      kind: 'implicit',
      domain,
      answer,
      host: { host: domain, preference: 0, literal: undefined, ...found },
    };
  }
  const sorted = [...answer.records].sort((x, y) => x.preference - y.preference);
  const nullRecords = sorted.filter((record) => record.exchange === '');
  const targets = sorted.filter((record) => record.exchange !== '');
  const examined = targets.slice(0, maxMailHosts);
  const omitted = targets.length - examined.length;
  const hosts = await lookupHosts(examined, dns, signal);
  if (nullRecords.length > 0) return { kind: 'null-mx', domain, answer, nullRecords, hosts, omitted };
  return { kind: 'mx', domain, answer, hosts, omitted };
}

// ---- Metadata -------------------------------------------------------------------------------------

const rfc = (number: number, section?: string): Reference => ({
  title: section === undefined ? `RFC ${number}` : `RFC ${number} §${section}`,
  url: `https://www.rfc-editor.org/rfc/rfc${number}${section === undefined ? '' : `#section-${section}`}`,
});

const rfc5321 = rfc(5321, '5.1');
const rfc7505 = rfc(7505);
const rfc7505s3 = rfc(7505, '3');
const rfc2181 = rfc(2181, '10.3');
const rfc6890 = rfc(6890);
const ipv4Registry: Reference = {
  title: 'IANA IPv4 Special-Purpose Address Registry',
  url: 'https://www.iana.org/assignments/iana-ipv4-special-registry/',
};
const ipv6Registry: Reference = {
  title: 'IANA IPv6 Special-Purpose Address Registry',
  url: 'https://www.iana.org/assignments/iana-ipv6-special-registry/',
};

export const mxMissing: CheckMeta = {
  id: 'mx.missing',
  area: 'mx',
  title: 'The domain publishes no MX record',
  severity: 'high',
  description:
    'Mail servers find where to deliver mail for a domain by its MX records. When there is none, RFC 5321 §5.1 ' +
    "tells senders to fall back to the domain's own address (its A/AAAA records), as if there were an MX of " +
    'preference 0 naming the domain itself. If the domain has neither MX nor address, or does not exist, every ' +
    'message sent to it bounces: reported as fail. If it has an address, mail goes to that machine, usually the ' +
    'web server, which rarely accepts mail: reported as warn, since it is almost always a mistake. If the address ' +
    'lookup fails, the result is error: we cannot tell where mail would go. A domain that should receive no ' +
    'mail should say so with a Null MX (see mx.null) rather than publish nothing.',
  remediation:
    'Publish an MX record naming your mail server (a host name that has A and/or AAAA records):\n' +
    '  example.com.  3600  IN  MX  10 mail.example.com.\n' +
    '  mail.example.com.  3600  IN  A  203.0.113.25\n' +
    'If the domain never receives mail, publish a Null MX instead:\n' +
    '  example.com.  3600  IN  MX  0 .',
  references: [rfc5321, rfc7505],
};

export const mxNull: CheckMeta = {
  id: 'mx.null',
  area: 'mx',
  title: 'Null MX: the domain declares it accepts no mail',
  severity: 'medium',
  description:
    'A Null MX (`MX 0 .`, RFC 7505) states that a domain accepts no mail, so senders bounce at once instead of ' +
    'queueing and retrying for days. That is right for a domain that only hosts a web site or only sends: ' +
    'reported as pass. RFC 7505 §3 says a Null MX must be the only MX record of the domain; mixed with other ' +
    'MX records the message is contradictory and senders act unpredictably: reported as fail. A Null MX with a ' +
    'preference other than 0 is reported as warn: the RFC defines it as exactly `0 .`.',
  remediation:
    'If the domain should receive mail, delete the Null MX and keep the real MX records:\n' +
    '  example.com.  3600  IN  MX  10 mail.example.com.\n' +
    'If it should receive no mail, keep only:\n' +
    '  example.com.  3600  IN  MX  0 .',
  references: [rfc7505, rfc7505s3],
};

export const mxCname: CheckMeta = {
  id: 'mx.cname',
  area: 'mx',
  title: 'An MX record points to an alias (CNAME)',
  severity: 'medium',
  description:
    'The host named in an MX record must have its own A/AAAA records: RFC 2181 §10.3 forbids pointing an MX at ' +
    'an alias, and RFC 5321 §5.1 says the name must not be a CNAME. Most senders follow the alias anyway, but ' +
    'some refuse it, and the extra lookup makes delivery depend on one more zone. Reported as warn for each ' +
    'MX host reached through a CNAME.',
  remediation:
    'Point the MX at the canonical name (the end of the CNAME chain), or replace the CNAME by A/AAAA records:\n' +
    '  example.com.  3600  IN  MX  10 mail.provider.example.\n' +
    'or\n' +
    '  mail.example.com.  3600  IN  A  203.0.113.25',
  references: [rfc2181, rfc5321],
};

export const mxIpLiteral: CheckMeta = {
  id: 'mx.ip-literal',
  area: 'mx',
  title: 'An MX record names an IP address instead of a host',
  severity: 'high',
  description:
    'An MX record must name a host, never an address (RFC 5321 §5.1). A sender takes "192.0.2.1" in an MX ' +
    'record as a host name, looks it up, finds nothing, and cannot deliver through that record.',
  remediation:
    'Give the mail server a name with an address record, and name that in the MX:\n' +
    '  mail.example.com.  3600  IN  A  203.0.113.25\n' +
    '  example.com.  3600  IN  MX  10 mail.example.com.',
  references: [rfc5321],
};

export const mxUnresolvable: CheckMeta = {
  id: 'mx.unresolvable',
  area: 'mx',
  title: 'An MX host has no address',
  severity: 'high',
  description:
    'Each host named in an MX record needs an A or AAAA record so senders can connect to it. A host that does ' +
    'not exist (NXDOMAIN) or has neither record is reported as fail: at high severity when no MX host resolves ' +
    '(mail cannot be delivered at all), at medium when another host still takes the mail. When the address ' +
    'lookups fail (timeout, SERVFAIL…) the result is error, naming the host and the cause: we could not check, ' +
    'so we do not say it is broken.',
  remediation:
    'Publish the address of each MX host, or remove the MX records of hosts that no longer exist:\n' +
    '  mail.example.com.  3600  IN  A     203.0.113.25\n' +
    '  mail.example.com.  3600  IN  AAAA  2001:db8::25',
  references: [rfc5321],
};

export const mxDuplicatePriority: CheckMeta = {
  id: 'mx.duplicate-priority',
  area: 'mx',
  title: 'MX records share a preference, or repeat a host',
  severity: 'low',
  description:
    'Several MX records with the same preference are load sharing: RFC 5321 §5.1 tells senders to pick among ' +
    'them at random, which is legitimate and common, so it is reported as pass with an explanation. The same ' +
    'host listed twice is reported as warn: the repeat adds no redundancy, and it usually hides a typo or a ' +
    'forgotten backup server.',
  remediation:
    'List each mail server once. For a primary and a backup, give them different preferences:\n' +
    '  example.com.  3600  IN  MX  10 mx1.example.com.\n' +
    '  example.com.  3600  IN  MX  20 mx2.example.com.',
  references: [rfc5321],
};

export const mxPrivateAddress: CheckMeta = {
  id: 'mx.private-address',
  area: 'mx',
  title: 'An MX host has a private or non-routable address',
  severity: 'high',
  description:
    'An MX host address must be reachable from the internet. Addresses from private (RFC 1918, unique-local), ' +
    'loopback, link-local, unspecified, shared (100.64.0.0/10), multicast, broadcast, benchmarking, ' +
    'reserved and other non-global blocks of the IANA special-purpose registries (RFC 6890 and later) cannot ' +
    'be reached by senders, and publishing them tells everyone how the internal network is numbered: ' +
    'reported as fail. The documentation blocks (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24, ' +
    '2001:db8::/32, 3fff::/20) are treated as public: they never occur on the real internet, and telltale’s lab ' +
    'uses them to stand for public hosts. NAT64 (64:ff9b::/96), 6to4 and Teredo addresses are also accepted: ' +
    'a DNS64 resolver on the scanning network synthesises NAT64 addresses itself. If an address lookup fails, ' +
    'the result is error.',
  remediation:
    'Publish the public address that the firewall forwards to the mail server on port 25, and keep internal ' +
    'addresses in an internal DNS view:\n' +
    '  mail.example.com.  3600  IN  A  203.0.113.25',
  references: [rfc6890, ipv4Registry, ipv6Registry, rfc5321],
};

export const mxNoIpv6: CheckMeta = {
  id: 'mx.no-ipv6',
  area: 'mx',
  title: 'No MX host has an IPv6 address',
  severity: 'low',
  description:
    'When no MX host has an AAAA record, senders that have only IPv6 cannot deliver mail. They are still few, ' +
    'so this is a low-severity warn; pass as soon as one MX host has an IPv6 address. If an AAAA lookup fails ' +
    'and no host is known to have IPv6, the result is error.',
  remediation:
    'Give at least one MX host an IPv6 address that accepts connections on port 25:\n' +
    '  mail.example.com.  3600  IN  AAAA  2001:db8::25',
  references: [rfc5321],
};

export const mxDnsError: CheckMeta = {
  id: 'mx.dns-error',
  area: 'mx',
  title: 'The MX lookup failed',
  severity: 'high',
  description:
    'The MX question for the domain got no usable answer (timeout, SERVFAIL, REFUSED…). Senders meeting the ' +
    'same failure queue the mail and retry, then bounce it after days. The other MX checks cannot run, so ' +
    'the result is error and no other MX verdict is given.',
  remediation:
    'Check that every name server of the domain answers (`dig +norec example.com MX @ns1.example.com`), that the ' +
    'zone loads without errors, and, with DNSSEC, that the signatures are valid and the DS record matches.',
  references: [rfc5321],
};

export const mxMeta: readonly CheckMeta[] = [
  mxDnsError,
  mxMissing,
  mxNull,
  mxIpLiteral,
  mxUnresolvable,
  mxCname,
  mxDuplicatePriority,
  mxPrivateAddress,
  mxNoIpv6,
];

// ---- Evaluation -----------------------------------------------------------------------------------

/** Lists are values in the messages of every language: no English "and". */
function listOf(items: readonly string[]): string {
  return items.join(', ');
}

function hostEvidence(host: MailHost): Evidence[] {
  return [dnsEvidence(host.a), dnsEvidence(host.aaaa)];
}

function failedLookups(host: MailHost): ErrorAnswer[] {
  return [host.a, host.aaaa].filter((answer): answer is ErrorAnswer => answer.kind === 'error');
}

/** A failed lookup as a language-neutral value: name, type, reason code and the resolver's detail. */
function describeFailure(answer: ErrorAnswer): string {
  return `${answer.name} ${answer.type} (${answer.reason}: ${answer.detail})`;
}

function failures(answers: readonly ErrorAnswer[]): string {
  return answers.map(describeFailure).join('; ');
}

/** Hosts once each, in preference order: a host listed twice is judged once. */
function distinctHosts(hosts: readonly MailHost[]): MailHost[] {
  const byName = new Map<string, MailHost>();
  for (const host of hosts) if (!byName.has(host.host)) byName.set(host.host, host);
  return [...byName.values()];
}

/** One `error` finding for a rule that some lookups kept from being checked, or none if all answered. */
function unchecked(
  meta: CheckMeta,
  domain: string,
  hosts: readonly MailHost[],
  key: 'mx.cname.unchecked' | 'mx.private-address.unchecked',
): Finding[] {
  const failed = hosts.flatMap(failedLookups);
  if (failed.length === 0) return [];
  return [
    finding(meta, 'error', {
      subject: domain,
      ...dnsMessage(key, { failures: failures(failed) }),
      evidence: failed.map(dnsEvidence),
    }),
  ];
}

function formatAddresses(addresses: readonly IpAddress[]): string {
  return listOf(addresses.map(formatIp));
}

function missingFindings(result: Extract<MailHostsResult, { kind: 'implicit' }>): Finding[] {
  const { domain, host, answer } = result;
  const evidence = [dnsEvidence(answer), ...hostEvidence(host)];
  const nullMxFix = `${domain}.  3600  IN  MX  0 .`;
  const mxFix = `${domain}.  3600  IN  MX  10 mail.${domain}.`;
  if (host.addresses.length > 0) {
    return [
      finding(mxMissing, 'warn', {
        subject: domain,
        ...dnsMessage('mx.missing.implicit', { domain, addresses: formatAddresses(host.addresses) }),
        evidence,
        ...dnsFix('mx.fix.add-mx', { mxRecord: mxFix, nullMxRecord: nullMxFix }),
      }),
    ];
  }
  const failed = failedLookups(host);
  if (failed.length > 0) {
    return [
      finding(mxMissing, 'error', {
        subject: domain,
        ...dnsMessage('mx.missing.unchecked', { domain, failures: failures(failed) }),
        evidence,
      }),
    ];
  }
  return [
    finding(mxMissing, 'fail', {
      subject: domain,
      ...dnsMessage(answer.kind === 'nxdomain' ? 'mx.missing.nxdomain' : 'mx.missing.no-address', { domain }),
      evidence,
      ...dnsFix('mx.fix.add-mx', { mxRecord: mxFix, nullMxRecord: nullMxFix }),
    }),
  ];
}

function nullFindings(result: Extract<MailHostsResult, { kind: 'null-mx' }>): Finding[] {
  const { domain, answer, nullRecords, hosts } = result;
  const evidence = [dnsEvidence(answer)];
  const others = answer.kind === 'ok' ? answer.records.length - nullRecords.length : 0;
  if (others > 0) {
    return [
      finding(mxNull, 'fail', {
        subject: domain,
        ...dnsMessage('mx.null.mixed', {
          domain,
          count: others,
          hosts: listOf(distinctHosts(hosts).map((host) => host.host)),
        }),
        evidence,
        ...dnsFix('mx.fix.remove-null-mx', {
          record: `${domain}.  IN  MX  ${nullRecords[0]?.preference ?? 0} .`,
        }),
      }),
    ];
  }
  const odd = nullRecords.find((record) => record.preference !== 0);
  if (odd !== undefined) {
    return [
      finding(mxNull, 'warn', {
        subject: domain,
        ...dnsMessage('mx.null.preference', { domain, preference: odd.preference }),
        evidence,
        ...literalFix(`${domain}.  3600  IN  MX  0 .`),
      }),
    ];
  }
  return [
    finding(mxNull, 'pass', {
      subject: domain,
      ...dnsMessage('mx.null.pass', { domain }),
      evidence,
    }),
  ];
}

function ipLiteralFindings(domain: string, hosts: readonly MailHost[], mx: MxAnswer): Finding[] {
  const findings = hosts.flatMap((host) => {
    const literal = host.literal;
    if (literal === undefined) return [];
    const usable = isInternetReachable(classifyAddress(literal));
    const type = literal.family === 4 ? 'A' : 'AAAA';
    const mxRecord = `${domain}.  3600  IN  MX  ${host.preference} mail.${domain}.`;
    return [
      finding(mxIpLiteral, 'fail', {
        subject: host.host,
        ...(usable
          ? dnsMessage('mx.ip-literal.fail', { preference: host.preference, host: host.host })
          : dnsMessage('mx.ip-literal.fail-unreachable', {
              preference: host.preference,
              host: host.host,
              address: describeBlock(literal),
            })),
        evidence: [dnsEvidence(mx), ...hostEvidence(host)],
        ...(usable
          ? literalFix(`mail.${domain}.  3600  IN  ${type}  ${formatIp(literal)}\n${mxRecord}`)
          : dnsFix('mx.fix.ip-literal-placeholder', { name: `mail.${domain}`, type, mxRecord })),
      }),
    ];
  });
  if (findings.length > 0) return findings;
  return [
    finding(mxIpLiteral, 'pass', {
      subject: domain,
      ...dnsMessage('mx.ip-literal.pass'),
      evidence: [dnsEvidence(mx)],
    }),
  ];
}

function unresolvableFindings(domain: string, hosts: readonly MailHost[]): Finding[] {
  const named = hosts.filter((host) => host.literal === undefined);
  if (named.length === 0) return [];
  const anyResolves = named.some((host) => host.addresses.length > 0);
  const findings: Finding[] = [];
  for (const host of named) {
    if (host.addresses.length > 0) continue;
    const failed = failedLookups(host);
    if (failed.length > 0) {
      findings.push(
        finding(mxUnresolvable, 'error', {
          subject: host.host,
          ...dnsMessage('mx.unresolvable.unchecked', { host: host.host, failures: failures(failed) }),
          evidence: hostEvidence(host),
        }),
      );
      continue;
    }
    const key =
      host.a.kind === 'nxdomain'
        ? anyResolves
          ? 'mx.unresolvable.nxdomain-others'
          : 'mx.unresolvable.nxdomain-only'
        : anyResolves
          ? 'mx.unresolvable.no-address-others'
          : 'mx.unresolvable.no-address-only';
    findings.push(
      finding(mxUnresolvable, 'fail', {
        subject: host.host,
        ...dnsMessage(key, { host: host.host }),
        evidence: hostEvidence(host),
        severity: anyResolves ? 'medium' : mxUnresolvable.severity,
        ...dnsFix('mx.fix.add-address', {
          host: host.host,
          record: `${domain}.  IN  MX  ${host.preference} ${host.host}.`,
        }),
      }),
    );
  }
  if (findings.length > 0) return findings;
  return [
    finding(mxUnresolvable, 'pass', {
      subject: domain,
      ...(named.length === 1
        ? dnsMessage('mx.unresolvable.pass-one', {
            host: named[0]?.host ?? '',
            addresses: formatAddresses(named[0]?.addresses ?? []),
          })
        : dnsMessage('mx.unresolvable.pass-many', { count: named.length })),
      evidence: named.flatMap(hostEvidence),
    }),
  ];
}

function cnameFindings(domain: string, hosts: readonly MailHost[]): Finding[] {
  const aliased = hosts.filter((host) => host.aliases.length > 0);
  if (aliased.length === 0) {
    const errors = unchecked(mxCname, domain, hosts, 'mx.cname.unchecked');
    if (errors.length > 0) return errors;
    return [
      finding(mxCname, 'pass', {
        subject: domain,
        ...dnsMessage('mx.cname.pass'),
        evidence: hosts.flatMap(hostEvidence),
      }),
    ];
  }
  return aliased.map((host) => {
    const target = host.aliases.at(-1) ?? host.host;
    return finding(mxCname, 'warn', {
      subject: host.host,
      ...dnsMessage('mx.cname.alias', { host: host.host, chain: host.aliases.join(' → ') }),
      evidence: hostEvidence(host),
      ...literalFix(`${domain}.  3600  IN  MX  ${host.preference} ${target}.`),
    });
  });
}

function duplicateFindings(domain: string, hosts: readonly MailHost[], mx: MxAnswer): Finding[] {
  const evidence = [dnsEvidence(mx)];
  const counts = new Map<string, number>();
  for (const host of hosts) counts.set(host.host, (counts.get(host.host) ?? 0) + 1);
  const repeated = [...counts].filter(([, count]) => count > 1);
  if (repeated.length > 0) {
    return repeated.map(([name, count]) =>
      finding(mxDuplicatePriority, 'warn', {
        subject: name,
        ...dnsMessage('mx.duplicate-priority.repeated', { host: name, count, domain }),
        evidence,
      }),
    );
  }
  const byPreference = new Map<number, string[]>();
  for (const host of hosts)
    byPreference.set(host.preference, [...(byPreference.get(host.preference) ?? []), host.host]);
  const shared = [...byPreference].filter(([, names]) => names.length > 1);
  const [group] = shared;
  const message =
    group === undefined
      ? hosts.length === 1
        ? dnsMessage('mx.duplicate-priority.single', { domain })
        : dnsMessage('mx.duplicate-priority.distinct')
      : shared.length === 1
        ? dnsMessage('mx.duplicate-priority.shared', { hosts: listOf(group[1]), preference: group[0] })
        : dnsMessage('mx.duplicate-priority.shared-groups', {
            groups: shared.map(([preference, names]) => `${listOf(names)}: ${preference}`).join('; '),
          });
  return [finding(mxDuplicatePriority, 'pass', { subject: domain, ...message, evidence })];
}

function describeBlock(address: IpAddress): string {
  const block = specialBlock(address);
  const where =
    block === undefined ? classifyAddress(address) : `${block.name}, ${block.cidr}, ${block.source}`;
  return `${formatIp(address)} (${where})`;
}

function privateAddressFindings(domain: string, hosts: readonly MailHost[]): Finding[] {
  const findings = hosts.flatMap((host) => {
    const bad = host.addresses.filter((address) => !isInternetReachable(classifyAddress(address)));
    if (bad.length === 0) return [];
    const good = host.addresses.length - bad.length;
    return [
      finding(mxPrivateAddress, 'fail', {
        subject: host.host,
        ...dnsMessage(good > 0 ? 'mx.private-address.partly' : 'mx.private-address.only', {
          host: host.host,
          count: bad.length,
          addresses: listOf(bad.map(describeBlock)),
        }),
        evidence: hostEvidence(host),
        // The record to change is the one at the end of the CNAME chain, where the addresses live.
        ...dnsFix('mx.fix.internal-address', { host: host.aliases.at(-1) ?? host.host }),
      }),
    ];
  });
  if (findings.length > 0) return findings;
  const errors = unchecked(mxPrivateAddress, domain, hosts, 'mx.private-address.unchecked');
  if (errors.length > 0) return errors;
  const count = hosts.reduce((sum, host) => sum + host.addresses.length, 0);
  if (count === 0) return [];
  return [
    finding(mxPrivateAddress, 'pass', {
      subject: domain,
      ...dnsMessage('mx.private-address.pass', { count }),
      evidence: hosts.flatMap(hostEvidence),
    }),
  ];
}

function ipv6Findings(domain: string, hosts: readonly MailHost[]): Finding[] {
  const withIpv6 = hosts.filter((host) => host.addresses.some((address) => address.family === 6));
  if (withIpv6.length > 0) {
    return [
      finding(mxNoIpv6, 'pass', {
        subject: domain,
        ...dnsMessage('mx.no-ipv6.pass', {
          hosts: listOf(withIpv6.map((host) => host.host)),
          count: withIpv6.length,
        }),
        evidence: withIpv6.map((host) => dnsEvidence(host.aaaa)),
      }),
    ];
  }
  const failed = hosts.flatMap((host) => (host.aaaa.kind === 'error' ? [host.aaaa] : []));
  if (failed.length > 0) {
    return [
      finding(mxNoIpv6, 'error', {
        subject: domain,
        ...dnsMessage('mx.no-ipv6.unchecked', { failures: failures(failed) }),
        evidence: failed.map(dnsEvidence),
      }),
    ];
  }
  return [
    finding(mxNoIpv6, 'warn', {
      subject: domain,
      ...dnsMessage('mx.no-ipv6.missing', { domain }),
      evidence: hosts.map((host) => dnsEvidence(host.aaaa)),
    }),
  ];
}

/** Findings for a set of MX targets: the rules that only mean something when MX records name hosts. */
function hostFindings(domain: string, hosts: readonly MailHost[], mx: MxAnswer): Finding[] {
  const distinct = distinctHosts(hosts);
  return [
    ...ipLiteralFindings(domain, distinct, mx),
    ...unresolvableFindings(domain, distinct),
    ...cnameFindings(domain, distinct),
    ...duplicateFindings(domain, hosts, mx),
    ...privateAddressFindings(domain, distinct),
    ...ipv6Findings(domain, distinct),
  ];
}

/** Every finding for one resolved domain; pure, so tests and the SMTP checks can evaluate a result directly. */
export function evaluateMailHosts(result: MailHostsResult): Finding[] {
  const { domain } = result;
  switch (result.kind) {
    case 'error':
      return [
        finding(mxDnsError, 'error', {
          subject: domain,
          ...dnsMessage('mx.dns-error.failed', {
            domain,
            reason: result.answer.reason,
            detail: result.answer.detail,
          }),
          evidence: [dnsEvidence(result.answer)],
        }),
      ];
    case 'implicit':
      return [
        finding(mxDnsError, 'pass', {
          subject: domain,
          ...dnsMessage('mx.dns-error.answered', { domain }),
          evidence: [dnsEvidence(result.answer)],
        }),
        ...missingFindings(result),
        // The fallback host is where mail really goes, so its addresses are judged like an MX host's.
        ...privateAddressFindings(domain, [result.host]),
      ];
    case 'null-mx':
      return [
        finding(mxDnsError, 'pass', {
          subject: domain,
          ...dnsMessage('mx.dns-error.answered', { domain }),
          evidence: [dnsEvidence(result.answer)],
        }),
        ...nullFindings(result),
        ...(result.hosts.length > 0 ? hostFindings(domain, result.hosts, result.answer) : []),
      ];
    case 'mx':
      return [
        finding(mxDnsError, 'pass', {
          subject: domain,
          ...dnsMessage('mx.dns-error.answered', { domain }),
          evidence: [dnsEvidence(result.answer)],
        }),
        finding(mxMissing, 'pass', {
          subject: domain,
          ...(result.omitted === 0
            ? dnsMessage('mx.missing.found', { domain, count: result.hosts.length })
            : dnsMessage('mx.missing.found-many', {
                domain,
                count: result.hosts.length + result.omitted,
                max: maxMailHosts,
              })),
          evidence: [dnsEvidence(result.answer)],
        }),
        ...hostFindings(domain, result.hosts, result.answer),
      ];
  }
}

export const mxCheck: DomainCheck = {
  name: 'mx',
  meta: mxMeta,
  async run(target: ScanTarget, context: CheckContext): Promise<readonly Finding[]> {
    return evaluateMailHosts(await resolveMailHosts(target.domain, context.dns, context.signal));
  },
};
