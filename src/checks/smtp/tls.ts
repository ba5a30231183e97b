// The TLS side of one mail server: protocol versions and weak suites accepted, and the certificate it presents
// (expiry, name, trust, key), graded for opportunistic SMTP unless MTA-STS enforce or DANE makes senders strict.

import { X509Certificate } from 'node:crypto';
import { enSmtpFindings } from '../../i18n/en/smtp-findings.js';
import type { CheckMeta, Evidence, Finding, Reference } from '../../model/finding.js';
import type { CipherFamilyOutcome, SmtpFailure, WeakCipherFamily } from '../../net/smtp/types.js';
import type { CertificateInfo, TlsVersionName } from '../../net/tls/types.js';
import { finding } from '../finding-builder.js';
import { keyedMessages, list, none } from './keyed-message.js';
import { leafOf, type ServerObservation } from './observe.js';
import { failureParams, transcriptEvidence } from './session.js';

const rfc = (number: number, title: string, section?: string): Reference => ({
  title: `RFC ${number}${section === undefined ? '' : ` §${section}`}: ${title}`,
  url: `https://www.rfc-editor.org/rfc/rfc${number}${section === undefined ? '' : `#section-${section}`}`,
});
const rfc8996 = rfc(8996, 'Deprecating TLS 1.0 and TLS 1.1');
const rfc9325 = rfc(9325, 'Recommendations for Secure Use of TLS and DTLS');
const rfc7435 = rfc(7435, 'Opportunistic Security');
const rfc8461 = rfc(8461, 'SMTP MTA Strict Transport Security (MTA-STS)');
const rfc7672 = rfc(7672, 'SMTP Security via Opportunistic DANE TLS');
const bsi = {
  title: 'BSI TR-02102-2: Cryptographic Mechanisms, Use of TLS',
  url: 'https://www.bsi.bund.de/EN/Themen/Unternehmen-und-Organisationen/Standards-und-Zertifizierung/Technische-Richtlinien/TR-nach-Thema-sortiert/tr02102/tr02102_node.html',
};
const nist = {
  title: 'NIST SP 800-52 Rev. 2: Guidelines for TLS Implementations',
  url: 'https://csrc.nist.gov/pubs/sp/800/52/r2/final',
};
const exchangeTls = {
  title: 'Microsoft: Exchange Server TLS configuration best practices',
  url: 'https://learn.microsoft.com/en-us/exchange/plan-and-update/exchange-secure-deployment/exchange-tls-configuration',
};

const opportunistic =
  'Port 25 uses opportunistic TLS (RFC 7435): most senders encrypt when they can and accept any certificate, ' +
  'because the alternative is clear text. So on port 25 this is a warn, unless the domain publishes an MTA-STS ' +
  'policy in enforce mode or DANE TLSA records: then senders verify the certificate and refuse to deliver when it ' +
  'fails, and it is a fail. On the submission ports 587 and 465 mail clients always verify: fail.';

export const tlsLegacyProtocolMeta: CheckMeta = {
  id: 'smtp.tls-legacy-protocol',
  area: 'tls',
  title: 'The mail server accepts SSLv3, TLS 1.0 or TLS 1.1',
  severity: 'medium',
  description:
    'Each protocol version is tried in its own connection, with telltale’s own security level lowered so that ' +
    'a refusal is the server’s. TLS 1.0 and 1.1 are deprecated (RFC 8996) and SSLv3 is broken (POODLE). On port ' +
    '25 a sender that only speaks TLS 1.0 would otherwise fall back to clear text, so accepting TLS 1.0/1.1 there is ' +
    'a low-severity warn; on submission ports (587/465) it is a fail, and SSLv3 is a fail everywhere. A version ' +
    'the runtime cannot offer is reported as not tested, never as refused.',
  remediation:
    'Exchange (Windows Server): disable TLS 1.0 and 1.1 in SCHANNEL — for each of "TLS 1.0" and "TLS 1.1" set ' +
    '`HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.0\\Server` ' +
    '`Enabled=0` and `DisabledByDefault=1` (DWORD), the same under `...\\Client`, make sure TLS 1.2 is enabled and ' +
    '.NET uses it (`SchUseStrongCrypto=1`), then reboot; Microsoft’s Exchange HealthChecker script shows the result. ' +
    'Postfix: `smtpd_tls_protocols = >=TLSv1.2` and `smtpd_tls_mandatory_protocols = >=TLSv1.2`.',
  references: [rfc8996, rfc9325, bsi, nist, exchangeTls],
};

