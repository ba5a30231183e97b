// The DMARC policy record (RFC 9989 §4.7, §4.8): parsed tolerantly where the grammar is, strictly where it is not.
// Pure: text in, a parse with every problem named out; no DNS here.

export type DmarcPolicy = 'none' | 'quarantine' | 'reject';
export type DmarcAlignment = 'r' | 's';
export type DmarcPsd = 'y' | 'n' | 'u';

/** Why a TXT string at _dmarc is not a DMARC record at all: receivers discard it (RFC 9989 §4.10 step 2). */
export type NotDmarcReason =
  /** An SPF record (`v=spf1 …`): usually a wildcard TXT or a CNAME leaking into _dmarc. */
  | 'spf'
  /** Starts like DMARC but the version is not exactly `DMARC1` (`v=dmarc1`, `v=DMARC1x`, leading space). */
  | 'bad-version'
  /** Anything else (site verification tokens, free text). */
  | 'other';

export type DmarcIssueCode =
  | 'malformed-tag'
  | 'invalid-tag-name'
  | 'empty-value'
  | 'invalid-value'
  | 'invalid-uri'
  | 'duplicate-tag'
  | 'empty-tag'
  | 'unknown-tag'
  | 'missing-p'
  | 'p-not-second'
  | 'removed-tag'
  | 'uri-size-limit'
  | 'unsupported-uri-scheme'
  | 'fo-redundant'
  | 't-without-effect';

export interface DmarcIssue {
  /** `error`: the record breaks the grammar; `warning`: it parses but something is off. */
  readonly level: 'error' | 'warning';
  readonly code: DmarcIssueCode;
  readonly tag?: string;
  readonly message: string;
}

/** A report destination from `rua`/`ruf`. */
export interface DmarcUri {
  /** As written, `!size` suffix included. */
  readonly raw: string;
  /** Lower-case scheme, e.g. `mailto`. */
  readonly scheme: string;
  /** For `mailto:`, the mailbox's domain, lower case. */
  readonly mailboxDomain?: string;
  /** The obsolete `!10m` size limit, if any (RFC 9989 removed it). */
  readonly sizeLimit?: string;
}

export interface DmarcRecord {
  readonly text: string;
  /** Tag names as written (lower-cased), in order, `v` included: used to rebuild a corrected record. */
  readonly order: readonly string[];
  /** Raw values by lower-case tag name (the first occurrence). */
  readonly values: ReadonlyMap<string, string>;
  readonly p?: DmarcPolicy;
  readonly sp?: DmarcPolicy;
  readonly np?: DmarcPolicy;
  readonly psd: DmarcPsd;
  /** `t=y`: test mode, receivers apply one level less (RFC 9989 §4.7). */
  readonly testing: boolean;
  readonly adkim: DmarcAlignment;
  readonly aspf: DmarcAlignment;
  readonly fo: readonly string[];
  /** Syntactically valid URIs only; invalid ones are in the issues. */
  readonly rua: readonly DmarcUri[];
  readonly ruf: readonly DmarcUri[];
  /** Tags RFC 9989 removed, kept raw because RFC 7489 receivers still read them. */
  readonly pct?: string;
  readonly rf?: string;
  readonly ri?: string;
}

export type DmarcParse =
  | { readonly kind: 'not-dmarc'; readonly reason: NotDmarcReason; readonly text: string }
  | {
      readonly kind: 'dmarc';
      readonly record: DmarcRecord;
      /**
       * Whether receivers apply DMARC with this record: false for duplicate tags, and for a missing or
       * invalid `p` (or an invalid `sp`/`np`) without one valid `rua` URI (RFC 9989 §4.10.1).
       */
      readonly usable: boolean;
      /** True when receivers act as if `p=none` because `p`, `sp` or `np` is missing or invalid (§4.10.1). */
      readonly treatedAsNone: boolean;
      readonly issues: readonly DmarcIssue[];
    };

