// The Exchange CVE fix as a catalogue key: every kind of remedy reads in English as before and in French with
// the update names, builds and KB numbers unchanged.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { exchangeFix } from '../../i18n/en/exchange-fixes.js';
import { frExchangeFixes } from '../../i18n/fr/exchange-fixes.js';
import { formatMessage } from '../../i18n/message-format.js';
import type { Remedy, UpdateToInstall } from '../../protocols/exchange-build/types.js';
import { none } from '../smtp/keyed-message.js';
import { remedyParams } from './messages.js';

const su: UpdateToInstall = {
  name: 'Exchange Server 2016 CU23 Nov24SUv2',
  build: '15.1.2507.44',
  kb: 'KB5049233',
  releaseDate: '2024-11-27',
  distribution: 'public',
};
const cu: UpdateToInstall = { ...su, name: 'Exchange Server 2016 CU23', build: '15.1.2507.6', kb: null };
const esu: UpdateToInstall = {
  ...su,
  name: 'Exchange Server 2019 CU15 Aug25SU',
  distribution: 'esu-period-1',
};

const fixOf = (remedy: Remedy | null, mitigation: string | null = null) =>
  exchangeFix('exchange.fix.remedy', { ...remedyParams(remedy), mitigation: mitigation ?? none });
const french = (remedy: Remedy | null, mitigation: string | null = null) => {
  const fix = fixOf(remedy, mitigation);
  return formatMessage(frExchangeFixes['exchange.fix.remedy'], fix.fixParams, 'fr');
};

describe('Exchange fix', () => {
  const cases: readonly [string, Remedy | null, string][] = [
    [
      'install an update',
      { kind: 'install-update', update: su },
      'Install Exchange Server 2016 CU23 Nov24SUv2 (build 15.1.2507.44, KB5049233) or any later update for this CU.',
    ],
    [
      'upgrade the CU',
      { kind: 'upgrade-level', level: cu, thenUpdate: null },
      'This CU never got the fix: install Exchange Server 2016 CU23 (build 15.1.2507.6).',
    ],
    [
      'upgrade the CU, then an update',
      { kind: 'upgrade-level', level: cu, thenUpdate: su },
      'This CU never got the fix: install Exchange Server 2016 CU23 (build 15.1.2507.6), then Exchange Server 2016 CU23 Nov24SUv2 (build 15.1.2507.44, KB5049233).',
    ],
    [
      'configure',
      { kind: 'configure', action: 'Enable Extended Protection.', afterUpdate: null },
      'Enable Extended Protection.',
    ],
    [
      'update, then configure',
      { kind: 'configure', action: 'Enable Extended Protection.', afterUpdate: su },
      'Install Exchange Server 2016 CU23 Nov24SUv2 (build 15.1.2507.44, KB5049233), then: Enable Extended Protection.',
    ],
    [
      'migrate',
      { kind: 'migrate', to: 'Exchange Server SE' },
      'No update of this product fixes it: move to Exchange Server SE.',
    ],
    ['no remedy', null, 'No update known for it.'],
    [
      'an ESU-only update',
      { kind: 'install-update', update: esu },
      'Install Exchange Server 2019 CU15 Aug25SU (build 15.1.2507.44, KB5049233 — only for paying Extended Security Update customers) or any later update for this CU.',
    ],
  ];
  for (const [label, remedy, english] of cases) {
    it(`${label}: the English text, and French keeps the names, builds and KBs`, () => {
      const fix = fixOf(remedy);
      assert.equal(fix.fix, english);
      assert.equal(fix.fixKey, 'exchange.fix.remedy');
      const fr = french(remedy);
      assert.notEqual(fr, english);
      for (const value of english.match(/Exchange Server [\w ]+?(?= \(|\.|,)|15\.\d\.\d+\.\d+|KB\d+/g) ?? [])
        assert.ok(fr.includes(value), `${value} in ${fr}`);
    });
  }

  it('the mitigation follows, introduced as the dataset’s English in French', () => {
    const remedy: Remedy = { kind: 'install-update', update: su };
    assert.match(
      fixOf(remedy, 'Apply the URL Rewrite rule.').fix,
      /for this CU\. Mitigation: Apply the URL Rewrite rule\.$/,
    );
    assert.match(
      french(remedy, 'Apply the URL Rewrite rule.'),
      /en anglais\) : Apply the URL Rewrite rule\.$/,
    );
  });
});
