// The exchange checks' engine port bound to the built-in knowledge base and part A's verdict engine.

import { dataStaleness, exchangeKnowledge } from '../../knowledge/exchange/load.js';
import { windowsSupport } from '../../protocols/exchange-build/lifecycle.js';
import type { ExchangeKnowledge } from '../../protocols/exchange-build/types.js';
import { assessExchange } from '../../protocols/exchange-build/verdicts.js';
import type { DomainCheck } from '../check.js';
import { createExchangeCheck, type ExchangeEngine } from './exchange.js';

export function knowledgeEngine(knowledge: ExchangeKnowledge = exchangeKnowledge): ExchangeEngine {
  return {
    assess: (version, now) => assessExchange(version, knowledge, now),
    windows: (major, minor, build, now) => windowsSupport(major, minor, build, now, knowledge),
    staleness: (now) => dataStaleness(now, knowledge),
  };
}

/** The registered check: the domain's MX, autodiscover./mail./owa. hosts and --host, over the built-in data. */
export const exchangeCheck: DomainCheck = {
  ...createExchangeCheck(() => knowledgeEngine()),
  datasets: [
    { name: 'exchange-builds', ...versionOf(exchangeKnowledge.builds) },
    { name: 'exchange-cves', ...versionOf(exchangeKnowledge.cves) },
    { name: 'windows-lifecycle', ...versionOf(exchangeKnowledge.windows) },
  ],
};

function versionOf(data: { readonly dataVersion: string; readonly reviewBy: string }) {
  return { dataVersion: data.dataVersion, reviewBy: data.reviewBy };
}
