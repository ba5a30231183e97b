// What one SMTP session tells about a mail server: reachability, the banner, STARTTLS, AUTH exposure, the
// NTLM challenge, VRFY and the open-relay test. Pure over a ServerObservation; messages kept in one place.

import { enSmtpFindings } from '../../i18n/en/smtp-findings.js';
import type { CheckMeta, Evidence, Finding, Reference } from '../../model/finding.js';
import type { SmtpFailure, SmtpReply, Transcript, VrfyAnswer } from '../../net/smtp/types.js';
import { decodeNtlmChallenge, type NtlmChallenge } from '../../protocols/ntlm/challenge.js';
import { finding } from '../finding-builder.js';
import { keyedMessages, none } from './keyed-message.js';
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
    'The VRFY command asks the server whether an address exists; spammers and attackers use it to test address ' +
    'lists (user enumeration, RFC 5321 §7.3). In one session telltale asks VRFY postmaster (a mailbox every ' +
    'domain must have) and VRFY of a random name that cannot exist. Fail: either name is confirmed with 250 or ' +
    '251 (RFC 5321 §3.5.3 allows 250 only for an address actually verified, so a 250 for the random name is a ' +
    'catch-all that still answers for each address), or one name is denied with 550, 551 or 553 while the other ' +
    'is not (Postfix with `disable_vrfy_command = no` answers 252 for a mailbox that exists and 550 for one that ' +
    'does not). Pass: the same kind of answer for both, such as the neutral 252 ("cannot verify, but will accept") ' +
    'or a refusal of the command. Error: only postmaster was answered, with 252 or a denial.',
  remediation:
    'Postfix: `disable_vrfy_command = yes`. Exim: leave `acl_smtp_vrfy` unset (VRFY is refused by default). ' +
    "Sendmail: `define(`confPRIVACY_FLAGS', `goaway')`. Exchange answers VRFY with 252 for every name.",
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

const say = keyedMessages(enSmtpFindings);

/** An SMTP failure as message parameters: its kind and Node's code (the English detail stays in the transcript). */
export const failureParams = (failure: SmtpFailure | undefined) => ({
  failure: failure?.kind ?? none,
  code: failure?.code ?? none,
});

/** Select value of a mechanism list that includes a clear-text password mechanism. */
const sendsPassword = (mechanisms: readonly string[]): boolean =>
  mechanisms.some((m) => m === 'PLAIN' || m === 'LOGIN');

export interface NtlmDetails {
  readonly computer?: string;
  readonly host?: string;
  readonly netbiosDomain?: string;
  readonly adDomain?: string;
  readonly forest?: string;
  readonly target?: string;
  readonly windows?: { readonly version: string; readonly build: number; readonly release?: string };
}

