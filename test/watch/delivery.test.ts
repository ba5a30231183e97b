// Alert delivery: payload shapes per style, retries with backoff on a failing receiver, HTTPS with the lab
// CA, and e-mail through a receiving SMTP server (smtp-server: the lab's own refuses DATA by design).

import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { SMTPServer } from 'smtp-server';
import { createTestCa } from '../../lab/test-ca.js';
import { startWebhookReceiver, type WebhookReceiver } from '../../lab/webhook-receiver.js';
import { sendAlertEmail } from '../../src/alert/email-sender.js';
import {
  slackPayload,
  teamsAdaptivePayload,
  teamsMessageCard,
  webhookPayload,
} from '../../src/alert/payloads.js';
import { backoffDelay, deliverWithRetry } from '../../src/alert/retry.js';
import type { AlertMessage, WebhookChannel } from '../../src/alert/types.js';
import { WebhookSender } from '../../src/alert/webhook-sender.js';

const message: AlertMessage = {
  domain: 'example.test',
  scanId: 7,
  scannedAt: '2026-01-02T06:00:00.000Z',
  previousScanId: 6,
  items: [
    {
      reason: 'new',
      fingerprint: 'f1',
      checkId: 'spf.multiple-records',
      title: 'More than one SPF record',
      subject: 'example.test',
      status: 'fail',
      severity: 'high',
      message: 'Two SPF records are published.',
      fix: 'Merge them into one.',
      byCheckLogic: false,
    },
    {
      reason: 'newly-published-cve',
      fingerprint: 'f2',
      checkId: 'exchange.vulnerable',
      title: 'Exchange vulnerable',
      subject: 'mail.example.test CVE-2099-0001',
      status: 'fail',
      severity: 'critical',
      message: 'Vulnerable.',
      byCheckLogic: false,
    },
  ],
};

const channel = (url: string, style: WebhookChannel['style'] = 'generic'): WebhookChannel => ({
  kind: 'webhook',
  name: 'hook',
  url,
  style,
});

describe('payloads', () => {
  test('Slack: text fallback and blocks (header, divider, one section per item, context)', () => {
    const payload = slackPayload(message) as {
      text: string;
      blocks: { type: string; text?: { type: string; text: string } }[];
    };
    assert.match(payload.text, /example\.test: 2 regressions/);
    assert.deepEqual(
      payload.blocks.map((block) => block.type),
      ['header', 'divider', 'section', 'section', 'context'],
    );
    assert.equal(payload.blocks[0]?.text?.type, 'plain_text');
    assert.equal(payload.blocks[2]?.text?.type, 'mrkdwn');
    assert.match(payload.blocks[3]?.text?.text ?? '', /newly published/);
  });

  test('Teams: a MessageCard, and an Adaptive Card in the Workflows message format', () => {
    const card = teamsMessageCard(message) as {
      '@type': string;
      '@context': string;
      sections: unknown[];
      summary: string;
    };
    assert.equal(card['@type'], 'MessageCard');
    assert.equal(card['@context'], 'https://schema.org/extensions');
    assert.equal(card.sections.length, 2);
    const adaptive = teamsAdaptivePayload(message) as {
      type: string;
      attachments: {
        contentType: string;
        content: { type: string; version: string; body: { type: string; text: string }[] };
      }[];
    };
    assert.equal(adaptive.type, 'message');
    assert.equal(adaptive.attachments.length, 1);
    const attachment = adaptive.attachments[0];
    assert.equal(attachment?.contentType, 'application/vnd.microsoft.card.adaptive');
    assert.equal(attachment?.content.type, 'AdaptiveCard');
    assert.ok(attachment?.content.body.every((block) => block.type === 'TextBlock'));
  });

  test('generic JSON carries the items as data', () => {
    const body = webhookPayload('generic', message) as {
      telltale: string;
      version: number;
      items: { checkId: string }[];
    };
    assert.equal(body.telltale, 'alert');
    assert.equal(body.version, 1);
    assert.deepEqual(
      body.items.map((item) => item.checkId),
      ['spf.multiple-records', 'exchange.vulnerable'],
    );
  });
});

