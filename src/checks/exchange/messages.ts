// Every user-facing text of the exchange.* checks: metadata, and message functions that give a catalogue key
// (src/i18n/fr/exchange-findings.ts) with value parameters; French check texts in src/i18n/fr/exchange-checks.ts.

import { enExchangeFindings } from '../../i18n/en/exchange-findings.js';
import { exchangeFix } from '../../i18n/en/exchange-fixes.js';
import type { CheckMeta, Reference } from '../../model/finding.js';
import type {
  CveVerdict,
  Remedy,
  UpdateToInstall,
  VerdictReason,
  WindowsSupport,
} from '../../protocols/exchange-build/types.js';
import { keyedMessages, list, none } from '../smtp/keyed-message.js';

const references: readonly Reference[] = [
  {
    title: 'Microsoft: Exchange Server build numbers and release dates',
    url: 'https://learn.microsoft.com/en-us/exchange/new-features/build-numbers-and-release-dates',
  },
  {
    title: 'CISA Known Exploited Vulnerabilities catalogue',
    url: 'https://www.cisa.gov/known-exploited-vulnerabilities-catalog',
  },
];

const mitigations =
  'Until the update is installed: make sure the Exchange Emergency Mitigation service (EEMS, 2016 CU22+/2019 ' +
  'CU11+/SE) is enabled (`Get-OrganizationConfig | fl MitigationsEnabled`; `Set-OrganizationConfig ' +
  '-MitigationsEnabled $true`); apply Microsoft’s URL Rewrite mitigations for the CVE where published; block ' +
  '/ecp and /powershell at the firewall or reverse proxy; publish OWA/EWS only behind a VPN or a ' +
  'pre-authenticating reverse proxy; and check for compromise (CSS-Exchange Test-ProxyLogon.ps1, the Microsoft ' +
  'Safety Scanner) since these CVEs were mass-exploited.';

const meta = (
  id: string,
  title: string,
  severity: CheckMeta['severity'],
  description: string,
  remediation: string,
): CheckMeta => ({ id, area: 'exchange', title, severity, description, remediation, references });

