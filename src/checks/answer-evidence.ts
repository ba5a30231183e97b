// DNS evidence for findings, built once per answer: a check quotes the same answer in several findings (the MX
// answer in every MX finding), and each presentation formats every record again.

import type { DnsEvidence } from '../model/finding.js';
import { dnsEvidence as presentAnswer } from '../net/dns/presentation.js';
import type { DnsAnswer } from '../net/dns/types.js';

// Answers and evidence are immutable; a WeakMap lets both go when the scan that holds the answer is done.
const evidenceByAnswer = new WeakMap<DnsAnswer, DnsEvidence>();

/** `dnsEvidence` of src/net/dns/presentation.ts, the same object each time for the same answer object. */
export function dnsEvidence(answer: DnsAnswer): DnsEvidence {
  let evidence = evidenceByAnswer.get(answer);
  if (evidence === undefined) {
    evidence = presentAnswer(answer);
    evidenceByAnswer.set(answer, evidence);
  }
  return evidence;
}
