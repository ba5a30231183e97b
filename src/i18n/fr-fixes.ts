// French fixes keyed by `Finding.fixKey`, and the English templates of the same keys for tests; a finding's fix
// without a key here is shown in English unless the check marked it literal (records or commands only).

import { enDnsFixes } from './en/dns-fixes.js';
import { enExchangeFixes } from './en/exchange-fixes.js';
import { frDnsFixes } from './fr/dns-fixes.js';
import { frExchangeFixes } from './fr/exchange-fixes.js';

export const frFixes: Readonly<Record<string, string>> = {
  ...frDnsFixes,
  ...frExchangeFixes,
};

/** English templates of the same keys (the checks render `Finding.fix` from them). */
export const enFixes: Readonly<Record<string, string>> = {
  ...enDnsFixes,
  ...enExchangeFixes,
};
