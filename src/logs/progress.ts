// The progress line `telltale logs` draws on a terminal: bytes read of the total, rate and time left (pure).

import { formatBytes } from './render.js';

export interface ProgressState {
  readonly done: number;
  readonly total: number;
  readonly elapsedMs: number;
}

const width = 24;

export function formatProgress({ done, total, elapsedMs }: ProgressState): string {
  const ratio = total > 0 ? Math.min(1, done / total) : 0;
  const filled = Math.round(ratio * width);
  const rate = elapsedMs > 0 ? done / (elapsedMs / 1000) : 0;
  const remaining = rate > 0 ? Math.max(0, (total - done) / rate) : undefined;
  const eta = remaining === undefined ? '--' : `${Math.ceil(remaining)}s`;
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${(ratio * 100).toFixed(0).padStart(3)}% ${formatBytes(done)} / ${formatBytes(total)}  ${formatBytes(rate)}/s  ETA ${eta}`;
}
