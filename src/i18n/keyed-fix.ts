// A finding's own fix as a catalogue key and its parameters (the English text rendered from the English
// template), or as a literal record/command that reads the same in every language (docs/i18n.md).

import { formatMessage, type MessageParams } from './message-format.js';

/** The `FindingInput` fields of a translatable fix; spread them into `finding(…)`. */
export interface KeyedFix {
  readonly fix: string;
  readonly fixKey: string;
  readonly fixParams: MessageParams;
}

/** The `FindingInput` fields of a fix that is only records or commands: shown as it is in every language. */
export interface LiteralFix {
  readonly fix: string;
  readonly fixIsLiteral: true;
}

export type FindingFix = KeyedFix | LiteralFix;

/** A fix builder over one module's English fix templates: the key must be one of them. */
export function keyedFixes<K extends string>(
  templates: Readonly<Record<K, string>>,
): (key: K, params?: MessageParams) => KeyedFix {
  return (key, params = {}) => ({
    fix: formatMessage(templates[key], params, 'en'),
    fixKey: key,
    fixParams: params,
  });
}

/** A fix that is a record or a command and nothing else (no words to translate). */
export const literalFix = (text: string): LiteralFix => ({ fix: text, fixIsLiteral: true });
