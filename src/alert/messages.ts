// Every user-facing string of an alert in one place (a later issue moves them into message catalogues).

import type { AlertItem, AlertMessage, AlertReason } from './types.js';

export const alertMessages = {
  reason: (reason: AlertReason): string => {
    switch (reason) {
      case 'new':
        return 'New problem';
      case 'worsened':
        return 'Got worse';
      case 'cert-expiring':
        return 'Certificate entering its last 14 days';
      case 'newly-published-cve':
        return 'Newly published vulnerability';
      case 'baseline':
        return 'Baseline (first scan)';
    }
  },
  subjectLine: (message: AlertMessage): string =>
    `telltale: ${message.domain}: ${message.items.length} regression${message.items.length === 1 ? '' : 's'}${
      message.items.every((item) => item.reason === 'baseline') ? ' (baseline)' : ''
    }`,
  headline: (message: AlertMessage): string =>
    message.previousScanId === undefined
      ? `${message.domain}: first scan (baseline), ${message.items.length} problem${message.items.length === 1 ? '' : 's'} found`
      : `${message.domain}: ${message.items.length} regression${message.items.length === 1 ? '' : 's'} since the previous scan`,
  itemLine: (item: AlertItem): string =>
    `[${item.severity.toUpperCase()}] ${alertMessages.reason(item.reason)}: ${item.title} (${item.checkId}, ${item.subject})`,
  change: (item: AlertItem): string | undefined =>
    item.before === undefined
      ? undefined
      : `was ${item.before.status}/${item.before.severity}, now ${item.status}/${item.severity}`,
  newlyPublished:
    'newly published: the vulnerability data was refreshed and this CVE now applies to the known build',
  byCheckLogic: 'found by changed check logic: this may be new knowledge rather than a change on the domain',
  fix: (fix: string): string => `Fix: ${fix}`,
  footer: (message: AlertMessage): string =>
    `Scan ${message.scanId} at ${message.scannedAt}${message.previousScanId === undefined ? '' : `, compared with scan ${message.previousScanId}`}. See: telltale diff ${message.domain}`,
} as const;

/** The notes under an item's line: the change, why it is newly published, check-logic caveat, the fix. */
export function itemNotes(item: AlertItem): string[] {
  const notes: string[] = [];
  const change = alertMessages.change(item);
  if (change !== undefined) notes.push(change);
  if (item.reason === 'newly-published-cve') notes.push(alertMessages.newlyPublished);
  if (item.byCheckLogic) notes.push(alertMessages.byCheckLogic);
  notes.push(item.message);
  if (item.fix !== undefined) notes.push(alertMessages.fix(item.fix));
  return notes;
}

/** Plain text of the whole alert: the e-mail body and the `text` fallback of chat payloads. */
export function alertText(message: AlertMessage): string {
  const lines = [alertMessages.headline(message), ''];
  for (const item of message.items) {
    lines.push(alertMessages.itemLine(item));
    for (const note of itemNotes(item)) lines.push(`  ${note}`);
    lines.push('');
  }
  lines.push(alertMessages.footer(message));
  return `${lines.join('\n')}\n`;
}
