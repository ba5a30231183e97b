// The exchange.* checks: finds Exchange front-ends among a domain's hosts, reads their build as precisely as
// the evidence allows and turns part A's verdicts (CVEs, lifecycle) into findings with the exact update.

import type { Evidence, Finding } from '../../model/finding.js';
import type { ScanTarget } from '../../model/report.js';
import { httpsEvidence } from '../../net/http/presentation.js';
import type { HttpsResponse } from '../../net/http/types.js';
import type {
  CveVerdict,
  DataStaleness,
  ExchangeAssessment,
  ExchangeVersion,
  WindowsSupport,
} from '../../protocols/exchange-build/types.js';
import type { NtlmChallenge } from '../../protocols/ntlm/challenge.js';
import type { CheckContext, DomainCheck } from '../check.js';
import { resolveMailHosts } from '../dns/mx.js';
import { finding } from '../finding-builder.js';
import type { KeyedMessage } from '../smtp/keyed-message.js';
import { combineObservations, type ServerBuild } from './combine.js';
import {
  type BuildUnknownWhy,
  exchangeMeta,
  exchangeMetaList,
  messages,
  type ProductParams,
} from './messages.js';
import { type BuildObservation, formatVersion, sourceText } from './observations.js';
import {
  defaultProbeLimits,
  type ExchangeHostProbe,
  type HostProbe,
  type ProbeLimits,
  probeExchangeHost,
  type SurfaceProbe,
} from './probe.js';

/** What the checks need from the knowledge base and verdict engine (part A), injectable for tests. */
export interface ExchangeEngine {
  assess(version: ExchangeVersion, now: Date): ExchangeAssessment;
  windows(major: number, minor: number, build: number, now: Date): WindowsSupport;
  staleness(now: Date): DataStaleness;
}

/** A host to examine: `explicit` ones were named by the user, so "nothing there" is worth saying. */
export interface ExchangeTarget {
  readonly host: string;
  readonly explicit: boolean;
}

const maxParallelHosts = 4;

// ---- Evidence ---------------------------------------------------------------------------------------

function observationEvidence(observations: readonly BuildObservation[]): Evidence {
  return {
    kind: 'text',
    label: 'Build observations',
    value: observations
      .map(
        (item) =>
          `${formatVersion(item.version)} (${item.version.precision}) from ${sourceText[item.source]}` +
          `${item.frontEnd === undefined ? '' : ` via front-end ${item.frontEnd}`}: ${item.url} — ${item.raw}`,
      )
      .join('\n'),
  };
}

function ntlmEvidence(url: string, challenge: NtlmChallenge): Evidence {
  const info = challenge.targetInfo;
  const version = challenge.version;
  const lines = [
    `GET ${url} with Authorization: NTLM <negotiate> → 401 WWW-Authenticate: NTLM <challenge>`,
    `target name: ${challenge.targetName}`,
    `NetBIOS domain: ${info?.nbDomainName ?? '-'}; NetBIOS computer: ${info?.nbComputerName ?? '-'}`,
    `DNS domain: ${info?.dnsDomainName ?? '-'}; DNS computer: ${info?.dnsComputerName ?? '-'}; forest: ${info?.dnsTreeName ?? '-'}`,
    `Windows version: ${version === undefined ? '-' : `${version.major}.${version.minor}.${version.build}`}`,
    `server time: ${info?.timestamp ?? '-'}; flags: ${challenge.flagNames.join(' ')}`,
  ];
  return { kind: 'text', label: 'NTLM challenge', value: lines.join('\n') };
}

function subjectOf(host: string, server: ServerBuild, many: boolean): string {
  return many && server.server !== undefined ? `${host} [${server.server}]` : host;
}

// ---- Per-server verdicts ------------------------------------------------------------------------------

function productParams(assessment: ExchangeAssessment): ProductParams {
  const id = assessment.identification;
  switch (id.kind) {
    case 'known-build':
      return { identification: id.kind, product: id.update.name };
    case 'unlisted-build':
      return {
        identification: id.kind,
        product: id.product.name,
        level: id.level.name,
        closest: id.closestBelow.name,
      };
    case 'newer-than-data':
      return {
        identification: id.kind,
        product: id.product.name,
        ...(id.level === null ? {} : { level: id.level.name }),
      };
    case 'cu-only':
      return { identification: id.kind, product: id.product.name, level: id.level.name };
    case 'unknown-level':
      return { identification: id.kind, product: id.product.name };
    case 'product-only':
      return { identification: id.kind, product: id.candidates.map((product) => product.name).join(' / ') };
    case 'not-exchange':
      return { identification: id.kind, product: 'none' };
  }
}

