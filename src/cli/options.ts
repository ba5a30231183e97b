// Parsing and validation of the options every command shares; each refusal says what to type instead.

import { isLang, type Lang, langs } from '../i18n/lang.js';
import type { Severity } from '../model/finding.js';
import { severities } from '../model/finding.js';
import { parseResolverOption } from '../net/dns/resolvers.js';
import type { ResolverAddress } from '../net/dns/types.js';
import type { Format } from '../report/reporters.js';
import { UsageError } from './cli-io.js';
import { formats, isFormat } from './format-names.js';

/** What `--resolver`, `--format`, `--output`, `--timeout` and `--fail-on` give, raw from commander. */
export interface CommonOptionValues {
  readonly resolver?: readonly string[];
  readonly format?: string;
  readonly output?: string;
  readonly timeout?: string;
  readonly failOn?: string;
  readonly verbose?: boolean;
  readonly lang?: string;
}

export interface CommonOptions {
  /** Empty means: the system's resolvers. */
  readonly resolvers: readonly ResolverAddress[];
  readonly format: Format;
  readonly output?: string;
  readonly timeoutMs: number;
  readonly failOn?: Severity;
  readonly verbose: boolean;
  /** Report language (`--lang`). */
  readonly lang: Lang;
}

export const defaultTimeoutMs = 2500;
const maxTimeoutMs = 120_000;

export function parseTimeout(text: string | undefined): number {
  if (text === undefined) return defaultTimeoutMs;
  if (!/^\d+$/.test(text.trim()))
    throw new UsageError(`--timeout '${text}': give milliseconds as a whole number, e.g. --timeout 3000`);
  const value = Number(text);
  if (value < 10 || value > maxTimeoutMs) {
    throw new UsageError(`--timeout ${value}: choose between 10 and ${maxTimeoutMs} milliseconds`);
  }
  return value;
}

export function parseSeverity(text: string): Severity {
  const value = text.trim().toLowerCase();
  const match = severities.find((severity) => severity === value);
  if (match === undefined)
    throw new UsageError(`--fail-on '${text}': choose one of ${severities.join(', ')}`);
  return match;
}

export function parseLang(text: string | undefined): Lang {
  const value = (text ?? 'en').trim().toLowerCase();
  if (!isLang(value)) throw new UsageError(`--lang '${text}': choose one of ${langs.join(', ')}`);
  return value;
}

export function parseCommonOptions(values: CommonOptionValues): CommonOptions {
  const resolvers = (values.resolver ?? []).map((text) => {
    const parsed = parseResolverOption(text);
    if (!parsed.ok) throw new UsageError(`--resolver ${parsed.error}`);
    return parsed.resolver;
  });
  const format = values.format ?? 'text';
  if (!isFormat(format)) throw new UsageError(`--format '${format}': choose one of ${formats.join(', ')}`);
  if (values.output !== undefined && values.output.trim() === '')
    throw new UsageError('--output needs a file name');
  return {
    resolvers,
    format,
    ...(values.output === undefined ? {} : { output: values.output }),
    timeoutMs: parseTimeout(values.timeout),
    ...(values.failOn === undefined ? {} : { failOn: parseSeverity(values.failOn) }),
    verbose: values.verbose ?? false,
    lang: parseLang(values.lang),
  };
}

/** Commander collector for repeatable options. */
export function collect(value: string, previous: readonly string[] | undefined): string[] {
  return [...(previous ?? []), value];
}
