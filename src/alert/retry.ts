// Delivery with bounded exponential backoff: a failing receiver is retried a few times, never forever.

import type { DeliveryOutcome } from './types.js';

export interface RetryPolicy {
  /** Total attempts, the first included. */
  readonly attempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

export const defaultRetryPolicy: RetryPolicy = { attempts: 5, baseDelayMs: 1000, maxDelayMs: 30_000 };

/** Delay before attempt `attempt` (2, 3, …): base × 2^(attempt − 2), capped. */
export function backoffDelay(policy: RetryPolicy, attempt: number): number {
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 2));
}

export interface RetryResult {
  readonly outcome: DeliveryOutcome;
  readonly attempts: number;
}

export async function deliverWithRetry(
  attempt: () => Promise<DeliveryOutcome>,
  policy: RetryPolicy,
  sleep: (ms: number) => Promise<void>,
): Promise<RetryResult> {
  const total = Math.max(1, Math.floor(policy.attempts));
  let outcome: DeliveryOutcome = { ok: false, retryable: false, detail: 'not attempted' };
  for (let number = 1; number <= total; number++) {
    if (number > 1) await sleep(backoffDelay(policy, number));
    try {
      outcome = await attempt();
    } catch (error) {
      outcome = {
        ok: false,
        retryable: true,
        detail: error instanceof Error ? error.message : String(error),
      };
    }
    if (outcome.ok || !outcome.retryable) return { outcome, attempts: number };
  }
  return { outcome, attempts: total };
}
