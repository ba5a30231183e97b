// English templates of the connector checks' finding messages (smtp.*, dane.*, dnsbl.*, PTR), keyed by
// `Finding.messageKey`; the checks render their English `message` from these. French: ../fr/smtp-findings.ts.

/** An SMTP failure (`SmtpFailure.kind`), with Node's error code when there was one. */
const failureEn =
  '{failure, select, refused {the connection was refused} timeout {no answer to the connection} ' +
  'unreachable {the address is unreachable from here} greeting-timeout {no greeting in time} ' +
  'reply-timeout {no reply in time} tarpit {the reply trickled in too slowly (tarpit)} ' +
  'budget {the session ran out of time} rejected {the server refused the session} ' +
  'protocol {the server broke the SMTP protocol} tls {the TLS handshake failed} ' +
  'closed {the connection was closed} aborted {the scan was cancelled} none {the session ended before STARTTLS} ' +
  'other {{failure}}}{code, select, none {} other { ({code})}}';

/** An SMTP reply quoted as the server sent it, when there is one. */
export const replyEn = '{reply, select, none {} other { ({reply})}}';

/** A TLS handshake error: OpenSSL's or Node's code. */
const tlsErrorEn = '{code, select, none {no error code} HANDSHAKE_TIMEOUT {timed out} other {{code}}}';

/** A certificate verification error: OpenSSL's code. */
const certErrorEn =
  '{code, select, DEPTH_ZERO_SELF_SIGNED_CERT {it signs itself} SELF_SIGNED_CERT_IN_CHAIN {its chain ends in a self-signed root nobody trusts} ' +
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY {its issuer is not a trusted CA, or an intermediate certificate is missing} ' +
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE {its issuer is unknown, or an intermediate certificate is missing} ' +
  'CERT_UNTRUSTED {its CA is not trusted} other {{code}}}';

/** A DNS lookup failure (`DnsErrorReason`). */
const dnsErrorEn =
  '{reason, select, timeout {timeout} servfail {SERVFAIL} refused {REFUSED} formerr {FORMERR} notimp {NOTIMP} ' +
  'malformed {malformed answer} network {network error} other {DNS error}}';

/** What makes senders strict about a port-25 certificate (appended to certificate verdicts). */
const strictEn =
  '{strict, select, mta-sts { The domain’s MTA-STS policy is in enforce mode, so senders that honour it will refuse to deliver.} ' +
  'dane { The host publishes DANE TLSA records, so DANE senders verify the certificate.} ' +
  'opportunistic { Senders using opportunistic TLS on port 25 still deliver (encrypted, unauthenticated); those with MTA-STS or DANE would not.} ' +
  'other {}}';

