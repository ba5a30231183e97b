// A finding message as a catalogue key and its parameters, with the English text rendered from the English
// template, so the English report and the catalogues can never say different things (docs/i18n.md).

import { formatMessage, type MessageParams } from '../../i18n/message-format.js';

/** The three `FindingInput` fields of a translatable message; spread them into `finding(…)`. */
export interface KeyedMessage {
  readonly message: string;
  readonly messageKey: string;
  readonly messageParams: MessageParams;
}

/** A message builder over one module's English templates: the key must be one of them. */
export function keyedMessages<K extends string>(
  templates: Readonly<Record<K, string>>,
): (key: K, params?: MessageParams) => KeyedMessage {
  return (key, params = {}) => ({
    message: formatMessage(templates[key], params, 'en'),
    messageKey: key,
    messageParams: params,
  });
}

/** Select value for an absent optional parameter (`{x, select, none {} other {…}}`). */
export const none = 'none';

/** A list as one parameter value: the items are names, addresses or records, never words. */
export const list = (items: readonly string[], separator = ', '): string =>
  items.length === 0 ? none : items.join(separator);
