// The SPF audit (RFC 7208): one finding per rule from the static analysis of the domain's include/redirect
// tree, with the DNS answers and the tree as evidence. DNS failures give `error`, never "missing".

import { dnsFix } from '../../i18n/en/dns-fixes.js';
import { type CatalogueMessage, dnsMessage, dnsMessageWithDetail } from '../../i18n/en/dns-message.js';
import { literalFix } from '../../i18n/keyed-fix.js';
import type { CheckMeta, Evidence, Finding, Reference } from '../../model/finding.js';
import type { ScanTarget } from '../../model/report.js';
import type { DnsAnswer, DnsClient } from '../../net/dns/types.js';
import type { SpfAnalysis } from '../../protocols/spf/analyze.js';
import { analyzeSpf, recordLengthAdvice } from '../../protocols/spf/analyze.js';
import type { SpfSyntaxError } from '../../protocols/spf/types.js';
import { dnsEvidence } from '../answer-evidence.js';
import type { CheckContext, DomainCheck } from '../check.js';
import { finding } from '../finding-builder.js';

const rfc = (section: string, title: string): Reference => ({
  title: `RFC 7208 §${section} — ${title}`,
  url: `https://www.rfc-editor.org/rfc/rfc7208#section-${section}`,
});

function meta(id: string, rest: Omit<CheckMeta, 'id' | 'area'>): CheckMeta {
  return { id, area: 'spf', ...rest };
}

