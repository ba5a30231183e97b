// French fixes keyed by `Finding.fixKey`, and the English templates of the same keys for tests; a finding's fix
// without a key here is shown in English unless the check marked it literal (records or commands only).

import { enDnsFixes } from './en/dns-fixes.js';
import { frDnsFixes } from './fr/dns-fixes.js';

export const frFixes: Readonly<Record<string, string>> = {
  ...frDnsFixes,
};

/** English templates of the same keys (the checks render `Finding.fix` from them). */
export const enFixes: Readonly<Record<string, string>> = {
  ...enDnsFixes,
};