export const tlsWeakCipherMeta: CheckMeta = {
  id: 'smtp.tls-weak-cipher',
  area: 'tls',
  title: 'The mail server accepts weak cipher suites or lacks forward secrecy',
  severity: 'medium',
  description:
    'Each family of weak suites is offered alone in its own connection: NULL (no encryption), anonymous (no ' +
    'authentication), EXPORT, RC4, DES and 3DES (SWEET32), static-RSA key exchange (no forward secrecy) and CBC ' +
    'suites over TLS 1.0. NULL and EXPORT are a fail of high severity on every port, anonymous suites on the ' +
    'submission ports 587 and 465 (mail clients must authenticate the server). On port 25 accepted anonymous ' +
    'suites are named in a pass: with opportunistic TLS (RFC 7435) only a sender that authenticates no server ' +
    'would choose one, and it would not check a certificate either; senders that authenticate (DANE, MTA-STS ' +
    'enforce) never offer them. Postfix enables them on its SMTP server by default for this reason (postconf(5), ' +
    'smtpd_tls_exclude_ciphers). The other families are a fail on submission ports and a warn on port 25 ' +
    '(opportunistic TLS prefers weak encryption to none). When the suite a modern client gets by default has no ' +
    'forward secrecy, recorded traffic can be decrypted later with the server key: warn.',
  remediation:
    'Exchange (Windows Server): follow Microsoft’s Exchange TLS guidance — disable RC4, DES, 3DES and NULL under ' +
    '`HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Ciphers` (`Enabled=0`) and order the ' +
    'suites with `Disable-TlsCipherSuite -Name TLS_RSA_WITH_3DES_EDE_CBC_SHA` (one per weak suite) so ECDHE-GCM ' +
    'suites come first. Postfix: `smtpd_tls_ciphers = medium`, `smtpd_tls_exclude_ciphers = eNULL, EXPORT, DES, ' +
    '3DES, RC4, MD5` in main.cf (anonymous suites may stay on port 25), and on the submission services in ' +
    'master.cf `-o smtpd_tls_exclude_ciphers=aNULL,eNULL,EXPORT,DES,3DES,RC4,MD5`.',
  references: [rfc9325, bsi, nist, exchangeTls],
};

const certificateRemediation =
  'Renew or replace the certificate with one from a public CA for the MX name (e.g. Let’s Encrypt with automatic ' +
  'renewal). Exchange: `New-ExchangeCertificate` / import it, then `Enable-ExchangeCertificate -Thumbprint ' +
  '<thumbprint> -Services SMTP`, and `Set-ReceiveConnector "EXCH01\\Default Frontend EXCH01" -TlsCertificateName ' +
  '"<I>issuer<S>subject"`; remove the expired one with `Remove-ExchangeCertificate`. If DANE TLSA records are ' +
  'published, publish the new certificate’s TLSA record before the switch (see dane.tlsa-mismatch).';

export const certExpiredMeta: CheckMeta = {
  id: 'smtp.cert-expired',
  area: 'tls',
  title: 'The mail server certificate has expired (or is not yet valid)',
  severity: 'high',
  description: `The certificate presented after STARTTLS is outside its validity period. ${opportunistic}`,
  remediation: certificateRemediation,
  references: [rfc7435, rfc8461, rfc7672],
};

