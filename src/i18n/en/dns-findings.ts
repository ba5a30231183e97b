// English templates of the DNS checks' finding messages (mx, spf, dmarc, dkim, mta-sts, tls-rpt, bimi,
// dnssec), keyed by `Finding.messageKey`; the checks render their English `message` from these.

export const enDnsFindings = {
  // ---- mx ----
  'mx.dns-error.failed':
    'The MX lookup for {domain} failed ({reason}: {detail}), so we cannot tell where its mail goes. Senders meeting the same failure delay the mail and may bounce it.',
  'mx.dns-error.answered': 'The MX lookup for {domain} was answered.',
  'mx.missing.found': '{domain} publishes {count, plural, one {# MX record} other {# MX records}}.',
  'mx.missing.found-many':
    '{domain} publishes {count, plural, one {# MX record} other {# MX records}}. Only the {max} most preferred were checked: no mail setup needs that many.',
  'mx.missing.implicit':
    "{domain} publishes no MX record, so senders deliver its mail to the domain's own address ({addresses}), usually the web server. That is rarely meant: publish an MX naming your mail server, or a Null MX if the domain receives no mail.",
  'mx.missing.unchecked':
    '{domain} publishes no MX record, and we could not tell whether it has an address to receive mail instead: {failures}.',
  'mx.missing.nxdomain':
    '{domain} does not exist in DNS (NXDOMAIN), so every message sent to an address @{domain} bounces. If the domain should receive mail, publish an MX record; if not, publish a Null MX so senders give up at once.',
  'mx.missing.no-address':
    '{domain} publishes no MX record and has no address (A/AAAA) either, so every message sent to an address @{domain} bounces. If the domain should receive mail, publish an MX record; if not, publish a Null MX so senders give up at once.',
  'mx.null.mixed':
    '{domain} publishes a Null MX ("accepts no mail") together with {count, plural, one {# other MX record} other {# other MX records}} ({hosts}). RFC 7505 §3 allows a Null MX only as the sole MX record; senders will treat this contradiction differently. Keep one or the other.',
  'mx.null.preference':
    '{domain} publishes a Null MX with preference {preference}. RFC 7505 defines it as exactly "0 .": senders that check the preference will not recognise it and will try to deliver to the root.',
  'mx.null.pass':
    '{domain} declares with a Null MX that it accepts no mail: senders bounce messages to it at once. That is right for a domain that receives no mail.',
  'mx.ip-literal.fail':
    'The MX record "{preference} {host}" names an IP address, not a host. Senders look it up as a host name, find nothing, and cannot deliver through it.',
  'mx.ip-literal.fail-unreachable':
    'The MX record "{preference} {host}" names an IP address, not a host. Senders look it up as a host name, find nothing, and cannot deliver through it (and {address} could not be reached from the internet anyway).',
  'mx.ip-literal.pass': 'Every MX record names a host, not an IP address.',
  'mx.unresolvable.unchecked': 'Could not find the address of MX host {host}: {failures}.',
  'mx.unresolvable.nxdomain-others':
    'MX host {host} does not exist (NXDOMAIN). Senders skip it and use the other MX hosts, but each delivery attempt wastes time on it.',
  'mx.unresolvable.nxdomain-only':
    'MX host {host} does not exist (NXDOMAIN). No MX host has an address, so mail to this domain cannot be delivered.',
  'mx.unresolvable.no-address-others':
    'MX host {host} has no address record (neither A nor AAAA). Senders skip it and use the other MX hosts, but each delivery attempt wastes time on it.',
  'mx.unresolvable.no-address-only':
    'MX host {host} has no address record (neither A nor AAAA). No MX host has an address, so mail to this domain cannot be delivered.',
  'mx.unresolvable.pass-one': 'The MX host {host} resolves to {addresses}.',
  'mx.unresolvable.pass-many': '{count} MX hosts, all resolve to an address.',
  'mx.cname.unchecked': 'Could not check whether every MX host is an alias: {failures}.',
  'mx.cname.pass': 'No MX host is an alias (CNAME).',
  'mx.cname.alias':
    "MX host {host} is an alias (CNAME) for {chain}. MX records must name the host itself (RFC 2181 §10.3); most senders follow the alias, but some refuse it. Name the alias's target in the MX record instead.",
  'mx.duplicate-priority.repeated':
    '{host} is listed in {count} MX records of {domain}. Listing a host twice adds no redundancy; it usually hides a typo or a backup server that was meant to be there.',
  'mx.duplicate-priority.single': '{domain} has a single MX host.',
  'mx.duplicate-priority.distinct': 'Each MX host has its own preference.',
  'mx.duplicate-priority.shared':
    '{hosts} share preference {preference}: senders spread mail between them at random (load sharing), which is fine.',
  'mx.duplicate-priority.shared-groups':
    'Some MX hosts share a preference ({groups}): senders spread mail between them at random (load sharing), which is fine.',
  'mx.private-address.partly':
    'MX host {host} has {count, plural, one {an address} other {addresses}} that cannot be reached from the internet: {addresses}. Senders that pick it fail to connect and must retry another address. It also reveals how your internal network is numbered.',
  'mx.private-address.only':
    'MX host {host} has {count, plural, one {an address} other {addresses}} that cannot be reached from the internet: {addresses}. Senders on the internet cannot connect to it. It also reveals how your internal network is numbered.',
  'mx.private-address.unchecked': 'Could not check every MX host address: {failures}.',
  'mx.private-address.pass':
    'All {count, plural, one {# address} other {# addresses}} of the MX hosts can be reached from the internet.',
  'mx.no-ipv6.pass':
    '{hosts} {count, plural, one {has} other {have}} an IPv6 address: IPv6-only senders can deliver.',
  'mx.no-ipv6.unchecked': 'Could not check whether an MX host has IPv6: {failures}.',
  'mx.no-ipv6.missing':
    'No MX host has an IPv6 (AAAA) address, so senders that only have IPv6 cannot deliver mail to {domain}. They are still rare; add IPv6 when your provider offers it.',
} as const satisfies Readonly<Record<string, string>>;

export type DnsFindingKey = keyof typeof enDnsFindings;