export const spfMeta = {
  missing: meta('spf.missing', {
    title: 'No SPF record',
    severity: 'high',
    description:
      "Without a v=spf1 TXT record, receivers cannot tell the domain's own servers from anyone else, so forged " +
      'MAIL FROM addresses get SPF "none" and DMARC has no SPF alignment to rely on. High: it is the first thing ' +
      'spoofers and spam filters look at.',
    remediation:
      'Publish one TXT record at the domain listing the servers that send its mail, e.g.\n' +
      '  example.com. TXT "v=spf1 mx include:spf.protection.outlook.com -all"\n' +
      'A domain that sends no mail publishes: example.com. TXT "v=spf1 -all"',
    references: [rfc('4.5', 'Selecting Records'), rfc('3', 'SPF Records')],
  }),
  multipleRecords: meta('spf.multiple-records', {
    title: 'More than one SPF record',
    severity: 'high',
    description:
      'Two or more TXT records start with v=spf1: every receiver returns permerror, so none of them applies and ' +
      'DMARC sees SPF fail. High: it silently disables SPF.',
    remediation:
      'Merge the records into one: keep a single "v=spf1 … -all" TXT record with every mechanism in it.',
    references: [rfc('4.5', 'Selecting Records'), rfc('3.2', 'Multiple DNS Records')],
  }),
  syntaxError: meta('spf.syntax-error', {
    title: 'SPF record syntax error',
    severity: 'high',
    description:
      'A term the RFC 7208 grammar does not allow makes the whole record a permerror at every receiver, even ' +
      'terms before the mistake. High: SPF stops protecting the domain.',
    remediation:
      'Correct the term named in the finding (spelling of the mechanism, the address, the domain) and republish.',
    references: [rfc('12', 'Collected ABNF'), rfc('4.6', 'Record Evaluation')],
  }),
  tooManyLookups: meta('spf.too-many-lookups', {
    title: 'Over 10 DNS-querying terms',
    severity: 'high',
    description:
      'Receivers stop after 10 terms that cost DNS lookups (include, a, mx, ptr, exists, redirect, counted over ' +
      'the whole include tree) and return permerror, so legitimate mail fails SPF. High: providers add includes ' +
      'without notice and the record breaks unseen.',
    remediation:
      'Remove includes of services no longer used, replace a/mx terms of your own hosts by ip4:/ip6: ranges, and ' +
      'ask providers for narrower includes. Keep the total at 10 or less (ideally 8, to leave room).',
    references: [rfc('4.6.4', 'DNS Lookup Limits')],
  }),
  tooManyVoidLookups: meta('spf.too-many-void-lookups', {
    title: 'Over 2 void lookups',
    severity: 'medium',
    description:
      'Terms whose names answer NXDOMAIN or no records are "void lookups"; receivers following RFC 7208 return ' +
      'permerror after the second. Medium: it depends on the receiver, and the stale names also hint at ' +
      'forgotten hosts someone else might register.',
    remediation:
      'Delete a:, mx:, exists: and include: terms that name hosts or domains that no longer exist.',
    references: [rfc('4.6.4', 'DNS Lookup Limits')],
  }),
  includeLoop: meta('spf.include-loop', {
    title: 'include/redirect loop',
    severity: 'high',
    description:
      'A record includes or redirects to a domain that leads back to itself: evaluation runs until the lookup ' +
      'limit and ends in permerror. High: SPF never passes.',
    remediation: 'Remove the include: or redirect= that points back up the chain.',
    references: [rfc('5.2', 'include'), rfc('4.6.4', 'DNS Lookup Limits')],
  }),
  includeMissing: meta('spf.include-missing', {
    title: 'include/redirect of a domain without SPF',
    severity: 'high',
    description:
      'include: or redirect= names a domain that does not exist or publishes no SPF record: receivers return ' +
      'permerror for every message reaching that term. High: legitimate mail fails, and a lapsed provider ' +
      'domain can be registered by someone else.',
    remediation: 'Remove the term, or correct the domain name to the one your provider documents.',
    references: [rfc('5.2', 'include'), rfc('6.1', 'redirect')],
  }),
  allPass: meta('spf.all-pass', {
    title: 'SPF lets every host pass (+all)',
    severity: 'critical',
    description:
      '+all (or ip4:0.0.0.0/0, ip6:::/0), in the record or in a record it includes, makes SPF pass for any ' +
      'server on the internet. Critical: forged mail passes SPF and can pass DMARC.',
    remediation: 'End the record with -all (or ~all while you watch DMARC reports): "v=spf1 mx … -all".',
    references: [rfc('5.1', 'all'), rfc('8.3', 'Pass')],
  }),
  allNeutral: meta('spf.all-neutral', {
    title: 'SPF ends in ?all',
    severity: 'medium',
    description:
      '?all gives unlisted senders "neutral", which receivers treat like no policy. Medium: SPF lists the ' +
      'servers but does nothing against forgers.',
    remediation: 'Replace ?all with -all (or ~all while you watch DMARC reports).',
    references: [rfc('5.1', 'all'), rfc('8.2', 'Neutral')],
  }),
  noAll: meta('spf.no-all', {
    title: 'SPF record has no all and no redirect',
    severity: 'medium',
    description:
      'When nothing matches and there is neither all nor redirect=, the result is "neutral": unlisted senders ' +
      'are not refused. Medium: the same weakness as ?all, usually by oversight.',
    remediation: 'End the record with -all (or ~all while you watch DMARC reports).',
    references: [rfc('4.7', 'Default Result'), rfc('5.1', 'all')],
  }),
  ptrUsed: meta('spf.ptr-used', {
    title: 'ptr mechanism in use',
    severity: 'low',
    description:
      'ptr is slow, unreliable and puts load on the reverse DNS of the sender; RFC 7208 says it SHOULD NOT be ' +
      'used and some receivers skip it. Low: mail may fail SPF where ptr was the only match.',
    remediation: 'Replace ptr by ip4:/ip6: ranges or a: names of your sending hosts.',
    references: [rfc('5.5', 'ptr (do not use)')],
  }),
  redirectIgnored: meta('spf.redirect-ignored', {
    title: 'redirect= ignored because of all',
    severity: 'low',
    description:
      'A record with an all mechanism never reaches its redirect= (all always matches first). Low: the ' +
      'redirected policy the owner meant to apply is not applied.',
    remediation:
      'Keep one: remove the all term to use the redirect, or remove redirect= if all is the intended end.',
    references: [rfc('6.1', 'redirect')],
  }),
  recordTooLong: meta('spf.record-too-long', {
    title: 'SPF record over 450 bytes',
    severity: 'low',
    description:
      'RFC 7208 advises keeping the record small enough for the DNS answer to fit a 512-byte UDP reply; longer ' +
      'answers need TCP or EDNS and fail on some paths, giving temperror. Low: most resolvers cope.',
    remediation:
      'Merge ip4: ranges into larger prefixes or move a group of them to an include:_spf.example.com record.',
    references: [rfc('3.4', 'Record Size')],
  }),
  spfRrType: meta('spf.spf-rr-type', {
    title: 'Discontinued SPF record type (99)',
    severity: 'low',
    description:
      'RFC 7208 discontinued the SPF RR type; receivers read TXT only. Low: harmless when identical to the TXT ' +
      'record, misleading when the two drift apart.',
    remediation: 'Delete the SPF-type record and keep the TXT record only.',
    references: [rfc('3.1', 'DNS Resource Records'), rfc('14.1', 'The SPF DNS Record Type')],
  }),
  tooManyMxNames: meta('spf.too-many-mx-names', {
    title: 'mx term meets over 10 MX names',
    severity: 'high',
    description:
      'An mx term may look at no more than 10 MX records; over that, receivers return permerror. High: SPF ' +
      'breaks for all mail.',
    remediation: 'Replace the mx term by ip4:/ip6: ranges of the hosts that actually send mail.',
    references: [rfc('4.6.4', 'DNS Lookup Limits')],
  }),
  splitMistake: meta('spf.split-mistake', {
    title: 'Record split into strings at the wrong place',
    severity: 'high',
    description:
      'The strings of a TXT record are joined with nothing between them, so a string boundary without a space ' +
      'glues two terms into one (often an invalid one), and a stray space splits one. High: the record is ' +
      'broken or says something else than intended.',
    remediation:
      'Republish the record so each string ends with a space after a complete term: "v=spf1 ip4:192.0.2.1 " "include:… -all".',
    references: [rfc('3.3', 'Multiple Strings in a Single DNS Record')],
  }),
  dnsError: meta('spf.dns-error', {
    title: 'DNS error while reading the SPF policy',
    severity: 'high',
    description:
      'A lookup needed to evaluate the policy timed out or failed: receivers meeting the same failure return ' +
      'temperror and defer or accept mail unchecked. Reported as error: the rules that depend on it could not ' +
      'be evaluated.',
    remediation:
      'Check the name servers of the domain named in the finding (they must answer TXT, A and MX queries).',
    references: [rfc('4.4', 'Record Lookup'), rfc('2.6.7', 'TempError')],
  }),
} as const satisfies Record<string, CheckMeta>;

