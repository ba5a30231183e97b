// Politeness: at most N connections in flight overall, and at most `perKey` (1 by default) to any one
// address, so a scan never opens parallel sessions to the same mail server.

export interface KeyedLimiterOptions {
  readonly global: number;
  readonly perKey: number;
}

interface Waiter {
  readonly key: string;
  readonly start: () => void;
}

export class KeyedLimiter {
  private running = 0;
  private readonly perKey = new Map<string, number>();
  private readonly queue: Waiter[] = [];

  constructor(private readonly options: KeyedLimiterOptions) {
    if (options.global < 1 || options.perKey < 1) throw new Error('limiter: limits must be at least 1');
  }

  async run<T>(key: string, work: () => Promise<T>): Promise<T> {
    await new Promise<void>((start) => {
      this.queue.push({ key, start });
      this.pump();
    });
    try {
      return await work();
    } finally {
      this.running -= 1;
      const count = (this.perKey.get(key) ?? 1) - 1;
      if (count === 0) this.perKey.delete(key);
      else this.perKey.set(key, count);
      this.pump();
    }
  }

  /** Starts every waiter that fits, in arrival order, skipping ones whose address is busy. */
  private pump(): void {
    for (let index = 0; index < this.queue.length && this.running < this.options.global; ) {
      const waiter = this.queue[index];
      if (waiter === undefined) break;
      const busy = this.perKey.get(waiter.key) ?? 0;
      if (busy >= this.options.perKey) {
        index += 1;
        continue;
      }
      this.queue.splice(index, 1);
      this.running += 1;
      this.perKey.set(waiter.key, busy + 1);
      waiter.start();
    }
  }
}
