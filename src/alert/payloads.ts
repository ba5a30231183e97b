// Webhook bodies for each payload style: generic JSON, Slack-compatible {text, blocks}, Teams MessageCard
// and Teams Workflows (an Adaptive Card in a message attachment). Pure: the sender posts what this builds.

import { alertMessages, alertText, itemNotes } from './messages.js';
import type { AlertMessage, WebhookStyle } from './types.js';

/** Version of the generic JSON body; it only grows compatibly (docs/watch.md). */
export const genericPayloadVersion = 1;

export function genericPayload(message: AlertMessage): unknown {
  return {
    telltale: 'alert',
    version: genericPayloadVersion,
    domain: message.domain,
    scanId: message.scanId,
    scannedAt: message.scannedAt,
    ...(message.previousScanId === undefined ? {} : { previousScanId: message.previousScanId }),
    summary: alertMessages.headline(message),
    items: message.items,
  };
}

/** Slack's block text fields are limited to 3000 characters; longer notes are cut with an ellipsis. */
function clip(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit - 1)}…`;
}

/** At most 50 blocks per Slack message: a header, a divider, then one section per item up to 45. */
const maxSlackItems = 45;

export function slackPayload(message: AlertMessage): unknown {
  const shown = message.items.slice(0, maxSlackItems);
  const hidden = message.items.length - shown.length;
  const blocks: unknown[] = [
    { type: 'header', text: { type: 'plain_text', text: clip(alertMessages.headline(message), 150) } },
    { type: 'divider' },
    ...shown.map((item) => ({
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: clip(`*${alertMessages.itemLine(item)}*\n${itemNotes(item).join('\n')}`, 3000),
      },
    })),
    {
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: clip(
            `${hidden > 0 ? `${hidden} more not shown. ` : ''}${alertMessages.footer(message)}`,
            3000,
          ),
        },
      ],
    },
  ];
  return { text: clip(alertText(message), 40_000), blocks };
}

export function teamsMessageCard(message: AlertMessage): unknown {
  const critical = message.items.some((item) => item.severity === 'critical' || item.severity === 'high');
  return {
    '@type': 'MessageCard',
    '@context': 'https://schema.org/extensions',
    summary: alertMessages.subjectLine(message),
    themeColor: critical ? 'C62828' : 'F9A825',
    title: alertMessages.headline(message),
    sections: message.items.map((item) => ({
      activityTitle: alertMessages.itemLine(item),
      text: itemNotes(item).join('\n\n'),
    })),
    text: alertMessages.footer(message),
  };
}

export function teamsAdaptivePayload(message: AlertMessage): unknown {
  const body: unknown[] = [
    { type: 'TextBlock', size: 'Large', weight: 'Bolder', wrap: true, text: alertMessages.headline(message) },
  ];
  for (const item of message.items) {
    body.push({
      type: 'TextBlock',
      weight: 'Bolder',
      wrap: true,
      separator: true,
      color: item.severity === 'critical' || item.severity === 'high' ? 'Attention' : 'Warning',
      text: alertMessages.itemLine(item),
    });
    body.push({ type: 'TextBlock', wrap: true, text: itemNotes(item).join('\n\n') });
  }
  body.push({
    type: 'TextBlock',
    wrap: true,
    isSubtle: true,
    size: 'Small',
    text: alertMessages.footer(message),
  });
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          body,
        },
      },
    ],
  };
}

export function webhookPayload(style: WebhookStyle, message: AlertMessage): unknown {
  switch (style) {
    case 'generic':
      return genericPayload(message);
    case 'slack':
      return slackPayload(message);
    case 'teams-messagecard':
      return teamsMessageCard(message);
    case 'teams-adaptive':
      return teamsAdaptivePayload(message);
  }
}