export const exchangeMeta = {
  detected: meta(
    'exchange.detected',
    'Microsoft Exchange server found on the internet',
    'info',
    'A host of the domain answers as a Microsoft Exchange front-end (Outlook on the web, EWS, Autodiscover). ' +
      'The build is read from what the server shows anyone: the OWA resource folder (the CU), the X-OWA-Version ' +
      'header and the ECP export-tool manifest (the full build, with its security update).',
    'Keep the server on a supported CU with the latest security update, and publish only the services users need.',
  ),
  notFound: meta(
    'exchange.not-found',
    'No on-premises Exchange found',
    'info',
    'None of the hosts examined (MX hosts, autodiscover., mail., owa. and --host) answered as an Exchange ' +
      'front-end over HTTPS. Exchange Online (Microsoft 365) is not on-premises and is not assessed here.',
    'Nothing to do.',
  ),
  unreachable: meta(
    'exchange.unreachable',
    'A host could not be checked for Exchange',
    'info',
    'The HTTPS request to the host failed for a reason that says nothing about it (timeout, DNS failure, TLS ' +
      'handshake, malformed answer): whether it runs Exchange is unknown.',
    'Run the check again from a network that reaches the host; see the evidence for the failure.',
  ),
  buildUnknown: meta(
    'exchange.build-unknown',
    'Exchange build could not be determined, or is newer than our data',
    'medium',
    'The server is Exchange, but no build number was visible, or it is one our dataset does not list (newer ' +
      'than the data, or an unknown CU). Which vulnerabilities apply cannot be said: this is never a pass.',
    'Check the build on the server (`Get-Command ExSetup.exe | % {$_.FileVersionInfo}`) against Microsoft’s build ' +
      'list, and update telltale so its data knows the latest updates.',
  ),
  dataStale: meta(
    'exchange.data-stale',
    'Exchange vulnerability data is past its review date',
    'low',
    'The built-in list of Exchange builds and CVEs is older than its review date: updates released since are ' +
      'unknown to it, so a server may lack fixes this report does not know about.',
    'Update telltale, or refresh the data (docs/exchange.md, "Refreshing the data").',
  ),
  unsupported: meta(
    'exchange.unsupported',
    'Exchange version out of support',
    'high',
    'The product (or its CU) no longer receives security updates from Microsoft: new vulnerabilities stay ' +
      'open. Exchange 2010 and 2013 are out of support; 2016 and 2019 since 2025-10-14 (paid Extended Security ' +
      'Updates cannot be seen from outside).',
    'Move to Exchange Server Subscription Edition (SE) with its latest CU and security update, or to Exchange ' +
      'Online; in the meantime keep the current ESU updates if you have them.',
  ),
  vulnerable: meta(
    'exchange.vulnerable',
    'Exchange build open to a known vulnerability',
    'critical',
    'The build number shows that the fix for this CVE is not installed: the CU never received it, or the ' +
      'installed update is older than the one that fixed it.',
    `Install the update named in the finding. ${mitigations}`,
  ),
  possiblyVulnerable: meta(
    'exchange.possibly-vulnerable',
    'Exchange build possibly open to a known vulnerability',
    'high',
    'Only the CU is visible, and on that CU the CVE is fixed by a security update that cannot be seen from ' +
      'outside: the server is vulnerable unless that update (or a later one) is installed.',
    `Check the installed update on the server and install the update named in the finding. ${mitigations}`,
  ),
  notVerifiable: meta(
    'exchange.not-verifiable',
    'Exchange vulnerability that depends on configuration',
    'medium',
    'Whether this CVE applies depends on configuration the outside cannot see (e.g. Extended Protection for ' +
      'CVE-2024-21410, hybrid configuration for CVE-2025-53786).',
    'Apply the configuration named in the finding and verify it with the CSS-Exchange HealthChecker script.',
  ),
  mixedBuilds: meta(
    'exchange.mixed-builds',
    'Load-balanced Exchange servers run different builds',
    'low',
    'Responses from different front-ends (told apart by X-FEServer) show different builds: at least one ' +
      'server missed an update. Each server is assessed on its own.',
    'Install the same latest update on every Exchange server behind the load balancer.',
  ),
  internalNameLeak: meta(
    'exchange.internal-name-leak',
    'Exchange headers reveal internal server names',
    'low',
    'X-FEServer, X-BEServer, X-CalculatedBETarget or X-DiagInfo name internal servers and the internal AD ' +
      'domain: information an attacker uses to target the back-end directly and to phish convincingly.',
    'Remove the headers at the reverse proxy or with IIS URL Rewrite outbound rules on the Exchange front-ends ' +
      '(e.g. an outbound rule blanking RESPONSE_X-FEServer); keep Exchange behind a reverse proxy.',
  ),
  ntlmInfoLeak: meta(
    'exchange.ntlm-info-leak',
    'NTLM challenge reveals internal names and Windows build',
    'low',
    'An anonymous NTLM negotiate on EWS, Autodiscover or MAPI returns the server’s NetBIOS and DNS names, the ' +
      'internal AD domain and forest, and the Windows build. It also shows that NTLM authentication is offered ' +
      'to the internet (password spraying, NTLM relay).',
    'Publish EWS/Autodiscover/MAPI through a pre-authenticating reverse proxy, or disable NTLM on the external ' +
      'virtual directories (`Set-WebServicesVirtualDirectory -InternalUrl … -WindowsAuthentication $false` with ' +
      'OAuth/Modern authentication enabled) and enable Extended Protection.',
  ),
  windowsUnsupported: meta(
    'exchange.windows-unsupported',
    'Exchange runs on a Windows Server version out of support',
    'high',
    'The Windows build in the NTLM challenge is a release past its end of support: the operating system under ' +
      'Exchange no longer receives security updates (paid ESU cannot be seen from outside).',
    'Move Exchange to a supported Windows Server release (Exchange SE: Windows Server 2019, 2022 or 2025).',
  ),
  ecpExposed: meta(
    'exchange.ecp-exposed',
    'Exchange admin center (ECP) reachable from the internet',
    'medium',
    'The /ecp/ virtual directory answers from outside: the admin centre and its endpoints were the entry point ' +
      'of ProxyLogon, ProxyShell and CVE-2020-0688.',
    'Block /ecp from the internet: at the reverse proxy/firewall, or on the Client Access front-end with an IIS ' +
      'IP restriction on the ECP virtual directory, or `Set-ECPVirtualDirectory -Identity "EX01\\ecp (Default Web ' +
      'Site)" -AdminEnabled $false` on internet-facing servers (administer from inside).',
  ),
  powershellExposed: meta(
    'exchange.powershell-exposed',
    'Exchange remote PowerShell reachable from the internet',
    'medium',
    'The /powershell/ virtual directory answers from outside: ProxyShell and ProxyNotShell reached Exchange ' +
      'PowerShell through it.',
    'Block /powershell at the reverse proxy or firewall; administer Exchange only from the internal network.',
  ),
  tlsCertificate: meta(
    'exchange.tls-certificate',
    'Exchange HTTPS certificate not valid',
    'medium',
    'The certificate the Exchange host presents is not trusted, expired or for another name: Outlook and ' +
      'mobile clients warn users, and users learn to click through warnings. The build was still read.',
    'Install a certificate from a public CA for every published name (`Import-ExchangeCertificate`, ' +
      '`Enable-ExchangeCertificate -Services IIS`).',
  ),
} as const;