export const sessionMessages = {
  unreachableError: (where: string, failure: SmtpFailure) =>
    say('smtp.unreachable.error', {
      where,
      ...failureParams(failure),
      reply: failure.reply ? replyText(failure.reply) : none,
    }),
  unreachableFail: (where: string, failure: SmtpFailure) =>
    say('smtp.unreachable.fail', { where, ...failureParams(failure) }),
  protocolFail: (where: string) => say('smtp.unreachable.protocol', { where }),
  reachable: (where: string, greeting: SmtpReply) =>
    say('smtp.unreachable.answered', { where, greeting: replyText(greeting) }),
  bannerVersion: (where: string, software: string, version: string, line: string) =>
    say('smtp.banner.version', { where, software, version, line }),
  bannerSoftware: (where: string, software: string, line: string) =>
    say('smtp.banner.software', { where, software, line }),
  bannerQuiet: (where: string) => say('smtp.banner.quiet', { where }),
  noStarttls: (where: string, helo: boolean) =>
    say(helo ? 'smtp.starttls.helo-only' : 'smtp.starttls.missing', { where }),
  starttlsRefused: (where: string, reply: SmtpReply) =>
    say('smtp.starttls.refused', { where, reply: replyText(reply) }),
  starttlsFailed: (where: string, code: string | undefined) =>
    say('smtp.starttls.failed', { where, code: code ?? none }),
  starttlsNotReached: (where: string, failure: SmtpFailure | undefined) =>
    say('smtp.starttls.not-reached', { where, ...failureParams(failure) }),
  implicitFailed: (where: string, code: string | undefined) =>
    say('smtp.starttls.implicit-failed', { where, code: code ?? none }),
  starttlsOk: (where: string, protocol: string, cipher: string) =>
    say('smtp.starttls.ok', { where, protocol, cipher }),
  noEhlo: (where: string) => say('smtp.starttls.no-ehlo', { where }),
  authBeforeTls: (where: string, mechanisms: readonly string[]) =>
    say(sendsPassword(mechanisms) ? 'smtp.auth.before-tls-clear' : 'smtp.auth.before-tls', {
      where,
      mechanisms: mechanisms.join(' '),
    }),
  authOnlyAfterTls: (where: string, mechanisms: readonly string[]) =>
    mechanisms.length === 0
      ? say('smtp.auth.none-before-tls', { where })
      : say('smtp.auth.only-after-tls', { where, mechanisms: mechanisms.join(' ') }),
  authOnPort25: (where: string, mechanisms: readonly string[]) =>
    say('smtp.auth.port-25', { where, mechanisms: mechanisms.join(' ') }),
  noAuthOnPort25: (where: string) => say('smtp.auth.none-port-25', { where }),
  ntlmLeak: (where: string, details: NtlmDetails) =>
    say('smtp.ntlm.leak', {
      where,
      computer: details.computer ?? none,
      host: details.host ?? none,
      netbiosDomain: details.netbiosDomain ?? none,
      adDomain: details.adDomain ?? none,
      forest: details.forest ?? none,
      target: details.target ?? none,
      windows: details.windows?.version ?? none,
      build: details.windows?.build ?? none,
      release: details.windows?.release ?? none,
    }),
  ntlmUndecodable: (where: string) => say('smtp.ntlm.undecodable', { where }),
  ntlmQuiet: (where: string) => say('smtp.ntlm.quiet', { where }),
  ntlmNotOffered: (where: string) => say('smtp.ntlm.not-offered', { where }),
  ntlmRefused: (where: string, reply: SmtpReply) =>
    say('smtp.ntlm.refused', { where, reply: replyText(reply) }),
  ntlmMalformed: (where: string, reply: SmtpReply) =>
    say('smtp.ntlm.malformed', { where, reply: replyText(reply) }),
  vrfyEnabled: (where: string, answer: VrfyAnswer) =>
    say('smtp.vrfy.enabled', { where, name: answer.argument, reply: replyText(answer.reply) }),
  vrfyEnumerates: (where: string, known: VrfyAnswer, unknown: VrfyAnswer) =>
    say('smtp.vrfy.enumerates', {
      where,
      known: known.argument,
      knownReply: replyText(known.reply),
      unknown: unknown.argument,
      unknownReply: replyText(unknown.reply),
    }),
  vrfySame: (where: string, known: VrfyAnswer, unknown: VrfyAnswer) =>
    say('smtp.vrfy.same', {
      where,
      known: known.argument,
      reply: replyText(known.reply),
      unknown: unknown.argument,
      unknownReply: replyText(unknown.reply),
    }),
  vrfyQuiet: (where: string, reply: SmtpReply) => say('smtp.vrfy.quiet', { where, reply: replyText(reply) }),
  vrfyIncomplete: (where: string, known: VrfyAnswer) =>
    say('smtp.vrfy.incomplete', { where, known: known.argument, reply: replyText(known.reply) }),
  relayDisabled: (where: string) => say('smtp.relay.disabled', { where }),
  relayNotRun: (where: string) => say('smtp.relay.not-run', { where }),
  relayError: (where: string, failure: SmtpFailure) =>
    say('smtp.relay.error', { where, ...failureParams(failure) }),
  relaySenderRefused: (where: string, reply: SmtpReply) =>
    say('smtp.relay.sender-refused', { where, reply: replyText(reply) }),
  relayOpen: (where: string, recipients: readonly string[]) =>
    say('smtp.relay.open', { where, recipients: recipients.join(', ') }),
  relayPercent: (where: string, recipient: string) => say('smtp.relay.percent', { where, recipient }),
  relayDeferred: (where: string, recipient: string, reply: SmtpReply) =>
    say('smtp.relay.deferred', { where, recipient, reply: replyText(reply) }),
  relayClosed: (where: string, count: number) => say('smtp.relay.closed', { where, count }),
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
            ...sessionMessages.reachable(context.where, greeting),
          }),
        ]
      : [];
  }
  const { failure } = probe;
  if (failure.kind === 'protocol')
    return [
      finding(unreachableMeta, 'fail', {
        ...base,
        ...sessionMessages.protocolFail(context.where),
        severity: 'medium',
      }),
    ];
  if (failure.kind === 'tls' && observation.endpoint.tls === 'implicit') return [];
  if (context.someoneAnswered && networkKinds.has(failure.kind)) {
    return [
      finding(unreachableMeta, 'fail', {
        ...base,
        ...sessionMessages.unreachableFail(context.where, failure),
        severity: 'medium',
      }),
    ];
  }
  return [
    finding(unreachableMeta, 'error', {
      ...base,
      ...sessionMessages.unreachableError(context.where, failure),
    }),
  ];
}

