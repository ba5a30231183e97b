// The built-in checks, in report order: the one list every command, doc generator and test reads.

import type { CheckMeta } from '../model/finding.js';
import { checkFailedMeta } from '../scan/run-scan.js';
import type { DomainCheck } from './check.js';
import { dkimCheck } from './dns/dkim.js';
import { mxCheck } from './dns/mx.js';

export const builtinChecks: readonly DomainCheck[] = [mxCheck, dkimCheck];

/** Every check ID telltale can report, for docs/checks.md and `telltale checks`. */
export function allCheckMeta(): readonly CheckMeta[] {
  return [...builtinChecks.flatMap((check) => check.meta), checkFailedMeta];
}