export const exchangeMetaList: readonly CheckMeta[] = Object.values(exchangeMeta);

const noUpdate = { Name: none, Build: none, Kb: none, Esu: 'no' } as const;

/** One update as the parameters `<prefix>Name`, `<prefix>Build`, `<prefix>Kb`, `<prefix>Esu` of the fix template. */
function updateParams(prefix: 'update' | 'then', item: UpdateToInstall | null): Record<string, string> {
  const values =
    item === null
      ? noUpdate
      : {
          Name: item.name,
          Build: item.build,
          Kb: item.kb ?? none,
          Esu: item.distribution === 'public' ? 'no' : 'yes',
        };
  return Object.fromEntries(Object.entries(values).map(([field, value]) => [`${prefix}${field}`, value]));
}

/** The remedy as values of the `exchange.fix.remedy` template: the kind, the updates, the action, the product. */
export function remedyParams(remedy: Remedy | null): Record<string, string> {
  const base = { ...updateParams('update', null), ...updateParams('then', null), action: none, to: none };
  if (remedy === null) return { ...base, remedy: none };
  switch (remedy.kind) {
    case 'install-update':
      return { ...base, remedy: remedy.kind, ...updateParams('update', remedy.update) };
    case 'upgrade-level':
      return {
        ...base,
        remedy: remedy.kind,
        ...updateParams('update', remedy.level),
        ...updateParams('then', remedy.thenUpdate),
      };
    case 'configure':
      return {
        ...base,
        remedy: remedy.kind,
        ...updateParams('update', remedy.afterUpdate),
        action: remedy.action,
      };
    case 'migrate':
      return { ...base, remedy: remedy.kind, to: remedy.to };
  }
}

export function reasonText(reason: VerdictReason): string {
  switch (reason.kind) {
    case 'level-never-fixed':
      return `${reason.level} never received the fix`;
    case 'below-fix':
      return `the build is below the fix ${reason.fixBuild}`;
    case 'at-or-above-fix':
      return `the build is at or above the fix ${reason.fixBuild}`;
    case 'level-includes-fix':
      return `${reason.fixedFromLevel} and later include the fix`;
    case 'cu-needs-update':
      return `only the CU is visible; it is fixed only from ${reason.fixBuild} on`;
    case 'source-conflict':
      return `sources disagree on the fixing build (${reason.lowerBuild} or ${reason.fixBuild})`;
    case 'product-not-affected':
      return 'the product is not affected';
    case 'product-not-assessed':
      return `Microsoft no longer assessed ${reason.product}`;
    case 'configuration':
      return reason.defaultProtected
        ? 'configuration decides; this build protects by default unless turned off'
        : `configuration decides${reason.note === null ? '' : `: ${reason.note}`}`;
    case 'unknown-level':
      return 'the CU is not in our data';
    case 'newer-than-data':
      return 'the build is newer than our data';
    case 'product-only':
      return 'only the product is known';
  }
}

const say = keyedMessages(enExchangeFindings);

/** The CVE and its verdict reason as parameters (values and codes; `note` and `impact` are the data's text). */
function cveParams(verdict: CveVerdict) {
  const { cve, reason } = verdict;
  return {
    cve: cve.id,
    aka: cve.aka ?? none,
    kev: cve.kev.listed ? 'yes' : 'no',
    login: cve.authentication,
    cvss: cve.cvss === null ? none : cve.cvss.score,
    ...reasonParams(reason),
  };
}

function reasonParams(reason: VerdictReason) {
  const base = { level: none, fixBuild: none, lowerBuild: none, product: none, note: none };
  switch (reason.kind) {
    case 'level-never-fixed':
      return { ...base, reason: reason.kind, level: reason.level };
    case 'below-fix':
    case 'at-or-above-fix':
    case 'cu-needs-update':
      return { ...base, reason: reason.kind, fixBuild: reason.fixBuild };
    case 'level-includes-fix':
      return { ...base, reason: reason.kind, level: reason.fixedFromLevel };
    case 'source-conflict':
      return { ...base, reason: reason.kind, lowerBuild: reason.lowerBuild, fixBuild: reason.fixBuild };
    case 'product-not-assessed':
      return { ...base, reason: reason.kind, product: reason.product };
    case 'configuration':
      return reason.defaultProtected
        ? { ...base, reason: 'configuration-default' }
        : { ...base, reason: reason.kind, note: reason.note ?? none };
    case 'product-not-affected':
    case 'unknown-level':
    case 'newer-than-data':
    case 'product-only':
      return { ...base, reason: reason.kind };
  }
}