interface KnownSoftware {
  readonly name: string;
  readonly pattern: RegExp;
}

/**
 * A product name as a word of prose: not inside a host name (no letter, digit, hyphen or dot-joined label on
 * either side), so `mx.postfix.example` or `exim-relay.example` name nothing. A final dot (end of sentence) is fine.
 */
const product = (name: string): string => `(?<![\\w.-])${name}(?![\\w-]|\\.[\\w-])`;

/** Banner fingerprints: the version group is optional; the first match wins. */
const knownSoftware: readonly KnownSoftware[] = [
  {
    name: 'Microsoft Exchange / IIS SMTP',
    pattern: new RegExp(`${product('Microsoft ESMTP MAIL Service')}(?:, Version: ([\\d.]+))?`, 'i'),
  },
  { name: 'Postfix', pattern: new RegExp(`${product('Postfix')}(?:[ (]+(\\d+\\.\\d+(?:\\.\\d+)?))?`, 'i') },
  { name: 'Exim', pattern: new RegExp(`${product('Exim')}(?: (\\d+\\.\\d+(?:\\.\\d+)?))?`, 'i') },
  { name: 'Sendmail', pattern: new RegExp(`${product('Sendmail')}(?: (\\d+\\.\\d+(?:\\.\\d+){0,2}))?`, 'i') },
  {
    name: 'hMailServer',
    pattern: new RegExp(`${product('hMailServer')}(?: (\\d+\\.\\d+(?:\\.\\d+)?))?`, 'i'),
  },
  { name: 'MDaemon', pattern: new RegExp(`${product('MDaemon')}(?: (\\d+\\.\\d+(?:\\.\\d+)?))?`, 'i') },
  {
    name: 'Kerio Connect',
    pattern: new RegExp(`${product('Kerio Connect')}(?: (\\d+\\.\\d+(?:\\.\\d+)?))?`, 'i'),
  },
  { name: 'Zimbra', pattern: new RegExp(`${product('Zimbra')}(?: (\\d+\\.\\d+(?:\\.\\d+)?))?`, 'i') },
];

export interface BannerDisclosure {
  readonly software: string;
  readonly version?: string;
  readonly line: string;
}

/**
 * The first line of a 220 greeting and of an EHLO reply starts with the server's own name (RFC 5321 §4.2 and
 * §4.1.1.1: `220 <domain> …`, `250 <domain> …`): it names the host, never the software, so it is not searched.
 */