export const certExpiringMeta: CheckMeta = {
  id: 'smtp.cert-expiring',
  area: 'tls',
  title: 'The mail server certificate expires soon',
  severity: 'medium',
  description:
    'Days left before the certificate expires: fewer than 14 is a fail (renewal is overdue: an automatic ' +
    'renewal would have happened at 30 days), fewer than 30 a warn. Otherwise pass, with the date.',
  remediation: certificateRemediation,
  references: [rfc7435, rfc8461],
};

export const certHostnameMismatchMeta: CheckMeta = {
  id: 'smtp.cert-hostname-mismatch',
  area: 'tls',
  title: 'The mail server certificate is not valid for the MX name',
  severity: 'high',
  description:
    `The certificate’s names (subjectAltName) do not cover the MX host name senders connect to. ${opportunistic} ` +
    'With DANE-EE (usage 3) records, names are not checked (RFC 7672 §3.1.1).',
  remediation: `Get a certificate whose subjectAltName contains the MX name (e.g. mail.example.com). ${certificateRemediation}`,
  references: [
    rfc7435,
    rfc8461,
    rfc7672,
    rfc(6125, 'Representation and Verification of Domain-Based Application Service Identity'),
  ],
};

export const certSelfSignedMeta: CheckMeta = {
  id: 'smtp.cert-self-signed',
  area: 'tls',
  title: 'The mail server certificate is self-signed or not trusted',
  severity: 'high',
  description:
    `The certificate chain does not lead to a trusted CA (self-signed, a private CA, or a missing intermediate). ${opportunistic} ` +
    'A self-signed certificate is fine with a matching DANE-EE TLSA record.',
  remediation: `${certificateRemediation} Send the intermediate certificates too (the full chain).`,
  references: [rfc7435, rfc8461, rfc7672],
};

export const certWeakKeyMeta: CheckMeta = {
  id: 'smtp.cert-weak-key',
  area: 'tls',
  title: 'The mail server certificate has a weak key or signature',
  severity: 'medium',
  description:
    'RSA keys below 2048 bits, DSA keys, elliptic curves below 224 bits and SHA-1 or MD5 signatures on the ' +
    'server certificate are below what BSI TR-02102-2 and NIST SP 800-52r2 accept. Graded like the other ' +
    'certificate problems: warn on port 25 without MTA-STS enforce or DANE, fail otherwise.',
  remediation: `Issue a new certificate with an RSA 2048+ or ECDSA P-256 key and a SHA-256 signature. ${certificateRemediation}`,
  references: [bsi, nist],
};

export const tlsMeta: readonly CheckMeta[] = [
  tlsLegacyProtocolMeta,
  tlsWeakCipherMeta,
  certExpiredMeta,
  certExpiringMeta,
  certHostnameMismatchMeta,
  certSelfSignedMeta,
  certWeakKeyMeta,
];

/** What makes senders strict about this server's certificate. */
export interface TlsStrictness {
  readonly mtaStsEnforce: boolean;
  /** Usable, DNSSEC-validated TLSA records: `ee` only DANE-EE (names and expiry not checked), `ta` any DANE-TA. */
  readonly dane: 'none' | 'ee' | 'ta';
}

export interface TlsContext {
  readonly subject: string;
  readonly where: string;
  /** The names the certificate must match (MX names using this address); empty: no name to check. */
  readonly names: readonly string[];
  readonly now: Date;
  readonly strictness: TlsStrictness;
}

const day = 86_400_000;
const legacyVersions: readonly TlsVersionName[] = ['SSLv3', 'TLSv1', 'TLSv1.1'];
const versionLabel = (version: TlsVersionName): string =>
  version === 'TLSv1' ? 'TLS 1.0' : version === 'SSLv3' ? 'SSLv3' : version.replace('TLSv', 'TLS ');

const say = keyedMessages(enSmtpFindings);

/** What a port-25 certificate verdict adds about strict senders; nothing on submission ports. */
export type StrictNote = 'mta-sts' | 'dane' | 'opportunistic' | 'none';

export function strictNote(strictness: TlsStrictness): StrictNote {
  return strictness.mtaStsEnforce ? 'mta-sts' : strictness.dane !== 'none' ? 'dane' : 'opportunistic';
}