function treeEvidence(analysis: SpfAnalysis): Evidence[] {
  return analysis.tree === undefined ? [] : [{ kind: 'spf-tree', tree: analysis.tree }];
}

function errorEvidence(analysis: SpfAnalysis): Evidence[] {
  return analysis.answers.filter((answer) => answer.kind === 'error').map(dnsEvidence);
}

function describeDnsErrors(analysis: SpfAnalysis): string {
  return analysis.dnsErrors.map((error) => `${error.name} ${error.type} (${error.reason})`).join(', ');
}

/** The parser's explanation, in English like every evidence, for messages that quote it. */
function detailEvidence(label: string, detail: string): Evidence {
  return { kind: 'text', label, value: detail };
}

/** A syntax error as values: its column and, when there is one, the term it is in. */
function syntaxParams(error: SpfSyntaxError): { column: number; term: string } {
  return { column: (error.term === '' ? error.offset : error.termOffset) + 1, term: error.term };
}

/** `error` when an incomplete walk could hide the problem, else `pass`. */
function passOrIncomplete(
  analysis: SpfAnalysis,
  id: CheckMeta,
  domain: string,
  passMessage: CatalogueMessage,
  extra: Evidence[] = [],
): Finding {
  if (analysis.dnsErrors.length > 0) {
    return finding(id, 'error', {
      subject: domain,
      ...dnsMessage('spf.incomplete', { failures: describeDnsErrors(analysis) }),
      evidence: [...errorEvidence(analysis), ...treeEvidence(analysis)],
    });
  }
  return finding(id, 'pass', { subject: domain, ...passMessage, evidence: extra });
}

