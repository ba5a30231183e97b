// Plain-text rendering of an SPF evaluation trace, for the `telltale spf` command and for evidence.

import type { SpfEvaluation, TraceStep } from './evaluate.js';

function indent(depth: number): string {
  return '  '.repeat(depth + 1);
}

export function formatStep(step: TraceStep): string {
  const pad = indent(step.depth);
  switch (step.kind) {
    case 'query': {
      const records = step.records.length === 0 ? '' : `: ${step.records.join(' | ')}`;
      return `${pad}? ${step.name} ${step.type} → ${step.outcome}${records}`;
    }
    case 'record':
      return `${pad}record of ${step.domain}: ${step.record}`;
    case 'term':
      return `${pad}${step.term} → ${step.outcome === 'no-match' ? 'no match' : step.outcome} (${step.detail})`;
    case 'result':
      return `${pad}= ${step.result} for ${step.domain}: ${step.reason}`;
  }
}

/** One line per step, framed by the question asked and the answer with its counters. */
export function formatTrace(evaluation: SpfEvaluation): string[] {
  return [
    `check_host(ip=${evaluation.ip}, domain=${evaluation.domain}, sender=${evaluation.sender}, helo=${evaluation.helo})`,
    ...evaluation.trace.map(formatStep),
    `result: ${evaluation.result} (${evaluation.reason})`,
    ...(evaluation.explanation === undefined ? [] : [`explanation: ${evaluation.explanation}`]),
    `DNS-querying terms: ${evaluation.dnsLookups} of 10; void lookups: ${evaluation.voidLookups} of 2`,
  ];
}