const wsp = '[ \\t]*';
/** `v` (case-insensitive, an ABNF literal) `=` `DMARC1` (case-sensitive, %s), then the end or a separator. */
const versionPattern = new RegExp(`^[vV]${wsp}=${wsp}DMARC1(?=${wsp}(?:;|$))`);
const looksLikeDmarc = /^\s*v\s*=\s*dmarc/i;
const looksLikeSpf = /^\s*v\s*=\s*spf1(?:\s|$)/i;

const policies: readonly DmarcPolicy[] = ['none', 'quarantine', 'reject'];
const knownTags = new Set(['v', 'p', 'sp', 'np', 'psd', 't', 'adkim', 'aspf', 'fo', 'rua', 'ruf']);
const removedTags = new Set(['pct', 'rf', 'ri']);
const foOptions = new Set(['0', '1', 'd', 's']);

/** Whether a TXT string is a DMARC record in the sense of the tree walk: it starts with `v=DMARC1`. */
export function isDmarcRecord(text: string): boolean {
  return versionPattern.test(text);
}

function classifyNonDmarc(text: string): NotDmarcReason {
  if (looksLikeSpf.test(text)) return 'spf';
  if (looksLikeDmarc.test(text)) return 'bad-version';
  return 'other';
}

const trimWsp = (value: string): string => value.replace(/^[ \t]+|[ \t]+$/g, '');

/** RFC 3986 `scheme ":" rest`; commas are separators, and WSP cannot occur inside a URI. */
function parseUri(raw: string): DmarcUri | undefined {
  const match = /^([A-Za-z][A-Za-z0-9+.-]*):([^\s,;]+)$/.exec(raw);
  if (match === null) return undefined;
  const scheme = (match[1] ?? '').toLowerCase();
  let rest = match[2] ?? '';
  const size = /!(\d+[kmgt]?)$/i.exec(rest);
  if (size !== null) rest = rest.slice(0, size.index);
  if (scheme !== 'mailto') return { raw, scheme, ...(size ? { sizeLimit: size[1] ?? '' } : {}) };
  const address = decodeURIComponentSafe(rest.split('?')[0] ?? '');
  const at = address.lastIndexOf('@');
  const domain = at > 0 ? address.slice(at + 1).toLowerCase() : '';
  if (!/^[a-z0-9_-]+(?:\.[a-z0-9_-]+)+\.?$/i.test(domain)) return undefined;
  return {
    raw,
    scheme,
    mailboxDomain: domain.replace(/\.$/, ''),
    ...(size ? { sizeLimit: size[1] ?? '' } : {}),
  };
}

