// Helpers that build findings from check metadata, so severity defaults live in one place.

import type { CheckMeta, Evidence, Finding, Severity, Status } from '../model/finding.js';
import { severities, severityRank } from '../model/finding.js';

export interface FindingInput {
  readonly subject: string;
  readonly message: string;
  readonly evidence?: readonly Evidence[];
  readonly fix?: string;
  /** Overrides the default severity for this status. */
  readonly severity?: Severity;
  /** The catalogue key of `message` and its parameters, so reports can show it in the user's language. */
  readonly messageKey?: string;
  readonly messageParams?: Readonly<Record<string, string | number>>;
  /** The catalogue key of `fix` and its parameters (keyedFixes in src/i18n/keyed-fix.ts). */
  readonly fixKey?: string;
  readonly fixParams?: Readonly<Record<string, string | number>>;
  /** `fix` is only records or commands (literalFix): language-neutral, never counted as untranslated. */
  readonly fixIsLiteral?: boolean;
}

/** A `fail` carries the check's severity, a `warn` one step lower (never below low), the rest `info`. */
export function defaultSeverity(meta: CheckMeta, status: Status): Severity {
  switch (status) {
    case 'fail':
      return meta.severity;
    case 'warn':
      return severities[Math.max(1, severityRank(meta.severity) - 1)] ?? 'low';
    case 'pass':
    case 'error':
    case 'skipped':
      return 'info';
  }
}

/**
 * Optional fields are set only when present, in this order, so reports serialise them the same way every time.
 * Assigned one by one rather than spread from temporary objects: every finding of a fleet scan goes through here.
 */
export function finding(meta: CheckMeta, status: Status, input: FindingInput): Finding {
  const out: { -readonly [K in keyof Finding]: Finding[K] } = {
    checkId: meta.id,
    status,
    severity: input.severity ?? defaultSeverity(meta, status),
    subject: input.subject,
    message: input.message,
    evidence: input.evidence ?? [],
  };
  if (input.fix !== undefined) out.fix = input.fix;
  if (input.messageKey !== undefined) out.messageKey = input.messageKey;
  if (input.messageParams !== undefined) out.messageParams = input.messageParams;
  if (input.fixKey !== undefined) out.fixKey = input.fixKey;
  if (input.fixParams !== undefined) out.fixParams = input.fixParams;
  if (input.fixIsLiteral === true) out.fixIsLiteral = true;
  return out;
}
