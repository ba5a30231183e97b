// The vocabulary of regression alerts: what one alert says (items about one domain's scan) and where it goes.

import type { Severity, Status } from '../model/finding.js';

/**
 * Why a finding is worth an alert. `baseline` only with --alert-on-baseline (first scan of a domain);
 * the others compare a scan with the previous one of the same domain.
 */
export type AlertReason = 'new' | 'worsened' | 'cert-expiring' | 'newly-published-cve' | 'baseline';

export const alertReasons: readonly AlertReason[] = [
  'new',
  'worsened',
  'cert-expiring',
  'newly-published-cve',
  'baseline',
];

export interface AlertItem {
  readonly reason: AlertReason;
  /** The store's stable fingerprint of the finding: with the scan and channel, the key of "already sent". */
  readonly fingerprint: string;
  readonly checkId: string;
  readonly title: string;
  readonly subject: string;
  readonly status: Status;
  readonly severity: Severity;
  readonly message: string;
  readonly fix?: string;
  /** The previous scan's verdict, for `worsened` and `cert-expiring`. */
  readonly before?: { readonly status: Status; readonly severity: Severity };
  /** The check logic changed between the two scans: the finding may be new knowledge, not a change on the domain. */
  readonly byCheckLogic: boolean;
}

/** One alert: everything that regressed in one scan of one domain. */
export interface AlertMessage {
  readonly domain: string;
  readonly scanId: number;
  readonly scannedAt: string;
  /** The scan compared with; absent for a baseline. */
  readonly previousScanId?: number;
  readonly items: readonly AlertItem[];
}

export type WebhookStyle = 'generic' | 'slack' | 'teams-messagecard' | 'teams-adaptive';
export const webhookStyles: readonly WebhookStyle[] = [
  'generic',
  'slack',
  'teams-messagecard',
  'teams-adaptive',
];

export interface WebhookChannel {
  readonly kind: 'webhook';
  readonly name: string;
  readonly url: string;
  readonly style: WebhookStyle;
}

/** `tls`: TLS from the first byte (465); `starttls`: upgrade required; `none`: plain (lab and local relays only). */
export type SmtpSecurity = 'tls' | 'starttls' | 'none';

export interface EmailChannel {
  readonly kind: 'email';
  readonly name: string;
  readonly host: string;
  readonly port: number;
  readonly security: SmtpSecurity;
  /** The password itself is read from the environment variable `passwordEnv` at delivery time. */
  readonly auth?: { readonly user: string; readonly passwordEnv: string };
  readonly from: string;
  readonly to: readonly string[];
}

export type AlertChannel = WebhookChannel | EmailChannel;

/** What a delivery attempt came to; `retryable` says whether trying again may help. */
export type DeliveryOutcome =
  | { readonly ok: true; readonly detail: string }
  | { readonly ok: false; readonly retryable: boolean; readonly detail: string };