export const tlsMessages = {
  legacyAccepted: (where: string, versions: readonly string[], port25: boolean) =>
    say(port25 ? 'smtp.tls.legacy-accepted-port-25' : 'smtp.tls.legacy-accepted', {
      where,
      versions: versions.join(', '),
    }),
  legacyRefused: (where: string, accepted: readonly string[], untested: readonly string[]) =>
    say('smtp.tls.legacy-refused', { where, accepted: list(accepted), untested: list(untested) }),
  legacyUnknown: (where: string, versions: readonly string[], failure: SmtpFailure) =>
    say('smtp.tls.legacy-unknown', { where, versions: versions.join(', '), ...failureParams(failure) }),
  noModern: (where: string) => say('smtp.tls.no-modern', { where }),
  weakAccepted: (where: string, suites: readonly string[]) =>
    say('smtp.tls.weak-accepted', { where, suites: suites.join('; ') }),
  noForwardSecrecy: (where: string, cipher: string) => say('smtp.tls.no-forward-secrecy', { where, cipher }),
  ciphersUnknown: (where: string, failure: SmtpFailure) =>
    say('smtp.tls.ciphers-unknown', { where, ...failureParams(failure) }),
  ciphersOk: (where: string, cipher: string | undefined) =>
    say('smtp.tls.ciphers-ok', { where, cipher: cipher ?? none }),
  anonymousOnPort25: (where: string, suites: readonly string[], cipher: string | undefined) =>
    say('smtp.tls.anonymous-port-25', { where, suites: suites.join('; '), cipher: cipher ?? none }),
  expired: (where: string, notAfter: string, days: number, strict: StrictNote) =>
    say('smtp.cert.expired', { where, notAfter, days, strict }),
  notYetValid: (where: string, notBefore: string, strict: StrictNote) =>
    say('smtp.cert.not-yet-valid', { where, notBefore, strict }),
  valid: (where: string, notAfter: string) => say('smtp.cert.valid', { where, notAfter }),
  expiring: (where: string, notAfter: string, days: number) =>
    say('smtp.cert.expiring', { where, notAfter, days }),
  hostnameMismatch: (
    where: string,
    names: readonly string[],
    dnsNames: readonly string[],
    strict: StrictNote,
  ) => say('smtp.cert.name-mismatch', { where, names: names.join(', '), dnsNames: list(dnsNames), strict }),
  hostnameOk: (where: string, name: string) => say('smtp.cert.name-ok', { where, name }),
  hostnameDaneEe: (where: string) => say('smtp.cert.name-dane-ee', { where }),
  untrusted: (where: string, code: string, selfSigned: boolean, strict: StrictNote) =>
    say('smtp.cert.untrusted', { where, code, selfSigned: selfSigned ? 'yes' : 'no', strict }),
  untrustedDaneEe: (where: string, code: string) => say('smtp.cert.untrusted-dane-ee', { where, code }),
  trusted: (where: string, issuer: string) => say('smtp.cert.trusted', { where, issuer }),
  weakKey: (where: string, problems: readonly string[], strict: StrictNote) =>
    say('smtp.cert.weak-key', { where, problems: problems.join('; '), strict }),
  strongKey: (where: string, keyType: string, bits: number | undefined, signature: string) =>
    say('smtp.cert.strong-key', { where, keyType, bits: bits ?? none, signature }),
} as const;

function certificateEvidence(certificate: CertificateInfo): Evidence {
  return {
    kind: 'text',
    label: `Certificate ${certificate.index}`,
    value: [
      `subject: ${certificate.subject}`,
      `issuer: ${certificate.issuer}`,
      `names: ${certificate.dnsNames.join(', ')}`,
      `valid: ${certificate.notBefore} → ${certificate.notAfter}`,
      `key: ${certificate.keyType}${certificate.keyBits ? ` ${certificate.keyBits}` : ''}${certificate.curve ? ` ${certificate.curve}` : ''}`,
      `signature: ${certificate.signatureAlgorithm.name}`,
      `SHA-256: ${certificate.fingerprint256}`,
    ].join('\n'),
  };
}

