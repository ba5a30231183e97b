// A counting semaphore with a FIFO queue: bounds how many DNS lookups are on the network at once.

import type { Cancellation } from './transport.js';

export class Limiter {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit: ${limit}`);
  }

  get running(): number {
    return this.active;
  }

  get queued(): number {
    return this.waiting.length;
  }

  /** Takes a slot now if one is free (no promise to await); false means call acquire(). */
  tryAcquire(): boolean {
    if (this.active >= this.limit) return false;
    this.active++;
    return true;
  }

  /** Resolves true once a slot is held (call release()), or false if the lookup was cancelled first. */
  acquire(cancellation?: Cancellation): Promise<boolean> {
    if (cancellation?.aborted) return Promise.resolve(false);
    if (this.active < this.limit) {
      this.active++;
      return Promise.resolve(true);
    }
    return new Promise((resolve) => {
      const grant = (): void => {
        cancellation?.watch(undefined);
        this.active++;
        resolve(true);
      };
      cancellation?.watch({
        cancelled: () => {
          const index = this.waiting.indexOf(grant);
          if (index >= 0) this.waiting.splice(index, 1);
          resolve(false);
        },
      });
      this.waiting.push(grant);
    });
  }

  release(): void {
    this.active--;
    this.waiting.shift()?.();
  }
}
