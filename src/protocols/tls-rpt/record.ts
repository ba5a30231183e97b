// The `_smtp._tls` TXT record (RFC 8460 §3): which records count, the `rua` URIs and their schemes.

export interface TlsRptUri {
  readonly uri: string;
  readonly scheme: 'mailto' | 'https';
}

export interface TlsRptRecord {
  readonly text: string;
  readonly rua: readonly TlsRptUri[];
}

export type TlsRptParse =
  | { readonly kind: 'ok'; readonly record: TlsRptRecord }
  | { readonly kind: 'invalid'; readonly text: string; readonly problems: readonly string[] };

/** RFC 8460 §3: records not beginning with `v=TLSRPTv1` are discarded before counting. */
export function isTlsRptRecord(text: string): boolean {
  return /^v=TLSRPTv1(?:[ \t]*;|[ \t]*$)/.test(text);
}

const extensionName = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/;
const extensionValue = /^[\x21-\x3a\x3c\x3e-\x7e]+$/;
const mailbox =
  /^[^@\s,;]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;

/** One `rua` URI: `mailto:` with one mailbox, or an `https:` URL with a host. */
export function parseTlsRptUri(raw: string): TlsRptUri | string {
  if (/^mailto:/i.test(raw)) {
    const address = decodeURIComponentSafe(raw.slice('mailto:'.length).split('?')[0] ?? '');
    return mailbox.test(address)
      ? { uri: raw, scheme: 'mailto' }
      : `"${raw}" is not mailto: with one e-mail address`;
  }
  if (/^https:/i.test(raw)) {
    try {
      const url = new URL(raw);
      return url.hostname === '' ? `"${raw}" has no host` : { uri: raw, scheme: 'https' };
    } catch {
      return `"${raw}" is not a valid https URL`;
    }
  }
  return `"${raw}" must be a mailto: or https: URI`;
}

function decodeURIComponentSafe(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** Parses one record (character-strings joined); names and `TLSRPTv1` are case-sensitive (%s). */
export function parseTlsRptRecord(text: string): TlsRptParse {
  const problems: string[] = [];
  const fields = text.split(';').map((field) => field.replace(/^[ \t]+|[ \t]+$/g, ''));
  if (fields.length > 1 && fields.at(-1) === '') fields.pop();
  const [version, ...rest] = fields;
  if (version !== 'v=TLSRPTv1')
    problems.push(`the record must start with "v=TLSRPTv1", not "${version ?? ''}"`);
  let rua: TlsRptUri[] | undefined;
  for (const field of rest) {
    const eq = field.indexOf('=');
    if (eq <= 0) {
      problems.push(field === '' ? 'empty field (two ";" in a row)' : `field "${field}" is not name=value`);
      continue;
    }
    const name = field.slice(0, eq);
    const value = field.slice(eq + 1);
    if (name === 'rua') {
      if (rua !== undefined) {
        problems.push('"rua" appears more than once: list every address in one rua, separated by commas');
        continue;
      }
      rua = [];
      for (const raw of value.split(',').map((part) => part.trim())) {
        const parsed = parseTlsRptUri(raw);
        if (typeof parsed === 'string') problems.push(parsed);
        else rua.push(parsed);
      }
    } else if (!extensionName.test(name) || !extensionValue.test(value)) {
      problems.push(`field "${field}" is not a valid extension`);
    }
  }
  if (rua === undefined) problems.push('the "rua" field (where to send reports) is missing');
  if (problems.length > 0 || rua === undefined || rua.length === 0)
    return { kind: 'invalid', text, problems };
  return { kind: 'ok', record: { text, rua } };
}
