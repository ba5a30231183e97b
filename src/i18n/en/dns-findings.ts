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
  // ---- spf ----
  'spf.incomplete': 'Could not check every branch of the SPF policy: {failures} failed.',
  'spf.too-many-lookups.fail':
    'The policy has {total} DNS-querying terms across its include tree; receivers stop at 10 and return permerror, so mail from this domain fails SPF.{macros, plural, =0 {} one { # include/redirect target with macros could not be followed without a sender, so the real total may be higher.} other { # include/redirect targets with macros could not be followed without a sender, so the real total may be higher.}}',
  'spf.too-many-lookups.limit':
    '10 of 10 DNS-querying terms: at the limit, one more include from any provider breaks SPF.{macros, plural, =0 {} one { # include/redirect target with macros could not be followed without a sender, so the real total may be higher.} other { # include/redirect targets with macros could not be followed without a sender, so the real total may be higher.}}',
  'spf.too-many-lookups.pass':
    '{total} of 10 DNS-querying terms (include, a, mx, ptr, exists, redirect over the whole tree).{macros, plural, =0 {} one { # include/redirect target with macros could not be followed without a sender, so the real total may be higher.} other { # include/redirect targets with macros could not be followed without a sender, so the real total may be higher.}}',
  'spf.too-many-void-lookups.fail':
    '{count} terms name domains that answer with nothing ({voids}); receivers return permerror after the second.',
  'spf.too-many-void-lookups.pass': '{count} of 2 void lookups.',
  'spf.too-many-void-lookups.pass-named': '{count} of 2 void lookups ({names}).',
  'spf.too-many-mx-names.fail':
    '"{term}" meets {count} MX records at {name}; over 10, receivers return permerror for every message.',
  'spf.too-many-mx-names.pass': 'No mx term meets more than 10 MX names.',
  'spf.include-loop.fail': '"{term}" leads back into its own chain ({chain}): evaluation ends in permerror.',
  'spf.include-loop.pass': 'No include/redirect loop.',
  'spf.include-missing.nxdomain':
    '"{term}" names {target}, which does not exist: receivers return permerror when they reach it. If that domain has lapsed, whoever registers it decides who may send as {domain}.',
  'spf.include-missing.nodata':
    '"{term}" names {target}, which has no TXT records: receivers return permerror when they reach it.',
  'spf.include-missing.no-spf':
    '"{term}" names {target}, which publishes no SPF record: receivers return permerror when they reach it.',
  'spf.include-missing.pass': 'Every include/redirect target publishes an SPF record.',
  'spf.syntax-error.included':
    'The SPF record of {included}, included by {domain}, has a syntax error at column {column}. Receivers return permerror when they reach it.',
  'spf.syntax-error.included-term':
    'The SPF record of {included}, included by {domain}, has a syntax error in "{term}" at column {column}. Receivers return permerror when they reach it.',
  'spf.syntax-error.root':
    'Syntax error at column {column}. Receivers return permerror for the whole record, so SPF protects nothing.',
  'spf.syntax-error.root-term':
    'Syntax error in "{term}" at column {column}. Receivers return permerror for the whole record, so SPF protects nothing.',
  'spf.syntax-error.pass': 'The record follows the RFC 7208 grammar.',
  'spf.multiple-records.included':
    '{included}, included by {domain}, publishes {count} v=spf1 records: permerror when receivers reach it.',
  'spf.multiple-records.fail':
    '{domain} publishes {count} v=spf1 records: every receiver returns permerror, so SPF protects nothing and DMARC sees it fail.',
  'spf.multiple-records.pass': 'Exactly one v=spf1 record.',
  'spf.all-pass.root':
    '"{term}" in this record lets any server on the internet pass SPF as {domain}: forged mail from anywhere is authorised.',
  'spf.all-pass.included':
    '"{term}" in {included}, which {domain} includes, lets any server on the internet pass SPF as {domain}: forged mail from anywhere is authorised.',
  'spf.all-pass.pass': 'No term lets every address pass (+all, ip4:0.0.0.0/0, ip6:::/0).',
  'spf.all-neutral.fail':
    'The policy ends in "{term}": receivers get "neutral" for servers not listed, so forged mail is not refused by SPF.',
  'spf.all-neutral.pass': 'The policy ends in "{term}".',
  'spf.no-all.unchecked':
    'The record ends in a redirect= whose target could not be read, so how the policy ends is unknown.',
  'spf.no-all.fail':
    'The policy has no all mechanism and no usable redirect=: servers not listed get "neutral", so forged mail is not refused by SPF.',
  'spf.no-all.pass': 'The policy ends with an explicit "{term}".',
  'spf.ptr-used.warn':
    '"{term}" in {domain}: ptr depends on the sender\'s reverse DNS, is slow, and some receivers ignore it.',
  'spf.ptr-used.pass': 'No ptr mechanism in the policy tree.',
  'spf.redirect-ignored.warn':
    '"{term}" in {domain} is never used: the record has an all mechanism, which always matches first.',
  'spf.redirect-ignored.pass': 'No redirect= is shadowed by an all mechanism.',
  'spf.record-too-long.warn':
    'The SPF record is {bytes} bytes, over the {advice} that RFC 7208 advises: answers may exceed 512-byte UDP replies and fail on some networks.',
  'spf.record-too-long.pass': 'The SPF record is {bytes} bytes (advice: at most {advice}).',
  'spf.spf-rr-type.only':
    'The SPF policy is published only as the discontinued SPF record type (99); receivers read TXT only, so for them there is no SPF policy.',
  'spf.spf-rr-type.beside':
    'An SPF-type (99) record is published beside the TXT record; receivers ignore it, and it misleads whoever edits one and not the other.',
  'spf.spf-rr-type.error':
    'The SPF-type (99) query for {domain} failed ({reason}); only TXT matters to receivers, so this affects nothing else.',
  'spf.spf-rr-type.pass': 'No SPF-type (99) record: TXT only, as RFC 7208 requires.',
  'spf.split-mistake.fail':
    'In the TXT record of {domain}, the boundary between the strings "{before}" and "{after}" glues two terms together or cuts one in two.',
  'spf.split-mistake.single': 'The record is a single string.',
  'spf.split-mistake.pass': "The record's {count} strings join without gluing or splitting terms.",
  'spf.missing.nxdomain-null-mx':
    'No SPF record ({domain} does not exist in DNS). The domain publishes a Null MX, so it sends no mail: without "v=spf1 -all" anyone can still use it as a sender and receivers cannot refuse the forgery on SPF.',
  'spf.missing.nxdomain':
    "No SPF record ({domain} does not exist in DNS): receivers cannot tell this domain's servers from a forger's, and DMARC cannot pass on SPF.",
  'spf.missing.nodata-null-mx':
    'No SPF record ({domain} has no TXT records). The domain publishes a Null MX, so it sends no mail: without "v=spf1 -all" anyone can still use it as a sender and receivers cannot refuse the forgery on SPF.',
  'spf.missing.nodata':
    "No SPF record ({domain} has no TXT records): receivers cannot tell this domain's servers from a forger's, and DMARC cannot pass on SPF.",
  'spf.missing.no-record-null-mx':
    'No SPF record (none of the TXT records of {domain} starts with "v=spf1 "). The domain publishes a Null MX, so it sends no mail: without "v=spf1 -all" anyone can still use it as a sender and receivers cannot refuse the forgery on SPF.',
  'spf.missing.no-record':
    'No SPF record (none of the TXT records of {domain} starts with "v=spf1 "): receivers cannot tell this domain\'s servers from a forger\'s, and DMARC cannot pass on SPF.',
  'spf.missing.found': 'SPF record found: {record}',
  'spf.dns-error.root': 'The TXT lookup of {domain} failed ({reason}): the SPF policy could not be read.',
  'spf.dns-error.lookup':
    'The {type} lookup of {name} failed ({reason}): receivers meeting this get temperror.',
  'spf.dns-error.lookup-term':
    'The {type} lookup of {name} (for "{term}" in {domain}) failed ({reason}): receivers meeting this get temperror.',
  'spf.dns-error.pass': 'All {count} DNS lookups of the policy tree answered.',
  // ---- dmarc ----
  'dmarc.not-dmarc-record.pass': 'Every TXT record at {name} is a DMARC record.',
  'dmarc.syntax-error.version':
    '{name} has a record that looks like DMARC but does not start with exactly "v=DMARC1" ({records}); receivers ignore it completely.',
  'dmarc.not-dmarc-record.spf':
    '{name} answers with an SPF record ({records}). This is not a DMARC record: it almost always comes from a wildcard TXT record (*.{domain}) or a CNAME answering for _dmarc, and receivers ignore it.',
  'dmarc.not-dmarc-record.other':
    '{name} also holds TXT records that are not DMARC ({records}); receivers ignore them, but they usually mean a wildcard or a misplaced record.',
  'dmarc.syntax-error.invalid':
    'The DMARC record at {where} is invalid, so receivers ignore it ({count, plural, one {# error} other {# errors}}: {issues}).',
  'dmarc.syntax-error.skipped':
    'The DMARC record at {where} has errors that receivers skip over ({issues}).{none, plural, =0 {} other { Because of this, receivers treat the whole record as p=none.}}',
  'dmarc.syntax-error.remarks': 'The DMARC record at {where} is valid, with remarks ({issues}).',
  'dmarc.syntax-error.pass': 'The DMARC record at {where} is well formed.',
  'dmarc.policy-none.fail':
    'The DMARC policy for {domain} is none{inherited, plural, =0 {} other { (inherited from {where}, tag {tag}{noSp, plural, =0 {} other { (no sp)}})}}{invalid, plural, =0 {} other { because p, sp or np is missing or invalid}}: spoofed mail claiming to be from you is still delivered. It only gets you reports.',
  'dmarc.policy-none.pass-quarantine':
    'The DMARC policy for {domain} is quarantine{inherited, plural, =0 {} other { (inherited from {where}, tag {tag}{noSp, plural, =0 {} other { (no sp)}})}}: mail failing DMARC is put in spam or quarantine{testing, plural, =0 {} other { (but see t=y: receivers apply {applied})}}.',
  'dmarc.policy-none.pass-reject':
    'The DMARC policy for {domain} is reject{inherited, plural, =0 {} other { (inherited from {where}, tag {tag}{noSp, plural, =0 {} other { (no sp)}})}}: mail failing DMARC is refused{testing, plural, =0 {} other { (but see t=y: receivers apply {applied})}}.',
  'dmarc.policy-quarantine.warn':
    'The DMARC policy for {domain} is quarantine{inherited, plural, =0 {} other { (inherited from {where}, tag {tag}{noSp, plural, =0 {} other { (no sp)}})}}: spoofed mail lands in spam folders, where people can still open it. reject has it refused.',
  'dmarc.policy-quarantine.pass':
    'The DMARC policy for {domain} is reject{inherited, plural, =0 {} other { (inherited from {where}, tag {tag}{noSp, plural, =0 {} other { (no sp)}})}}: spoofed mail is refused.',
  'dmarc.subdomain-policy-weaker.pass':
    'Subdomains of {domain} are protected as strongly as the domain (sp={sp}, np={np}).',
  'dmarc.subdomain-policy-weaker.sp':
    'Subdomains are less protected than {domain}: existing subdomains get sp={sp} while {domain} has p={p}. Spoofed mail from made-up names such as billing.{domain} is treated more leniently.',
  'dmarc.subdomain-policy-weaker.np':
    'Subdomains are less protected than {domain}: subdomains that do not exist get {npTag}={np} while {domain} has p={p}. Spoofed mail from made-up names such as billing.{domain} is treated more leniently.',
  'dmarc.subdomain-policy-weaker.both':
    'Subdomains are less protected than {domain}: existing subdomains get sp={sp} while {domain} has p={p}; subdomains that do not exist get {npTag}={np} while {domain} has p={p}. Spoofed mail from made-up names such as billing.{domain} is treated more leniently.',
  'dmarc.subdomain-policy-weaker.not-org':
    '{domain} is not its own organisational domain ({org} is), so receivers ignore the sp and np tags of {where}; its subdomains get the policy of {org}.',
  'dmarc.testing-mode.pass': 'The DMARC policy for {domain} is not in test mode.',
  'dmarc.testing-mode.t':
    'The DMARC policy is only partly applied: t=y asks receivers to apply {applied} instead of {p}.',
  'dmarc.testing-mode.pct':
    'The DMARC policy is only partly applied: pct={pct} makes older (RFC 7489) receivers apply {p} to only {pct}% of failing mail and a weaker policy to the rest.',
  'dmarc.testing-mode.both':
    'The DMARC policy is only partly applied: t=y asks receivers to apply {applied} instead of {p}; pct={pct} makes older (RFC 7489) receivers apply {p} to only {pct}% of failing mail and a weaker policy to the rest.',
  'dmarc.deprecated-tag.pass': 'The DMARC record uses no tag that RFC 9989 removed.',
  'dmarc.deprecated-tag.warn': 'The DMARC record uses what RFC 9989 removed ({removed}).',
  'dmarc.too-many-uris.pass': 'rua and ruf list at most two addresses each.',
  'dmarc.too-many-uris.warn':
    '{tag} lists {count} addresses; receivers only have to report to the first two, so {ignored} may get nothing',
  'dmarc.too-many-uris.warn-both':
    'rua lists {ruaCount} addresses; receivers only have to report to the first two, so {ruaIgnored} may get nothing; ruf lists {rufCount} addresses; receivers only have to report to the first two, so {rufIgnored} may get nothing',
  'dmarc.no-reporting.pass': 'Aggregate reports go to {addresses}.',
  'dmarc.no-reporting.warn':
    'The DMARC record asks for no aggregate reports (no valid rua): nobody sees who sends mail as your domain, or notices when your own mail starts failing DMARC.',
  'dmarc.external-report-unauthorized.error':
    'Could not check whether {dest} accepts DMARC reports for {policyDomain} ({uses}): the lookup of {name} TXT failed ({failure}).',
  'dmarc.external-report-unauthorized.pass':
    '{dest} accepts DMARC reports for {policyDomain} ({uses}): {name} holds v=DMARC1.',
  'dmarc.external-report-unauthorized.fail':
    'Reports for {policyDomain} go to another organisation\'s domain, {dest} ({uses}), which has not published {name} TXT "v=DMARC1": receivers will not send those reports.',
  'dmarc.report-domain-no-mx.error':
    'Could not check whether {dest} receives mail ({uses}): the lookup of {dest} MX failed ({failure}).',
  'dmarc.report-domain-no-mx.null-mx':
    '{dest} publishes a null MX (it accepts no mail), so DMARC reports to it ({uses}) cannot be delivered.',
  'dmarc.report-domain-no-mx.pass': '{dest} has MX records, so DMARC reports ({uses}) can be delivered.',
  'dmarc.report-domain-no-mx.nxdomain':
    '{dest} does not exist, so DMARC reports to it ({uses}) are never delivered.',
  'dmarc.report-domain-no-mx.implicit':
    '{dest} has no MX record; mail to it, DMARC reports included ({uses}), goes to its own address (the implicit MX of RFC 5321 §5.1), which is often a web server that does not accept mail.',
  'dmarc.report-domain-no-mx.implicit-error':
    '{dest} has no MX record, and whether it has an address to receive mail at is unknown: the lookup failed ({failure}).',
  'dmarc.report-domain-no-mx.none':
    '{dest} has neither an MX record nor an address, so DMARC reports to it ({uses}) cannot be delivered.',
  'dmarc.multiple-records.fail':
    '{name} has {count} DMARC records; receivers discard all of them, so your domain behaves as if it had none.',
  'dmarc.multiple-records.pass': '{name} has exactly one DMARC record.',
  'dmarc.dns-error.own':
    'Could not determine the DMARC policy of {domain}: the lookup of {name} TXT failed ({failure}). This is not proof that DMARC is missing.',
  'dmarc.dns-error.parent':
    'Could not determine the DMARC policy of {domain}: the lookup of {name} TXT failed ({failure}) ({domain} has no DMARC record of its own, so the policy would come from above). This is not proof that DMARC is missing.',
  'dmarc.missing.broken':
    '{domain} has no usable DMARC record (see the other DMARC findings), and none is inherited: anyone can send mail claiming to be from {domain} and receivers have no instruction to stop it.',
  'dmarc.missing.fail':
    '{domain} has no DMARC record at {name}, and none is inherited from a parent domain: anyone can send mail claiming to be from {domain} and receivers have no instruction to stop it.',
  'dmarc.missing.own': '{domain} publishes its own DMARC record. Organisational domain: {org}.',
  'dmarc.missing.inherited':
    '{domain} has no usable record of its own and inherits the policy of {parent} (its organisational domain). Organisational domain: {org}.',
  'dmarc.missing.inherited-psd':
    '{domain} has no usable record of its own and inherits the policy of {parent} (a public suffix domain, psd=y). Organisational domain: {org}.',
  // ---- mta-sts ----
  'mtasts.policy-unreachable.no-address':
    'The policy host {host} has no address ({detail}): no sender can fetch the policy.',
  'mtasts.policy-unreachable.error': 'Could not fetch {url} ({reason}): {detail}.',
  'mtasts.certificate-invalid.fail':
    'The certificate of {host} is not valid: {error}. Senders ignore the policy.',
  'mtasts.certificate-invalid.pass': 'The certificate of {host} is valid for the name and trusted.',
  'mtasts.policy-unreachable.redirect':
    '{url} answered a redirect to {location}, which senders must not follow.',
  'mtasts.policy-unreachable.redirect-nowhere': '{url} answered a redirect, which senders must not follow.',
  'mtasts.policy-unreachable.status': '{url} answered status {status}.',
  'mtasts.policy-unreachable.pass': '{url} answered 200.',
  'mtasts.policy-invalid.too-large': 'The policy file is larger than {max} bytes: not a policy.',
  'mtasts.policy-invalid.content-type': 'The policy is served as "{type}"; senders require text/plain.',
  'mtasts.policy-invalid.no-content-type':
    'The policy is served as "(no Content-Type)"; senders require text/plain.',
  'mtasts.policy-invalid.fail':
    'The policy file is invalid ({count, plural, one {# problem} other {# problems}}, see the evidence). Senders discard it.',
  'mtasts.policy-invalid.pass': 'The policy file is valid.',
  'mtasts.testing-mode.enforce': 'The policy is enforced (mode: enforce).',
  'mtasts.testing-mode.testing':
    'The policy is in testing mode: failures are reported but mail is still delivered unprotected.',
  'mtasts.testing-mode.none': 'The policy says mode: none: MTA-STS is withdrawn and protects nothing.',
  'mtasts.mx-mismatch.error':
    'Could not look up the MX records of {domain} ({reason}) to match them against the policy.',
  'mtasts.mx-mismatch.no-mx': '{domain} has no MX records ({outcome}): there is no MX host to match.',
  'mtasts.mx-mismatch.null-mx':
    '{domain} publishes a null MX: it receives no mail, so no MX host needs to match.',
  'mtasts.mx-mismatch.pass': "Every MX host ({hosts}) matches the policy's mx patterns ({patterns}).",
  'mtasts.mx-mismatch.enforce':
    '{count, plural, one {MX host {hosts} matches} other {MX hosts {hosts} match}} no mx pattern of the policy ({patterns}). Senders that honour MTA-STS will not deliver to them.',
  'mtasts.mx-mismatch.testing':
    '{count, plural, one {MX host {hosts} matches} other {MX hosts {hosts} match}} no mx pattern of the policy ({patterns}). In testing mode this only shows in TLS reports, but enforcing now would break delivery to them.',
  'mtasts.missing.error': 'Could not look up _mta-sts.{domain} TXT ({reason}): MTA-STS could not be checked.',
  'mtasts.missing.fail': '{domain} publishes no MTA-STS record at _mta-sts.{domain}.',
  'mtasts.missing.fail-other':
    '{domain} publishes no MTA-STS record at _mta-sts.{domain} ({count} TXT record(s) there, none starting with "v=STSv1;").',
  'mtasts.missing.pass': 'An MTA-STS record is published at _mta-sts.{domain}.',
  'mtasts.record-invalid.multiple':
    '{count} TXT records start with v=STSv1: senders then ignore MTA-STS altogether.',
  'mtasts.record-invalid.fail':
    'The MTA-STS record is invalid ({count, plural, one {# problem} other {# problems}}, see the evidence). Senders ignore it.',
  'mtasts.record-invalid.pass': 'The MTA-STS record is valid (id={id}).',
  'mtasts.max-age-short.warn':
    'max_age is {maxAge} s, under a day: the enforced policy lapses between deliveries.',
  'mtasts.max-age-short.pass': 'max_age is {maxAge} s.',
  // ---- tls-rpt, bimi ----
  'tlsrpt.missing.error':
    'Could not look up _smtp._tls.{domain} TXT ({reason}): TLS-RPT could not be checked.',
  'tlsrpt.missing.fail':
    '{domain} publishes no TLS-RPT record at _smtp._tls.{domain}: nobody receives TLS failure reports.',
  'tlsrpt.missing.pass': 'A TLS-RPT record is published at _smtp._tls.{domain}.',
  'tlsrpt.invalid.multiple': '{count} TXT records start with v=TLSRPTv1: senders then send no report at all.',
  'tlsrpt.invalid.fail':
    'The TLS-RPT record is invalid ({count, plural, one {# problem} other {# problems}}, see the evidence).',
  'tlsrpt.invalid.pass': 'The TLS-RPT record is valid; reports go to {addresses}.',
  'bimi.logo-invalid.no-address': 'The logo host has no address ({detail}).',
  'bimi.logo-invalid.error': 'Could not fetch the logo {url} ({reason}): {detail}.',
  'bimi.logo-invalid.certificate': "The logo host's certificate is not valid: {error}.",
  'bimi.logo-invalid.status': '{url} answered status {status}, not 200.',
  'bimi.logo-invalid.too-large': 'The logo is larger than {max} bytes.',
  'bimi.logo-invalid.not-tiny-ps':
    'The logo is not SVG Tiny PS ({count, plural, one {# problem} other {# problems}}, see the evidence).',
  'bimi.logo-invalid.remarks':
    'The logo passes the SVG Tiny PS basics, with {count, plural, one {# remark} other {# remarks}} (see the evidence).',
  'bimi.logo-invalid.pass': 'The logo is served over valid HTTPS and passes the SVG Tiny PS basics.',
  'bimi.logo-invalid.empty': 'The record has an empty l=: there is no logo to show.',
  'bimi.requires-enforcing-dmarc.error':
    'Could not look up {name} TXT: the DMARC policy BIMI depends on is unknown.',
  'bimi.requires-enforcing-dmarc.none-found':
    '{domain} has no DMARC policy: receivers ignore its BIMI record.',
  'bimi.requires-enforcing-dmarc.policy':
    'DMARC at {where} is not at enforcement: the applicable policy is {policy}{testing, plural, =0 {} other { with t=y (applied as none)}}. Receivers do not show the BIMI logo.',
  'bimi.requires-enforcing-dmarc.pct':
    'DMARC at {where} is not at enforcement: pct={pct} applies it to only part of the mail. Receivers do not show the BIMI logo.',
  'bimi.requires-enforcing-dmarc.pass': 'DMARC at {where} is at enforcement ({policy}).',
  'bimi.missing.error': 'Could not look up default._bimi.{domain} TXT ({reason}): BIMI could not be checked.',
  'bimi.missing.none': '{domain} publishes no BIMI record (optional): no logo is shown beside its mail.',
  'bimi.missing.pass': 'A BIMI record is published at default._bimi.{domain}.',
  'bimi.invalid.multiple': '{count} TXT records start with v=BIMI1: receivers ignore them all.',
  'bimi.invalid.fail':
    'The BIMI record is invalid ({count, plural, one {# problem} other {# problems}}, see the evidence).',
  'bimi.invalid.declined': 'The BIMI record declines BIMI (empty l= and a=): no logo is wanted.',
  'bimi.invalid.pass': 'The BIMI record is valid.',
  'bimi.authority-missing.warn':
    'The record has no a= authority evidence (VMC/CMC): Gmail and Apple Mail will not show the logo.',
  'bimi.authority-missing.pass': 'Authority evidence is published at {url}.',
  // ---- dnssec ----
  'dnssec.signed.domain':
    'The resolver validated the MX records of {name} (AD bit set): the zone is signed and its chain of trust is intact.',
  'dnssec.signed.host':
    'The resolver validated the address of MX host {name} (AD bit set): the zone is signed and its chain of trust is intact.',
  'dnssec.unsigned.domain':
    'The resolver validates DNSSEC (the DNSKEY of {anchor} came back authenticated) but did not authenticate the MX records of {name}: the zone is not signed or has no DS record at its parent. Forged MX answers for this domain cannot be detected by senders.',
  'dnssec.unsigned.host':
    'The resolver validates DNSSEC (the DNSKEY of {anchor} came back authenticated) but did not authenticate the address of MX host {name}: the zone is not signed or has no DS record at its parent. DANE for SMTP cannot protect mail to this host.',
  'dnssec.bogus.fail':
    'The resolver answers SERVFAIL for {asked} but answers with checking disabled (CD=1): the DNSSEC signatures do not validate, so every validating resolver fails to resolve it and mail is delayed or bounced.',
  'dnssec.unknown.one':
    'Could not tell whether {name} is signed: neither {asked} nor the DNSKEY of any zone above it up to the root came back authenticated, so the resolver does not validate DNSSEC (or has no trust anchor for it). Use --resolver with a validating resolver.',
  'dnssec.unknown.many':
    'Could not tell whether {names} are signed: no answer for them nor for the DNSKEY of any zone above them up to the root came back authenticated, so the resolver does not validate DNSSEC. Use --resolver with a validating resolver.',
  'dnssec.dns-error.failed': 'Could not read the DNSSEC status of {name}: {failure}.',
  'dnssec.dns-error.failed-cd':
    'Could not read the DNSSEC status of {name}: {failure}; {asked} with checking disabled: {cdFailure}.',
  // ---- dkim ----
  'dkim.weak-key.ed25519':
    'Selector {selector}{aliased, plural, =0 {} other { (via CNAME → {alias})}}: Ed25519 key (RFC 8463). Verifiers that do not support Ed25519 need an RSA key at another selector as well.',
  'dkim.weak-key.too-short':
    'Selector {selector}{aliased, plural, =0 {} other { (via CNAME → {alias})}}: {bits}-bit RSA key{pkcs1, plural, =0 {} other {, published as a bare {format} RSAPublicKey}}. Below 1024 bits verifiers reject the key (RFC 8301) and it can be factored, letting anyone sign mail as this domain.',
  'dkim.weak-key.minimum':
    'Selector {selector}{aliased, plural, =0 {} other { (via CNAME → {alias})}}: {bits}-bit RSA key{pkcs1, plural, =0 {} other {, published as a bare {format} RSAPublicKey}}. RFC 8301 requires at least 1024 bits and recommends 2048.',
  'dkim.weak-key.pass':
    'Selector {selector}{aliased, plural, =0 {} other { (via CNAME → {alias})}}: {bits}-bit RSA key{pkcs1, plural, =0 {} other {, published as a bare {format} RSAPublicKey}}.',
  'dkim.unusable-key.service':
    'Selector {selector}{aliased, plural, =0 {} other { (via CNAME → {alias})}}: s={services} does not include email or *, so verifiers ignore this key for mail.',
  'dkim.sha1-only.fail':
    'Selector {selector}{aliased, plural, =0 {} other { (via CNAME → {alias})}}: h=sha1 allows only SHA-1, which RFC 8301 forbids verifiers to accept: no signature with this key verifies.',
  'dkim.unusable-key.hash':
    'Selector {selector}{aliased, plural, =0 {} other { (via CNAME → {alias})}}: h={hashes} names no hash algorithm verifiers support (sha256).',
  'dkim.testing.warn':
    'Selector {selector}{aliased, plural, =0 {} other { (via CNAME → {alias})}}: t=y marks the key as testing, so verifiers treat signed mail like unsigned mail.',
  'dkim.syntax-error.invalid':
    'Selector {selector}{aliased, plural, =0 {} other { (via CNAME → {alias})}}: the key record is invalid ({count, plural, one {# problem} other {# problems}}, see the evidence). Every signature with this selector fails.',
  'dkim.revoked.warn':
    'Selector {selector}{aliased, plural, =0 {} other { (via CNAME → {alias})}}: the key is revoked (empty p=). Mail still signed with this selector fails DKIM; fine if nothing uses it any more.',
  'dkim.unusable-key.key-type':
    'Selector {selector}{aliased, plural, =0 {} other { (via CNAME → {alias})}}: k={keyType} is not a key type verifiers know (rsa, ed25519), so they cannot verify with it.',
  'dkim.syntax-error.multiple':
    'Selector {selector}{aliased, plural, =0 {} other { (via CNAME → {alias})}}: {count} key records at one name; verifiers may use any of them (RFC 6376 §3.6.2.2), so signatures fail unpredictably.',
  'dkim.wildcard.error':
    'Could not test for a wildcard: the lookup of the random selector {selector} failed ({reason}: {detail}). Keys found below may be answers of a wildcard.',
  'dkim.wildcard.pass':
    'No wildcard: the random selector {selector} has no key, so each key found is published at its own name.',
  'dkim.wildcard.warn':
    "The random selector {selector} returned a DKIM key record: a wildcard answers every selector, so finding a key does not show which selectors are used.{echoCount, plural, =0 { No selector tried received the wildcard record.} other { Unreliable (they get the wildcard's record): {echoes}.}}{ownCount, plural, =0 {} other { Selectors with their own, different record: {own}.}}",
  'dkim.dns-error.one':
    'Selector {selector}: the TXT lookup of {name} failed ({reason}: {detail}), so whether it holds a key is unknown.',
  'dkim.dns-error.grouped':
    '{count} selector lookups failed ({reason}), so whether they hold keys is unknown; the first: {detail}.',
  'dkim.key-found.pass':
    'DKIM key records found at {count} selector(s): {selectors}.{failed, plural, =0 {} other { # selector(s) could not be looked up (see dkim.dns-error).}}{danglingCount, plural, =0 {} other { CNAME to a name that does not exist: {dangling}{microsoft, plural, =0 {} other { (Microsoft 365: DKIM signing is not enabled for this domain yet)}}.}}{rejectedCount, plural, =0 {} other { Ignored, not valid selectors: {rejected}.}}{pruned, plural, =0 {} other { {prunedName} does not exist (NXDOMAIN), so no selector below it can exist (RFC 8020 §2); only your selectors and the most common ones were still tried, in case the name server answers NXDOMAIN wrongly.}}',
  'dkim.none-found.error':
    'Could not look for DKIM keys: every one of the {count} selector lookups failed.{failed, plural, =0 {} other { # selector(s) could not be looked up (see dkim.dns-error).}}{danglingCount, plural, =0 {} other { CNAME to a name that does not exist: {dangling}{microsoft, plural, =0 {} other { (Microsoft 365: DKIM signing is not enabled for this domain yet)}}.}}{rejectedCount, plural, =0 {} other { Ignored, not valid selectors: {rejected}.}}{pruned, plural, =0 {} other { {prunedName} does not exist (NXDOMAIN), so no selector below it can exist (RFC 8020 §2); only your selectors and the most common ones were still tried, in case the name server answers NXDOMAIN wrongly.}}',
  'dkim.none-found.warn':
    'No DKIM key found at the {count} selector(s) tried.{wildcard, plural, =0 {} other { Only the wildcard record answered (see dkim.wildcard).}} This is not proof that the domain does not sign: selectors cannot be listed, and a sender may use another one. Pass the s= value of a DKIM-Signature header with --dkim-selector.{failed, plural, =0 {} other { # selector(s) could not be looked up (see dkim.dns-error).}}{danglingCount, plural, =0 {} other { CNAME to a name that does not exist: {dangling}{microsoft, plural, =0 {} other { (Microsoft 365: DKIM signing is not enabled for this domain yet)}}.}}{rejectedCount, plural, =0 {} other { Ignored, not valid selectors: {rejected}.}}{pruned, plural, =0 {} other { {prunedName} does not exist (NXDOMAIN), so no selector below it can exist (RFC 8020 §2); only your selectors and the most common ones were still tried, in case the name server answers NXDOMAIN wrongly.}}',
} as const satisfies Readonly<Record<string, string>>;

export type DnsFindingKey = keyof typeof enDnsFindings;
