// What one SMTP session tells about a mail server: reachability, the banner, STARTTLS, AUTH exposure, the
// NTLM challenge, VRFY and the open-relay test. Pure over a ServerObservation; messages kept in one place.

import type { CheckMeta, Evidence, Finding, Reference } from '../../model/finding.js';
import type { SmtpFailure, SmtpReply, Transcript } from '../../net/smtp/types.js';
import { decodeNtlmChallenge, type NtlmChallenge } from '../../protocols/ntlm/challenge.js';
import { finding } from '../finding-builder.js';
import type { ServerObservation } from './observe.js';

const rfc = (number: number, title: string, section?: string): Reference => ({
  title: `RFC ${number}${section === undefined ? '' : ` §${section}`}: ${title}`,
  url: `https://www.rfc-editor.org/rfc/rfc${number}${section === undefined ? '' : `#section-${section}`}`,
});
const rfc5321 = rfc(5321, 'Simple Mail Transfer Protocol');
const rfc3207 = rfc(3207, 'SMTP Service Extension for Secure SMTP over TLS');
const rfc8314 = rfc(8314, 'Cleartext Considered Obsolete: Use of TLS for Email Submission and Access');
const rfc4954 = rfc(4954, 'SMTP Service Extension for Authentication');
const msNlmp = {
  title: 'MS-NLMP: NT LAN Manager Authentication Protocol, CHALLENGE_MESSAGE',
  url: 'https://learn.microsoft.com/en-us/openspecs/windows_protocols/ms-nlmp/801a4681-8809-4be9-ab0d-61dcfe762786',
};
const exchangeReceiveConnectors = {
  title: 'Microsoft: Set-ReceiveConnector (Exchange Management Shell)',
  url: 'https://learn.microsoft.com/en-us/powershell/module/exchange/set-receiveconnector',
};

export const unreachableMeta: CheckMeta = {
  id: 'smtp.unreachable',
  area: 'smtp',
  title: 'A mail server address does not answer on its SMTP port',
  severity: 'high',
  description:
    'telltale connects to every address of every MX host, as a sending server would. When the connection is ' +
    'refused, times out, the server answers 421/554 at once, or trickles its greeting (a tarpit), no verdict ' +
    'about the server can be given. Many networks (home and office ISPs, cloud providers) block outgoing port 25, ' +
    'so a failure is reported as error with its cause — never as "no STARTTLS". Only when another address of ' +
    'the same domain answered in the same scan (so port 25 is open from here) is a refused or silent address ' +
    'reported as fail: senders trying it lose time, and mail queues when it is the only one they try.',
  remediation:
    'Check that the firewall forwards TCP port 25 to the mail server for every published address (IPv4 and ' +
    'IPv6), that the server listens on them, or remove the address records of hosts that no longer receive mail. ' +
    'From a network that allows port 25: `openssl s_client -starttls smtp -connect mail.example.com:25`. On ' +
    'Exchange, `Get-ReceiveConnector | Format-List Identity,Bindings,Enabled` shows what listens where.',
  references: [rfc5321],
};

export const bannerVersionMeta: CheckMeta = {
  id: 'smtp.banner-version',
  area: 'smtp',
  title: 'The SMTP banner discloses the server software and version',
  severity: 'low',
  description:
    'The 220 greeting and the EHLO reply are sent to anyone who connects. Naming the software ("Microsoft ESMTP ' +
    'MAIL Service", "Postfix", "Exim 4.96") and above all its version lets attackers match the server against ' +
    'known vulnerabilities without touching it. A version number is reported as warn; the software name alone ' +
    'is a warn of informational severity. It is not a vulnerability by itself: hiding it only removes a free ' +
    'hint (patching is the real fix).',
  remediation:
    'Exchange: `Set-ReceiveConnector "EXCH01\\Default Frontend EXCH01" -Banner "220 mail.example.com"` (the ' +
    'banner must start with 220). Postfix: `smtpd_banner = $myhostname ESMTP` in main.cf. Exim: ' +
    "`smtp_banner = $smtp_active_hostname ESMTP $tod_full`. Sendmail: `define(`confSMTP_LOGIN_MSG', `$j ESMTP')`.",
  references: [rfc5321, exchangeReceiveConnectors],
};