function lookupFindings(analysis: SpfAnalysis, domain: string): Finding[] {
  const total = analysis.totalLookups;
  const tree = treeEvidence(analysis);
  const macros = analysis.unexpandable.length;
  const lookups: Finding =
    total > 10
      ? finding(spfMeta.tooManyLookups, 'fail', {
          subject: domain,
          ...dnsMessage('spf.too-many-lookups.fail', { total, macros }),
          evidence: tree,
        })
      : analysis.dnsErrors.length > 0
        ? passOrIncomplete(
            analysis,
            spfMeta.tooManyLookups,
            domain,
            dnsMessage('spf.too-many-lookups.pass', { total, macros }),
          )
        : finding(spfMeta.tooManyLookups, total === 10 || macros > 0 ? 'warn' : 'pass', {
            subject: domain,
            ...(total === 10
              ? dnsMessage('spf.too-many-lookups.limit', { macros })
              : dnsMessage('spf.too-many-lookups.pass', { total, macros })),
            evidence: tree,
          });
  const voids = analysis.voidLookups;
  const voidFinding =
    voids.length > 2
      ? finding(spfMeta.tooManyVoidLookups, 'fail', {
          subject: domain,
          ...dnsMessage('spf.too-many-void-lookups.fail', {
            count: voids.length,
            voids: voids.map((item) => `${item.name}: ${item.outcome}`).join(', '),
          }),
          evidence: tree,
        })
      : passOrIncomplete(
          analysis,
          spfMeta.tooManyVoidLookups,
          domain,
          voids.length > 0
            ? dnsMessage('spf.too-many-void-lookups.pass-named', {
                count: voids.length,
                names: voids.map((item) => item.name).join(', '),
              })
            : dnsMessage('spf.too-many-void-lookups.pass', { count: 0 }),
          tree,
        );
  const mx =
    analysis.mxOverLimit.length > 0
      ? analysis.mxOverLimit.map((item) =>
          finding(spfMeta.tooManyMxNames, 'fail', {
            subject: item.domain,
            ...dnsMessage('spf.too-many-mx-names.fail', {
              term: item.term,
              count: item.count,
              name: item.name,
            }),
            evidence: analysis.answers
              .filter((answer) => answer.name === item.name && answer.type === 'MX')
              .map(dnsEvidence),
          }),
        )
      : [
          passOrIncomplete(
            analysis,
            spfMeta.tooManyMxNames,
            domain,
            dnsMessage('spf.too-many-mx-names.pass'),
          ),
        ];
  return [lookups, voidFinding, ...mx];
}

function treeFindings(analysis: SpfAnalysis, domain: string): Finding[] {
  const tree = treeEvidence(analysis);
  const out: Finding[] = [];
  out.push(
    ...(analysis.loops.length > 0
      ? analysis.loops.map((loop) =>
          finding(spfMeta.includeLoop, 'fail', {
            subject: loop.domain,
            ...dnsMessage('spf.include-loop.fail', { term: loop.term, chain: loop.chain.join(' → ') }),
            evidence: tree,
          }),
        )
      : [passOrIncomplete(analysis, spfMeta.includeLoop, domain, dnsMessage('spf.include-loop.pass'), tree)]),
  );
  const missing = analysis.includeProblems.filter(
    (item) => item.problem === 'nxdomain' || item.problem === 'nodata' || item.problem === 'no-spf',
  );
  out.push(
    ...(missing.length > 0
      ? missing.map((item) =>
          finding(spfMeta.includeMissing, 'fail', {
            subject: item.domain,
            ...dnsMessage(
              item.problem === 'nxdomain'
                ? 'spf.include-missing.nxdomain'
                : item.problem === 'nodata'
                  ? 'spf.include-missing.nodata'
                  : 'spf.include-missing.no-spf',
              item.problem === 'nxdomain'
                ? { term: item.term, target: item.target, domain }
                : { term: item.term, target: item.target },
            ),
            evidence: [
              ...analysis.answers
                .filter((answer) => answer.name === item.target && answer.type === 'TXT')
                .map(dnsEvidence),
              ...tree,
            ],
          }),
        )
      : [passOrIncomplete(analysis, spfMeta.includeMissing, domain, dnsMessage('spf.include-missing.pass'))]),
  );
  out.push(
    ...analysis.syntaxErrors
      .filter((item) => item.domain !== domain)
      .map((item) =>
        finding(spfMeta.syntaxError, 'fail', {
          subject: item.domain,
          ...dnsMessageWithDetail(
            item.error.term === '' ? 'spf.syntax-error.included' : 'spf.syntax-error.included-term',
            { included: item.domain, domain, ...syntaxParams(item.error) },
            `The SPF record of ${item.domain}, included by ${domain}, has a syntax error: ${item.error.message}. Receivers return permerror when they reach it.`,
          ),
          evidence: [detailEvidence('syntax error', item.error.message), ...tree],
        }),
      ),
  );
  out.push(
    ...analysis.multipleRecords
      .filter((item) => item.domain !== domain)
      .map((item) =>
        finding(spfMeta.multipleRecords, 'fail', {
          subject: item.domain,
          ...dnsMessage('spf.multiple-records.included', {
            included: item.domain,
            domain,
            count: item.records.length,
          }),
          evidence: tree,
        }),
      ),
  );
  return out;
}

