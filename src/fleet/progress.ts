// The fleet's progress line for a terminal: done/total, rate and ETA, redrawn in place on stderr.

export interface ProgressFigures {
  readonly done: number;
  /** Domains expected in all (lines counted before the run); absent when reading standard input. */
  readonly total?: number;
  readonly elapsedMs: number;
  readonly failed: number;
  readonly badLines: number;
}

export function formatDuration(seconds: number): string {
  const whole = Math.max(0, Math.round(seconds));
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  const secs = whole % 60;
  const mm = String(minutes).padStart(hours > 0 ? 2 : 1, '0');
  return `${hours > 0 ? `${hours}:` : ''}${mm}:${String(secs).padStart(2, '0')}`;
}

export function progressLine(figures: ProgressFigures, width = 24): string {
  const seconds = figures.elapsedMs / 1000;
  const rate = seconds > 0 ? figures.done / seconds : 0;
  const parts: string[] = [];
  if (figures.total !== undefined && figures.total > 0) {
    const ratio = Math.min(1, figures.done / figures.total);
    const filled = Math.round(ratio * width);
    parts.push(`[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`);
    parts.push(`${figures.done}/${figures.total}`, `${Math.floor(ratio * 100)}%`);
  } else {
    parts.push(`${figures.done} done`);
  }
  parts.push(`${rate.toFixed(rate < 10 ? 1 : 0)}/s`);
  if (figures.total !== undefined && rate > 0) {
    parts.push(`ETA ${formatDuration(Math.max(0, figures.total - figures.done) / rate)}`);
  }
  if (figures.failed > 0) parts.push(`${figures.failed} failed`);
  if (figures.badLines > 0) parts.push(`${figures.badLines} bad lines`);
  return parts.join('  ');
}