export const starttlsMissingMeta: CheckMeta = {
  id: 'smtp.starttls-missing',
  area: 'smtp',
  title: 'The mail server does not offer working encryption (STARTTLS)',
  severity: 'high',
  description:
    'Without STARTTLS (RFC 3207), every message to this server crosses the internet in clear text, readable and ' +
    'changeable by anyone on the path. A server that advertises STARTTLS but refuses it or fails the handshake is ' +
    'just as bad: senders fall back to clear text. On port 465 the same applies to implicit TLS (RFC 8314). A ' +
    'server that could not be reached gets no verdict here (see smtp.unreachable).',
  remediation:
    'Install a certificate for the MX name and enable TLS. Exchange: `Enable-ExchangeCertificate -Thumbprint ' +
    '<thumbprint> -Services SMTP` and `Set-ReceiveConnector "EXCH01\\Default Frontend EXCH01" -AuthMechanism Tls ' +
    '-TlsCertificateName "<I>issuer<S>subject"`. Postfix: `smtpd_tls_security_level = may`, ' +
    '`smtpd_tls_chain_files = /etc/ssl/private/mail.pem`.',
  references: [rfc3207, rfc8314],
};

export const authBeforeTlsMeta: CheckMeta = {
  id: 'smtp.auth-before-tls',
  area: 'smtp',
  title: 'Password login is offered before encryption',
  severity: 'high',
  description:
    'The server advertises AUTH on the unencrypted connection, before STARTTLS. A mail client or a misconfigured ' +
    'device then sends its user name and password in clear (AUTH PLAIN and LOGIN are only base64), and an ' +
    'attacker on the path can strip STARTTLS to force it. RFC 4954 §4 and RFC 8314 say passwords must only travel ' +
    'inside TLS.',
  remediation:
    'Offer AUTH only after STARTTLS. Exchange (port 25 needs no AUTH at all): `Set-ReceiveConnector ' +
    '"EXCH01\\Default Frontend EXCH01" -AuthMechanism Tls`; on the client connector (587): `Set-ReceiveConnector ' +
    '"EXCH01\\Client Frontend EXCH01" -AuthMechanism Tls,BasicAuth,BasicAuthRequireTLS,Integrated`. Postfix: ' +
    '`smtpd_tls_auth_only = yes`. Exim: set `auth_advertise_hosts` to advertise only when `$tls_in_cipher` is set.',
  references: [rfc4954, rfc8314, exchangeReceiveConnectors],
};

export const authOnPort25Meta: CheckMeta = {
  id: 'smtp.auth-on-port-25',
  area: 'smtp',
  title: 'Password login is offered on the MX port 25',
  severity: 'low',
  description:
    'Servers deliver to port 25 without logging in; only mail clients log in, and they belong on the ' +
    'submission ports 587 or 465 (RFC 8314). AUTH offered on the MX invites password guessing against every ' +
    'mailbox from the whole internet. Exchange offers it by default on the Default Frontend connector. Reported ' +
    'as a low-severity warn.',
  remediation:
    'Exchange: `Set-ReceiveConnector "EXCH01\\Default Frontend EXCH01" -AuthMechanism Tls` (and make sure clients ' +
    'use the Client Frontend connector on 587). Postfix: keep `smtpd_sasl_auth_enable = no` in main.cf and enable ' +
    'it only for the submission service in master.cf (`-o smtpd_sasl_auth_enable=yes`).',
  references: [rfc8314, rfc4954, exchangeReceiveConnectors],
};

export const ntlmInfoLeakMeta: CheckMeta = {
  id: 'smtp.ntlm-info-leak',
  area: 'smtp',
  title: 'NTLM login reveals internal Windows names and build',
  severity: 'low',
  description:
    'When a server offers AUTH NTLM, anyone can start a login and read the CHALLENGE message it answers with ' +
    '(MS-NLMP 2.2.1.2): it carries the internal NetBIOS and DNS names of the server and of its Active Directory ' +
    'domain and forest, and the Windows build. That is a free map for a targeted attack (and the build dates the ' +
    'patch level). telltale sends only the first, anonymous NTLM message and cancels the login.',
  remediation:
    'Do not offer NTLM on the internet-facing connector: `Set-ReceiveConnector "EXCH01\\Default Frontend EXCH01" ' +
    '-AuthMechanism Tls` (removes Integrated). If clients need NTLM on 587, restrict that connector to TLS ' +
    '(`-AuthMechanism Tls,BasicAuth,BasicAuthRequireTLS`) and to the client networks with `-RemoteIPRanges`.',
  references: [msNlmp, exchangeReceiveConnectors],
};

