// DKIM key records at <selector>._domainkey.<domain>: probes the user's and the well-known selectors, guards
// against wildcards, and judges each key found (RFC 6376, RFC 8301, RFC 8463). When _domainkey.<domain>
// does not exist, nothing below it can (RFC 8020), so only a few selectors are still tried.

import { randomBytes } from 'node:crypto';
import { dnsFix } from '../../i18n/en/dns-fixes.js';
import { dnsMessage, dnsMessageWithDetail } from '../../i18n/en/dns-message.js';
import type { KeyedFix } from '../../i18n/keyed-fix.js';
import {
  builtinDkimSelectors,
  dkimSelectorDataset,
  isValidSelector,
  knownSelectorUsers,
} from '../../knowledge/dkim-selectors.js';
import type { CheckMeta, Evidence, Finding } from '../../model/finding.js';
import type { ScanTarget } from '../../model/report.js';
import type { DnsAnswer, DnsClient } from '../../net/dns/types.js';
import { assessKeyRecord, type KeyAssessment, looksLikeKeyRecord } from '../../protocols/dkim/key-record.js';
import { rsaStrength } from '../../protocols/dkim/public-key.js';
import { dnsEvidence } from '../answer-evidence.js';
import type { CheckContext, DomainCheck } from '../check.js';
import { finding } from '../finding-builder.js';

const rfc = (number: number, section: string, title: string) => ({
  title,
  url: `https://www.rfc-editor.org/rfc/rfc${number}#section-${section}`,
});
const keyRecordRef = rfc(6376, '3.6.1', 'RFC 6376 §3.6.1: the DKIM key record');
const keySizeRef = rfc(8301, '3.2', 'RFC 8301 §3.2: DKIM key sizes');
const rotateRef = {
  title: 'Microsoft: Rotate-DkimSigningConfig',
  url: 'https://learn.microsoft.com/powershell/module/exchange/rotate-dkimsigningconfig',
};
const recordShape =
  'Publish the key as TXT at <selector>._domainkey.<domain>: "v=DKIM1; k=rsa; p=<base64 SubjectPublicKeyInfo>" ' +
  '(split into 255-byte strings; verifiers join them without spaces).';
const rotation =
  'Generate a 2048-bit RSA key pair (openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048), publish the ' +
  'public key at a NEW selector, switch the signer to it, wait for the old signatures to age out, then revoke ' +
  'the old selector with "v=DKIM1; p=". Microsoft 365, in Exchange Online PowerShell: ' +
  'Rotate-DkimSigningConfig -KeySize 2048 -Identity example.com (the CNAMEs stay as they are).';