describe('webhook delivery', () => {
  let receiver: WebhookReceiver;
  let sender: WebhookSender;
  before(async () => {
    receiver = await startWebhookReceiver();
    sender = new WebhookSender({ timeoutMs: 2000 });
  });
  after(async () => {
    await sender.close();
    await receiver.stop();
  });

  test('500 twice then 200: three attempts with growing delays, one delivery', async () => {
    receiver.script([500, 500]);
    const delays: number[] = [];
    const result = await deliverWithRetry(
      () => sender.send(channel(receiver.url('/retry'), 'slack'), message),
      { attempts: 5, baseDelayMs: 100, maxDelayMs: 1000 },
      async (ms) => {
        delays.push(ms);
      },
    );
    assert.equal(result.outcome.ok, true, result.outcome.detail);
    assert.equal(result.attempts, 3);
    assert.deepEqual(delays, [100, 200]);
    const posts = receiver.received.filter((post) => post.path === '/retry');
    assert.deepEqual(
      posts.map((post) => post.status),
      [500, 500, 200],
    );
    assert.equal(posts[2]?.contentType, 'application/json');
    assert.ok(Array.isArray((posts[2]?.json as { blocks?: unknown } | undefined)?.blocks));
  });

  test('a 4xx refusal is not retried; attempts are bounded', async () => {
    receiver.script([404]);
    const refused = await deliverWithRetry(
      () => sender.send(channel(receiver.url('/gone')), message),
      { attempts: 5, baseDelayMs: 0, maxDelayMs: 0 },
      async () => undefined,
    );
    assert.deepEqual([refused.outcome.ok, refused.attempts], [false, 1]);
    receiver.script([503, 503, 503]);
    const failing = await deliverWithRetry(
      () => sender.send(channel(receiver.url('/down')), message),
      { attempts: 3, baseDelayMs: 0, maxDelayMs: 0 },
      async () => undefined,
    );
    assert.deepEqual([failing.outcome.ok, failing.attempts], [false, 3]);
    assert.match(failing.outcome.ok ? '' : failing.outcome.detail, /answered 503/);
    assert.equal(backoffDelay({ attempts: 10, baseDelayMs: 1000, maxDelayMs: 30_000 }, 9), 30_000);
  });

  test('HTTPS with a certificate from the lab CA, trusted only when given', async () => {
    const ca = await createTestCa();
    const issued = await ca.issue({ names: ['127.0.0.1'], keyAlgorithm: 'ecdsa-p256' });
    const secure = await startWebhookReceiver({ tls: { keyPem: issued.keyPem, chainPem: issued.chainPem } });
    const trusting = new WebhookSender({ timeoutMs: 2000, ca: [ca.rootPem] });
    const plain = new WebhookSender({ timeoutMs: 2000 });
    try {
      const ok = await trusting.send(channel(secure.url(), 'teams-adaptive'), message);
      assert.equal(ok.ok, true, ok.detail);
      const untrusted = await plain.send(channel(secure.url()), message);
      assert.equal(untrusted.ok, false);
      assert.equal(secure.received.length, 1);
      assert.equal((secure.received[0]?.json as { type: string } | undefined)?.type, 'message');
    } finally {
      await trusting.close();
      await plain.close();
      await secure.stop();
    }
  });
});

describe('e-mail delivery', () => {
  const mails: { from: string; to: string[]; raw: string; user?: string }[] = [];
  let server: SMTPServer;
  let port: number;
  before(async () => {
    server = new SMTPServer({
      authOptional: true,
      allowInsecureAuth: true,
      disabledCommands: ['STARTTLS'],
      onAuth(auth, _session, callback) {
        if (auth.username === 'alerts' && auth.password === 's3cret') callback(null, { user: auth.username });
        else callback(new Error('bad credentials'));
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          mails.push({
            from: session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address,
            to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
            raw: Buffer.concat(chunks).toString('utf8'),
            ...(typeof session.user === 'string' ? { user: session.user } : {}),
          });
          callback();
        });
      },
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
    port = (server.server.address() as AddressInfo).port;
  });
  after(async () => {
    await new Promise<void>((done) => server.close(() => done()));
  });

  test('a full message with the password from the named environment variable', async () => {
    const outcome = await sendAlertEmail(
      {
        kind: 'email',
        name: 'mail',
        host: '127.0.0.1',
        port,
        security: 'none',
        auth: { user: 'alerts', passwordEnv: 'WATCH_TEST_PASSWORD' },
        from: 'telltale@example.test',
        to: ['it@example.test'],
      },
      message,
      { timeoutMs: 2000, env: { WATCH_TEST_PASSWORD: 's3cret' } },
    );
    assert.equal(outcome.ok, true, outcome.ok ? '' : outcome.detail);
    assert.equal(mails.length, 1);
    const mail = mails[0];
    assert.equal(mail?.from, 'telltale@example.test');
    assert.deepEqual(mail?.to, ['it@example.test']);
    assert.equal(mail?.user, 'alerts');
    assert.match(mail?.raw ?? '', /Subject: telltale: example\.test: 2 regressions/);
    assert.match(mail?.raw ?? '', /newly published/);
  });

  test('a missing password variable is a permanent failure, sent nothing', async () => {
    const before = mails.length;
    const outcome = await sendAlertEmail(
      {
        kind: 'email',
        name: 'mail',
        host: '127.0.0.1',
        port,
        security: 'none',
        auth: { user: 'alerts', passwordEnv: 'WATCH_TEST_UNSET' },
        from: 'telltale@example.test',
        to: ['it@example.test'],
      },
      message,
      { timeoutMs: 2000, env: {} },
    );
    assert.deepEqual(outcome.ok ? [] : [outcome.retryable, /WATCH_TEST_UNSET/.test(outcome.detail)], [
      false,
      true,
    ]);
    assert.equal(mails.length, before);
  });
});