export const vrfyEnabledMeta: CheckMeta = {
  id: 'smtp.vrfy-enabled',
  area: 'smtp',
  title: 'VRFY confirms which mailboxes exist',
  severity: 'low',
  description:
    'The VRFY command asks the server whether an address exists. A server that answers 250 with the mailbox ' +
    'lets spammers and attackers test address lists (user enumeration). RFC 5321 §3.5.3 allows the neutral ' +
    'answer 252 ("cannot verify, but will accept"), which is a pass, as is refusing the command.',
  remediation:
    'Postfix: `disable_vrfy_command = yes`. Exim: leave `acl_smtp_vrfy` unset (VRFY is refused by default). ' +
    "Sendmail: `define(`confPRIVACY_FLAGS', `goaway')`. Exchange does not answer VRFY with mailbox data.",
  references: [rfc(5321, 'Simple Mail Transfer Protocol', '3.5.3')],
};

export const openRelayMeta: CheckMeta = {
  id: 'smtp.open-relay',
  area: 'smtp',
  title: 'The server relays mail for anyone (open relay)',
  severity: 'critical',
  description:
    'An open relay accepts mail from any sender on the internet for any outside recipient, so spammers send ' +
    'through it: within hours the address is on every blocklist and the company’s own mail bounces. telltale ' +
    'connects anonymously, gives a neutral outside sender (relay-test@example.net) and asks, with RCPT TO, for ' +
    'the outside recipient relay-test@example.com, the "percent hack" (relay-test%example.com@<your domain>) ' +
    'and a source route (@<your domain>:relay-test@example.com). It never sends DATA: it ends with RSET and QUIT, ' +
    'so no message is ever delivered. An accepted outside recipient or source route is a fail. An accepted ' +
    'percent-hack recipient is a warn: a server that accepts every recipient of its own domain (no recipient ' +
    'filtering) accepts it too without relaying. Disable the test with --no-relay-test.',
  remediation:
    'Exchange: find the connectors that let anonymous senders relay — `Get-ReceiveConnector | Get-ADPermission ' +
    '-User "NT AUTHORITY\\ANONYMOUS LOGON" | Where-Object {$_.ExtendedRights -like "*Ms-Exch-SMTP-Accept-Any-Recipient*"}` ' +
    '— then `Remove-ADPermission -Identity "EXCH01\\Relay EXCH01" -User "NT AUTHORITY\\ANONYMOUS LOGON" ' +
    '-ExtendedRights "Ms-Exch-SMTP-Accept-Any-Recipient"`, and limit an internal relay connector to the hosts that ' +
    'need it: `Set-ReceiveConnector "EXCH01\\Relay EXCH01" -RemoteIPRanges 10.0.0.20 -PermissionGroups ' +
    'ExchangeServers` (AnonymousUsers removed). Postfix: `smtpd_relay_restrictions = permit_mynetworks, ' +
    'permit_sasl_authenticated, reject_unauth_destination` with `mynetworks` limited to your own hosts.',
  references: [
    rfc(5321, 'Simple Mail Transfer Protocol', '3.6'),
    rfc(5321, 'Simple Mail Transfer Protocol', 'C'),
    exchangeReceiveConnectors,
  ],
};

export const sessionMeta: readonly CheckMeta[] = [
  unreachableMeta,
  bannerVersionMeta,
  starttlsMissingMeta,
  authBeforeTlsMeta,
  authOnPort25Meta,
  ntlmInfoLeakMeta,
  vrfyEnabledMeta,
  openRelayMeta,
];

const replyText = (reply: SmtpReply): string =>
  reply.lines.map((line) => `${reply.code} ${line}`).join(' / ');

