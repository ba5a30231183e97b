// Evidence as plain lines in the report's language, shared by the text, Markdown and HTML formats.

import type { Translator } from '../i18n/translator.js';
import type { Evidence, SpfTreeNode } from '../model/finding.js';

function treeLines(node: SpfTreeNode, depth: number, tr: Translator): string[] {
  const label = depth === 0 ? node.domain : `${node.via}:${node.domain}`;
  const counts =
    node.voidLookups > 0
      ? tr.t('finding.spfCountsVoid', {
          lookups: node.lookups,
          branch: node.branchLookups,
          void: node.voidLookups,
        })
      : tr.t('finding.spfCounts', { lookups: node.lookups, branch: node.branchLookups });
  const detail = node.problem === undefined ? (node.record ?? '') : `(${node.problem})`;
  const line = `${'  '.repeat(depth)}${label} ${counts} ${detail}`.trimEnd();
  return [line, ...node.children.flatMap((child) => treeLines(child, depth + 1, tr))];
}

/** Remote data comes out as it is: each format escapes it for its own medium. */
export function evidenceLines(evidence: Evidence, tr: Translator): string[] {
  switch (evidence.kind) {
    case 'dns': {
      const validated = evidence.authenticated ? ` ${tr.t('finding.dnssecValidated')}` : '';
      return [
        `${evidence.name} ${evidence.type} → ${evidence.outcome}${validated}`,
        ...evidence.records.map((record) => `  ${record}`),
      ];
    }
    case 'spf-tree':
      return treeLines(evidence.tree, 0, tr);
    case 'text':
      return [`${evidence.label}: ${evidence.value}`];
  }
}