export const dkimMeta = {
  keyFound: {
    id: 'dkim.key-found',
    area: 'dkim',
    title: 'DKIM keys found',
    severity: 'info',
    description:
      'Lists the selectors at which a DKIM key record was found. Selectors cannot be listed from DNS, so only ' +
      'the selectors given with --dkim-selector and a built-in list of common ones are looked at.',
    remediation:
      'Nothing to do. Name your other selectors with --dkim-selector so their keys are checked too.',
    references: [rfc(6376, '3.1', 'RFC 6376 §3.1: selectors'), keyRecordRef],
  },
  noneFound: {
    id: 'dkim.none-found',
    area: 'dkim',
    title: 'No DKIM key found at the selectors tried',
    severity: 'low',
    description:
      'None of the selectors tried has a DKIM key record. This is not proof that the domain does not sign: ' +
      'selectors cannot be listed, and a sender may use a selector nobody guessed. Never reported as a failure.',
    remediation:
      'Look at the DKIM-Signature header of a message you sent (the s= tag is the selector) and run again with ' +
      `--dkim-selector <s>. If nothing signs your mail, enable DKIM at each sending service. ${recordShape}`,
    references: [rfc(6376, '3.1', 'RFC 6376 §3.1: selectors'), keyRecordRef],
  },
  weakKey: {
    id: 'dkim.weak-key',
    area: 'dkim',
    title: 'DKIM key too short',
    severity: 'high',
    description:
      'RSA keys shorter than 1024 bits can be factored and are not accepted by verifiers (RFC 8301 requires at ' +
      'least 1024 bits); 1024-bit keys still verify but RFC 8301 recommends 2048. The size is read from the key.',
    remediation: rotation,
    references: [keySizeRef, rotateRef],
  },
  revoked: {
    id: 'dkim.revoked',
    area: 'dkim',
    title: 'DKIM key revoked',
    severity: 'low',
    description:
      'The key record has an empty p=, which revokes the key: every signature made with this selector fails. ' +
      'That is the right end of a key rotation, and a problem only if something still signs with this selector.',
    remediation:
      'If a service still signs with this selector, publish its current public key there or switch it to a ' +
      `selector that has one. ${recordShape}`,
    references: [keyRecordRef],
  },
  testing: {
    id: 'dkim.testing',
    area: 'dkim',
    title: 'DKIM key in testing mode (t=y)',
    severity: 'medium',
    description:
      'With t=y verifiers must treat signed mail like unsigned mail, so the signature gives no protection.',
    remediation: 'When signing works, remove y from the t= tag: "v=DKIM1; k=rsa; p=<key>".',
    references: [keyRecordRef],
  },
  syntaxError: {
    id: 'dkim.syntax-error',
    area: 'dkim',
    title: 'DKIM key record invalid',
    severity: 'high',
    description:
      'The key record cannot be used by verifiers: bad tag list, v= other than DKIM1 or not first, missing p=, ' +
      'key data that does not decode, or several key records at one name. Every signature with it fails.',
    remediation: recordShape,
    references: [
      rfc(6376, '3.2', 'RFC 6376 §3.2: tag=value lists'),
      keyRecordRef,
      rfc(6376, '3.6.2.2', 'RFC 6376 §3.6.2.2: TXT records'),
      rfc(8463, '4.2', 'RFC 8463 §4.2: Ed25519 key format'),
    ],
  },
  sha1Only: {
    id: 'dkim.sha1-only',
    area: 'dkim',
    title: 'DKIM key limited to SHA-1',
    severity: 'high',
    description:
      'The key record restricts itself to h=sha1, and RFC 8301 forbids verifiers to accept rsa-sha1 ' +
      'signatures, so no signature made with this key verifies.',
    remediation: 'Sign with rsa-sha256 and remove the h= tag (or set h=sha256).',
    references: [rfc(8301, '3.1', 'RFC 8301 §3.1: signing algorithms'), keyRecordRef],
  },
  unusableKey: {
    id: 'dkim.unusable-key',
    area: 'dkim',
    title: 'DKIM key not usable for email',
    severity: 'high',
    description:
      'Verifiers ignore this key for email: its key type k= is not one they know (rsa, ed25519), its service ' +
      'type s= does not include email or *, or h= names no hash algorithm they support.',
    remediation: `Use k=rsa (or k=ed25519 beside an RSA key), and drop s= or set s=email. ${recordShape}`,
    references: [keyRecordRef, rfc(8463, '4.2', 'RFC 8463 §4.2: Ed25519 key type')],
  },
  wildcard: {
    id: 'dkim.wildcard',
    area: 'dkim',
    title: 'Wildcard answers every DKIM selector',
    severity: 'medium',
    description:
      'A random selector nobody uses returned a key record, so a wildcard publishes a key at every selector. ' +
      'Which selectors are really in use cannot be told from DNS, and results for selectors that get the ' +
      "wildcard's record are unreliable.",
    remediation:
      'Remove the wildcard record under _domainkey (or the wildcard at the domain that reaches it) and publish ' +
      'each key at its own selector.',
    references: [rfc(4592, '2', 'RFC 4592: wildcards in DNS'), keyRecordRef],
  },
  dnsError: {
    id: 'dkim.dns-error',
    area: 'dkim',
    title: 'DKIM selector could not be looked up',
    severity: 'medium',
    description:
      'The DNS lookup of a selector failed (timeout, SERVFAIL, refused), so whether it holds a key is unknown.',
    remediation: "Check the domain's name servers answer TXT queries under _domainkey, then run again.",
    references: [keyRecordRef],
  },
} as const satisfies Record<string, CheckMeta>;