function buildUnknownWhy(assessment: ExchangeAssessment, version: string): BuildUnknownWhy | undefined {
  const id = assessment.identification;
  switch (id.kind) {
    case 'newer-than-data':
      return { why: 'newer-than-data', version, newest: id.newestKnown.build };
    case 'unknown-level':
    case 'not-exchange':
      return { why: 'unknown-level', version };
    case 'known-build':
    case 'unlisted-build':
    case 'cu-only':
    case 'product-only':
      return undefined;
  }
}

function supportFindings(subject: string, assessment: ExchangeAssessment, evidence: Evidence[]): Finding[] {
  const support = assessment.support;
  if (support === null) return [];
  switch (support.status) {
    case 'out-of-support': {
      const esu =
        support.esu === 'esu-build-observed'
          ? 'observed'
          : support.esu === 'not-visible'
            ? 'not-visible'
            : 'none';
      return [
        finding(exchangeMeta.unsupported, 'fail', {
          subject,
          ...messages.unsupported(subject, support.product.name, support.endedOn, esu),
          evidence,
        }),
      ];
    }
    case 'supported':
      if (support.levelCurrent !== false) return [];
      return [
        finding(exchangeMeta.unsupported, 'warn', {
          subject,
          ...messages.levelNotCurrent(subject, support.product.name, support.currentLevels.join(', ')),
          evidence,
        }),
      ];
    case 'unknown':
      return [];
  }
}

function cveFinding(subject: string, verdict: CveVerdict, evidence: Evidence[]): Finding | undefined {
  const kev = verdict.cve.kev.listed;
  switch (verdict.verdict) {
    case 'vulnerable':
      return finding(exchangeMeta.vulnerable, 'fail', {
        subject: `${subject} ${verdict.cve.id}`,
        ...messages.vulnerable(subject, verdict),
        evidence,
        ...messages.fix(verdict),
        severity: kev || verdict.cve.authentication === 'none' ? 'critical' : 'high',
      });
    case 'possibly-vulnerable':
      return finding(exchangeMeta.possiblyVulnerable, 'warn', {
        subject: `${subject} ${verdict.cve.id}`,
        ...messages.possiblyVulnerable(subject, verdict),
        evidence,
        ...messages.fix(verdict),
        severity: kev ? 'high' : 'medium',
      });
    case 'not-verifiable':
      return finding(exchangeMeta.notVerifiable, 'warn', {
        subject: `${subject} ${verdict.cve.id}`,
        ...messages.notVerifiable(subject, verdict),
        evidence,
        ...messages.fix(verdict),
        severity: kev ? 'medium' : 'low',
      });
    case 'not-vulnerable':
    case 'unknown-build':
      return undefined;
  }
}

function serverFindings(
  host: string,
  server: ServerBuild,
  many: boolean,
  engine: ExchangeEngine,
  now: Date,
  extra: Evidence[],
): Finding[] {
  const subject = subjectOf(host, server, many);
  const version = formatVersion(server.version);
  const evidence = [observationEvidence(server.observations), ...extra];
  const assessment = engine.assess(server.version, now);
  const findings: Finding[] = [
    finding(exchangeMeta.detected, 'warn', {
      subject,
      ...messages.detected(
        subject,
        productParams(assessment),
        version,
        assessment.summary.vulnerable,
        assessment.summary.upperBound,
      ),
      evidence,
      severity: 'info',
    }),
  ];
  const why = buildUnknownWhy(assessment, version);
  if (why !== undefined)
    findings.push(
      finding(exchangeMeta.buildUnknown, 'warn', {
        subject,
        ...messages.buildUnknown(subject, why),
        evidence,
      }),
    );
  findings.push(...supportFindings(subject, assessment, evidence));
  for (const verdict of assessment.verdicts) {
    const item = cveFinding(subject, verdict, evidence);
    if (item !== undefined) findings.push(item);
  }
  return findings;
}

// ---- Per-host findings ---------------------------------------------------------------------------------

function surfaceFinding(
  probe: SurfaceProbe,
  host: string,
  exposedMeta: typeof exchangeMeta.ecpExposed,
  exposed: (host: string, status: number) => KeyedMessage,
  blocked: (host: string, status: number) => KeyedMessage,
): Finding {
  switch (probe.kind) {
    case 'exposed':
      return finding(exposedMeta, 'fail', {
        subject: host,
        ...exposed(host, probe.response.status),
        evidence: [httpsEvidence(probe.response)],
      });
    case 'blocked':
      return finding(exposedMeta, 'pass', {
        subject: host,
        ...blocked(host, probe.response.status),
        evidence: [httpsEvidence(probe.response)],
      });
    case 'error':
      return finding(exposedMeta, 'error', {
        subject: host,
        ...messages.surfaceError(probe.response.url, probe.response.reason),
        evidence: [httpsEvidence(probe.response)],
      });
  }
}