function policyFindings(analysis: SpfAnalysis, domain: string, record: string): Finding[] {
  const out: Finding[] = [];
  const tree = treeEvidence(analysis);
  const rootTxt = [dnsEvidence(analysis.rootTxt)];
  if (analysis.passAll.length > 0) {
    for (const item of analysis.passAll) {
      out.push(
        finding(spfMeta.allPass, 'fail', {
          subject: item.domain,
          ...(item.via === 'root'
            ? dnsMessage('spf.all-pass.root', { term: item.term, domain })
            : dnsMessage('spf.all-pass.included', { term: item.term, included: item.domain, domain })),
          evidence: item.via === 'root' ? rootTxt : tree,
          ...(item.via === 'root' && item.term.endsWith('all')
            ? literalFix(record.replace(/(^| )\+?all( |$)/i, '$1-all$2'))
            : {}),
        }),
      );
    }
  } else {
    out.push(passOrIncomplete(analysis, spfMeta.allPass, domain, dnsMessage('spf.all-pass.pass')));
  }
  const finalAll = analysis.finalAll;
  const brokenRedirect =
    finalAll === undefined
      ? analysis.tree?.children.find((child) => child.via === 'redirect' && child.record === undefined)
      : undefined;
  const redirectUnresolved = brokenRedirect?.problem?.startsWith('DNS error') ?? false;
  if (finalAll?.qualifier === '?') {
    out.push(
      finding(spfMeta.allNeutral, 'fail', {
        subject: finalAll.domain,
        ...dnsMessage('spf.all-neutral.fail', { term: finalAll.term }),
        evidence: rootTxt,
        ...literalFix(record.replace(/(^| )\?all( |$)/i, '$1-all$2')),
      }),
    );
  } else if (finalAll !== undefined) {
    out.push(
      finding(spfMeta.allNeutral, 'pass', {
        subject: domain,
        ...dnsMessage('spf.all-neutral.pass', { term: finalAll.term }),
        evidence: rootTxt,
      }),
    );
  }
  if (finalAll === undefined && redirectUnresolved) {
    out.push(
      finding(spfMeta.noAll, 'error', {
        subject: domain,
        ...dnsMessage('spf.no-all.unchecked'),
        evidence: [...errorEvidence(analysis), ...tree],
      }),
    );
  } else if (brokenRedirect !== undefined) {
    // A looping or missing redirect target is reported by its own check; "no all" would mislead.
  } else if (finalAll === undefined) {
    out.push(
      finding(spfMeta.noAll, 'fail', {
        subject: domain,
        ...dnsMessage('spf.no-all.fail'),
        evidence: rootTxt,
        ...literalFix(`${record.trimEnd()} -all`),
      }),
    );
  } else {
    out.push(
      finding(spfMeta.noAll, 'pass', {
        subject: domain,
        ...dnsMessage('spf.no-all.pass', { term: finalAll.term }),
        evidence: rootTxt,
      }),
    );
  }
  out.push(
    ...(analysis.ptrTerms.length > 0
      ? analysis.ptrTerms.map((item) =>
          finding(spfMeta.ptrUsed, 'warn', {
            subject: item.domain,
            ...dnsMessage('spf.ptr-used.warn', { term: item.term, domain: item.domain }),
            evidence: tree,
          }),
        )
      : [
          finding(spfMeta.ptrUsed, 'pass', {
            subject: domain,
            ...dnsMessage('spf.ptr-used.pass'),
          }),
        ]),
  );
  out.push(
    ...(analysis.redirectIgnored.length > 0
      ? analysis.redirectIgnored.map((item) =>
          finding(spfMeta.redirectIgnored, 'warn', {
            subject: item.domain,
            ...dnsMessage('spf.redirect-ignored.warn', { term: item.term, domain: item.domain }),
            evidence: rootTxt,
          }),
        )
      : [
          finding(spfMeta.redirectIgnored, 'pass', {
            subject: domain,
            ...dnsMessage('spf.redirect-ignored.pass'),
          }),
        ]),
  );
  return out;
}

