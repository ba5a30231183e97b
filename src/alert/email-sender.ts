// Sends an alert by e-mail over SMTP with nodemailer (the only network I/O of e-mail alerts). The password
// comes from the environment variable the config names, never from the config file.

import nodemailer from 'nodemailer';
import { alertMessages, alertText } from './messages.js';
import type { AlertMessage, DeliveryOutcome, EmailChannel } from './types.js';

export interface EmailSenderOptions {
  readonly timeoutMs: number;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Extra PEM roots to trust for the SMTP server's certificate (a private CA, the lab's). */
  readonly ca?: readonly string[];
}

/** SMTP replies 5xx are permanent (RFC 5321 §4.2.1): retrying will not help. */
function permanent(error: unknown): boolean {
  const code = (error as { responseCode?: unknown }).responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

export async function sendAlertEmail(
  channel: EmailChannel,
  message: AlertMessage,
  options: EmailSenderOptions,
): Promise<DeliveryOutcome> {
  const where = `${channel.host}:${channel.port}`;
  let auth: { user: string; pass: string } | undefined;
  if (channel.auth !== undefined) {
    const pass = options.env[channel.auth.passwordEnv];
    if (pass === undefined || pass === '') {
      return {
        ok: false,
        retryable: false,
        detail: `environment variable ${channel.auth.passwordEnv} (the SMTP password for ${where}) is not set`,
      };
    }
    auth = { user: channel.auth.user, pass };
  }
  const transport = nodemailer.createTransport({
    host: channel.host,
    port: channel.port,
    secure: channel.security === 'tls',
    requireTLS: channel.security === 'starttls',
    ignoreTLS: channel.security === 'none',
    connectionTimeout: options.timeoutMs,
    greetingTimeout: options.timeoutMs,
    socketTimeout: options.timeoutMs,
    ...(auth === undefined ? {} : { auth }),
    ...(options.ca === undefined || options.ca.length === 0 ? {} : { tls: { ca: [...options.ca] } }),
  });
  try {
    const info = await transport.sendMail({
      from: channel.from,
      to: [...channel.to],
      subject: alertMessages.subjectLine(message),
      text: alertText(message),
      headers: { 'X-Telltale-Scan': String(message.scanId) },
    });
    return { ok: true, detail: `${where} accepted: ${String(info.response)}` };
  } catch (error) {
    const detail = `${where}: ${error instanceof Error ? error.message : String(error)}`;
    return { ok: false, retryable: !permanent(error), detail };
  } finally {
    transport.close();
  }
}