export function replyTextAfterHostName(lines: readonly string[]): string[] {
  const [first, ...rest] = lines;
  if (first === undefined) return [];
  return [first.trimStart().replace(/^\S+\s*/, ''), ...rest];
}

/** What the greeting and the EHLO reply disclose; `line` is the whole line, host name included, as evidence. */
export function bannerOfReplies(
  greeting: readonly string[],
  ehlo: readonly string[] = [],
): BannerDisclosure | undefined {
  const pairs = (lines: readonly string[]) =>
    replyTextAfterHostName(lines).map((searched, index) => ({ searched, line: lines[index] ?? searched }));
  return disclosureIn([...pairs(greeting), ...pairs(ehlo)]);
}

function disclosureIn(
  lines: readonly { readonly searched: string; readonly line: string }[],
): BannerDisclosure | undefined {
  let softwareOnly: BannerDisclosure | undefined;
  for (const { searched, line } of lines) {
    for (const { name, pattern } of knownSoftware) {
      const match = pattern.exec(searched);
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
  const evidence = [transcriptEvidence('SMTP session', observation.probe.transcript)];
  const base = { subject: context.subject, evidence };
  const disclosed = bannerOfReplies(facts.greeting.lines, facts.ehlo?.reply.lines.slice(0, 1) ?? []);
  if (disclosed === undefined)
    return [finding(bannerVersionMeta, 'pass', { ...base, ...sessionMessages.bannerQuiet(context.where) })];
  return disclosed.version === undefined
    ? [
        finding(bannerVersionMeta, 'warn', {
          ...base,
          severity: 'info',
          ...sessionMessages.bannerSoftware(context.where, disclosed.software, disclosed.line),
        }),
      ]
    : [
        finding(bannerVersionMeta, 'warn', {
          ...base,
          ...sessionMessages.bannerVersion(
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
          ...sessionMessages.starttlsOk(where, outcome.session.protocol, outcome.session.cipher.name),
        }),
      ];
    if (outcome?.kind === 'failed')
      return [
        finding(starttlsMissingMeta, 'fail', {
          ...base,
          ...sessionMessages.implicitFailed(where, outcome.code),
        }),
      ];
    return [];
  }
  if (!reached(observation)) return [];
  const ehlo = facts.ehlo;
  if (ehlo === undefined)
    return [finding(starttlsMissingMeta, 'error', { ...base, ...sessionMessages.noEhlo(where) })];
  if (!ehlo.extensions.starttls)
    return [
      finding(starttlsMissingMeta, 'fail', {
        ...base,
        ...sessionMessages.noStarttls(where, ehlo.command === 'HELO'),
      }),
    ];
  const outcome = facts.starttls;
  switch (outcome?.kind) {
    case 'ok':
      return [
        finding(starttlsMissingMeta, 'pass', {
          ...base,
          ...sessionMessages.starttlsOk(where, outcome.session.protocol, outcome.session.cipher.name),
        }),
      ];
    case 'refused':
      return [
        finding(starttlsMissingMeta, 'fail', {
          ...base,
          ...sessionMessages.starttlsRefused(where, outcome.reply),
        }),
      ];
    case 'failed':
      return [
        finding(starttlsMissingMeta, 'fail', {
          ...base,
          ...sessionMessages.starttlsFailed(where, outcome.code),
        }),
      ];
    case 'not-offered':
      return [finding(starttlsMissingMeta, 'fail', { ...base, ...sessionMessages.noStarttls(where, false) })];
    case 'not-attempted':
    case undefined: {
      const failure = observation.probe.kind === 'error' ? observation.probe.failure : undefined;
      return [
        finding(starttlsMissingMeta, 'error', {
          ...base,
          ...sessionMessages.starttlsNotReached(where, failure),
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
            ...sessionMessages.authBeforeTls(context.where, before),
            severity: clear ? 'high' : 'medium',
          })
        : finding(authBeforeTlsMeta, 'pass', {
            ...base,
            ...sessionMessages.authOnlyAfterTls(context.where, facts.ehloAfterTls?.extensions.auth ?? []),
          }),
    );
  }
  if (observation.endpoint.port === 25) {
    const offered = [...new Set([...ehlo.extensions.auth, ...(facts.ehloAfterTls?.extensions.auth ?? [])])];
    findings.push(
      offered.length > 0
        ? finding(authOnPort25Meta, 'warn', {
            ...base,
            ...sessionMessages.authOnPort25(context.where, offered),
          })
        : finding(authOnPort25Meta, 'pass', {
            ...base,
            ...sessionMessages.noAuthOnPort25(context.where),
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

/** What the challenge gives away; undefined when it names nothing. */
export function ntlmDetails(challenge: NtlmChallenge): NtlmDetails | undefined {
  const info = challenge.targetInfo;
  const present = (value: string | undefined): string | undefined => (value ? value : undefined);
  const version = challenge.version;
  const release = version === undefined ? undefined : windowsBuilds[version.build];
  const details: NtlmDetails = {
    ...optional('computer', present(info?.nbComputerName)),
    ...optional('host', present(info?.dnsComputerName)),
    ...optional('netbiosDomain', present(info?.nbDomainName)),
    ...optional('adDomain', present(info?.dnsDomainName)),
    ...optional('forest', present(info?.dnsTreeName)),
    ...(version === undefined
      ? {}
      : {
          windows: {
            version: `${version.major}.${version.minor}`,
            build: version.build,
            ...optional('release', release),
          },
        }),
  };
  if (Object.keys(details).length > 0) return details;
  return challenge.targetName === '' ? undefined : { target: challenge.targetName };
}

const optional = <K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } =>
  (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };

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
          ...sessionMessages.ntlmNotOffered(context.where),
        }),
      ];
    case 'refused':
      return [
        finding(ntlmInfoLeakMeta, 'pass', {
          ...base,
          ...sessionMessages.ntlmRefused(context.where, outcome.reply),
        }),
      ];
    case 'malformed':
      return [
        finding(ntlmInfoLeakMeta, 'error', {
          ...base,
          ...sessionMessages.ntlmMalformed(context.where, outcome.reply),
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
            ...sessionMessages.ntlmUndecodable(context.where),
          }),
        ];
      }
      const details = ntlmDetails(decoded.challenge);
      return details === undefined
        ? [
            finding(ntlmInfoLeakMeta, 'pass', {
              ...base,
              evidence: withToken,
              ...sessionMessages.ntlmQuiet(context.where),
            }),
          ]
        : [
            finding(ntlmInfoLeakMeta, 'fail', {
              ...base,
              evidence: withToken,
              ...sessionMessages.ntlmLeak(context.where, details),
            }),
          ];
    }
  }
}