export const enSmtpFindings = {
  // Reachability and session
  'smtp.unreachable.error': `Could not talk to {where}: ${failureEn}${replyEn}. No verdict on this server: port 25 may be blocked by the network telltale runs from, the server may be busy or greylisting, or it may be down.`,
  'smtp.unreachable.fail': `{where} does not answer (${failureEn}), although another mail server of the domain answered from here in the same scan: senders trying this address lose time or fail.`,
  'smtp.unreachable.protocol': '{where} broke the SMTP protocol: senders cannot deliver to it.',
  'smtp.unreachable.answered': '{where} answered: {greeting}.',
  'smtp.unreachable.no-prober':
    'SMTP probing is not available in this run, so the mail servers of {domain} were not contacted.',
  'smtp.unreachable.private-address':
    '{address} (MX {host}) was not contacted: no sender on the internet can reach it (see mx.private-address).',
  'smtp.banner.version': '{where} announces {software} {version} to anyone who connects ("{line}").',
  'smtp.banner.software': '{where} names its software ({software}) in its banner ("{line}"), but no version.',
  'smtp.banner.quiet': '{where} names no software or version in its banner or EHLO reply.',
  'smtp.starttls.missing': '{where} does not offer STARTTLS: mail to it travels in clear text.',
  'smtp.starttls.helo-only':
    '{where} refused EHLO and only speaks old HELO SMTP, so it cannot offer STARTTLS: mail to it travels in clear text.',
  'smtp.starttls.refused':
    '{where} advertises STARTTLS but refused it ({reply}): senders fall back to clear text.',
  'smtp.starttls.failed': `{where} advertises STARTTLS but the TLS handshake failed (${tlsErrorEn}): senders fall back to clear text.`,
  'smtp.starttls.not-reached': `{where} advertises STARTTLS but the TLS handshake failed (${failureEn}): senders fall back to clear text.`,
  'smtp.starttls.implicit-failed': `{where} expects TLS from the first byte but the handshake failed (${tlsErrorEn}).`,
  'smtp.starttls.ok': '{where} offers STARTTLS; the handshake gave {protocol} with {cipher}.',
  'smtp.starttls.no-ehlo':
    '{where} greeted us but its EHLO/HELO reply could not be read, so its extensions are unknown.',
  'smtp.auth.before-tls-clear':
    '{where} offers AUTH {mechanisms} before STARTTLS: a client can send its password in clear text (PLAIN/LOGIN are only base64).',
  'smtp.auth.before-tls':
    '{where} offers AUTH {mechanisms} before STARTTLS: login exchanges can happen without encryption.',
  'smtp.auth.none-before-tls': '{where} offers no AUTH before STARTTLS.',
  'smtp.auth.only-after-tls': '{where} offers AUTH ({mechanisms}) only inside TLS.',
  'smtp.auth.port-25':
    '{where} offers AUTH {mechanisms} on port 25, where only servers deliver: it invites password guessing.',
  'smtp.auth.none-port-25': '{where} offers no AUTH on port 25.',
  'smtp.ntlm.leak':
    '{where} answers an anonymous AUTH NTLM with internal details:' +
    '{computer, select, none {} other { computer {computer};}}{host, select, none {} other { host {host};}}' +
    '{netbiosDomain, select, none {} other { NetBIOS domain {netbiosDomain};}}{adDomain, select, none {} other { AD domain {adDomain};}}' +
    '{forest, select, none {} other { forest {forest};}}{target, select, none {} other { target {target};}}' +
    '{windows, select, none { no Windows build} other { Windows {windows} build {build}{release, select, none {} other { ({release})}}}}.',
  'smtp.ntlm.undecodable':
    '{where} answers an anonymous AUTH NTLM with a challenge telltale could not decode; it may carry internal names.',
  'smtp.ntlm.quiet': '{where} answered AUTH NTLM without internal names or Windows build.',
  'smtp.ntlm.not-offered': '{where} does not offer AUTH NTLM.',
  'smtp.ntlm.refused': '{where} advertises NTLM but refused to start it ({reply}).',
  'smtp.ntlm.malformed': '{where} answered AUTH NTLM with something that is not base64 ({reply}).',
  'smtp.vrfy.enabled': '{where} confirms mailboxes with VRFY: VRFY {name} → {reply}.',
  'smtp.vrfy.enumerates':
    '{where} tells existing mailboxes from unknown ones with VRFY: VRFY {known} → {knownReply}, but VRFY ' +
    '{unknown} → {unknownReply}. Anyone can test an address list this way.',
  'smtp.vrfy.same':
    '{where} answers VRFY alike for an existing mailbox and for a name that cannot exist (VRFY {known} → ' +
    '{reply}; VRFY {unknown} → {unknownReply}): it reveals no mailbox.',
  'smtp.vrfy.quiet': '{where} does not confirm mailboxes with VRFY ({reply}).',
  'smtp.vrfy.incomplete':
    '{where} answered VRFY {known} with {reply} but not the VRFY of a name that cannot exist, so whether it ' +
    'tells existing mailboxes from unknown ones could not be checked.',
  'smtp.relay.disabled': 'The open-relay test of {where} was not run (--no-relay-test).',
  'smtp.relay.not-run': 'The open-relay test of {where} was not run: the server could not be reached.',
  'smtp.relay.error': `The open-relay test of {where} could not finish: ${failureEn}.`,
  'smtp.relay.sender-refused':
    '{where} refused our neutral sender ({reply}), so whether it relays for other senders is unknown.',
  'smtp.relay.open':
    '{where} is an OPEN RELAY: it accepted mail from an outside sender for {recipients} (RCPT TO answered 2xx). ' +
    'Spammers can send through it. (telltale stopped before DATA: nothing was delivered.)',
  'smtp.relay.percent':
    '{where} accepted the percent-hack recipient {recipient} but refused the plain outside recipient: either it ' +
    'accepts every address of its own domain (no recipient filtering), or it would forward it outside. Check that % routing is off.',
  'smtp.relay.deferred':
    '{where} deferred the outside recipient {recipient} ({reply}), so whether it relays is unknown; try again later.',
  'smtp.relay.closed':
    '{where} refused {count, plural, one {the # outside recipient} other {all # outside recipients}} from an outside sender: not an open relay.',

  // TLS versions, ciphers, certificate
  'smtp.tls.legacy-accepted-port-25':
    '{where} accepts {versions} (on port 25 this keeps very old senders encrypted, but these versions are deprecated).',
  'smtp.tls.legacy-accepted': '{where} accepts {versions}: deprecated and attackable versions.',
  'smtp.tls.legacy-refused':
    '{where} refuses SSLv3, TLS 1.0 and TLS 1.1{untested, select, none {} other { (not tested: {untested})}}; ' +
    'it accepts {accepted, select, none {no version we tried} other {{accepted}}}.',
  'smtp.tls.legacy-unknown': `Could not test the legacy TLS versions of {where} ({versions}): ${failureEn}.`,
  'smtp.tls.no-modern': '{where} accepts neither TLS 1.2 nor TLS 1.3.',
  'smtp.tls.weak-accepted': '{where} accepts weak cipher suites: {suites}.',
  'smtp.tls.no-forward-secrecy':
    '{where} negotiates {cipher} by default, without forward secrecy: recorded mail can be decrypted later with the server key.',
  'smtp.tls.ciphers-unknown': `Could not test the weak cipher suites of {where}: ${failureEn}.`,
  'smtp.tls.anonymous-port-25':
    '{where} accepts anonymous suites ({suites}) and no other weak suite that counts on port 25' +
    '{cipher, select, none {} other {; a modern client gets {cipher}, with forward secrecy}}. Harmless on port 25: ' +
    'only a sender that authenticates no server picks an anonymous suite, and DANE or MTA-STS senders never offer one.',
  'smtp.tls.ciphers-ok':
    '{where} refuses every weak suite family we tried{cipher, select, none {} other {; a modern client gets {cipher}, with forward secrecy}}.',
  'smtp.cert.expired': `The certificate of {where} expired on {notAfter} ({days, plural, one {# day} other {# days}} ago).${strictEn}`,
  'smtp.cert.not-yet-valid': `The certificate of {where} is not valid before {notBefore}.${strictEn}`,
  'smtp.cert.valid': 'The certificate of {where} is within its validity period (until {notAfter}).',
  'smtp.cert.expiring':
    'The certificate of {where} expires on {notAfter}: {days, plural, one {# day} other {# days}} left.',
  'smtp.cert.name-mismatch': `The certificate of {where} is not valid for {names}: it names {dnsNames, select, none {no DNS name} other {{dnsNames}}}.${strictEn}`,
  'smtp.cert.name-ok': 'The certificate of {where} is valid for {name}.',
  'smtp.cert.name-dane-ee':
    'The certificate of {where} does not name the MX host, but DANE-EE records make names irrelevant (RFC 7672 §3.1.1).',
  'smtp.cert.untrusted': `The certificate of {where} is {selfSigned, select, yes {self-signed} other {not trusted}}: ${certErrorEn}.${strictEn}`,
  'smtp.cert.untrusted-dane-ee': `The certificate of {where} is not trusted by public CAs (${certErrorEn}), which DANE-EE records make irrelevant.`,
  'smtp.cert.trusted': 'The certificate of {where} chains to a trusted CA (issuer {issuer}).',
  'smtp.cert.weak-key': `The certificate of {where} is weak: {problems}.${strictEn}`,
  'smtp.cert.strong-key':
    'The certificate of {where} has a {keyType}{bits, select, none {} other { {bits}-bit}} key and a {signature} signature.',

  // DANE
  'dane.lookup-failed': `Could not read the TLSA records at {name}: ${dnsErrorEn}. Whether DANE is in use is unknown.`,
  'dane.none': 'No TLSA records at {name}: DANE is not in use for this host.',
  'dane.authenticated':
    '{count, plural, one {The TLSA record at {name} is} other {The # TLSA records at {name} are}} DNSSEC-validated (AD bit).',
  'dane.unsigned':
    '{name} publishes TLSA records, but its zone is not signed (the resolver validates: {zone} is signed): senders ignore them, so DANE protects nothing.',
  'dane.undetermined':
    '{name} publishes TLSA records, but they did not come back authenticated and the resolver does not seem to validate DNSSEC: no verdict. Use --resolver with a validating resolver.',
  'dane.bogus':
    'The DNSSEC status of {name} could not be established (bogus or failing answers): no verdict on its TLSA records.',
  'dane.match':
    'The certificate chain of {where} matches the TLSA record {record} (certificate {index} of the chain).',
  'dane.mismatch':
    'The certificate chain of {where} {count, plural, one {does not match the TLSA record} other {matches none of the # TLSA records}} ({records}). DANE senders refuse to deliver to it: ' +
    'this is the classic outage after a certificate change without a TLSA update.' +
    '{current, select, none {} other { The record for the certificate in use would be: {current}.}}',
  'dane.no-usable':
    '{count, plural, one {The TLSA record for {where} is not} other {None of the # TLSA records for {where} is}} usable for SMTP ({records}): usages 0 and 1 are undefined for SMTP (RFC 7672 §3.1.3) and unknown values are ignored. Senders use TLS without authentication.',
  'dane.unparsable': 'Could not read the certificate chain of {where}: no DANE verdict.',
  'dane.no-tls':
    '{where} has DNSSEC-validated TLSA records but offers no working STARTTLS: DANE senders will not deliver to it.',
  'dane.unreachable':
    'Could not match the TLSA records against {where}: the server could not be reached (see smtp.unreachable).',

  // Reverse DNS
  'smtp.ptr.lookup-failed': `Could not read the reverse DNS of {address} (MX {host}): ${dnsErrorEn}. Whether it has a PTR name is unknown.`,
  'smtp.ptr.missing':
    '{address} (MX {host}) has no PTR record ({name}): receivers that check reverse DNS will distrust or refuse mail this server sends.',
  'smtp.ptr.present': '{address} has reverse DNS: {names}.',
  'smtp.ptr.confirmed-mx-name':
    '{address} → {name} → {address}: forward-confirmed, and the PTR name is the MX name.',
  'smtp.ptr.confirmed':
    '{address} → {name} → {address}: forward-confirmed (the MX name is {host}; a matching name is neater but not required).',
  'smtp.ptr.not-confirmed':
    '{address} has the PTR name {names}, but {count, plural, one {that name does} other {none of these names do}} not resolve back to {address}: reverse DNS is not forward-confirmed.',
  'smtp.ptr.confirm-failed': `Could not confirm the PTR name {names} of {address}: ${dnsErrorEn}.`,

  // DNS blocklists (`meaning` and `list` come from data/dnsbl-zones.json, in English)
  'dnsbl.listed':
    '{address} (MX {host}) is listed by {blocklist} ({zone}, {sublist}, answer {answer}): {meaning}. Look it up and ask for removal at {lookup}.',
  'dnsbl.policy':
    "{address} (MX {host}) is on {blocklist}'s {sublist} (answer {answer}): {meaning}. Mail this address sends " +
    'directly is refused by receivers that use it; mail it receives is not affected.',
  'dnsbl.unknown-code':
    "{address} (MX {host}) is listed by {blocklist} ({zone}) with return code {answer}, which telltale's table does not describe. Look it up at {lookup}.",
  'dnsbl.refused':
    'Could not check {address} against {blocklist}: it answered {answer}, which means {meaning}. This is not a listing.',
  'dnsbl.refused-unknown':
    'Could not check {address} against {blocklist}: it answered {answer}, which means an error code this list uses. This is not a listing.',
  'dnsbl.not-dnsbl-answer':
    'Could not check {address} against {blocklist}: the answer {answer} is outside 127.0.0.0/8, so it is not a ' +
    'blocklist answer (usually a resolver that rewrites "no such name" into an advertising address). Use a plain resolver.',
  'dnsbl.lists-everything':
    'Could not check {address} against {blocklist}: the zone also lists 127.0.0.1, the address RFC 5782 says must ' +
    'never be listed, so it answers "listed" for everything (a dead or hijacked list). Its answer is ignored.',
  'dnsbl.lookup-failed': `Could not check {address} against {blocklist} ({zone}): ${dnsErrorEn}.`,
  'dnsbl.clean':
    '{address} (MX {host}) is on none of the {count, plural, one {# blocklist} other {# blocklists}} that answered ({lists})' +
    '{unchecked, plural, =0 {.} other {; # could not be checked (see the errors).}}',
} as const;

export type SmtpFindingKey = keyof typeof enSmtpFindings;
