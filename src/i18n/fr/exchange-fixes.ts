// French template of the Exchange CVE fix, with the same key and parameters as src/i18n/en/exchange-fixes.ts:
// update names, builds and KB numbers as they are; the dataset's own texts introduced as English.

import type { ExchangeFixKey } from '../en/exchange-fixes.js';

const updateFr = (p: string): string =>
  `{${p}Name} (build {${p}Build}{${p}Kb, select, none {} other {, {${p}Kb}}}` +
  `{${p}Esu, select, yes { — réservée aux clients payants du programme Extended Security Update} other {}})`;

export const frExchangeFixes: Readonly<Record<ExchangeFixKey, string>> = {
  'exchange.fix.remedy':
    '{remedy, select, ' +
    `install-update {Installez ${updateFr('update')} ou toute mise à jour plus récente pour ce CU.} ` +
    `upgrade-level {Ce CU n’a jamais reçu le correctif : installez ${updateFr('update')}` +
    `{thenName, select, none {.} other {, puis ${updateFr('then')}.}}} ` +
    'configure {{updateName, select, none {Réglage à faire (d’après nos données, en anglais) : {action}} ' +
    `other {Installez ${updateFr('update')}, puis réglez (d’après nos données, en anglais) : {action}}}} ` +
    'migrate {Aucune mise à jour de ce produit ne corrige la faille : passez à {to}.} ' +
    'other {Aucune mise à jour connue ne la corrige.}}' +
    '{mitigation, select, none {} other { Mesure d’atténuation (d’après nos données, en anglais) : {mitigation}}}',
};