export const sessionMessages = {
  unreachableError: (where: string, failure: SmtpFailure) =>
    `Could not talk to ${where}: ${failure.detail}${failure.reply ? ` (${replyText(failure.reply)})` : ''}. ` +
    'No verdict on this server: port 25 may be blocked by the network telltale runs from, the server may be ' +
    'busy or greylisting, or it may be down.',
  unreachableFail: (where: string, failure: SmtpFailure) =>
    `${where} does not answer (${failure.detail}), although another mail server of the domain answered from here ` +
    'in the same scan: senders trying this address lose time or fail.',
  protocolFail: (where: string, failure: SmtpFailure) =>
    `${where} broke the SMTP protocol (${failure.detail}): senders cannot deliver to it.`,
  reachable: (where: string, greeting: SmtpReply) => `${where} answered: ${replyText(greeting)}.`,
  bannerVersion: (where: string, software: string, version: string, line: string) =>
    `${where} announces ${software} ${version} to anyone who connects ("${line}").`,
  bannerSoftware: (where: string, software: string, line: string) =>
    `${where} names its software (${software}) in its banner ("${line}"), but no version.`,
  bannerQuiet: (where: string) => `${where} names no software or version in its banner or EHLO reply.`,
  noStarttls: (where: string, helo: boolean) =>
    helo
      ? `${where} refused EHLO and only speaks old HELO SMTP, so it cannot offer STARTTLS: mail to it travels in clear text.`
      : `${where} does not offer STARTTLS: mail to it travels in clear text.`,
  starttlsRefused: (where: string, reply: SmtpReply) =>
    `${where} advertises STARTTLS but refused it (${replyText(reply)}): senders fall back to clear text.`,
  starttlsFailed: (where: string, reason: string) =>
    `${where} advertises STARTTLS but the TLS handshake failed (${reason}): senders fall back to clear text.`,
  implicitFailed: (where: string, reason: string) =>
    `${where} expects TLS from the first byte but the handshake failed (${reason}).`,
  starttlsOk: (where: string, protocol: string, cipher: string) =>
    `${where} offers STARTTLS; the handshake gave ${protocol} with ${cipher}.`,
  noEhlo: (where: string) =>
    `${where} greeted us but its EHLO/HELO reply could not be read, so its extensions are unknown.`,
  authBeforeTls: (where: string, mechanisms: readonly string[]) =>
    `${where} offers AUTH ${mechanisms.join(' ')} before STARTTLS: ` +
    (mechanisms.some((m) => m === 'PLAIN' || m === 'LOGIN')
      ? 'a client can send its password in clear text (PLAIN/LOGIN are only base64).'
      : 'login exchanges can happen without encryption.'),
  authOnlyAfterTls: (where: string, mechanisms: readonly string[]) =>
    mechanisms.length === 0
      ? `${where} offers no AUTH before STARTTLS.`
      : `${where} offers AUTH (${mechanisms.join(' ')}) only inside TLS.`,
  authOnPort25: (where: string, mechanisms: readonly string[]) =>
    `${where} offers AUTH ${mechanisms.join(' ')} on port 25, where only servers deliver: it invites password guessing.`,
  noAuthOnPort25: (where: string) => `${where} offers no AUTH on port 25.`,
  ntlmLeak: (where: string, details: readonly string[]) =>
    `${where} answers an anonymous AUTH NTLM with internal details: ${details.join('; ')}.`,
  ntlmUndecodable: (where: string, reason: string) =>
    `${where} answers an anonymous AUTH NTLM with a challenge telltale could not decode (${reason}); it may carry internal names.`,
  ntlmQuiet: (where: string) => `${where} answered AUTH NTLM without internal names or Windows build.`,
  ntlmNotOffered: (where: string) => `${where} does not offer AUTH NTLM.`,
  ntlmRefused: (where: string, reply: SmtpReply) =>
    `${where} advertises NTLM but refused to start it (${replyText(reply)}).`,
  ntlmMalformed: (where: string, reply: SmtpReply) =>
    `${where} answered AUTH NTLM with something that is not base64 (${replyText(reply)}).`,
  vrfyEnabled: (where: string, reply: SmtpReply) =>
    `${where} confirms mailboxes with VRFY: VRFY postmaster → ${replyText(reply)}.`,
  vrfyQuiet: (where: string, reply: SmtpReply) =>
    `${where} does not confirm mailboxes with VRFY (${replyText(reply)}).`,
  relayDisabled: (where: string) => `The open-relay test of ${where} was not run (--no-relay-test).`,
  relayNotRun: (where: string, reason: string) => `The open-relay test of ${where} was not run: ${reason}.`,
  relayError: (where: string, failure: SmtpFailure) =>
    `The open-relay test of ${where} could not finish: ${failure.detail}.`,
  relaySenderRefused: (where: string, reply: SmtpReply) =>
    `${where} refused our neutral sender (${replyText(reply)}), so whether it relays for other senders is unknown.`,
  relayOpen: (where: string, recipients: readonly string[]) =>
    `${where} is an OPEN RELAY: it accepted mail from an outside sender for ${recipients.join(', ')} (RCPT TO answered 2xx). ` +
    'Spammers can send through it. (telltale stopped before DATA: nothing was delivered.)',
  relayPercent: (where: string, recipient: string) =>
    `${where} accepted the percent-hack recipient ${recipient} but refused the plain outside recipient: either it ` +
    'accepts every address of its own domain (no recipient filtering), or it would forward it outside. Check that % routing is off.',
  relayDeferred: (where: string, recipient: string, reply: SmtpReply) =>
    `${where} deferred the outside recipient ${recipient} (${replyText(reply)}), so whether it relays is unknown; try again later.`,
  relayClosed: (where: string, count: number) =>
    `${where} refused all ${count} outside recipients from an outside sender: not an open relay.`,
} as const;