/** How a VRFY reply counts (RFC 5321 §3.5.3): a confirmation, the neutral 252, a denial, or anything else. */
export type VrfyClass = 'confirms' | 'cannot-verify' | 'denies' | 'other';

export function vrfyClass(reply: SmtpReply): VrfyClass {
  if (reply.code === 250 || reply.code === 251) return 'confirms';
  if (reply.code === 252) return 'cannot-verify';
  if (reply.code === 550 || reply.code === 551 || reply.code === 553) return 'denies';
  return 'other';
}

/**
 * The verdict on VRFY from the answers for a known mailbox and, when it was answered, a random name:
 * `confirms` (a 250/251 for either, a catch-all included), `enumerates` (one name denied with 550/551/553 and
 * the other not), `same` (no difference and no confirmation), `refused` (one answer, not a confirmation nor 252),
 * or `incomplete` (only a 252 for the known name: the random one would have told).
 */
export type VrfyVerdict =
  | { readonly kind: 'confirms'; readonly answer: VrfyAnswer }
  | { readonly kind: 'enumerates'; readonly known: VrfyAnswer; readonly unknown: VrfyAnswer }
  | { readonly kind: 'same'; readonly known: VrfyAnswer; readonly unknown: VrfyAnswer }
  | { readonly kind: 'refused'; readonly known: VrfyAnswer }
  | { readonly kind: 'incomplete'; readonly known: VrfyAnswer };

