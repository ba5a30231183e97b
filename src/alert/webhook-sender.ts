// Posts an alert to a webhook (the only network I/O of webhook alerts): JSON body, bounded time, and an
// answer sorted into delivered, worth retrying (timeouts, 408, 429, 5xx) or refused for good (other 4xx).

import { Agent, fetch } from 'undici';
import { webhookPayload } from './payloads.js';
import type { AlertMessage, DeliveryOutcome, WebhookChannel } from './types.js';

export interface WebhookSenderOptions {
  readonly timeoutMs: number;
  /** Extra PEM roots to trust (a private CA, the lab's); the system roots stay trusted too. */
  readonly ca?: readonly string[];
}

function retryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/** Never shows a URL's secret path (Slack/Teams webhook URLs are credentials): scheme and host only. */
export function webhookLabel(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}/…`;
  } catch {
    return 'webhook';
  }
}

export class WebhookSender {
  private readonly agent: Agent | undefined;

  constructor(private readonly options: WebhookSenderOptions) {
    this.agent =
      options.ca === undefined || options.ca.length === 0
        ? undefined
        : new Agent({ connect: { ca: [...options.ca] } });
  }

  async send(channel: WebhookChannel, message: AlertMessage): Promise<DeliveryOutcome> {
    const where = webhookLabel(channel.url);
    try {
      const response = await fetch(channel.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'telltale-watch' },
        body: JSON.stringify(webhookPayload(channel.style, message)),
        signal: AbortSignal.timeout(this.options.timeoutMs),
        redirect: 'manual',
        ...(this.agent === undefined ? {} : { dispatcher: this.agent }),
      });
      // The body is read (and bounded by the timeout) so the connection can be reused.
      await response.arrayBuffer().catch(() => undefined);
      if (response.status >= 200 && response.status < 300) {
        return { ok: true, detail: `${where} answered ${response.status}` };
      }
      return {
        ok: false,
        retryable: retryableStatus(response.status),
        detail: `${where} answered ${response.status}`,
      };
    } catch (error) {
      const cause =
        error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : '';
      return { ok: false, retryable: true, detail: `${where}: ${cause || String(error)}` };
    }
  }

  async close(): Promise<void> {
    await this.agent?.close();
  }
}