export interface DkimCheckSettings {
  /** Defaults to data/dkim-selectors.json. */
  readonly builtinSelectors?: readonly string[];
  /** Lookups in flight at once; default 8. */
  readonly concurrency?: number;
  /** The improbable selector of the wildcard guard; random by default. */
  readonly randomSelector?: () => string;
  /**
   * Built-in selectors still tried when _domainkey.<domain> is NXDOMAIN (besides the user's): a name
   * server that wrongly answers NXDOMAIN for an empty non-terminal would otherwise hide the commonest keys.
   */
  readonly fallbackSelectors?: readonly string[];
}

/** The most used selectors (Microsoft 365, Google Workspace), kept even when _domainkey does not exist. */
export const defaultFallbackSelectors: readonly string[] = ['selector1', 'selector2', 'google'];

interface Candidate {
  readonly selector: string;
  readonly origin: 'user' | 'builtin';
}

type TxtAnswer = DnsAnswer<'TXT'>;

type Probe =
  | { readonly kind: 'error'; readonly candidate: Candidate; readonly answer: TxtAnswer & { kind: 'error' } }
  | { readonly kind: 'absent'; readonly candidate: Candidate; readonly answer: TxtAnswer }
  | {
      readonly kind: 'found';
      readonly candidate: Candidate;
      readonly answer: TxtAnswer & { kind: 'ok' };
      /** Key-like TXT values, strings joined without separators (RFC 6376 §3.6.2.2). */
      readonly texts: readonly string[];
    };

/** Accepts `sel`, `sel.` or `sel._domainkey.example.com` as typed by a user; undefined when not a selector. */
export function normalizeSelector(input: string): string | undefined {
  let selector = input.trim().toLowerCase().replace(/\.$/, '');
  const marker = selector.indexOf('._domainkey');
  if (marker >= 0) selector = selector.slice(0, marker);
  return isValidSelector(selector) ? selector : undefined;
}

function candidates(
  user: readonly string[],
  builtin: readonly string[],
): { list: Candidate[]; rejected: string[] } {
  const list: Candidate[] = [];
  const rejected: string[] = [];
  const seen = new Set<string>();
  const add = (selector: string, origin: Candidate['origin']) => {
    if (seen.has(selector)) return;
    seen.add(selector);
    list.push({ selector, origin });
  };
  for (const input of user) {
    const selector = normalizeSelector(input);
    if (selector === undefined) rejected.push(input);
    else add(selector, 'user');
  }
  for (const selector of builtin) add(selector, 'builtin');
  return { list, rejected };
}

/** Selectors to probe, in order, and their names joined for the summary's evidence. */
interface TriedList {
  readonly candidates: readonly Candidate[];
  readonly text: string;
}

interface SelectorPlan {
  readonly full: TriedList;
  readonly narrow: TriedList;
  readonly rejected: readonly string[];
}

