// The built-in checks, in report order: the one list every command, doc generator and test reads.

import type { CheckMeta } from '../model/finding.js';
import { checkFailedMeta } from '../scan/run-scan.js';
import type { DomainCheck } from './check.js';
import { bimiCheck } from './dns/bimi.js';
import { dkimCheck } from './dns/dkim.js';
import { dmarcCheck } from './dns/dmarc.js';
import { dnssecCheck } from './dns/dnssec.js';
import { mtaStsCheck } from './dns/mta-sts.js';
import { mxCheck } from './dns/mx.js';
import { spfCheck } from './dns/spf.js';
import { tlsRptCheck } from './dns/tls-rpt.js';
import { exchangeCheck } from './exchange/engine.js';
import { dnsblCheck } from './smtp/dnsbl.js';
import { ptrCheck } from './smtp/ptr.js';
import { smtpCheck } from './smtp/smtp-check.js';

export const builtinChecks: readonly DomainCheck[] = [
  mxCheck,
  spfCheck,
  dmarcCheck,
  dkimCheck,
  mtaStsCheck,
  tlsRptCheck,
  bimiCheck,
  dnssecCheck,
  smtpCheck,
  ptrCheck,
  dnsblCheck,
  exchangeCheck,
];

/** Every check ID telltale can report, for docs/checks.md and `telltale checks`. */
export function allCheckMeta(): readonly CheckMeta[] {
  return [...builtinChecks.flatMap((check) => check.meta), checkFailedMeta];
}