/** Strict when clients verify (submission) or the domain asks senders to (MTA-STS enforce, DANE). */
function isStrict(observation: ServerObservation, strictness: TlsStrictness, daneCovers: boolean): boolean {
  if (observation.endpoint.port !== 25) return true;
  return strictness.mtaStsEnforce || (strictness.dane !== 'none' && daneCovers);
}

export function versionFindings(observation: ServerObservation, context: TlsContext): Finding[] {
  const results = observation.versions;
  if (results.length === 0) return [];
  const evidence = results.flatMap((result) =>
    result.kind === 'untestable'
      ? []
      : [transcriptEvidence(`TLS ${result.version} probe`, result.transcript)],
  );
  const base = { subject: context.subject, evidence };
  const accepted = results.filter((r) => r.kind === 'accepted').map((r) => r.version);
  const legacy = accepted.filter((version) => legacyVersions.includes(version));
  const untested = results.filter((r) => r.kind === 'untestable' && legacyVersions.includes(r.version));
  const errors = results.filter((r) => r.kind === 'error' && legacyVersions.includes(r.version));
  const port25 = observation.endpoint.port === 25;
  const findings: Finding[] = [];
  if (legacy.length > 0) {
    const status = legacy.includes('SSLv3') || !port25 ? 'fail' : 'warn';
    findings.push(
      finding(tlsLegacyProtocolMeta, status, {
        ...base,
        ...tlsMessages.legacyAccepted(context.where, legacy.map(versionLabel), port25),
        ...(legacy.includes('SSLv3') ? { severity: 'high' as const } : {}),
      }),
    );
  } else if (errors.length > 0) {
    const first = errors[0];
    if (first?.kind === 'error')
      findings.push(
        finding(tlsLegacyProtocolMeta, 'error', {
          ...base,
          ...tlsMessages.legacyUnknown(
            context.where,
            errors.map((r) => versionLabel(r.version)),
            first.failure,
          ),
        }),
      );
  } else {
    findings.push(
      finding(tlsLegacyProtocolMeta, 'pass', {
        ...base,
        ...tlsMessages.legacyRefused(
          context.where,
          accepted.map(versionLabel),
          untested.map((r) => versionLabel(r.version)),
        ),
      }),
    );
  }
  if (
    results.length > 0 &&
    !accepted.includes('TLSv1.2') &&
    !accepted.includes('TLSv1.3') &&
    accepted.length > 0
  ) {
    findings.push(
      finding(tlsLegacyProtocolMeta, 'fail', { ...base, ...tlsMessages.noModern(context.where) }),
    );
  }
  return findings;
}

/** Language-neutral names of the families (OpenSSL's), so a message lists values, not English words. */
const familyLabels: Readonly<Record<WeakCipherFamily, string>> = {
  null: 'eNULL',
  anonymous: 'aNULL',
  export: 'EXPORT',
  rc4: 'RC4',
  des: 'DES',
  '3des': '3DES (SWEET32)',
  'cbc-tls1.0': 'CBC + TLS 1.0 (BEAST)',
  'static-rsa': 'kRSA',
};
const brokenFamilies: readonly WeakCipherFamily[] = ['null', 'anonymous', 'export'];
const tolerated25: readonly WeakCipherFamily[] = ['static-rsa', 'cbc-tls1.0'];
/** On port 25 only senders that authenticate nothing pick these (RFC 7435): named in the pass, never graded. */
const harmless25: readonly WeakCipherFamily[] = ['anonymous'];

type AcceptedFamily = Extract<CipherFamilyOutcome, { kind: 'accepted' }>;

const suiteLabel = (f: AcceptedFamily): string =>
  `${familyLabels[f.family]}: ${f.cipher.name} (${f.protocol})`;