/** Runs fn over items with at most `limit` in flight; results keep the order of items. */
async function mapBounded<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await fn(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

const keyName = (selector: string, domain: string) => `${selector}._domainkey.${domain}`;

/** A port that throws instead of answering is still "could not check", never "no key". */
function thrownAnswer(name: string, error: unknown): TxtAnswer {
  const detail = error instanceof Error ? error.message : String(error);
  return { kind: 'error', name, type: 'TXT', reason: 'other', detail };
}

async function lookup(dns: DnsClient, name: string, signal: AbortSignal): Promise<TxtAnswer> {
  try {
    return await dns.query(name, 'TXT', { signal });
  } catch (error) {
    return thrownAnswer(name, error);
  }
}

async function probe(
  dns: DnsClient,
  domain: string,
  candidate: Candidate,
  signal: AbortSignal,
): Promise<Probe> {
  // lookup() written out: one async step less for each of the ~40 selectors of every domain.
  const name = keyName(candidate.selector, domain);
  let answer: TxtAnswer;
  try {
    answer = await dns.query(name, 'TXT', { signal });
  } catch (error) {
    answer = thrownAnswer(name, error);
  }
  switch (answer.kind) {
    case 'error':
      return { kind: 'error', candidate, answer };
    case 'nxdomain':
    case 'nodata':
      return { kind: 'absent', candidate, answer };
    case 'ok': {
      const texts = answer.records.map((record) => record.strings.join('')).filter(looksLikeKeyRecord);
      return texts.length > 0
        ? { kind: 'found', candidate, answer, texts }
        : { kind: 'absent', candidate, answer };
    }
  }
}

function aliasNote(answer: TxtAnswer): string {
  if (answer.kind === 'error' || answer.aliases.length === 0) return '';
  return ` (via CNAME → ${answer.aliases.join(' → ')})`;
}

function selectorLabel(candidate: Candidate): string {
  const users = candidate.origin === 'builtin' ? knownSelectorUsers(candidate.selector) : [];
  return users.length > 0 ? `${candidate.selector} (${users.join(', ')})` : candidate.selector;
}

function isMicrosoft(probe: Probe): boolean {
  const aliases = probe.answer.kind === 'error' ? [] : probe.answer.aliases;
  return (
    aliases.some((alias) => alias.endsWith('.onmicrosoft.com')) ||
    probe.candidate.selector === 'selector1' ||
    probe.candidate.selector === 'selector2'
  );
}

interface KeySubject {
  readonly subject: string;
  /** How messages name the key, as values: the selector (with its known users) and the CNAME chain. */
  readonly names: { readonly selector: string; readonly aliased: number; readonly alias: string };
  readonly evidence: readonly Evidence[];
  readonly microsoft: boolean;
  readonly domain: string;
}

/** The English name of a key, for the one message that keeps a parser's English explanation. */
function englishLabel(key: KeySubject): string {
  const alias = key.names.aliased === 0 ? '' : ` (via CNAME → ${key.names.alias})`;
  return `Selector ${key.names.selector}${alias}`;
}

function rotationFix(key: KeySubject): KeyedFix {
  return key.microsoft
    ? dnsFix('dkim.fix.rotate-microsoft', {
        command: `Rotate-DkimSigningConfig -KeySize 2048 -Identity ${key.domain}`,
      })
    : dnsFix('dkim.fix.rotate', { domain: key.domain, subject: key.subject });
}

function strengthFindings(assessment: KeyAssessment & { kind: 'key' }, key: KeySubject): Finding[] {
  const base = { subject: key.subject, evidence: key.evidence };
  const info = assessment.key;
  switch (info.kind) {
    case 'ed25519':
      return [
        finding(dkimMeta.weakKey, 'pass', { ...base, ...dnsMessage('dkim.weak-key.ed25519', key.names) }),
      ];
    case 'rsa': {
      // The format's name is a value: a `#` in a template's plural branch would print the number.
      const size = {
        ...key.names,
        bits: info.bits,
        pkcs1: info.encoding === 'pkcs1' ? 1 : 0,
        format: 'PKCS#1',
      };
      switch (rsaStrength(info.bits)) {
        case 'too-short':
          return [
            finding(dkimMeta.weakKey, 'fail', {
              ...base,
              ...dnsMessage('dkim.weak-key.too-short', size),
              ...rotationFix(key),
            }),
          ];
        case 'minimum':
          return [
            finding(dkimMeta.weakKey, 'warn', {
              ...base,
              ...dnsMessage('dkim.weak-key.minimum', size),
              ...rotationFix(key),
            }),
          ];
        case 'recommended':
          return [finding(dkimMeta.weakKey, 'pass', { ...base, ...dnsMessage('dkim.weak-key.pass', size) })];
      }
    }
  }
}

function usableKeyFindings(assessment: KeyAssessment & { kind: 'key' }, key: KeySubject): Finding[] {
  const base = { subject: key.subject, evidence: key.evidence };
  const out: Finding[] = [];
  if (!assessment.forEmail) {
    out.push(
      finding(dkimMeta.unusableKey, 'fail', {
        ...base,
        ...dnsMessage('dkim.unusable-key.service', {
          ...key.names,
          services: assessment.record.serviceTypes.join(':'),
        }),
        ...dnsFix('dkim.fix.remove-s'),
      }),
    );
  }
  switch (assessment.hashes) {
    case 'any':
    case 'sha256':
      break;
    case 'sha1-only':
      out.push(
        finding(dkimMeta.sha1Only, 'fail', {
          ...base,
          ...dnsMessage('dkim.sha1-only.fail', key.names),
          ...dnsFix('dkim.fix.sha256-sign'),
        }),
      );
      break;
    case 'none-known':
      out.push(
        finding(dkimMeta.unusableKey, 'fail', {
          ...base,
          ...dnsMessage('dkim.unusable-key.hash', {
            ...key.names,
            hashes: (assessment.record.hashAlgorithms ?? []).join(':'),
          }),
          ...dnsFix('dkim.fix.sha256'),
        }),
      );
      break;
  }
  if (assessment.testing) {
    out.push(
      finding(dkimMeta.testing, 'warn', {
        ...base,
        ...dnsMessage('dkim.testing.warn', key.names),
        ...dnsFix('dkim.fix.testing'),
      }),
    );
  }
  return [...out, ...strengthFindings(assessment, key)];
}

function assessmentFindings(assessment: KeyAssessment, key: KeySubject): Finding[] {
  const base = { subject: key.subject, evidence: key.evidence };
  switch (assessment.kind) {
    case 'invalid':
      return [
        finding(dkimMeta.syntaxError, 'fail', {
          ...base,
          ...dnsMessageWithDetail(
            'dkim.syntax-error.invalid',
            { ...key.names, count: assessment.problems.length },
            `${englishLabel(key)}: the key record is invalid: ${assessment.problems.join('; ')}. Every signature with this selector fails.`,
          ),
          evidence: [
            ...key.evidence,
            { kind: 'text', label: 'problems', value: assessment.problems.join('; ') },
          ],
          ...dnsFix('dkim.fix.record-shape'),
        }),
      ];
    case 'revoked':
      return [
        finding(dkimMeta.revoked, 'warn', {
          ...base,
          ...dnsMessage('dkim.revoked.warn', key.names),
        }),
      ];
    case 'unknown-key-type':
      return [
        finding(dkimMeta.unusableKey, 'fail', {
          ...base,
          ...dnsMessage('dkim.unusable-key.key-type', { ...key.names, keyType: assessment.record.keyType }),
          ...dnsFix('dkim.fix.key-type'),
        }),
      ];
    case 'key':
      return usableKeyFindings(assessment, key);
  }
}

function keyFindings(found: Probe & { kind: 'found' }, key: KeySubject): Finding[] {
  const out: Finding[] = [];
  if (found.texts.length > 1) {
    out.push(
      finding(dkimMeta.syntaxError, 'fail', {
        subject: key.subject,
        evidence: key.evidence,
        ...dnsMessage('dkim.syntax-error.multiple', { ...key.names, count: found.texts.length }),
        ...dnsFix('dkim.fix.one-record'),
      }),
    );
  }
  for (const text of found.texts) out.push(...assessmentFindings(assessKeyRecord(text), key));
  return out;
}

function keySubject(
  found: Probe & { kind: 'found' },
  domain: string,
  selector: string,
  subject = found.answer.name,
): KeySubject {
  const aliases = found.answer.aliases;
  return {
    subject,
    names: { selector, aliased: aliases.length > 0 ? 1 : 0, alias: aliases.join(' → ') },
    evidence: [dnsEvidence(found.answer)],
    microsoft: isMicrosoft(found),
    domain,
  };
}

const sameRecords = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().every((text, index) => text === [...b].sort()[index]);

/** A long list cut to its first names, so one message stays readable; a value in every language. */
function shortList(names: readonly string[], limit = 12): string {
  const shown = names.slice(0, limit).join(', ');
  return names.length > limit ? `${shown}, … (+${names.length - limit})` : shown;
}

function wildcardFinding(
  guard: Probe,
  domain: string,
  echoes: readonly string[],
  distinct: readonly string[],
) {
  const subject = `_domainkey.${domain}`;
  const evidence = [dnsEvidence(guard.answer)];
  switch (guard.kind) {
    case 'error':
      return finding(dkimMeta.wildcard, 'error', {
        subject,
        evidence,
        ...dnsMessage('dkim.wildcard.error', {
          selector: guard.candidate.selector,
          reason: guard.answer.reason,
          detail: guard.answer.detail,
        }),
      });
    case 'absent':
      return finding(dkimMeta.wildcard, 'pass', {
        subject,
        evidence,
        ...dnsMessage('dkim.wildcard.pass', { selector: guard.candidate.selector }),
      });
    case 'found': {
      return finding(dkimMeta.wildcard, 'warn', {
        subject,
        evidence,
        ...dnsMessage('dkim.wildcard.warn', {
          selector: guard.candidate.selector,
          echoCount: echoes.length,
          echoes: shortList(echoes),
          ownCount: distinct.length,
          own: distinct.join(', '),
        }),
      });
    }
  }
}

function dnsErrorFinding(failed: Probe & { kind: 'error' }): Finding {
  return finding(dkimMeta.dnsError, 'error', {
    subject: failed.answer.name,
    evidence: [dnsEvidence(failed.answer)],
    ...dnsMessage('dkim.dns-error.one', {
      selector: failed.candidate.selector,
      name: failed.answer.name,
      reason: failed.answer.reason,
      detail: failed.answer.detail,
    }),
  });
}

/** Beyond this many failed selectors, failures are grouped by cause: one line per cause, not forty. */
const ungroupedErrorLimit = 3;

function dnsErrorFindings(domain: string, probes: readonly Probe[]): Finding[] {
  const failed = probes.filter((item): item is Probe & { kind: 'error' } => item.kind === 'error');
  if (failed.length <= ungroupedErrorLimit) return failed.map(dnsErrorFinding);
  const byReason = new Map<string, (Probe & { kind: 'error' })[]>();
  for (const item of failed)
    byReason.set(item.answer.reason, [...(byReason.get(item.answer.reason) ?? []), item]);
  return [...byReason].map(([reason, items]) =>
    finding(dkimMeta.dnsError, 'error', {
      subject: domain,
      evidence: [
        {
          kind: 'text',
          label: 'selectors not looked up',
          value: items.map((item) => item.candidate.selector).join(', '),
        },
        ...items.slice(0, ungroupedErrorLimit).map((item) => dnsEvidence(item.answer)),
      ],
      ...dnsMessage('dkim.dns-error.grouped', {
        count: items.length,
        reason,
        detail: items[0]?.answer.detail ?? '',
      }),
    }),
  );
}

function summaryFinding(
  domain: string,
  probes: readonly Probe[],
  /** The selectors of `probes`, in order, joined with ", " (built once per list: see selectorPlan). */
  triedText: string,
  own: readonly (Probe & { kind: 'found' })[],
  wildcardFound: boolean,
  rejected: readonly string[],
  parent?: TxtAnswer,
): Finding {
  const failed = probes.filter((item) => item.kind === 'error');
  const dangling = probes.filter(
    (item) => item.kind === 'absent' && item.answer.kind === 'nxdomain' && item.answer.aliases.length > 0,
  );
  const notes: string[] = [];
  if (failed.length > 0)
    notes.push(`${failed.length} selector(s) could not be looked up (see dkim.dns-error).`);
  for (const item of dangling) {
    const target = item.answer.kind === 'error' ? '' : item.answer.aliases.at(-1);
    notes.push(
      `${item.candidate.selector} is a CNAME to ${target}, which does not exist${isMicrosoft(item) ? ' (Microsoft 365: DKIM signing is not enabled for this domain yet)' : ''}.`,
    );
  }
  if (rejected.length > 0) notes.push(`Ignored, not valid selectors: ${rejected.join(', ')}.`);
  if (parent !== undefined) notes.push(prunedNote(parent.name));
  const evidence: Evidence[] = [
    {
      kind: 'text',
      label: 'selectors tried',
      value: triedText,
    },
    ...dangling.map((item) => dnsEvidence(item.answer)),
    ...(parent === undefined ? [] : [dnsEvidence(parent)]),
  ];
  const tail = notes.length > 0 ? ` ${notes.join(' ')}` : '';
  // The same notes as values, for the catalogue texts.
  const noteParams = {
    failed: failed.length,
    danglingCount: dangling.length,
    dangling: dangling
      .map(
        (item) =>
          `${item.candidate.selector} → ${item.answer.kind === 'error' ? '' : item.answer.aliases.at(-1)}`,
      )
      .join(', '),
    microsoft: dangling.some(isMicrosoft) ? 1 : 0,
    rejectedCount: rejected.length,
    rejected: rejected.join(', '),
    pruned: parent === undefined ? 0 : 1,
    prunedName: parent?.name ?? '',
  };
  if (own.length > 0) {
    const listed = own.map((item) => `${selectorLabel(item.candidate)}${aliasNote(item.answer)}`).join('; ');
    const selectors = own
      .map((item) => {
        const aliases = item.answer.aliases;
        return `${selectorLabel(item.candidate)}${aliases.length > 0 ? ` → ${aliases.join(' → ')}` : ''}`;
      })
      .join('; ');
    return finding(dkimMeta.keyFound, 'pass', {
      subject: domain,
      evidence,
      ...dnsMessageWithDetail(
        'dkim.key-found.pass',
        { count: own.length, selectors, ...noteParams },
        `DKIM key records found at ${own.length} selector(s): ${listed}.${tail}`,
      ),
    });
  }
  if (failed.length > 0 && failed.length === probes.length) {
    return finding(dkimMeta.noneFound, 'error', {
      subject: domain,
      evidence,
      ...dnsMessageWithDetail(
        'dkim.none-found.error',
        { count: probes.length, ...noteParams },
        `Could not look for DKIM keys: every one of the ${probes.length} selector lookups failed.${tail}`,
      ),
    });
  }
  const wildcardNote = wildcardFound ? ' Only the wildcard record answered (see dkim.wildcard).' : '';
  return finding(dkimMeta.noneFound, 'warn', {
    subject: domain,
    evidence,
    ...dnsMessageWithDetail(
      'dkim.none-found.warn',
      { count: probes.length - failed.length, wildcard: wildcardFound ? 1 : 0, ...noteParams },
      `No DKIM key found at the ${probes.length - failed.length} selector(s) tried.${wildcardNote} This is not proof that the domain does not sign: selectors cannot be listed, and a sender may use another one. Pass the s= value of a DKIM-Signature header with --dkim-selector.${tail}`,
    ),
  });
}

/** Why few selectors were tried (the catalogues carry the same note under the `pruned` parameter). */
const prunedNote = (name: string) =>
  `${name} does not exist (NXDOMAIN), so no selector below it can exist (RFC 8020 §2); only your selectors ` +
  'and the most common ones were still tried, in case the name server answers NXDOMAIN wrongly.';

/** NXDOMAIN at _domainkey itself (not at a CNAME's target, which says nothing about names below it). */
const provesNoSelector = (answer: TxtAnswer): boolean =>
  answer.kind === 'nxdomain' && answer.aliases.length === 0;

// Each randomBytes call goes into OpenSSL (tens of µs under load): a fleet draws its guard selectors from a pool.
let randomPool = Buffer.alloc(0);
let randomPoolOffset = 0;

function randomSelectorBytes(): Buffer {
  if (randomPoolOffset + 8 > randomPool.length) {
    randomPool = randomBytes(4096);
    randomPoolOffset = 0;
  }
  const bytes = randomPool.subarray(randomPoolOffset, randomPoolOffset + 8);
  randomPoolOffset += 8;
  return bytes;
}

const defaultRandomSelector = () => `tt-${randomSelectorBytes().toString('hex')}`;

export function createDkimCheck(settings: DkimCheckSettings = {}): DomainCheck {
  const builtin = settings.builtinSelectors ?? builtinDkimSelectors;
  const concurrency = settings.concurrency ?? 8;
  const randomSelector = settings.randomSelector ?? defaultRandomSelector;
  const fallback = new Set(settings.fallbackSelectors ?? defaultFallbackSelectors);
  // A fleet scans every domain with the same --dkim-selector list: the candidates, the shorter list tried
  // below a name that does not exist, and the text naming each are built once per list, not per domain.
  const plans = new WeakMap<readonly string[], SelectorPlan>();
  const tried = (list: readonly Candidate[]): TriedList => ({
    candidates: list,
    text: list.map((candidate) => candidate.selector).join(', '),
  });
  const selectorPlan = (user: readonly string[]): SelectorPlan => {
    let plan = plans.get(user);
    if (plan === undefined) {
      const { list, rejected } = candidates(user, builtin);
      plan = {
        full: tried(list),
        narrow: tried(
          list.filter((candidate) => candidate.origin === 'user' || fallback.has(candidate.selector)),
        ),
        rejected,
      };
      plans.set(user, plan);
    }
    return plan;
  };
  return {
    name: 'dkim',
    datasets: [
      {
        name: 'dkim-selectors',
        dataVersion: dkimSelectorDataset.dataVersion,
        reviewBy: dkimSelectorDataset.reviewBy,
      },
    ],
    meta: Object.values(dkimMeta),
    async run(target: ScanTarget, context: CheckContext): Promise<readonly Finding[]> {
      const { domain } = target;
      const { full, narrow, rejected } = selectorPlan(context.options.dkimSelectors);
      // The guard runs first so a wildcard is known before any selector's answer is believed; the parent
      // name beside it, since NXDOMAIN there (also when the domain does not exist) spares ~40 lookups. An
      // error or NODATA there (an empty non-terminal above real keys) leads to the full probe.
      const [guard, parent] = await Promise.all([
        probe(context.dns, domain, { selector: randomSelector(), origin: 'builtin' }, context.signal),
        lookup(context.dns, `_domainkey.${domain}`, context.signal),
      ]);
      const pruned = provesNoSelector(parent);
      const tried = pruned ? narrow : full;
      const probes = await mapBounded(tried.candidates, concurrency, (candidate) =>
        probe(context.dns, domain, candidate, context.signal),
      );
      const found = probes.filter((item) => item.kind === 'found');
      const echoesWildcard = (item: Probe & { kind: 'found' }) =>
        guard.kind === 'found' && item.answer.aliases.length === 0 && sameRecords(item.texts, guard.texts);
      const echoes = found.filter(echoesWildcard);
      const own = found.filter((item) => !echoesWildcard(item));
      const findings: Finding[] = [
        wildcardFinding(
          guard,
          domain,
          echoes.map((item) => item.candidate.selector),
          own.map((item) => item.candidate.selector),
        ),
      ];
      if (guard.kind === 'found') {
        const wildcardName = `*._domainkey.${domain}`;
        findings.push(...keyFindings(guard, keySubject(guard, domain, '*', wildcardName)));
      }
      for (const item of own) {
        findings.push(...keyFindings(item, keySubject(item, domain, selectorLabel(item.candidate))));
      }
      findings.push(...dnsErrorFindings(domain, probes));
      findings.push(
        summaryFinding(
          domain,
          probes,
          tried.text,
          own,
          guard.kind === 'found',
          rejected,
          pruned ? parent : undefined,
        ),
      );
      return findings;
    },
  };
}

export const dkimCheck: DomainCheck = createDkimCheck();