/** `203.0.113.25:25 (mx1.example.com)`: how a finding names the server it is about. */
export function describeEndpoint(observation: ServerObservation, host: string | undefined): string {
  const { address, port } = observation.endpoint;
  const socket = address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
  return host === undefined || host === address ? socket : `${host} (${socket})`;
}

export function transcriptEvidence(label: string, transcript: Transcript): Evidence {
  const value = transcript
    .map(
      (line) => `${line.direction === 'event' ? '--' : line.direction}${line.tls ? '*' : ' '} ${line.text}`,
    )
    .join('\n');
  return { kind: 'text', label, value };
}

/** Connection failures that could be our own network; the others are the server's doing. */
const networkKinds = new Set(['refused', 'timeout', 'unreachable']);

/** Whether the session got at least a 220 greeting: the server is there. */
export function reached(observation: ServerObservation): boolean {
  const greeting = observation.probe.facts.greeting;
  return greeting !== undefined && greeting.code === 220;
}

export interface SessionContext {
  readonly subject: string;
  readonly where: string;
  /** Another address of the same scan answered: port 25 is open from here. */
  readonly someoneAnswered: boolean;
}

export function reachabilityFindings(observation: ServerObservation, context: SessionContext): Finding[] {
  const { probe } = observation;
  const evidence = [transcriptEvidence('SMTP session', probe.transcript)];
  const base = { subject: context.subject, evidence };
  if (probe.kind === 'ok' || reached(observation)) {
    const greeting = probe.facts.greeting;
    return greeting
      ? [
          finding(unreachableMeta, 'pass', {
            ...base,
            message: sessionMessages.reachable(context.where, greeting),
          }),
        ]
      : [];
  }
  const { failure } = probe;
  if (failure.kind === 'protocol')
    return [
      finding(unreachableMeta, 'fail', {
        ...base,
        message: sessionMessages.protocolFail(context.where, failure),
        severity: 'medium',
      }),
    ];
  if (failure.kind === 'tls' && observation.endpoint.tls === 'implicit') return [];
  if (context.someoneAnswered && networkKinds.has(failure.kind)) {
    return [
      finding(unreachableMeta, 'fail', {
        ...base,
        message: sessionMessages.unreachableFail(context.where, failure),
        severity: 'medium',
      }),
    ];
  }
  return [
    finding(unreachableMeta, 'error', {
      ...base,
      message: sessionMessages.unreachableError(context.where, failure),
    }),
  ];
}

interface KnownSoftware {
  readonly name: string;
  readonly pattern: RegExp;
}