export function cipherFindings(observation: ServerObservation, context: TlsContext): Finding[] {
  const ciphers = observation.ciphers;
  if (ciphers === undefined) return [];
  const evidence = ciphers.transcripts.map((transcript, index) =>
    transcriptEvidence(`Cipher probe ${index + 1}`, transcript),
  );
  const base = { subject: context.subject, evidence };
  const port25 = observation.endpoint.port === 25;
  // On port 25 a static-RSA or TLS 1.0 CBC fallback beats clear text: noted, not graded (legacy versions are).
  const acceptedAll = ciphers.families.filter((f): f is AcceptedFamily => f.kind === 'accepted');
  const notGraded = port25 ? [...tolerated25, ...harmless25] : [];
  const accepted = acceptedAll.filter((f) => !notGraded.includes(f.family));
  const anonymous25 = port25 ? acceptedAll.filter((f) => harmless25.includes(f.family)) : [];
  const findings: Finding[] = [];
  if (accepted.length > 0) {
    const broken = accepted.some((f) => brokenFamilies.includes(f.family));
    const labels = accepted.map(suiteLabel);
    findings.push(
      finding(tlsWeakCipherMeta, broken || !port25 ? 'fail' : 'warn', {
        ...base,
        ...tlsMessages.weakAccepted(context.where, labels),
        ...(broken ? { severity: 'high' as const } : {}),
      }),
    );
  }
  const preferred = ciphers.preferred;
  if (preferred !== undefined && !preferred.cipher.forwardSecrecy) {
    findings.push(
      finding(tlsWeakCipherMeta, 'warn', {
        ...base,
        ...tlsMessages.noForwardSecrecy(context.where, preferred.cipher.name),
      }),
    );
  }
  const errors = ciphers.families.filter((f) => f.kind === 'error');
  if (findings.length === 0 && errors.length === ciphers.families.length && errors.length > 0) {
    const first = errors[0];
    return first?.kind === 'error'
      ? [
          finding(tlsWeakCipherMeta, 'error', {
            ...base,
            ...tlsMessages.ciphersUnknown(context.where, first.failure),
          }),
        ]
      : [];
  }
  if (findings.length === 0)
    findings.push(
      finding(tlsWeakCipherMeta, 'pass', {
        ...base,
        ...(anonymous25.length > 0
          ? tlsMessages.anonymousOnPort25(context.where, anonymous25.map(suiteLabel), preferred?.cipher.name)
          : tlsMessages.ciphersOk(context.where, preferred?.cipher.name)),
      }),
    );
  return findings;
}

/** Each problem as a value (algorithm, size, bound) that reads the same in every language. */
function weakKeyProblems(certificate: CertificateInfo): string[] {
  const problems: string[] = [];
  const bits = certificate.keyBits;
  if (
    (certificate.keyType === 'rsa' || certificate.keyType === 'rsa-pss') &&
    bits !== undefined &&
    bits < 2048
  )
    problems.push(`RSA ${bits} bits (< 2048)`);
  if (certificate.keyType === 'dsa') problems.push('DSA');
  if (certificate.keyType === 'ec' && bits !== undefined && bits < 224)
    problems.push(`EC ${bits} bits (< 224)`);
  if (/sha1|md5|md2/i.test(certificate.signatureAlgorithm.name))
    problems.push(`signature ${certificate.signatureAlgorithm.name}`);
  return problems;
}

/** Expiry verdicts: days are whole days, rounded down. */
export const expiryThresholds = { failBelowDays: 14, warnBelowDays: 30 } as const;

