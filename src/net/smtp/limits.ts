// The default bounds of one SMTP connection, and how a caller's partial overrides combine with them.

import type { SmtpLimits } from './types.js';

/**
 * Generous enough for a slow but honest server (RFC 5321 §4.5.3.2 asks clients to wait minutes; an audit
 * cannot), tight enough that a tarpit or a black hole costs seconds, not a scan.
 */
export const defaultSmtpLimits: SmtpLimits = {
  connectTimeoutMs: 10_000,
  greetingTimeoutMs: 30_000,
  commandTimeoutMs: 20_000,
  tlsHandshakeTimeoutMs: 15_000,
  sessionBudgetMs: 60_000,
  maxLineBytes: 2048,
  maxReplyLines: 100,
  maxReplyBytes: 64 * 1024,
};

export function resolveLimits(...overrides: readonly (Partial<SmtpLimits> | undefined)[]): SmtpLimits {
  let limits = defaultSmtpLimits;
  for (const override of overrides) if (override !== undefined) limits = { ...limits, ...override };
  return limits;
}