function rawFindings(analysis: SpfAnalysis, domain: string): Finding[] {
  const out: Finding[] = [];
  const rootTxt = [dnsEvidence(analysis.rootTxt)];
  if (analysis.record !== undefined) {
    const bytes = analysis.recordBytes;
    out.push(
      finding(spfMeta.recordTooLong, bytes > recordLengthAdvice ? 'warn' : 'pass', {
        subject: domain,
        ...dnsMessage(bytes > recordLengthAdvice ? 'spf.record-too-long.warn' : 'spf.record-too-long.pass', {
          bytes,
          advice: recordLengthAdvice,
        }),
        evidence: rootTxt,
      }),
    );
  }
  const spfType = analysis.rootSpfType;
  if (spfType.kind === 'ok' && spfType.records.length > 0) {
    const txtOnly = analysis.spfRecordCount === 0;
    out.push(
      finding(spfMeta.spfRrType, txtOnly ? 'fail' : 'warn', {
        subject: domain,
        ...dnsMessage(txtOnly ? 'spf.spf-rr-type.only' : 'spf.spf-rr-type.beside'),
        evidence: [dnsEvidence(spfType)],
        ...(txtOnly ? { severity: 'high' as const } : {}),
      }),
    );
  } else if (spfType.kind === 'error') {
    out.push(
      finding(spfMeta.spfRrType, 'error', {
        subject: domain,
        ...dnsMessage('spf.spf-rr-type.error', { domain, reason: spfType.reason }),
        evidence: [dnsEvidence(spfType)],
      }),
    );
  } else {
    out.push(
      finding(spfMeta.spfRrType, 'pass', {
        subject: domain,
        ...dnsMessage('spf.spf-rr-type.pass'),
      }),
    );
  }
  if (analysis.splitMistakes.length > 0) {
    for (const mistake of analysis.splitMistakes) {
      out.push(
        finding(spfMeta.splitMistake, 'fail', {
          subject: mistake.domain,
          ...dnsMessageWithDetail(
            'spf.split-mistake.fail',
            { domain: mistake.domain, before: mistake.before, after: mistake.after },
            `In the TXT record of ${mistake.domain}, ${mistake.message}.`,
          ),
          evidence: [
            detailEvidence('string boundary', mistake.message),
            ...analysis.answers
              .filter((answer) => answer.name === mistake.domain && answer.type === 'TXT')
              .map(dnsEvidence),
          ],
        }),
      );
    }
  } else if (analysis.rootStrings !== undefined) {
    const count = analysis.rootStrings.length;
    out.push(
      finding(spfMeta.splitMistake, 'pass', {
        subject: domain,
        ...(count === 1
          ? dnsMessage('spf.split-mistake.single')
          : dnsMessage('spf.split-mistake.pass', { count })),
        evidence: rootTxt,
      }),
    );
  }
  return out;
}

async function hasNullMx(
  domain: string,
  dns: DnsClient,
  signal: AbortSignal,
): Promise<{ nullMx: boolean; answer: DnsAnswer<'MX'> }> {
  const answer = await dns.query(domain, 'MX', { signal });
  return { nullMx: answer.kind === 'ok' && answer.records.some((record) => record.exchange === ''), answer };
}

async function missingFinding(
  analysis: SpfAnalysis,
  domain: string,
  context: CheckContext,
): Promise<Finding> {
  const { nullMx, answer } = await hasNullMx(domain, context.dns, context.signal);
  const evidence = [dnsEvidence(analysis.rootTxt), dnsEvidence(answer)];
  const reason =
    analysis.rootTxt.kind === 'nxdomain'
      ? 'nxdomain'
      : analysis.rootTxt.kind === 'nodata'
        ? 'nodata'
        : 'no-record';
  if (nullMx) {
    return finding(spfMeta.missing, 'fail', {
      subject: domain,
      ...dnsMessage(`spf.missing.${reason}-null-mx`, { domain }),
      evidence,
      ...literalFix(`${domain}. TXT "v=spf1 -all"`),
    });
  }
  return finding(spfMeta.missing, 'fail', {
    subject: domain,
    ...dnsMessage(`spf.missing.${reason}`, { domain }),
    evidence,
    ...dnsFix('spf.fix.publish', { record: `${domain}. TXT "v=spf1 mx -all"`, domain }),
  });
}

