// English template of the Exchange CVE fix (Finding.fix), keyed by `Finding.fixKey`: the update to install
// (name, build, KB as parameters), or the configuration, or the product to move to; the dataset's mitigation
// and configuration texts are parameters too. French: src/i18n/fr/exchange-fixes.ts.

import { keyedFixes } from '../keyed-fix.js';

/** One update to install, from parameters `<p>Name`, `<p>Build`, `<p>Kb`, `<p>Esu` (yes: paid ESU only). */
export const updateEn = (p: string): string =>
  `{${p}Name} (build {${p}Build}{${p}Kb, select, none {} other {, {${p}Kb}}}` +
  `{${p}Esu, select, yes { — only for paying Extended Security Update customers} other {}})`;

export const enExchangeFixes = {
  'exchange.fix.remedy':
    '{remedy, select, ' +
    `install-update {Install ${updateEn('update')} or any later update for this CU.} ` +
    `upgrade-level {This CU never got the fix: install ${updateEn('update')}` +
    `{thenName, select, none {.} other {, then ${updateEn('then')}.}}} ` +
    `configure {{updateName, select, none {{action}} other {Install ${updateEn('update')}, then: {action}}}} ` +
    'migrate {No update of this product fixes it: move to {to}.} ' +
    'other {No update known for it.}}' +
    '{mitigation, select, none {} other { Mitigation: {mitigation}}}',
} as const satisfies Readonly<Record<string, string>>;

export type ExchangeFixKey = keyof typeof enExchangeFixes;

export const exchangeFix = keyedFixes(enExchangeFixes);