function decodeURIComponentSafe(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

interface Draft {
  p?: DmarcPolicy;
  sp?: DmarcPolicy;
  np?: DmarcPolicy;
  psd: DmarcPsd;
  testing: boolean;
  adkim: DmarcAlignment;
  aspf: DmarcAlignment;
  fo: string[];
  rua: DmarcUri[];
  ruf: DmarcUri[];
  pct?: string;
  rf?: string;
  ri?: string;
}

const error = (code: DmarcIssueCode, message: string, tag?: string): DmarcIssue => ({
  level: 'error',
  code,
  message,
  ...(tag === undefined ? {} : { tag }),
});
const warning = (code: DmarcIssueCode, message: string, tag?: string): DmarcIssue => ({
  level: 'warning',
  code,
  message,
  ...(tag === undefined ? {} : { tag }),
});

function invalidValue(tag: string, value: string, allowed: string): DmarcIssue {
  return error('invalid-value', `${tag}=${value} is not valid; allowed: ${allowed}`, tag);
}

function parseUriList(tag: 'rua' | 'ruf', value: string, issues: DmarcIssue[]): DmarcUri[] {
  const uris: DmarcUri[] = [];
  for (const part of value.split(',').map(trimWsp)) {
    const uri = parseUri(part);
    if (uri === undefined) {
      const hint = /^[^:]+@/.test(part) ? ` (write it as mailto:${part})` : '';
      issues.push(error('invalid-uri', `${tag} has an invalid report address "${part}"${hint}`, tag));
      continue;
    }
    if (uri.sizeLimit !== undefined) {
      issues.push(
        warning(
          'uri-size-limit',
          `${tag} address ${part} carries a size limit (!${uri.sizeLimit}), which RFC 9989 removed`,
          tag,
        ),
      );
    }
    if (uri.scheme !== 'mailto') {
      issues.push(
        warning(
          'unsupported-uri-scheme',
          `${tag} address ${part} is not mailto:; receivers only have to support mailto:`,
          tag,
        ),
      );
    }
    uris.push(uri);
  }
  return uris;
}

function parseFo(value: string, issues: DmarcIssue[]): string[] {
  const options = value.split(':').map(trimWsp);
  if (options.some((option) => !foOptions.has(option.toLowerCase()))) {
    issues.push(invalidValue('fo', value, '0, 1, d, s, or a colon-separated list of them'));
    return ['0'];
  }
  const lower = options.map((option) => option.toLowerCase());
  if (lower.includes('0') && lower.includes('1')) {
    issues.push(warning('fo-redundant', 'fo lists both 0 and 1; 1 already covers 0', 'fo'));
  }
  return lower;
}

function pick<T extends string>(value: string, allowed: readonly T[]): T | undefined {
  const lower = value.toLowerCase();
  return allowed.find((candidate) => candidate === lower);
}

/** Applies one known tag's value to the draft, noting any problem. */
function applyTag(draft: Draft, name: string, value: string, issues: DmarcIssue[]): void {
  switch (name) {
    case 'p':
    case 'sp':
    case 'np': {
      const policy = pick(value, policies);
      if (policy === undefined) issues.push(invalidValue(name, value, 'none, quarantine, reject'));
      else draft[name] = policy;
      return;
    }
    case 'psd': {
      const psd = pick(value, ['y', 'n', 'u'] as const);
      if (psd === undefined) issues.push(invalidValue(name, value, 'y, n, u'));
      else draft.psd = psd;
      return;
    }
    case 't': {
      const flag = pick(value, ['y', 'n'] as const);
      if (flag === undefined) issues.push(invalidValue(name, value, 'y, n'));
      else draft.testing = flag === 'y';
      return;
    }
    case 'adkim':
    case 'aspf': {
      const mode = pick(value, ['r', 's'] as const);
      if (mode === undefined) issues.push(invalidValue(name, value, 'r, s'));
      else draft[name] = mode;
      return;
    }
    case 'fo':
      draft.fo = parseFo(value, issues);
      return;
    case 'rua':
    case 'ruf':
      draft[name] = parseUriList(name, value, issues);
      return;
    case 'pct':
    case 'rf':
    case 'ri':
      draft[name] = value;
      issues.push(
        warning(
          'removed-tag',
          `${name}=${value}: RFC 9989 removed the ${name} tag; RFC 9989 receivers ignore it, older ones may still act on it`,
          name,
        ),
      );
      return;
    default:
      return;
  }
}

/**
 * Parses one TXT record's text (its strings already concatenated, RFC 9989 §4.5).
 * Tag names and the literal values of p/sp/np/psd/t/adkim/aspf/fo are case-insensitive (ABNF
 * strings); `DMARC1` is case-sensitive (%s); URIs keep their case. WSP is allowed around `=`, `;`
 * and `,`. Unknown tags are ignored (a warning names them); a duplicated tag makes the whole record
 * invalid, as DKIM's tag-list rules (RFC 6376 §3.2), which RFC 9989 §4.7 adopts, require.
 */
export function parseDmarcRecord(text: string): DmarcParse {
  const version = versionPattern.exec(text);
  if (version === null) return { kind: 'not-dmarc', reason: classifyNonDmarc(text), text };

  const issues: DmarcIssue[] = [];
  const draft: Draft = { psd: 'u', testing: false, adkim: 'r', aspf: 'r', fo: ['0'], rua: [], ruf: [] };
  const order: string[] = ['v'];
  const values = new Map<string, string>([['v', 'DMARC1']]);
  let duplicate = false;

  const rest = text.slice(version[0].length);
  const parts = rest.split(';').slice(1);
  parts.forEach((rawPart, index) => {
    const part = trimWsp(rawPart);
    if (part === '') {
      // One trailing separator is in the grammar; an empty tag between two is not, but it is harmless.
      if (index !== parts.length - 1)
        issues.push(warning('empty-tag', 'the record has an empty tag (";;"); remove the extra ";"'));
      return;
    }
    const eq = part.indexOf('=');
    if (eq < 0) {
      issues.push(error('malformed-tag', `"${part}" is not a tag=value pair`));
      return;
    }
    const rawName = trimWsp(part.slice(0, eq));
    const value = trimWsp(part.slice(eq + 1));
    if (!/^[A-Za-z]+$/.test(rawName)) {
      issues.push(error('invalid-tag-name', `"${rawName}" is not a valid tag name (letters only)`));
      return;
    }
    const name = rawName.toLowerCase();
    if (values.has(name)) {
      duplicate = true;
      issues.push(
        error(
          'duplicate-tag',
          `the tag ${name} appears more than once; the whole record is then invalid`,
          name,
        ),
      );
      return;
    }
    order.push(name);
    values.set(name, value);
    if (value === '') {
      issues.push(error('empty-value', `${name} has no value`, name));
      return;
    }
    if (!/^[\x20-\x3a\x3c-\x7e]+$/.test(value)) {
      issues.push(error('invalid-value', `${name} contains characters that are not printable ASCII`, name));
      return;
    }
    if (!knownTags.has(name) && !removedTags.has(name)) {
      issues.push(
        warning('unknown-tag', `${name}=${value} is not a DMARC tag; receivers ignore it (a typo?)`, name),
      );
      return;
    }
    applyTag(draft, name, value, issues);
  });

  if (!values.has('p')) {
    issues.push(warning('missing-p', 'the p tag is missing; RFC 9989 receivers then act as if p=none', 'p'));
  } else if (order[1] !== 'p') {
    issues.push(
      warning(
        'p-not-second',
        'p is not the tag right after v; RFC 9989 allows this, but RFC 7489 receivers may reject the record',
        'p',
      ),
    );
  }
  if (
    draft.testing &&
    draft.p === 'none' &&
    (draft.sp ?? 'none') === 'none' &&
    (draft.np ?? 'none') === 'none'
  ) {
    issues.push(warning('t-without-effect', 't=y has no effect when the policy is none', 't'));
  }

  const record: DmarcRecord = { text, order, values, ...draft };
  const policyBroken =
    draft.p === undefined || (values.has('sp') && !draft.sp) || (values.has('np') && !draft.np);
  const hasRua = draft.rua.length > 0;
  const usable = !duplicate && (!policyBroken || hasRua);
  return { kind: 'dmarc', record, usable, treatedAsNone: usable && policyBroken, issues };
}

/** Which names a policy applies to, as seen from the record's own domain. */
export type PolicyScope = 'domain' | 'subdomain' | 'nonexistent-subdomain';

/**
 * The policy a receiver applies (before `t=y` is taken into account) for a usable record. A broken
 * p/sp/np with a valid rua makes the whole record p=none (RFC 9989 §4.10.1).
 */
export function requestedPolicy(parse: DmarcParse & { kind: 'dmarc' }, scope: PolicyScope): DmarcPolicy {
  if (parse.treatedAsNone) return 'none';
  const { p = 'none', sp, np } = parse.record;
  switch (scope) {
    case 'domain':
      return p;
    case 'subdomain':
      return sp ?? p;
    case 'nonexistent-subdomain':
      return np ?? sp ?? p;
  }
}

/** `t=y` asks receivers to apply one level less: reject → quarantine, quarantine → none. */
export function appliedPolicy(policy: DmarcPolicy, testing: boolean): DmarcPolicy {
  if (!testing) return policy;
  return policy === 'reject' ? 'quarantine' : 'none';
}

export function policyStrength(policy: DmarcPolicy): number {
  return policies.indexOf(policy);
}