function ntlmFindings(probe: ExchangeHostProbe, engine: ExchangeEngine, now: Date): Finding[] {
  const { ntlm, host } = probe;
  if (ntlm.kind !== 'challenge') return [];
  const { challenge } = ntlm;
  const info = challenge.targetInfo;
  const names = [
    info?.nbDomainName,
    info?.nbComputerName,
    info?.dnsComputerName,
    info?.dnsDomainName,
    info?.dnsTreeName,
  ].filter(
    (name, index, all): name is string => name !== undefined && name !== '' && all.indexOf(name) === index,
  );
  const version = challenge.version;
  const support =
    version === undefined ? undefined : engine.windows(version.major, version.minor, version.build, now);
  const versionText =
    version === undefined ? undefined : `${version.major}.${version.minor}.${version.build}`;
  const evidence = [ntlmEvidence(ntlm.url, challenge)];
  const findings = [
    finding(exchangeMeta.ntlmInfoLeak, 'warn', {
      subject: host,
      ...messages.ntlmInfoLeak(
        host,
        names.length > 0 ? names.join(', ') : challenge.targetName,
        versionText,
        support,
      ),
      evidence,
    }),
  ];
  if (support?.kind === 'known' && support.status === 'out-of-support')
    findings.push(
      finding(exchangeMeta.windowsUnsupported, 'fail', {
        subject: host,
        ...messages.windowsUnsupported(
          host,
          support.release.name,
          support.release.extendedEnd,
          support.esuPossible,
        ),
        evidence,
      }),
    );
  return findings;
}

function leakFindings(probe: ExchangeHostProbe): Finding[] {
  if (probe.leaks.length === 0) return [];
  const distinct = [...new Set(probe.leaks.map((leak) => `${leak.header}: ${leak.value}`))];
  return [
    finding(exchangeMeta.internalNameLeak, 'warn', {
      subject: probe.host,
      ...messages.internalNameLeak(probe.host, distinct.join('; ')),
      evidence: [
        {
          kind: 'text',
          label: 'Response headers',
          value: probe.leaks.map((leak) => `${leak.url} → ${leak.header}: ${leak.value}`).join('\n'),
        },
      ],
    }),
  ];
}

function firstResponseEvidence(responses: readonly HttpsResponse[]): Evidence[] {
  const first = responses[0];
  return first === undefined ? [] : [httpsEvidence(first)];
}

export function exchangeHostFindings(probe: ExchangeHostProbe, engine: ExchangeEngine, now: Date): Finding[] {
  const { host } = probe;
  const combined = combineObservations(probe.observations);
  const extra = firstResponseEvidence(probe.responses);
  const findings: Finding[] = [];
  if (combined.servers.length === 0) {
    findings.push(
      finding(exchangeMeta.detected, 'warn', {
        subject: host,
        ...messages.buildUnknown(host, { why: 'no-build' }),
        evidence: [{ kind: 'text', label: 'Exchange markers', value: probe.markers.join('\n') }, ...extra],
        severity: 'info',
      }),
      finding(exchangeMeta.buildUnknown, 'warn', {
        subject: host,
        ...messages.buildUnknown(host, { why: 'no-build' }),
        evidence: extra,
      }),
    );
  }
  const many = combined.servers.length > 1;
  for (const server of combined.servers)
    findings.push(...serverFindings(host, server, many, engine, now, extra));
  if (combined.disagreement)
    findings.push(
      finding(exchangeMeta.mixedBuilds, 'warn', {
        subject: host,
        ...messages.mixedBuilds(
          host,
          combined.servers
            .map((server) => `${server.server ?? '?'} ${formatVersion(server.version)}`)
            .join(', '),
        ),
        evidence: combined.servers.map((server) => observationEvidence(server.observations)),
      }),
    );
  if (!probe.tls.authorized)
    findings.push(
      finding(exchangeMeta.tlsCertificate, 'warn', {
        subject: host,
        ...messages.tlsCertificate(host, probe.tls.code),
        evidence: extra,
      }),
    );
  findings.push(...leakFindings(probe), ...ntlmFindings(probe, engine, now));
  findings.push(
    surfaceFinding(probe.ecp, host, exchangeMeta.ecpExposed, messages.ecpExposed, messages.ecpBlocked),
    surfaceFinding(
      probe.powershell,
      host,
      exchangeMeta.powershellExposed,
      messages.powershellExposed,
      messages.powershellBlocked,
    ),
  );
  return findings;
}

