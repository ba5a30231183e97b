// The TLS side of one mail server: protocol versions and weak suites accepted, and the certificate it presents
// (expiry, name, trust, key), graded for opportunistic SMTP unless MTA-STS enforce or DANE makes senders strict.

import { X509Certificate } from 'node:crypto';
import type { CheckMeta, Evidence, Finding, Reference } from '../../model/finding.js';
import type { CipherFamilyOutcome, WeakCipherFamily } from '../../net/smtp/types.js';
import type { CertificateInfo, TlsVersionName } from '../../net/tls/types.js';
import { finding } from '../finding-builder.js';
import { leafOf, type ServerObservation } from './observe.js';
import { transcriptEvidence } from './session.js';

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
    'suites over TLS 1.0. NULL, anonymous and EXPORT are a fail of high severity anywhere; the others are a fail ' +
    'on submission ports and a warn on port 25 (opportunistic TLS prefers weak encryption to none). When the ' +
    'suite a modern client gets by default has no forward secrecy, recorded traffic can be decrypted later with ' +
    'the server key: warn.',
  remediation:
    'Exchange (Windows Server): follow Microsoft’s Exchange TLS guidance — disable RC4, DES, 3DES and NULL under ' +
    '`HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Ciphers` (`Enabled=0`) and order the ' +
    'suites with `Disable-TlsCipherSuite -Name TLS_RSA_WITH_3DES_EDE_CBC_SHA` (one per weak suite) so ECDHE-GCM ' +
    'suites come first. Postfix: `smtpd_tls_ciphers = medium`, `smtpd_tls_exclude_ciphers = aNULL, eNULL, EXPORT, ' +
    'DES, 3DES, RC4, MD5`.',
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