/** Banner fingerprints: the version group is optional; the first match wins. */
const knownSoftware: readonly KnownSoftware[] = [
  { name: 'Microsoft Exchange / IIS SMTP', pattern: /Microsoft ESMTP MAIL Service(?:, Version: ([\d.]+))?/i },
  { name: 'Postfix', pattern: /\bPostfix\b(?:[ (]+(\d+\.\d+(?:\.\d+)?))?/i },
  { name: 'Exim', pattern: /\bExim\b(?: (\d+\.\d+(?:\.\d+)?))?/i },
  { name: 'Sendmail', pattern: /\bSendmail\b(?: (\d+\.\d+\.\d+))?/i },
  { name: 'hMailServer', pattern: /\bhMailServer\b(?: (\d+\.\d+(?:\.\d+)?))?/i },
  { name: 'MDaemon', pattern: /\bMDaemon\b(?: (\d+\.\d+(?:\.\d+)?))?/i },
  { name: 'Kerio Connect', pattern: /\bKerio Connect\b(?: (\d+\.\d+(?:\.\d+)?))?/i },
  { name: 'Zimbra', pattern: /\bZimbra\b(?: (\d+\.\d+(?:\.\d+)?))?/i },
];

export interface BannerDisclosure {
  readonly software: string;
  readonly version?: string;
  readonly line: string;
}

/** The software (and version) a banner or EHLO line names, if any. */
export function bannerDisclosure(lines: readonly string[]): BannerDisclosure | undefined {
  let softwareOnly: BannerDisclosure | undefined;
  for (const line of lines) {
    for (const { name, pattern } of knownSoftware) {
      const match = pattern.exec(line);
      if (match === null) continue;
      const version = match[1];
      if (version !== undefined) return { software: name, version, line };
      softwareOnly ??= { software: name, line };
    }
  }
  return softwareOnly;
}

export function bannerFindings(observation: ServerObservation, context: SessionContext): Finding[] {
  const { facts } = observation.probe;
  if (facts.greeting === undefined || !reached(observation)) return [];
  const lines = [...facts.greeting.lines, ...(facts.ehlo?.reply.lines.slice(0, 1) ?? [])];
  const evidence = [transcriptEvidence('SMTP session', observation.probe.transcript)];
  const base = { subject: context.subject, evidence };
  const disclosed = bannerDisclosure(lines);
  if (disclosed === undefined)
    return [
      finding(bannerVersionMeta, 'pass', { ...base, message: sessionMessages.bannerQuiet(context.where) }),
    ];
  return disclosed.version === undefined
    ? [
        finding(bannerVersionMeta, 'warn', {
          ...base,
          severity: 'info',
          message: sessionMessages.bannerSoftware(context.where, disclosed.software, disclosed.line),
        }),
      ]
    : [
        finding(bannerVersionMeta, 'warn', {
          ...base,
          message: sessionMessages.bannerVersion(
            context.where,
            disclosed.software,
            disclosed.version,
            disclosed.line,
          ),
        }),
      ];
}

export function starttlsFindings(observation: ServerObservation, context: SessionContext): Finding[] {
  const { facts } = observation.probe;
  const evidence = [transcriptEvidence('SMTP session', observation.probe.transcript)];
  const base = { subject: context.subject, evidence };
  const where = context.where;
  if (observation.endpoint.tls === 'implicit') {
    const outcome = facts.implicitTls;
    if (outcome?.kind === 'ok')
      return [
        finding(starttlsMissingMeta, 'pass', {
          ...base,
          message: sessionMessages.starttlsOk(where, outcome.session.protocol, outcome.session.cipher.name),
        }),
      ];
    if (outcome?.kind === 'failed')
      return [
        finding(starttlsMissingMeta, 'fail', {
          ...base,
          message: sessionMessages.implicitFailed(where, outcome.reason),
        }),
      ];
    return [];
  }
  if (!reached(observation)) return [];
  const ehlo = facts.ehlo;
  if (ehlo === undefined)
    return [finding(starttlsMissingMeta, 'error', { ...base, message: sessionMessages.noEhlo(where) })];
  if (!ehlo.extensions.starttls)
    return [
      finding(starttlsMissingMeta, 'fail', {
        ...base,
        message: sessionMessages.noStarttls(where, ehlo.command === 'HELO'),
      }),
    ];
  const outcome = facts.starttls;
  switch (outcome?.kind) {
    case 'ok':
      return [
        finding(starttlsMissingMeta, 'pass', {
          ...base,
          message: sessionMessages.starttlsOk(where, outcome.session.protocol, outcome.session.cipher.name),
        }),
      ];
    case 'refused':
      return [
        finding(starttlsMissingMeta, 'fail', {
          ...base,
          message: sessionMessages.starttlsRefused(where, outcome.reply),
        }),
      ];
    case 'failed':
      return [
        finding(starttlsMissingMeta, 'fail', {
          ...base,
          message: sessionMessages.starttlsFailed(where, outcome.reason),
        }),
      ];
    case 'not-offered':
      return [
        finding(starttlsMissingMeta, 'fail', { ...base, message: sessionMessages.noStarttls(where, false) }),
      ];
    case 'not-attempted':
    case undefined: {
      const failure =
        observation.probe.kind === 'error'
          ? observation.probe.failure.detail
          : 'the session ended before STARTTLS';
      return [
        finding(starttlsMissingMeta, 'error', {
          ...base,
          message: sessionMessages.starttlsFailed(where, failure),
        }),
      ];
    }
  }
}

export function authFindings(observation: ServerObservation, context: SessionContext): Finding[] {
  const { facts } = observation.probe;
  const ehlo = facts.ehlo;
  if (ehlo === undefined || !reached(observation)) return [];
  const evidence = [transcriptEvidence('SMTP session', observation.probe.transcript)];
  const base = { subject: context.subject, evidence };
  const findings: Finding[] = [];
  // On 465 the first EHLO is already inside TLS: nothing is offered "before TLS".
  if (observation.endpoint.tls === 'starttls') {
    const before = ehlo.extensions.auth;
    const clear = before.some((m) => m === 'PLAIN' || m === 'LOGIN');
    findings.push(
      before.length > 0
        ? finding(authBeforeTlsMeta, 'fail', {
            ...base,
            message: sessionMessages.authBeforeTls(context.where, before),
            severity: clear ? 'high' : 'medium',
          })
        : finding(authBeforeTlsMeta, 'pass', {
            ...base,
            message: sessionMessages.authOnlyAfterTls(
              context.where,
              facts.ehloAfterTls?.extensions.auth ?? [],
            ),
          }),
    );
  }
  if (observation.endpoint.port === 25) {
    const offered = [...new Set([...ehlo.extensions.auth, ...(facts.ehloAfterTls?.extensions.auth ?? [])])];
    findings.push(
      offered.length > 0
        ? finding(authOnPort25Meta, 'warn', {
            ...base,
            message: sessionMessages.authOnPort25(context.where, offered),
          })
        : finding(authOnPort25Meta, 'pass', {
            ...base,
            message: sessionMessages.noAuthOnPort25(context.where),
          }),
    );
  }
  return findings;
}

/** MS-NLMP ProductBuild numbers of Windows Server releases, for a readable message (build → name). */
const windowsBuilds: Readonly<Record<number, string>> = {
  7601: 'Windows Server 2008 R2',
  9200: 'Windows Server 2012',
  9600: 'Windows Server 2012 R2',
  14393: 'Windows Server 2016',
  17763: 'Windows Server 2019',
  20348: 'Windows Server 2022',
  26100: 'Windows Server 2025',
};

export function ntlmDetails(challenge: NtlmChallenge): string[] {
  const info = challenge.targetInfo;
  const details: string[] = [];
  if (info?.nbComputerName) details.push(`computer ${info.nbComputerName}`);
  if (info?.dnsComputerName) details.push(`host ${info.dnsComputerName}`);
  if (info?.nbDomainName) details.push(`NetBIOS domain ${info.nbDomainName}`);
  if (info?.dnsDomainName) details.push(`AD domain ${info.dnsDomainName}`);
  if (info?.dnsTreeName) details.push(`forest ${info.dnsTreeName}`);
  if (challenge.version) {
    const { major, minor, build } = challenge.version;
    const name = windowsBuilds[build];
    details.push(`Windows ${major}.${minor} build ${build}${name ? ` (${name})` : ''}`);
  }
  if (details.length === 0 && challenge.targetName !== '') details.push(`target ${challenge.targetName}`);
  return details;
}

export function ntlmFindings(observation: ServerObservation, context: SessionContext): Finding[] {
  const outcome = observation.probe.facts.ntlm;
  if (outcome === undefined) return [];
  const evidence: Evidence[] = [transcriptEvidence('SMTP session', observation.probe.transcript)];
  const base = { subject: context.subject, evidence };
  switch (outcome.kind) {
    case 'not-offered':
      return [
        finding(ntlmInfoLeakMeta, 'pass', {
          ...base,
          message: sessionMessages.ntlmNotOffered(context.where),
        }),
      ];
    case 'refused':
      return [
        finding(ntlmInfoLeakMeta, 'pass', {
          ...base,
          message: sessionMessages.ntlmRefused(context.where, outcome.reply),
        }),
      ];
    case 'malformed':
      return [
        finding(ntlmInfoLeakMeta, 'error', {
          ...base,
          message: sessionMessages.ntlmMalformed(context.where, outcome.reply),
        }),
      ];
    case 'challenge': {
      const decoded = decodeNtlmChallenge(outcome.bytes);
      const withToken = [
        ...evidence,
        { kind: 'text', label: 'NTLM CHALLENGE (base64)', value: outcome.base64 } as const,
      ];
      if (decoded.kind === 'invalid') {
        return [
          finding(ntlmInfoLeakMeta, 'warn', {
            ...base,
            evidence: withToken,
            message: sessionMessages.ntlmUndecodable(context.where, decoded.reason),
          }),
        ];
      }
      const details = ntlmDetails(decoded.challenge);
      return details.length === 0
        ? [
            finding(ntlmInfoLeakMeta, 'pass', {
              ...base,
              evidence: withToken,
              message: sessionMessages.ntlmQuiet(context.where),
            }),
          ]
        : [
            finding(ntlmInfoLeakMeta, 'fail', {
              ...base,
              evidence: withToken,
              message: sessionMessages.ntlmLeak(context.where, details),
            }),
          ];
    }
  }
}

export function vrfyFindings(observation: ServerObservation, context: SessionContext): Finding[] {
  const reply = observation.probe.facts.vrfy;
  if (reply === undefined) return [];
  const base = {
    subject: context.subject,
    evidence: [transcriptEvidence('SMTP session', observation.probe.transcript)],
  };
  return reply.code === 250 || reply.code === 251
    ? [
        finding(vrfyEnabledMeta, 'fail', {
          ...base,
          message: sessionMessages.vrfyEnabled(context.where, reply),
        }),
      ]
    : [
        finding(vrfyEnabledMeta, 'pass', {
          ...base,
          message: sessionMessages.vrfyQuiet(context.where, reply),
        }),
      ];
}

export function relayFindings(observation: ServerObservation, context: SessionContext): Finding[] {
  const { relay } = observation;
  const where = context.where;
  const subject = context.subject;
  switch (relay.kind) {
    case 'disabled':
      return [finding(openRelayMeta, 'skipped', { subject, message: sessionMessages.relayDisabled(where) })];
    case 'not-run':
      return [
        finding(openRelayMeta, 'skipped', {
          subject,
          message: sessionMessages.relayNotRun(where, relay.reason),
        }),
      ];
    case 'ran':
      break;
  }
  const { result } = relay;
  const evidence = [transcriptEvidence('Open-relay test (RCPT only, no DATA)', result.transcript)];
  if (result.kind === 'error')
    return [
      finding(openRelayMeta, 'error', {
        subject,
        evidence,
        message: sessionMessages.relayError(where, result.failure),
      }),
    ];
  if (result.recipients.length === 0)
    return [
      finding(openRelayMeta, 'error', {
        subject,
        evidence,
        message: sessionMessages.relaySenderRefused(where, result.mailFrom),
      }),
    ];
  const [outside, percent, route] = result.recipients;
  const definite = [outside, route]
    .filter((item) => item?.accepted === true)
    .map((item) => item?.recipient ?? '');
  if (definite.length > 0)
    return [
      finding(openRelayMeta, 'fail', {
        subject,
        evidence,
        message: sessionMessages.relayOpen(where, definite),
      }),
    ];
  if (percent?.accepted)
    return [
      finding(openRelayMeta, 'warn', {
        subject,
        evidence,
        severity: 'medium',
        message: sessionMessages.relayPercent(where, percent.recipient),
      }),
    ];
  // Postfix's default defer_unauth_destination says 454 "Relay access denied": a refusal, not a deferral.
  const deferred = [outside, route].find(
    (item) =>
      item !== undefined &&
      item.reply.code >= 400 &&
      item.reply.code < 500 &&
      !/relay|denied|not permitted|not allowed/i.test(item.reply.lines.join(' ')),
  );
  if (deferred)
    return [
      finding(openRelayMeta, 'error', {
        subject,
        evidence,
        message: sessionMessages.relayDeferred(where, deferred.recipient, deferred.reply),
      }),
    ];
  return [
    finding(openRelayMeta, 'pass', {
      subject,
      evidence,
      message: sessionMessages.relayClosed(where, result.recipients.length),
    }),
  ];
}

/** Every session-level finding for one server. */
export function sessionFindings(observation: ServerObservation, context: SessionContext): Finding[] {
  return [
    ...reachabilityFindings(observation, context),
    ...bannerFindings(observation, context),
    ...starttlsFindings(observation, context),
    ...authFindings(observation, context),
    ...ntlmFindings(observation, context),
    ...vrfyFindings(observation, context),
    ...relayFindings(observation, context),
  ];
}