export function certificateFindings(observation: ServerObservation, context: TlsContext): Finding[] {
  const leaf = leafOf(observation);
  const session = observation.session;
  if (leaf === undefined || session === undefined) return [];
  const { where, strictness } = context;
  const evidence = session.chain.map(certificateEvidence);
  const base = { subject: context.subject, evidence };
  const daneEe = strictness.dane === 'ee';
  // DANE-EE senders check neither names nor dates nor the CA: only MTA-STS makes those strict then.
  const strictAll = isStrict(observation, strictness, true);
  const strictPkix = isStrict(observation, { ...strictness, dane: daneEe ? 'none' : strictness.dane }, true);
  const graded = (strict: boolean) => (strict ? 'fail' : 'warn');
  const note = (strict: boolean): StrictNote =>
    observation.endpoint.port === 25
      ? strictNote(strict ? strictness : { mtaStsEnforce: false, dane: 'none' })
      : 'none';
  const findings: Finding[] = [];

  const now = context.now.getTime();
  const notAfter = Date.parse(leaf.notAfter);
  const notBefore = Date.parse(leaf.notBefore);
  if (now > notAfter) {
    const days = Math.floor((now - notAfter) / day);
    findings.push(
      finding(certExpiredMeta, graded(strictPkix), {
        ...base,
        ...tlsMessages.expired(where, leaf.notAfter, days, note(strictPkix)),
      }),
    );
  } else if (now < notBefore) {
    findings.push(
      finding(certExpiredMeta, graded(strictPkix), {
        ...base,
        ...tlsMessages.notYetValid(where, leaf.notBefore, note(strictPkix)),
      }),
    );
  } else {
    findings.push(finding(certExpiredMeta, 'pass', { ...base, ...tlsMessages.valid(where, leaf.notAfter) }));
    const days = Math.floor((notAfter - now) / day);
    const status =
      days < expiryThresholds.failBelowDays
        ? 'fail'
        : days < expiryThresholds.warnBelowDays
          ? 'warn'
          : 'pass';
    findings.push(
      finding(certExpiringMeta, status, {
        ...base,
        ...tlsMessages.expiring(where, leaf.notAfter, days),
      }),
    );
  }

  if (context.names.length > 0) {
    const x509 = new X509Certificate(Buffer.from(leaf.der));
    const matched = context.names.find((name) => x509.checkHost(name) !== undefined);
    if (matched !== undefined)
      findings.push(
        finding(certHostnameMismatchMeta, 'pass', {
          ...base,
          ...tlsMessages.hostnameOk(where, matched),
        }),
      );
    else if (daneEe && !strictness.mtaStsEnforce)
      findings.push(
        finding(certHostnameMismatchMeta, 'pass', { ...base, ...tlsMessages.hostnameDaneEe(where) }),
      );
    else
      findings.push(
        finding(certHostnameMismatchMeta, graded(strictPkix), {
          ...base,
          ...tlsMessages.hostnameMismatch(where, context.names, leaf.dnsNames, note(strictPkix)),
        }),
      );
  }

  const verification = session.verification;
  if (verification.trusted)
    findings.push(
      finding(certSelfSignedMeta, 'pass', { ...base, ...tlsMessages.trusted(where, leaf.issuer) }),
    );
  else if (verification.code === 'CERT_HAS_EXPIRED' || verification.code === 'CERT_NOT_YET_VALID') {
    // OpenSSL stops at the first problem: the date is reported by smtp.cert-expired, the rest cannot be told.
  } else if (daneEe && !strictness.mtaStsEnforce)
    findings.push(
      finding(certSelfSignedMeta, 'pass', {
        ...base,
        ...tlsMessages.untrustedDaneEe(where, verification.code),
      }),
    );
  else
    findings.push(
      finding(certSelfSignedMeta, graded(strictPkix), {
        ...base,
        ...tlsMessages.untrusted(where, verification.code, leaf.selfSigned, note(strictPkix)),
      }),
    );

  const problems = weakKeyProblems(leaf);
  findings.push(
    problems.length > 0
      ? finding(certWeakKeyMeta, graded(strictAll), {
          ...base,
          ...tlsMessages.weakKey(where, problems, note(strictAll)),
        })
      : finding(certWeakKeyMeta, 'pass', {
          ...base,
          ...tlsMessages.strongKey(
            where,
            leaf.keyType,
            leaf.keyBits || undefined,
            leaf.signatureAlgorithm.name,
          ),
        }),
  );
  return findings;
}

export function tlsFindings(observation: ServerObservation, context: TlsContext): Finding[] {
  return [
    ...versionFindings(observation, context),
    ...cipherFindings(observation, context),
    ...certificateFindings(observation, context),
  ];
}