export function vrfyVerdict(known: VrfyAnswer, unknown: VrfyAnswer | undefined): VrfyVerdict {
  const confirmed = [known, unknown].find((answer) => answer && vrfyClass(answer.reply) === 'confirms');
  if (confirmed) return { kind: 'confirms', answer: confirmed };
  if (unknown === undefined)
    return vrfyClass(known.reply) === 'cannot-verify' || vrfyClass(known.reply) === 'denies'
      ? { kind: 'incomplete', known }
      : { kind: 'refused', known };
  const denied = [known, unknown].map((answer) => vrfyClass(answer.reply) === 'denies');
  return denied[0] === denied[1] ? { kind: 'same', known, unknown } : { kind: 'enumerates', known, unknown };
}

export function vrfyFindings(observation: ServerObservation, context: SessionContext): Finding[] {
  const { facts } = observation.probe;
  const answers: readonly VrfyAnswer[] =
    facts.vrfyReplies ?? (facts.vrfy === undefined ? [] : [{ argument: 'postmaster', reply: facts.vrfy }]);
  const [known, unknown] = answers;
  if (known === undefined) return [];
  const base = {
    subject: context.subject,
    evidence: [transcriptEvidence('SMTP session', observation.probe.transcript)],
  };
  const where = context.where;
  const verdict = vrfyVerdict(known, unknown);
  switch (verdict.kind) {
    case 'confirms':
      return [
        finding(vrfyEnabledMeta, 'fail', { ...base, ...sessionMessages.vrfyEnabled(where, verdict.answer) }),
      ];
    case 'enumerates':
      return [
        finding(vrfyEnabledMeta, 'fail', {
          ...base,
          ...sessionMessages.vrfyEnumerates(where, verdict.known, verdict.unknown),
        }),
      ];
    case 'same':
      return [
        finding(vrfyEnabledMeta, 'pass', {
          ...base,
          ...sessionMessages.vrfySame(where, verdict.known, verdict.unknown),
        }),
      ];
    case 'refused':
      return [
        finding(vrfyEnabledMeta, 'pass', {
          ...base,
          ...sessionMessages.vrfyQuiet(where, verdict.known.reply),
        }),
      ];
    case 'incomplete':
      return [
        finding(vrfyEnabledMeta, 'error', {
          ...base,
          ...sessionMessages.vrfyIncomplete(where, verdict.known),
        }),
      ];
  }
}

export function relayFindings(observation: ServerObservation, context: SessionContext): Finding[] {
  const { relay } = observation;
  const where = context.where;
  const subject = context.subject;
  switch (relay.kind) {
    case 'disabled':
      return [finding(openRelayMeta, 'skipped', { subject, ...sessionMessages.relayDisabled(where) })];
    case 'not-run':
      return [
        finding(openRelayMeta, 'skipped', {
          subject,
          ...sessionMessages.relayNotRun(where),
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
        ...sessionMessages.relayError(where, result.failure),
      }),
    ];
  if (result.recipients.length === 0)
    return [
      finding(openRelayMeta, 'error', {
        subject,
        evidence,
        ...sessionMessages.relaySenderRefused(where, result.mailFrom),
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
        ...sessionMessages.relayOpen(where, definite),
      }),
    ];
  if (percent?.accepted)
    return [
      finding(openRelayMeta, 'warn', {
        subject,
        evidence,
        severity: 'medium',
        ...sessionMessages.relayPercent(where, percent.recipient),
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
        ...sessionMessages.relayDeferred(where, deferred.recipient, deferred.reply),
      }),
    ];
  return [
    finding(openRelayMeta, 'pass', {
      subject,
      evidence,
      ...sessionMessages.relayClosed(where, result.recipients.length),
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
