// The six areas a manager is graded on, and which check area feeds which: adding an Area forces a choice here.

import type { Area } from '../model/finding.js';

export type GradeArea = 'exchange' | 'connectors' | 'authentication' | 'transport' | 'reputation' | 'routing';

/** Report order: what an attacker goes for first comes first. */
export const gradeAreas: readonly GradeArea[] = [
  'exchange',
  'connectors',
  'authentication',
  'transport',
  'reputation',
  'routing',
];

/**
 * `ungraded` results (the scan's own health) never move a grade; their errors still lower confidence.
 * MX goes to its own `routing` area: a broken MX loses mail, which is neither spoofing nor interception.
 */
export const gradeAreaOf: Readonly<Record<Area, GradeArea | 'ungraded'>> = {
  mx: 'routing',
  spf: 'authentication',
  dmarc: 'authentication',
  dkim: 'authentication',
  bimi: 'authentication',
  'mta-sts': 'transport',
  'tls-rpt': 'transport',
  dnssec: 'transport',
  dane: 'transport',
  smtp: 'connectors',
  tls: 'connectors',
  dnsbl: 'reputation',
  exchange: 'exchange',
  scan: 'ungraded',
};
