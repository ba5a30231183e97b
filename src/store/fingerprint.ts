// Stable finding fingerprints: the same finding about the same thing gets the same fingerprint in every
// scan, whatever its status, message or volatile evidence (TTLs, timings, record values) became.

import { createHash } from 'node:crypto';
import type { Evidence, Finding } from '../model/finding.js';

/** Bumped if the recipe below ever changes: stored fingerprints of another version are not comparable. */
export const fingerprintVersion = 1;

function normalizeSubject(subject: string): string {
  return subject.trim().toLowerCase().replace(/\.$/, '');
}

/** What an evidence item was about (the question asked), never what came back. */
function evidenceQuestion(evidence: Evidence): string {
  switch (evidence.kind) {
    case 'dns':
      return `dns:${normalizeSubject(evidence.name)}/${evidence.type.toUpperCase()}`;
    case 'spf-tree':
      return `spf-tree:${normalizeSubject(evidence.tree.domain)}`;
    case 'text':
      return `text:${evidence.label}`;
  }
}

function identity(finding: Finding): string {
  return `${finding.checkId}\u0000${normalizeSubject(finding.subject)}`;
}

function questionKey(finding: Finding): string {
  return [...new Set(finding.evidence.map(evidenceQuestion))].sort().join('\u0001');
}

function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 24);
}

/**
 * Fingerprints of one report's findings, in the same order. The key is checkId + subject; only when
 * a scan reports the same check ID twice about the same subject are they told apart by the questions
 * their evidence asked, then by their order.
 */
export function fingerprintFindings(findings: readonly Finding[]): string[] {
  const identityCounts = new Map<string, number>();
  for (const finding of findings) {
    const key = identity(finding);
    identityCounts.set(key, (identityCounts.get(key) ?? 0) + 1);
  }
  const seen = new Map<string, number>();
  return findings.map((finding) => {
    const base = identity(finding);
    let key = (identityCounts.get(base) ?? 0) > 1 ? `${base}\u0000${questionKey(finding)}` : base;
    const occurrence = (seen.get(key) ?? 0) + 1;
    seen.set(key, occurrence);
    if (occurrence > 1) key = `${key}\u0000#${occurrence}`;
    return digest(key);
  });
}