export const tlsMessages = {
  legacyAccepted: (where: string, versions: readonly string[], port25: boolean) =>
    `${where} accepts ${versions.join(', ')}` +
    (port25
      ? ' (on port 25 this keeps very old senders encrypted, but these versions are deprecated).'
      : ': deprecated and attackable versions.'),
  legacyRefused: (where: string, accepted: readonly string[], untested: readonly string[]) =>
    `${where} refuses SSLv3, TLS 1.0 and TLS 1.1${untested.length > 0 ? ` (not tested: ${untested.join(', ')})` : ''}; it accepts ${accepted.join(', ') || 'no version we tried'}.`,
  legacyUnknown: (where: string, reasons: readonly string[]) =>
    `Could not test the legacy TLS versions of ${where}: ${reasons.join('; ')}.`,
  noModern: (where: string) => `${where} accepts neither TLS 1.2 nor TLS 1.3.`,
  weakAccepted: (where: string, families: readonly string[]) =>
    `${where} accepts weak cipher suites: ${families.join('; ')}.`,
  noForwardSecrecy: (where: string, cipher: string) =>
    `${where} negotiates ${cipher} by default, without forward secrecy: recorded mail can be decrypted later with the server key.`,
  ciphersOk: (where: string, cipher: string | undefined) =>
    `${where} refuses every weak suite family we tried${cipher ? `; a modern client gets ${cipher}, with forward secrecy` : ''}.`,
  expired: (where: string, notAfter: string, days: number) =>
    `The certificate of ${where} expired on ${notAfter} (${days} days ago).`,
  notYetValid: (where: string, notBefore: string) =>
    `The certificate of ${where} is not valid before ${notBefore}.`,
  valid: (where: string, notAfter: string) =>
    `The certificate of ${where} is within its validity period (until ${notAfter}).`,
  expiring: (where: string, notAfter: string, days: number) =>
    `The certificate of ${where} expires on ${notAfter}: ${days} days left.`,
  hostnameMismatch: (where: string, names: readonly string[], dnsNames: readonly string[]) =>
    `The certificate of ${where} is not valid for ${names.join(', ')}: it names ${dnsNames.join(', ') || 'no DNS name'}.`,
  hostnameOk: (where: string, name: string) => `The certificate of ${where} is valid for ${name}.`,
  hostnameDaneEe: (where: string) =>
    `The certificate of ${where} does not name the MX host, but DANE-EE records make names irrelevant (RFC 7672 §3.1.1).`,
  untrusted: (where: string, reason: string, selfSigned: boolean) =>
    `The certificate of ${where} is ${selfSigned ? 'self-signed' : 'not trusted'}: ${reason}.`,
  untrustedDaneEe: (where: string, reason: string) =>
    `The certificate of ${where} is not trusted by public CAs (${reason}), which DANE-EE records make irrelevant.`,
  trusted: (where: string, issuer: string) =>
    `The certificate of ${where} chains to a trusted CA (issuer ${issuer}).`,
  weakKey: (where: string, problems: readonly string[]) =>
    `The certificate of ${where} is weak: ${problems.join('; ')}.`,
  strongKey: (where: string, key: string, signature: string) =>
    `The certificate of ${where} has a ${key} key and a ${signature} signature.`,
  strictNote: (strictness: TlsStrictness) =>
    strictness.mtaStsEnforce
      ? ' The domain’s MTA-STS policy is in enforce mode, so senders that honour it will refuse to deliver.'
      : strictness.dane !== 'none'
        ? ' The host publishes DANE TLSA records, so DANE senders verify the certificate.'
        : ' Senders using opportunistic TLS on port 25 still deliver (encrypted, unauthenticated); those with MTA-STS or DANE would not.',
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
        message: tlsMessages.legacyAccepted(context.where, legacy.map(versionLabel), port25),
        ...(legacy.includes('SSLv3') ? { severity: 'high' as const } : {}),
      }),
    );
  } else if (errors.length > 0) {
    const reasons = errors.map((r) =>
      r.kind === 'error' ? `${versionLabel(r.version)}: ${r.failure.detail}` : '',
    );
    findings.push(
      finding(tlsLegacyProtocolMeta, 'error', {
        ...base,
        message: tlsMessages.legacyUnknown(context.where, reasons),
      }),
    );
  } else {
    findings.push(
      finding(tlsLegacyProtocolMeta, 'pass', {
        ...base,
        message: tlsMessages.legacyRefused(
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
      finding(tlsLegacyProtocolMeta, 'fail', { ...base, message: tlsMessages.noModern(context.where) }),
    );
  }
  return findings;
}

const familyLabels: Readonly<Record<WeakCipherFamily, string>> = {
  null: 'NULL (no encryption)',
  anonymous: 'anonymous (no server authentication)',
  export: 'EXPORT (40/56-bit)',
  rc4: 'RC4',
  des: 'single DES',
  '3des': '3DES (SWEET32)',
  'cbc-tls1.0': 'CBC suites over TLS 1.0 (BEAST-era)',
  'static-rsa': 'static RSA key exchange (no forward secrecy)',
};
const brokenFamilies: readonly WeakCipherFamily[] = ['null', 'anonymous', 'export'];
const tolerated25: readonly WeakCipherFamily[] = ['static-rsa', 'cbc-tls1.0'];

export function cipherFindings(observation: ServerObservation, context: TlsContext): Finding[] {
  const ciphers = observation.ciphers;
  if (ciphers === undefined) return [];
  const evidence = ciphers.transcripts.map((transcript, index) =>
    transcriptEvidence(`Cipher probe ${index + 1}`, transcript),
  );
  const base = { subject: context.subject, evidence };
  const port25 = observation.endpoint.port === 25;
  // On port 25 a static-RSA or TLS 1.0 CBC fallback beats clear text: noted, not graded (legacy versions are).
  const accepted = ciphers.families.filter(
    (f): f is Extract<CipherFamilyOutcome, { kind: 'accepted' }> =>
      f.kind === 'accepted' && !(port25 && tolerated25.includes(f.family)),
  );
  const findings: Finding[] = [];
  if (accepted.length > 0) {
    const broken = accepted.some((f) => brokenFamilies.includes(f.family));
    const labels = accepted.map((f) => `${familyLabels[f.family]} (${f.cipher.name} over ${f.protocol})`);
    findings.push(
      finding(tlsWeakCipherMeta, broken || !port25 ? 'fail' : 'warn', {
        ...base,
        message: tlsMessages.weakAccepted(context.where, labels),
        ...(broken ? { severity: 'high' as const } : {}),
      }),
    );
  }
  const preferred = ciphers.preferred;
  if (preferred !== undefined && !preferred.cipher.forwardSecrecy) {
    findings.push(
      finding(tlsWeakCipherMeta, 'warn', {
        ...base,
        message: tlsMessages.noForwardSecrecy(context.where, preferred.cipher.name),
      }),
    );
  }
  const errors = ciphers.families.filter((f) => f.kind === 'error');
  if (findings.length === 0 && errors.length === ciphers.families.length && errors.length > 0) {
    const reasons = errors.map((f) =>
      f.kind === 'error' ? `${familyLabels[f.family]}: ${f.failure.detail}` : '',
    );
    return [
      finding(tlsWeakCipherMeta, 'error', {
        ...base,
        message: tlsMessages.legacyUnknown(context.where, reasons),
      }),
    ];
  }
  if (findings.length === 0)
    findings.push(
      finding(tlsWeakCipherMeta, 'pass', {
        ...base,
        message: tlsMessages.ciphersOk(context.where, preferred?.cipher.name),
      }),
    );
  return findings;
}

function weakKeyProblems(certificate: CertificateInfo): string[] {
  const problems: string[] = [];
  const bits = certificate.keyBits;
  if (
    (certificate.keyType === 'rsa' || certificate.keyType === 'rsa-pss') &&
    bits !== undefined &&
    bits < 2048
  )
    problems.push(`RSA key of ${bits} bits (minimum 2048)`);
  if (certificate.keyType === 'dsa') problems.push('DSA key (no longer accepted)');
  if (certificate.keyType === 'ec' && bits !== undefined && bits < 224)
    problems.push(`elliptic-curve key of ${bits} bits (minimum 224)`);
  if (/sha1|md5|md2/i.test(certificate.signatureAlgorithm.name))
    problems.push(`${certificate.signatureAlgorithm.name} signature`);
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
  const note = (strict: boolean) =>
    observation.endpoint.port === 25
      ? tlsMessages.strictNote(strict ? strictness : { mtaStsEnforce: false, dane: 'none' })
      : '';
  const findings: Finding[] = [];

  const now = context.now.getTime();
  const notAfter = Date.parse(leaf.notAfter);
  const notBefore = Date.parse(leaf.notBefore);
  if (now > notAfter) {
    const days = Math.floor((now - notAfter) / day);
    findings.push(
      finding(certExpiredMeta, graded(strictPkix), {
        ...base,
        message: tlsMessages.expired(where, leaf.notAfter, days) + note(strictPkix),
      }),
    );
  } else if (now < notBefore) {
    findings.push(
      finding(certExpiredMeta, graded(strictPkix), {
        ...base,
        message: tlsMessages.notYetValid(where, leaf.notBefore) + note(strictPkix),
      }),
    );
  } else {
    findings.push(
      finding(certExpiredMeta, 'pass', { ...base, message: tlsMessages.valid(where, leaf.notAfter) }),
    );
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
        message: tlsMessages.expiring(where, leaf.notAfter, days),
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
          message: tlsMessages.hostnameOk(where, matched),
        }),
      );
    else if (daneEe && !strictness.mtaStsEnforce)
      findings.push(
        finding(certHostnameMismatchMeta, 'pass', { ...base, message: tlsMessages.hostnameDaneEe(where) }),
      );
    else
      findings.push(
        finding(certHostnameMismatchMeta, graded(strictPkix), {
          ...base,
          message: tlsMessages.hostnameMismatch(where, context.names, leaf.dnsNames) + note(strictPkix),
        }),
      );
  }

  const verification = session.verification;
  if (verification.trusted)
    findings.push(
      finding(certSelfSignedMeta, 'pass', { ...base, message: tlsMessages.trusted(where, leaf.issuer) }),
    );
  else if (verification.code === 'CERT_HAS_EXPIRED' || verification.code === 'CERT_NOT_YET_VALID') {
    // OpenSSL stops at the first problem: the date is reported by smtp.cert-expired, the rest cannot be told.
  } else if (daneEe && !strictness.mtaStsEnforce)
    findings.push(
      finding(certSelfSignedMeta, 'pass', {
        ...base,
        message: tlsMessages.untrustedDaneEe(where, verification.reason),
      }),
    );
  else
    findings.push(
      finding(certSelfSignedMeta, graded(strictPkix), {
        ...base,
        message: tlsMessages.untrusted(where, verification.reason, leaf.selfSigned) + note(strictPkix),
      }),
    );

  const problems = weakKeyProblems(leaf);
  const keyText = `${leaf.keyType}${leaf.keyBits ? ` ${leaf.keyBits}-bit` : ''}`;
  findings.push(
    problems.length > 0
      ? finding(certWeakKeyMeta, graded(strictAll), {
          ...base,
          message: tlsMessages.weakKey(where, problems) + note(strictAll),
        })
      : finding(certWeakKeyMeta, 'pass', {
          ...base,
          message: tlsMessages.strongKey(where, keyText, leaf.signatureAlgorithm.name),
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
