// The vocabulary every check, scan and report shares: what a result is and what proves it.

/**
 * `error` means "could not evaluate" (timeout, SERVFAIL, refused, port blocked): it is never a
 * silent pass and never "missing". `skipped` means the check did not apply or was disabled.
 */
export type Status = 'pass' | 'warn' | 'fail' | 'error' | 'skipped';
export const statuses: readonly Status[] = ['pass', 'warn', 'fail', 'error', 'skipped'];

/** Ordered from least to most serious; `severityRank` gives the order. */
export type Severity = 'info' | 'low' | 'medium' | 'high' | 'critical';
export const severities: readonly Severity[] = ['info', 'low', 'medium', 'high', 'critical'];

export function severityRank(severity: Severity): number {
  return severities.indexOf(severity);
}

/** The report area a check belongs to; reports group and grade by it. */
export type Area =
  | 'mx'
  | 'spf'
  | 'dmarc'
  | 'dkim'
  | 'mta-sts'
  | 'tls-rpt'
  | 'bimi'
  | 'dnssec'
  | 'smtp'
  | 'tls'
  | 'dane'
  | 'dnsbl'
  | 'exchange'
  | 'scan';

/** Report order of the areas. */
export const areas: readonly Area[] = [
  'mx',
  'spf',
  'dmarc',
  'dkim',
  'mta-sts',
  'tls-rpt',
  'bimi',
  'dnssec',
  'smtp',
  'tls',
  'dane',
  'dnsbl',
  'exchange',
  'scan',
];

export const areaTitles: Readonly<Record<Area, string>> = {
  mx: 'Mail servers (MX)',
  spf: 'Sender Policy Framework (SPF)',
  dmarc: 'DMARC',
  dkim: 'DKIM signing keys',
  'mta-sts': 'MTA-STS',
  'tls-rpt': 'TLS reporting (TLS-RPT)',
  bimi: 'BIMI',
  dnssec: 'DNSSEC',
  smtp: 'Mail server connection (SMTP)',
  tls: 'Mail server encryption and certificate (TLS)',
  dane: 'DANE (TLSA records)',
  dnsbl: 'DNS blocklists',
  exchange: 'Microsoft Exchange exposure',
  scan: 'Scan',
};

export interface Reference {
  readonly title: string;
  readonly url: string;
}

/** Public, stable description of one check ID. IDs are a contract: never renamed, never reused. */
export interface CheckMeta {
  readonly id: string;
  readonly area: Area;
  readonly title: string;
  /** Severity of a `fail`; a `warn` of the same check is reported one step lower unless a finding says otherwise. */
  readonly severity: Severity;
  readonly description: string;
  /** How to fix it, with the record or command to type. */
  readonly remediation: string;
  readonly references: readonly Reference[];
}

/** One DNS question and what came back, as shown to the user. */
export interface DnsEvidence {
  readonly kind: 'dns';
  readonly name: string;
  readonly type: string;
  /** ok | nxdomain | nodata | error:<reason> */
  readonly outcome: string;
  /** Presentation-format records (or the error detail). */
  readonly records: readonly string[];
  readonly authenticated?: boolean;
}

/** A node of an SPF include/redirect tree, with the DNS-querying term count of its branch. */
export interface SpfTreeEvidence {
  readonly kind: 'spf-tree';
  readonly tree: SpfTreeNode;
}

export interface SpfTreeNode {
  readonly domain: string;
  /** How this node was reached: the root, or the mechanism/modifier that pulled it in. */
  readonly via: 'root' | 'include' | 'redirect';
  readonly record?: string;
  /** Why the node has no record: nxdomain, nodata, no SPF record, error reason, loop… */
  readonly problem?: string;
  /** DNS-querying terms in this record alone. */
  readonly lookups: number;
  /** DNS-querying terms in this record and everything below it. */
  readonly branchLookups: number;
  readonly voidLookups: number;
  readonly children: readonly SpfTreeNode[];
}

export interface TextEvidence {
  readonly kind: 'text';
  readonly label: string;
  readonly value: string;
}

export type Evidence = DnsEvidence | SpfTreeEvidence | TextEvidence;

/** One result of one check ID about one subject. */
export interface Finding {
  readonly checkId: string;
  readonly status: Status;
  /** Defaults to the check's severity for `fail`, `info` for `pass`/`skipped`. */
  readonly severity: Severity;
  /** What the finding is about: the domain, an MX host, an address. */
  readonly subject: string;
  /** Plain words: what was found and what it means. */
  readonly message: string;
  readonly evidence: readonly Evidence[];
  /** A fix specific to this finding (the exact record to publish), beside the check's general remediation. */
  readonly fix?: string;
  /** Catalogue key of `message` (docs/i18n.md), so reports can render it in another language; `message` stays English. */
  readonly messageKey?: string;
  /** Parameters of `messageKey`'s template. */
  readonly messageParams?: Readonly<Record<string, string | number>>;
  /** Catalogue key of `fix` (docs/i18n.md), so reports can render it in another language; `fix` stays English. */
  readonly fixKey?: string;
  /** Parameters of `fixKey`'s template: records, names, commands, numbers; never English sentences. */
  readonly fixParams?: Readonly<Record<string, string | number>>;
  /** True when `fix` is only records or commands to type, the same in every language: shown as it is. */
  readonly fixIsLiteral?: boolean;
}
