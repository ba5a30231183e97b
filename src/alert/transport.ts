// One port for every channel kind, so the watch delivers alerts without knowing how each one travels.

import { sendAlertEmail } from './email-sender.js';
import type { AlertChannel, AlertMessage, DeliveryOutcome } from './types.js';
import { WebhookSender } from './webhook-sender.js';

export interface AlertTransport {
  send(channel: AlertChannel, message: AlertMessage): Promise<DeliveryOutcome>;
  close(): Promise<void>;
}

export interface NodeAlertTransportOptions {
  readonly timeoutMs: number;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly ca?: readonly string[];
}

export function createAlertTransport(options: NodeAlertTransportOptions): AlertTransport {
  const webhooks = new WebhookSender({
    timeoutMs: options.timeoutMs,
    ...(options.ca === undefined ? {} : { ca: options.ca }),
  });
  return {
    send: (channel, message) => {
      switch (channel.kind) {
        case 'webhook':
          return webhooks.send(channel, message);
        case 'email':
          return sendAlertEmail(channel, message, options);
      }
    },
    close: () => webhooks.close(),
  };
}
