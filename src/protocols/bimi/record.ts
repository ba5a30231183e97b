// The BIMI assertion record at `<selector>._bimi.<domain>` (draft-brand-indicators-for-message-identification)
// and a light textual check of an SVG Tiny Portable/Secure logo: no XML parser, only what can be told safely.

export interface BimiRecord {
  readonly text: string;
  /** The logo URL; empty when the domain declines to publish one. */
  readonly location: string;
  /** The authority evidence (VMC/CMC) URL; empty or absent when none is published. */
  readonly authority: string;
  readonly declined: boolean;
}

export type BimiParse =
  | { readonly kind: 'ok'; readonly record: BimiRecord }
  | { readonly kind: 'invalid'; readonly text: string; readonly problems: readonly string[] };

export function isBimiRecord(text: string): boolean {
  return /^v[ \t]*=[ \t]*BIMI1(?:[ \t]*;|[ \t]*$)/i.test(text);
}

function httpsProblem(tag: string, value: string): string | undefined {
  if (value === '') return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' ? undefined : `${tag}= must be an https: URL, not "${value}"`;
  } catch {
    return `${tag}= "${value}" is not a valid URL`;
  }
}

export function parseBimiRecord(text: string): BimiParse {
  const problems: string[] = [];
  const tags = new Map<string, string>();
  const fields = text.split(';').map((field) => field.trim());
  if (fields.length > 1 && fields.at(-1) === '') fields.pop();
  fields.forEach((field, index) => {
    const eq = field.indexOf('=');
    if (eq <= 0) {
      problems.push(`tag "${field}" is not name=value`);
      return;
    }
    const name = field.slice(0, eq).trim().toLowerCase();
    const value = field.slice(eq + 1).trim();
    if (index === 0 && (name !== 'v' || value !== 'BIMI1'))
      problems.push('the record must start with "v=BIMI1"');
    if (tags.has(name)) problems.push(`tag "${name}" appears more than once`);
    else tags.set(name, value);
  });
  const location = tags.get('l');
  if (location === undefined) problems.push('the "l=" tag (logo URL) is missing');
  const authority = tags.get('a') ?? '';
  for (const problem of [httpsProblem('l', location ?? ''), httpsProblem('a', authority)])
    if (problem !== undefined) problems.push(problem);
  if (problems.length > 0 || location === undefined) return { kind: 'invalid', text, problems };
  return {
    kind: 'ok',
    record: { text, location, authority, declined: location === '' && authority === '' },
  };
}

/** Logos above this size are refused by some mailbox providers (the BIMI group's guidance). */
export const recommendedLogoBytes = 32 * 1024;

export interface SvgCheck {
  /** Violations of SVG Tiny PS that make mailbox providers reject the logo. */
  readonly problems: readonly string[];
  /** Likely issues that do not by themselves disqualify the logo. */
  readonly warnings: readonly string[];
}

/** The root element's start tag, after any XML declaration, comments and DOCTYPE. */
function rootTag(svg: string): string | undefined {
  const stripped = svg
    .replace(/^\uFEFF/, '')
    .replace(/<\?xml[\s\S]*?\?>/g, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<!DOCTYPE[^>]*>/gi, '')
    .trimStart();
  return /^<[A-Za-z][^>]*>/.exec(stripped)?.[0];
}

function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(tag);
  return match === null ? undefined : (match[1] ?? match[2]);
}

/** SVG Tiny PS basics, textually: root `<svg baseProfile="tiny-ps">`, a title, nothing active or external. */
export function checkSvgTinyPs(svg: string): SvgCheck {
  const problems: string[] = [];
  const warnings: string[] = [];
  const root = rootTag(svg);
  if (root === undefined || !/^<svg[\s>/]/.test(root)) {
    problems.push('the document is not an SVG image: its root element is not <svg>');
    return { problems, warnings };
  }
  if (attribute(root, 'baseProfile') !== 'tiny-ps')
    problems.push('the <svg> root lacks baseProfile="tiny-ps"');
  if (attribute(root, 'version') !== '1.2') warnings.push('the <svg> root should say version="1.2"');
  if (attribute(root, 'x') !== undefined || attribute(root, 'y') !== undefined)
    problems.push('the <svg> root must not have x or y attributes');
  if (!/<title[\s>]/.test(svg)) problems.push('a <title> element (the brand name) is required');
  if (/<script[\s>/]/i.test(svg)) problems.push('scripts are not allowed (<script>)');
  if (/\son[a-z]+\s*=/i.test(svg)) problems.push('event handler attributes (onload=…) are not allowed');
  if (/<foreignObject[\s>/]/i.test(svg)) problems.push('<foreignObject> is not allowed');
  if (/<image[\s>/]/i.test(svg)) problems.push('embedded or linked raster images (<image>) are not allowed');
  const external = [...svg.matchAll(/\s(?:xlink:)?href\s*=\s*(?:"([^"]*)"|'([^']*)')/g)]
    .map((match) => match[1] ?? match[2] ?? '')
    .filter((target) => !target.startsWith('#'));
  if (external.length > 0)
    problems.push(`external references are not allowed: ${external.slice(0, 3).join(', ')}`);
  if (/url\(\s*['"]?(?!#)/i.test(svg)) problems.push('external url(…) references are not allowed');
  if (/<animate|<set[\s>/]/i.test(svg)) problems.push('animation elements are not allowed');
  return { problems, warnings };
}
