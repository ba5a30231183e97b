// The watch's schedule: cron expressions (cron-parser) validated up front and asked for the next run.

import { CronExpressionParser } from 'cron-parser';

/** Why `expression` is not a usable schedule, or undefined when it is. */
export function validateSchedule(expression: string, timezone: string): string | undefined {
  const fields = expression.trim().split(/\s+/).length;
  // cron-parser fills missing fields itself; a short expression is more likely a mistake than a wish.
  if (!expression.trim().startsWith('@') && fields !== 5 && fields !== 6) {
    return `${fields} field${fields === 1 ? '' : 's'}; give 5 (minute hour day-of-month month day-of-week) or 6 (with seconds first)`;
  }
  try {
    CronExpressionParser.parse(expression, { tz: timezone, strict: false });
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** The first run strictly after `after`. */
export function nextRun(expression: string, timezone: string, after: Date): Date {
  const parsed = CronExpressionParser.parse(expression, { tz: timezone, currentDate: after });
  return parsed.next().toDate();
}