export async function runSpfCheck(target: ScanTarget, context: CheckContext): Promise<Finding[]> {
  const domain = target.domain;
  const analysis = await analyzeSpf(domain, context.dns);
  const rootTxt = analysis.rootTxt;
  if (rootTxt.kind === 'error') {
    const message = dnsMessage('spf.dns-error.root', { domain, reason: rootTxt.reason });
    return [
      finding(spfMeta.dnsError, 'error', { subject: domain, ...message, evidence: [dnsEvidence(rootTxt)] }),
      finding(spfMeta.missing, 'error', { subject: domain, ...message, evidence: [dnsEvidence(rootTxt)] }),
    ];
  }
  const raw = rawFindings(analysis, domain);
  if (analysis.spfRecordCount === 0) return [await missingFinding(analysis, domain, context), ...raw];
  if (analysis.spfRecordCount > 1) {
    return [
      finding(spfMeta.multipleRecords, 'fail', {
        subject: domain,
        ...dnsMessage('spf.multiple-records.fail', { domain, count: analysis.spfRecordCount }),
        evidence: [dnsEvidence(rootTxt)],
        ...dnsFix('spf.fix.merge'),
      }),
      ...raw,
    ];
  }
  const record = analysis.record ?? '';
  const found = [
    finding(spfMeta.missing, 'pass', {
      subject: domain,
      ...dnsMessage('spf.missing.found', { record }),
      evidence: [dnsEvidence(rootTxt)],
    }),
    finding(spfMeta.multipleRecords, 'pass', { subject: domain, ...dnsMessage('spf.multiple-records.pass') }),
  ];
  const rootSyntax = analysis.syntaxErrors.find((item) => item.domain === domain);
  if (rootSyntax !== undefined) {
    return [
      ...found,
      finding(spfMeta.syntaxError, 'fail', {
        subject: domain,
        ...dnsMessageWithDetail(
          rootSyntax.error.term === '' ? 'spf.syntax-error.root' : 'spf.syntax-error.root-term',
          syntaxParams(rootSyntax.error),
          `${rootSyntax.error.message}. Receivers return permerror for the whole record, so SPF protects nothing.`,
        ),
        evidence: [detailEvidence('syntax error', rootSyntax.error.message), dnsEvidence(rootTxt)],
      }),
      ...raw,
    ];
  }
  const dnsErrors =
    analysis.dnsErrors.length > 0
      ? analysis.dnsErrors.map((error) =>
          finding(spfMeta.dnsError, 'error', {
            subject: error.name,
            ...(error.term === undefined
              ? dnsMessage('spf.dns-error.lookup', {
                  type: error.type,
                  name: error.name,
                  reason: error.reason,
                })
              : dnsMessage('spf.dns-error.lookup-term', {
                  type: error.type,
                  name: error.name,
                  term: error.term,
                  domain: error.domain,
                  reason: error.reason,
                })),
            evidence: analysis.answers
              .filter(
                (answer) =>
                  answer.kind === 'error' && answer.name === error.name && answer.type === error.type,
              )
              .map(dnsEvidence),
          }),
        )
      : [
          finding(spfMeta.dnsError, 'pass', {
            subject: domain,
            ...dnsMessage('spf.dns-error.pass', { count: analysis.answers.length }),
          }),
        ];
  return [
    ...found,
    finding(spfMeta.syntaxError, 'pass', {
      subject: domain,
      ...dnsMessage('spf.syntax-error.pass'),
    }),
    ...lookupFindings(analysis, domain),
    ...treeFindings(analysis, domain),
    ...policyFindings(analysis, domain, record),
    ...raw,
    ...dnsErrors,
  ];
}

export const spfCheck: DomainCheck = {
  name: 'spf',
  meta: Object.values(spfMeta),
  run: runSpfCheck,
};