/** How the build sits in the data, as the `identification` select and its names. */
export interface ProductParams {
  readonly identification: string;
  readonly product: string;
  readonly level?: string;
  readonly closest?: string;
}

/** Why the build is unknown, as the `why` select of exchange.build-unknown. */
export type BuildUnknownWhy =
  | { readonly why: 'no-build' }
  | { readonly why: 'newer-than-data'; readonly version: string; readonly newest: string }
  | { readonly why: 'unknown-level'; readonly version: string };

export const messages = {
  detected: (subject: string, product: ProductParams, version: string, certain: number, possible: number) =>
    say('exchange.detected', {
      subject,
      identification: product.identification,
      product: product.product,
      level: product.level ?? none,
      closest: product.closest ?? none,
      version,
      certain,
      possible,
    }),
  notFound: (notExchange: readonly string[], noServer: readonly string[]) =>
    say('exchange.not-found', { notExchange: list(notExchange), noServer: list(noServer) }),
  unreachable: (host: string, error: string) => say('exchange.unreachable', { host, error }),
  buildUnknown: (subject: string, why: BuildUnknownWhy) =>
    say('exchange.build-unknown', {
      subject,
      why: why.why,
      version: why.why === 'no-build' ? none : why.version,
      newest: why.why === 'newer-than-data' ? why.newest : none,
    }),
  dataStale: (reviewBy: string, days: number, dataVersion: string) =>
    say('exchange.data-stale', { reviewBy, days, dataVersion }),
  unsupported: (
    subject: string,
    product: string,
    endedOn: string,
    esu: 'observed' | 'not-visible' | 'none',
  ) => say('exchange.unsupported', { subject, product, endedOn, esu }),
  levelNotCurrent: (subject: string, product: string, levels: string) =>
    say('exchange.level-not-current', { subject, product, levels }),
  vulnerable: (subject: string, verdict: CveVerdict) =>
    say('exchange.vulnerable', { subject, ...cveParams(verdict), impact: verdict.cve.impact }),
  possiblyVulnerable: (subject: string, verdict: CveVerdict) =>
    say('exchange.possibly-vulnerable', { subject, ...cveParams(verdict), impact: verdict.cve.impact }),
  notVerifiable: (subject: string, verdict: CveVerdict) =>
    say('exchange.not-verifiable', { subject, ...cveParams(verdict) }),
  fix: (verdict: CveVerdict) =>
    exchangeFix('exchange.fix.remedy', {
      ...remedyParams(verdict.remedy),
      mitigation: verdict.cve.mitigation ?? none,
    }),
  mixedBuilds: (host: string, servers: string) => say('exchange.mixed-builds', { host, servers }),
  internalNameLeak: (host: string, names: string) => say('exchange.internal-name-leak', { host, names }),
  ntlmInfoLeak: (
    host: string,
    names: string,
    windows: string | undefined,
    support: WindowsSupport | undefined,
  ) =>
    say('exchange.ntlm-info-leak', {
      host,
      names,
      windows: windows ?? none,
      release: support?.kind === 'known' ? support.release.name : none,
      support: support?.kind === 'known' ? support.status : none,
    }),
  windowsUnsupported: (host: string, release: string, extendedEnd: string, esuPossible: boolean) =>
    say('exchange.windows-unsupported', { host, release, extendedEnd, esu: esuPossible ? 'yes' : 'no' }),
  ecpExposed: (host: string, status: number) => say('exchange.ecp-exposed', { host, status }),
  ecpBlocked: (host: string, status: number) => say('exchange.ecp-blocked', { host, status }),
  powershellExposed: (host: string, status: number) => say('exchange.powershell-exposed', { host, status }),
  powershellBlocked: (host: string, status: number) => say('exchange.powershell-blocked', { host, status }),
  surfaceError: (url: string, error: string) => say('exchange.surface-error', { url, error }),
  tlsCertificate: (host: string, code: string | undefined) =>
    say('exchange.tls-certificate', { host, code: code ?? none }),
} as const;