/** Runs `work` over `items`, at most `limit` at a time, results in input order. */
async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next;
      next += 1;
      const item = items[index] as T;
      results[index] = await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** Findings for a set of hosts: Exchange hosts in full, a single note for hosts that are not Exchange. */
export async function checkExchangeTargets(
  targets: readonly ExchangeTarget[],
  subject: string,
  context: CheckContext,
  engine: ExchangeEngine,
  limits: ProbeLimits = defaultProbeLimits,
): Promise<Finding[]> {
  const now = context.clock.now();
  const probes: [ExchangeTarget, HostProbe][] = await mapLimited(
    targets,
    maxParallelHosts,
    async (target) => [target, await probeExchangeHost(context.https, target.host, context.signal, limits)],
  );
  const findings: Finding[] = [];
  const notExchange: string[] = [];
  const noServer: string[] = [];
  const quietEvidence: Evidence[] = [];
  for (const [target, probe] of probes) {
    switch (probe.kind) {
      case 'exchange':
        findings.push(...exchangeHostFindings(probe, engine, now));
        break;
      case 'not-exchange':
        notExchange.push(probe.host);
        quietEvidence.push(...firstResponseEvidence(probe.responses));
        break;
      case 'absent':
        if (target.explicit)
          findings.push(
            finding(exchangeMeta.unreachable, 'error', {
              subject: probe.host,
              ...messages.unreachable(probe.host, probe.response.reason),
              evidence: [httpsEvidence(probe.response)],
            }),
          );
        else {
          noServer.push(probe.host);
          quietEvidence.push(httpsEvidence(probe.response));
        }
        break;
      case 'unreachable':
        findings.push(
          finding(exchangeMeta.unreachable, 'error', {
            subject: probe.host,
            ...messages.unreachable(probe.host, probe.response.reason),
            evidence: [httpsEvidence(probe.response)],
          }),
        );
        break;
    }
  }
  const anyExchange = probes.some(([, probe]) => probe.kind === 'exchange');
  if (!anyExchange && notExchange.length + noServer.length > 0)
    findings.push(
      finding(exchangeMeta.notFound, 'skipped', {
        subject,
        ...messages.notFound(notExchange, noServer),
        evidence: quietEvidence,
      }),
    );
  if (anyExchange) {
    const staleness = engine.staleness(now);
    if (staleness.stale)
      findings.push(
        finding(exchangeMeta.dataStale, 'warn', {
          subject,
          ...messages.dataStale(staleness.reviewBy, staleness.daysPast, staleness.dataVersion),
        }),
      );
  }
  return findings;
}

/** The hosts a domain's Exchange would answer on: MX hosts, the usual names, and the user's --host list. */
export async function exchangeTargetsFor(domain: string, context: CheckContext): Promise<ExchangeTarget[]> {
  const mail = await resolveMailHosts(domain, context.dns, context.signal);
  const mxHosts =
    mail.kind === 'mx' || mail.kind === 'null-mx'
      ? mail.hosts.map((host) => host.host)
      : mail.kind === 'implicit'
        ? []
        : [];
  const named = ['autodiscover', 'mail', 'owa'].map((label) => `${label}.${domain}`);
  const seen = new Set<string>();
  const targets: ExchangeTarget[] = [];
  const add = (host: string, explicit: boolean): void => {
    const key = host.toLowerCase().replace(/\.$/, '');
    if (seen.has(key)) return;
    seen.add(key);
    targets.push({ host: key, explicit });
  };
  for (const host of context.options.exchangeHosts ?? []) add(host, true);
  for (const host of [...mxHosts, ...named]) add(host, false);
  return targets;
}

export function createExchangeCheck(
  engine: () => ExchangeEngine,
  limits: ProbeLimits = defaultProbeLimits,
): DomainCheck {
  return {
    name: 'exchange',
    meta: exchangeMetaList,
    async run(target: ScanTarget, context: CheckContext) {
      const targets = await exchangeTargetsFor(target.domain, context);
      return checkExchangeTargets(targets, target.domain, context, engine(), limits);
    },
  };
}

/** One host, as `telltale exchange HOST[:PORT]` asks. */
export function createSingleHostExchangeCheck(
  host: string,
  engine: () => ExchangeEngine,
  limits: ProbeLimits = defaultProbeLimits,
): DomainCheck {
  return {
    name: 'exchange',
    meta: exchangeMetaList,
    run: (_target, context) =>
      checkExchangeTargets([{ host, explicit: true }], host, context, engine(), limits),
  };
}
