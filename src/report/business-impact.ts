// Business wording of findings for the management summary: a table by check ID for the usual top items,
// and a fallback by grade area and severity for every other check.

import type { GradeArea } from '../grade/grade-areas.js';
import type { Severity } from '../model/finding.js';

/** A story a manager understands; its words are the catalogue keys `impact.<scenario>.attack|cost`. */
export type Scenario =
  | 'spoofing'
  | 'spoofing-unenforced'
  | 'forged-signature'
  | 'mail-loss'
  | 'interception'
  | 'blind'
  | 'delivery'
  | 'server-takeover'
  | 'tls-weakness'
  | 'listed';

/** Catalogue keys `owner.<owner>`. */
export type Owner = 'dns' | 'mail' | 'provider' | 'management';
/** Catalogue keys `effort.<effort>`. */
export type Effort = 'minutes' | 'hours' | 'days';

export interface BusinessImpact {
  readonly scenario: Scenario;
  readonly owner: Owner;
  readonly effort: Effort;
}

export const impactByCheckId: Readonly<Record<string, BusinessImpact>> = {
  'spf.missing': { scenario: 'spoofing', owner: 'dns', effort: 'minutes' },
  'spf.all-pass': { scenario: 'spoofing', owner: 'dns', effort: 'minutes' },
  'spf.all-neutral': { scenario: 'spoofing', owner: 'dns', effort: 'minutes' },
  'spf.no-all': { scenario: 'spoofing', owner: 'dns', effort: 'minutes' },
  'spf.multiple-records': { scenario: 'delivery', owner: 'dns', effort: 'minutes' },
  'spf.syntax-error': { scenario: 'delivery', owner: 'dns', effort: 'minutes' },
  'spf.too-many-lookups': { scenario: 'delivery', owner: 'dns', effort: 'hours' },
  'spf.include-missing': { scenario: 'delivery', owner: 'dns', effort: 'minutes' },
  'dmarc.missing': { scenario: 'spoofing', owner: 'dns', effort: 'minutes' },
  'dmarc.policy-none': { scenario: 'spoofing-unenforced', owner: 'management', effort: 'days' },
  'dmarc.policy-quarantine': { scenario: 'spoofing-unenforced', owner: 'dns', effort: 'hours' },
  'dmarc.testing-mode': { scenario: 'spoofing-unenforced', owner: 'dns', effort: 'minutes' },
  'dmarc.multiple-records': { scenario: 'spoofing', owner: 'dns', effort: 'minutes' },
  'dmarc.no-reporting': { scenario: 'blind', owner: 'dns', effort: 'minutes' },
  'dkim.none-found': { scenario: 'forged-signature', owner: 'mail', effort: 'hours' },
  'dkim.weak-key': { scenario: 'forged-signature', owner: 'mail', effort: 'hours' },
  'dkim.sha1-only': { scenario: 'forged-signature', owner: 'mail', effort: 'hours' },
  'dkim.testing': { scenario: 'forged-signature', owner: 'dns', effort: 'minutes' },
  'mx.missing': { scenario: 'mail-loss', owner: 'dns', effort: 'minutes' },
  'mx.unresolvable': { scenario: 'mail-loss', owner: 'dns', effort: 'minutes' },
  'mx.ip-literal': { scenario: 'mail-loss', owner: 'dns', effort: 'minutes' },
  'mx.private-address': { scenario: 'mail-loss', owner: 'dns', effort: 'minutes' },
  'mx.cname': { scenario: 'mail-loss', owner: 'dns', effort: 'minutes' },
  'mtasts.missing': { scenario: 'interception', owner: 'provider', effort: 'hours' },
  'mtasts.mx-mismatch': { scenario: 'mail-loss', owner: 'provider', effort: 'minutes' },
  'mtasts.testing-mode': { scenario: 'interception', owner: 'provider', effort: 'minutes' },
  'tlsrpt.missing': { scenario: 'blind', owner: 'dns', effort: 'minutes' },
  'dnssec.unsigned': { scenario: 'interception', owner: 'provider', effort: 'days' },
  'dnssec.bogus': { scenario: 'mail-loss', owner: 'provider', effort: 'hours' },
  'exchange.vulnerable': { scenario: 'server-takeover', owner: 'mail', effort: 'hours' },
  'exchange.possibly-vulnerable': { scenario: 'server-takeover', owner: 'mail', effort: 'hours' },
  'exchange.unsupported': { scenario: 'server-takeover', owner: 'management', effort: 'days' },
  'exchange.windows-unsupported': { scenario: 'server-takeover', owner: 'management', effort: 'days' },
  'smtp.open-relay': { scenario: 'listed', owner: 'mail', effort: 'minutes' },
  'smtp.starttls-missing': { scenario: 'interception', owner: 'mail', effort: 'hours' },
  'smtp.auth-before-tls': { scenario: 'tls-weakness', owner: 'mail', effort: 'minutes' },
  'smtp.cert-expired': { scenario: 'tls-weakness', owner: 'mail', effort: 'minutes' },
  'smtp.unreachable': { scenario: 'mail-loss', owner: 'mail', effort: 'hours' },
  'dane.tlsa-mismatch': { scenario: 'mail-loss', owner: 'provider', effort: 'hours' },
  'dnsbl.listed': { scenario: 'listed', owner: 'mail', effort: 'hours' },
};

const scenarioByArea: Readonly<Record<GradeArea, Scenario>> = {
  exchange: 'server-takeover',
  connectors: 'tls-weakness',
  authentication: 'spoofing',
  transport: 'interception',
  reputation: 'listed',
  routing: 'mail-loss',
};

const ownerByArea: Readonly<Record<GradeArea, Owner>> = {
  exchange: 'mail',
  connectors: 'mail',
  authentication: 'dns',
  transport: 'provider',
  reputation: 'mail',
  routing: 'dns',
};

/** Graver problems usually need more than a record change. */
function effortBySeverity(severity: Severity): Effort {
  switch (severity) {
    case 'critical':
    case 'high':
      return 'hours';
    case 'medium':
    case 'low':
    case 'info':
      return 'minutes';
  }
}

export function businessImpact(checkId: string, area: GradeArea, severity: Severity): BusinessImpact {
  return (
    impactByCheckId[checkId] ?? {
      scenario: scenarioByArea[area],
      owner: ownerByArea[area],
      effort: effortBySeverity(severity),
    }
  );
}
