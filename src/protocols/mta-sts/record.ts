// The `_mta-sts` TXT record (RFC 8461 §3.1): which TXT records count, and their strict syntax.

export interface StsRecord {
  readonly text: string;
  readonly id: string;
  /** Extension fields, name and value, in order. */
  readonly extensions: readonly (readonly [string, string])[];
}

export type StsRecordParse =
  | { readonly kind: 'ok'; readonly record: StsRecord }
  | { readonly kind: 'invalid'; readonly text: string; readonly problems: readonly string[] };

/** RFC 8461 §3.1: records not beginning with `v=STSv1;` are discarded before counting. */
export function isStsRecord(text: string): boolean {
  return /^v=STSv1(?:[ \t]*;|[ \t]*$)/.test(text);
}

const idPattern = /^[A-Za-z0-9]{1,32}$/;
const extensionName = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/;
const extensionValue = /^[\x21-\x3a\x3c\x3e-\x7e]+$/;

/** Parses one record (its character-strings already joined). Field names and `STSv1` are case-sensitive (%s). */
export function parseStsRecord(text: string): StsRecordParse {
  const problems: string[] = [];
  const fields = text.split(';').map((field) => field.replace(/^[ \t]+|[ \t]+$/g, ''));
  // One trailing delimiter is allowed by the grammar: it leaves one empty field at the end.
  if (fields.length > 1 && fields.at(-1) === '') fields.pop();
  const [version, ...rest] = fields;
  if (version !== 'v=STSv1') problems.push(`the record must start with "v=STSv1", not "${version ?? ''}"`);
  let id: string | undefined;
  const extensions: [string, string][] = [];
  for (const field of rest) {
    const eq = field.indexOf('=');
    if (field === '') {
      problems.push('empty field (two ";" in a row)');
      continue;
    }
    if (eq <= 0) {
      problems.push(`field "${field}" is not name=value`);
      continue;
    }
    const name = field.slice(0, eq);
    const value = field.slice(eq + 1);
    if (name === 'id') {
      if (id !== undefined) problems.push('"id" appears more than once');
      else if (!idPattern.test(value))
        problems.push(`id "${value}" must be 1 to 32 letters or digits (no dashes, dots or spaces)`);
      else id = value;
    } else if (name === 'v') {
      problems.push('"v" appears more than once');
    } else if (!extensionName.test(name) || !extensionValue.test(value)) {
      problems.push(`field "${field}" is not a valid extension (name=value without spaces or ";")`);
    } else {
      extensions.push([name, value]);
    }
  }
  if (id === undefined && !problems.some((problem) => problem.startsWith('id ')))
    problems.push('the "id" field is missing');
  if (problems.length > 0 || id === undefined) return { kind: 'invalid', text, problems };
  return { kind: 'ok', record: { text, id, extensions } };
}
