// How the DNS checks word a finding: a catalogue key and its parameters, with the English text rendered
// from the English template, so `message` and the catalogues cannot drift apart.

import { formatMessage, type MessageParams } from '../message-format.js';
import { type DnsFindingKey, enDnsFindings } from './dns-findings.js';

/** The three message fields of a `FindingInput`, spread into `finding(meta, status, {...})`. */
export interface CatalogueMessage {
  readonly message: string;
  readonly messageKey: DnsFindingKey;
  readonly messageParams: MessageParams;
}

/** A finding message from the catalogue: the English text is the English template with these values. */
export function dnsMessage(key: DnsFindingKey, params: MessageParams = {}): CatalogueMessage {
  return { message: formatMessage(enDnsFindings[key], params, 'en'), messageKey: key, messageParams: params };
}

/**
 * For the few messages that quote a parser's explanations (in English, and kept in `message` and in the
 * evidence): the catalogue texts say the same with language-neutral values only.
 */
export function dnsMessageWithDetail(
  key: DnsFindingKey,
  params: MessageParams,
  englishText: string,
): CatalogueMessage {
  return { message: englishText, messageKey: key, messageParams: params };
}
