// English templates of the exchange.* checks finding messages, keyed by `Finding.messageKey`; the
// checks render their English `message` from these. French: src/i18n/fr/exchange-findings.ts.

/** How the build was placed in the data (`BuildIdentification.kind`), with the names it gives. */
const productEn =
  '{identification, select, known-build {{product}} unlisted-build {{product} {level} (unlisted update above {closest})} ' +
  'newer-than-data {{product}{level, select, none {} other { {level}}} (newer than our data)} ' +
  'cu-only {{product} {level} (security update not visible)} unknown-level {{product} (unknown CU)} ' +
  'product-only {{product}} other {an unknown product}}';

/** Why the CVE verdict is what it is (`VerdictReason.kind`). */
const reasonEn =
  '{reason, select, level-never-fixed {{level} never received the fix} below-fix {the build is below the fix {fixBuild}} ' +
  'at-or-above-fix {the build is at or above the fix {fixBuild}} level-includes-fix {{level} and later include the fix} ' +
  'cu-needs-update {only the CU is visible; it is fixed only from {fixBuild} on} ' +
  'source-conflict {sources disagree on the fixing build ({lowerBuild} or {fixBuild})} ' +
  'product-not-affected {the product is not affected} product-not-assessed {Microsoft no longer assessed {product}} ' +
  'configuration-default {configuration decides; this build protects by default unless turned off} ' +
  'configuration {configuration decides{note, select, none {} other {: {note}}}} ' +
  'unknown-level {the CU is not in our data} newer-than-data {the build is newer than our data} ' +
  'other {only the product is known}}';

/** A CVE with what makes it urgent: its nickname, CISA KEV, no login needed, CVSS. */
const cveEn =
  '{cve}{aka, select, none {} other { ({aka})}}{kev, select, yes {, in CISA KEV (exploited in the wild)} other {}}' +
  '{login, select, none {, no login needed} other {}}{cvss, select, none {} other {, CVSS {cvss}}}';

/** An HTTPS request that failed (`HttpsErrorReason`). */
const httpsErrorEn =
  '{error, select, timeout {no response in time} no-address {the name has no address} dns {the DNS lookup failed} ' +
  'connect {the connection failed} tls {the TLS handshake failed} protocol {the answer was not valid HTTP} other {the request failed}}';

/** Why an HTTPS certificate is refused: the TLS library's code. */
const certEn =
  '{code, select, CERT_HAS_EXPIRED {expired} ERR_TLS_CERT_ALTNAME_INVALID {issued for another name} ' +
  'DEPTH_ZERO_SELF_SIGNED_CERT {self-signed} SELF_SIGNED_CERT_IN_CHAIN {chain ends in an untrusted root} ' +
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE {issuer unknown or intermediate missing} none {no TLS session} other {{code}}}';

export const enExchangeFindings = {
  'exchange.detected': `Microsoft Exchange on {subject}: ${productEn}, build {version}. Known vulnerabilities: {certain} certain, up to {possible} possible.`,
  'exchange.not-found':
    'No on-premises Exchange answered on the hosts examined{notExchange, select, none {} other {; not Exchange: {notExchange}}}' +
    '{noServer, select, none {} other {; no HTTPS server: {noServer}}}.',
  'exchange.unreachable': `Could not check {host} for Exchange: ${httpsErrorEn}.`,
  'exchange.build-unknown':
    'Exchange on {subject}: {why, select, ' +
    'newer-than-data {build {version} is newer than the newest in our data ({newest}): update telltale} ' +
    'unknown-level {build {version} is on a CU our data does not list} ' +
    'other {no build number visible (no OWA resource path, X-OWA-Version header or export-tool manifest)}}' +
    '; which CVEs apply is unknown.',
  'exchange.data-stale':
    'The Exchange vulnerability data ({dataVersion}) was due for review on {reviewBy}, {days, plural, one {# day} other {# days}} ago: newer updates and CVEs are unknown to this report.',
  'exchange.unsupported':
    '{subject} runs {product}, out of support since {endedOn}.{esu, select, ' +
    'observed { The installed update is an ESU-only one: the organisation is (or was) in the paid programme.} ' +
    'not-visible { Whether the organisation pays for Extended Security Updates cannot be seen from outside.} other {}}',
  'exchange.level-not-current':
    '{subject} runs {product} on a CU that no longer gets updates (serviced: {levels}).',
  'exchange.vulnerable': `{subject} is open to ${cveEn}: ${reasonEn}. {impact}`,
  'exchange.possibly-vulnerable': `{subject} may be open to ${cveEn}: ${reasonEn}. {impact}`,
  'exchange.not-verifiable': `${cveEn} on {subject} cannot be verified from outside: ${reasonEn}.`,
  'exchange.mixed-builds': 'The front-ends behind {host} run different builds: {servers}.',
  'exchange.internal-name-leak': '{host} reveals internal names in its headers: {names}.',
  'exchange.ntlm-info-leak':
    '{host} answers an anonymous NTLM negotiate with internal names ({names}) and ' +
    '{windows, select, none {no Windows version} other {Windows {windows}{release, select, none {} other { ({release}, ' +
    '{support, select, out-of-support {out of support} mainstream {mainstream support} other {extended support}})}}}}.',
  'exchange.windows-unsupported':
    'Exchange on {host} runs on {release}, out of support since {extendedEnd}.' +
    '{esu, select, yes { Paid Extended Security Updates may still cover it; that cannot be seen from outside.} other {}}',
  'exchange.ecp-exposed': 'The Exchange admin center answers on https://{host}/ecp/ (HTTP {status}).',
  'exchange.ecp-blocked': 'https://{host}/ecp/ is blocked from the internet (HTTP {status}).',
  'exchange.powershell-exposed':
    'Exchange remote PowerShell answers on https://{host}/powershell/ (HTTP {status}).',
  'exchange.powershell-blocked': 'https://{host}/powershell/ is blocked from the internet (HTTP {status}).',
  'exchange.surface-error': `Could not tell whether {url} is reachable: ${httpsErrorEn}.`,
  'exchange.tls-certificate': `The HTTPS certificate of {host} is not valid (${certEn}); the fingerprint was still read.`,
} as const;

export type ExchangeFindingKey = keyof typeof enExchangeFindings;
