// What a check is: metadata for the IDs it reports, and a pure function of its target and ports.

import type { DatasetInfo } from '../model/dataset.js';
import type { CheckMeta, Finding } from '../model/finding.js';
import type { ScanTarget } from '../model/report.js';
import type { DnsClient } from '../net/dns/types.js';
import type { HttpsFetcher } from '../net/http/types.js';
import type { SmtpProber } from '../net/smtp/types.js';

export interface Clock {
  now(): Date;
}

/** Options a user can set that checks read. Grows as checks grow; every field has a default. */
export interface CheckOptions {
  /** Extra DKIM selectors to probe (`--dkim-selector`). */
  readonly dkimSelectors: readonly string[];
  /** Extra hosts to examine for Exchange besides MX, autodiscover., mail. and owa. (`--host`). Absent: none. */
  readonly exchangeHosts?: readonly string[];
  /** Run the open-relay probe on mail servers (RCPT only, never DATA); `--no-relay-test` sets false. Absent: true. */
  readonly relayTest?: boolean;
}

export const defaultCheckOptions: CheckOptions = { dkimSelectors: [] };

/** The ports a check may use. A check never opens a socket or a file itself. */
export interface CheckContext {
  readonly dns: DnsClient;
  readonly https: HttpsFetcher;
  /** SMTP/TLS probes of mail servers; absent (DNS-only contexts, older tests): SMTP checks report `skipped`. */
  readonly smtp?: SmtpProber;
  readonly clock: Clock;
  readonly signal: AbortSignal;
  readonly options: CheckOptions;
}

/** A unit of checking over one domain; it reports findings for one or more check IDs. */
export interface DomainCheck {
  /** Short name of the unit (`mx`, `spf`), used by `--checks` filters and logs. */
  readonly name: string;
  /**
   * Bumped when the logic changes while the metadata stays the same, so history can tell a change of
   * telltale's verdicts from a change of the infrastructure (src/store/check-logic.ts).
   */
  readonly version?: string;
  /** The versioned datasets this unit's verdicts rest on; reports list them and warn when one is stale. */
  readonly datasets?: readonly DatasetInfo[];
  /** Every check ID this unit can report; docs/checks.md is generated from these. */
  readonly meta: readonly CheckMeta[];
  run(target: ScanTarget, context: CheckContext): Promise<readonly Finding[]>;
}
