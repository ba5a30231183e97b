// The MTA-STS policy file (RFC 8461 §3.2) and MX pattern matching (§4.1): pure parsing and evaluation.

export type StsMode = 'enforce' | 'testing' | 'none';

export interface StsPolicy {
  readonly mode: StsMode;
  readonly maxAge: number;
  readonly mx: readonly string[];
}

export type StsPolicyParse =
  | { readonly kind: 'ok'; readonly policy: StsPolicy }
  | { readonly kind: 'invalid'; readonly problems: readonly string[] };

/** RFC 8461 §3.2: max_age is at most 31557600 seconds (about one year). */
export const maxMaxAge = 31_557_600;
/** Below this an enforced policy protects little: a sender's cache lapses between visits. */
export const shortMaxAge = 86_400;

const modes: readonly StsMode[] = ['enforce', 'testing', 'none'];
const label = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';
const mxPatternRegex = new RegExp(`^(?:\\*\\.)?${label}(?:\\.${label})+\\.?$`);

/** A valid `mx` value: a domain name, optionally with `*.` as its whole leftmost label. */
export function isValidMxPattern(pattern: string): boolean {
  return mxPatternRegex.test(pattern);
}

const normalize = (name: string): string => name.toLowerCase().replace(/\.$/, '');

/** RFC 8461 §4.1: `*.example.com` matches exactly one extra leftmost label (`mx1.example.com`, not `a.b.example.com`). */
export function mxPatternMatches(pattern: string, host: string): boolean {
  const p = normalize(pattern);
  const h = normalize(host);
  if (!p.startsWith('*.')) return p === h;
  const dot = h.indexOf('.');
  return dot > 0 && h.slice(dot + 1) === p.slice(2);
}

/** Parses the policy text. Lines end in LF or CRLF; keys and the values of version and mode are case-sensitive. */
export function parseStsPolicy(text: string): StsPolicyParse {
  const problems: string[] = [];
  const seen = new Map<string, string>();
  const mx: string[] = [];
  const lines = text.split(/\r?\n/);
  while (lines.length > 0 && lines.at(-1) === '') lines.pop();
  lines.forEach((line, index) => {
    const colon = line.indexOf(':');
    if (colon <= 0) {
      problems.push(`line ${index + 1} "${line}" is not "key: value"`);
      return;
    }
    const key = line.slice(0, colon);
    const value = line.slice(colon + 1).replace(/^[ \t]+|[ \t]+$/g, '');
    if (key === 'mx') {
      if (isValidMxPattern(value)) mx.push(value);
      else problems.push(`mx "${value}" is not a host name or a "*." pattern on the leftmost label`);
      return;
    }
    if (key === 'version' || key === 'mode' || key === 'max_age') {
      if (seen.has(key)) problems.push(`"${key}" appears more than once`);
      else seen.set(key, value);
      return;
    }
    if (['version', 'mode', 'max_age', 'mx'].includes(key.toLowerCase()))
      problems.push(`key "${key}" must be written in lower case`);
    // Other keys are extensions: RFC 8461 §3.2 says to ignore them.
  });
  const version = seen.get('version');
  if (version === undefined) problems.push('"version: STSv1" is missing');
  else if (version !== 'STSv1') problems.push(`version must be "STSv1", not "${version}"`);
  const rawMode = seen.get('mode');
  const mode = modes.find((candidate) => candidate === rawMode);
  if (rawMode === undefined) problems.push('"mode" is missing (enforce, testing or none)');
  else if (mode === undefined) problems.push(`mode must be enforce, testing or none, not "${rawMode}"`);
  const rawMaxAge = seen.get('max_age');
  let maxAge: number | undefined;
  if (rawMaxAge === undefined) problems.push('"max_age" is missing');
  else if (!/^\d{1,10}$/.test(rawMaxAge)) problems.push(`max_age "${rawMaxAge}" is not a number of seconds`);
  else if (Number(rawMaxAge) > maxMaxAge)
    problems.push(`max_age ${rawMaxAge} is above the maximum ${maxMaxAge}`);
  else maxAge = Number(rawMaxAge);
  if (mode !== undefined && mode !== 'none' && mx.length === 0 && !problems.some((p) => p.startsWith('mx ')))
    problems.push(`mode ${mode} needs at least one "mx:" line`);
  if (problems.length > 0 || mode === undefined || maxAge === undefined) return { kind: 'invalid', problems };
  return { kind: 'ok', policy: { mode, maxAge, mx } };
}

/** Whether a Content-Type header names text/plain (parameters such as charset allowed). */
export function isTextPlain(contentType: string | undefined): boolean {
  return contentType !== undefined && /^text\/plain[ \t]*(?:;|$)/i.test(contentType.trim());
}

export function policyUrl(domain: string): string {
  return `https://mta-sts.${domain}/.well-known/mta-sts.txt`;
}
