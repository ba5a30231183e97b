// The connector and Exchange checks over the lab (demo companies, smtp/ptr/dnsbl case domains, Exchange hosts)
// rendered in French: nothing of theirs may fall back to English, and every message is its English template.

import assert from 'node:assert/strict';
import { setMaxListeners } from 'node:events';
import { readdirSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { type Lab, startLab } from '../../../lab/lab.js';
import { type CheckContext, type DomainCheck, defaultCheckOptions } from '../../checks/check.js';
import { knowledgeEngine } from '../../checks/exchange/engine.js';
import { createExchangeCheck, createSingleHostExchangeCheck } from '../../checks/exchange/exchange.js';
import { dnsblCheck } from '../../checks/smtp/dnsbl.js';
import { ptrCheck } from '../../checks/smtp/ptr.js';
import { smtpCheck } from '../../checks/smtp/smtp-check.js';
import { demoDomains } from '../../cli/commands/demo.js';
import type { CheckMeta, Finding } from '../../model/finding.js';
import { createDnsClient } from '../../net/dns/client.js';
import type { DnsClient } from '../../net/dns/types.js';
import { NodeHttpsFetcher } from '../../net/http/https-fetcher.js';
import { NodeSmtpProber } from '../../net/smtp/prober.js';
import { enExchangeFindings } from '../en/exchange-findings.js';
import { enSmtpFindings } from '../en/smtp-findings.js';
import { enFixes, frFixes } from '../fr-fixes.js';
import { formatMessage } from '../message-format.js';
import { createTranslator } from '../translator.js';
import { frExchangeFindings } from './exchange-findings.js';
import { frSmtpFindings } from './smtp-findings.js';

const ours = /^(smtp|dane|dnsbl|exchange)\./;
const english: Readonly<Record<string, string>> = { ...enSmtpFindings, ...enExchangeFindings };
const french: Readonly<Record<string, string>> = { ...frSmtpFindings, ...frExchangeFindings };

const casesDir = fileURLToPath(new URL('../../../lab/zones/cases/', import.meta.url));
const caseDomains = readdirSync(casesDir)
  .filter((file) => /^(smtp|ptr|dnsbl)-.*\.yaml$/.test(file))
  .map((file) => `${file.replace(/\.yaml$/, '')}.test`);
const exchangeHosts = [
  'ex2010.exchange-lab.test',
  'ex2013.exchange-lab.test',
  'ex2016.exchange-lab.test',
  'ex2016-cu.exchange-lab.test',
  'ex2019.exchange-lab.test',
  'exse.exchange-lab.test',
  'exlb.exchange-lab.test',
  'mail.oldmill.test',
  'www.plainweb.test',
  'absent.exchange-lab.test',
];

let lab: Lab;
let dns: DnsClient & { close(): void };
let findings: Finding[] = [];
const meta = new Map<string, CheckMeta>();

before(async () => {
  lab = await startLab();
  dns = createDnsClient({ resolvers: [lab.dns], timeoutMs: 2000, dnssec: true });
  const controller = new AbortController();
  // One scan-wide signal for every check of every domain, as a fleet scan has.
  setMaxListeners(0, controller.signal);
  const context: CheckContext = {
    dns,
    https: new NodeHttpsFetcher(dns, { addressMap: lab.addressMap, ca: lab.trustedCas }),
    smtp: new NodeSmtpProber({
      addressMap: lab.addressMap,
      extraCas: lab.trustedCas,
      limits: {
        connectTimeoutMs: 1000,
        greetingTimeoutMs: 1000,
        commandTimeoutMs: 1000,
        sessionBudgetMs: 4000,
      },
    }),
    clock: { now: () => new Date() },
    signal: controller.signal,
    options: { ...defaultCheckOptions, exchangeHosts: [] },
  };
  const engine = () => knowledgeEngine();
  const domainChecks: DomainCheck[] = [smtpCheck, ptrCheck, dnsblCheck, createExchangeCheck(engine)];
  const runs = [
    ...[...demoDomains, ...caseDomains].flatMap((domain) => domainChecks.map((check) => ({ check, domain }))),
    ...exchangeHosts.map((host) => ({ check: createSingleHostExchangeCheck(host, engine), domain: host })),
  ];
  for (const { check } of runs) for (const item of check.meta) meta.set(item.id, item);
  const results = await Promise.all(
    runs.map(({ check, domain }) => check.run({ domain, unicode: domain }, context)),
  );
  findings = results.flat();
});
after(async () => {
  dns.close();
  await lab.stop();
});

describe('connector and Exchange checks in French over the lab', () => {
  // Statuses may turn to error on a loaded machine; the kinds of finding seen must stay many.
  test('the lab gives findings of many kinds', () => {
    const keys = new Set(findings.map((finding) => finding.messageKey));
    assert.ok(keys.size >= 30, `only ${keys.size} message keys seen`);
    for (const id of ['smtp.open-relay', 'dane.tlsa-mismatch', 'dnsbl.listed', 'exchange.vulnerable'])
      assert.ok(
        findings.some((finding) => finding.checkId === id),
        id,
      );
  });

  test('nothing of these checks is shown in English', () => {
    const tr = createTranslator('fr');
    for (const finding of findings) {
      const item = meta.get(finding.checkId);
      assert.ok(item, finding.checkId);
      tr.checkTitle(item, finding.checkId);
      tr.checkDescription(item);
      tr.checkRemediation(item);
      tr.findingMessage(finding);
      tr.findingFix(finding, item);
    }
    const leftovers = tr.untranslated().filter((entry) => ours.test(entry.replace(/^\w+:/, '')));
    assert.deepEqual(leftovers, []);
  });

  test('every message is its English template with value parameters, and renders in French', () => {
    for (const finding of findings.filter((item) => ours.test(item.checkId))) {
      const key = finding.messageKey ?? '';
      const template = english[key];
      assert.ok(template, `${finding.checkId}: no catalogue key (${finding.message})`);
      const params = finding.messageParams ?? {};
      assert.equal(formatMessage(template, params, 'en'), finding.message);
      const fr = formatMessage(french[key] ?? '', params, 'fr');
      assert.notEqual(fr.trim(), '');
      // Parameters are values: no English sentence travels inside one (data texts excepted).
      for (const [name, value] of Object.entries(params))
        if (!['impact', 'meaning', 'note', 'line', 'greeting'].includes(name) && !/reply$/i.test(name))
          assert.doesNotMatch(String(value), /\s(the|is|was|could|not)\s/, `${key}.${name} = ${value}`);
    }
  });
});

describe('fixes of these checks in French over the lab', () => {
  test('every fix is a record alone or its English template with value parameters', () => {
    const withFix = findings.filter((item) => ours.test(item.checkId) && item.fix !== undefined);
    assert.ok(
      withFix.some((item) => item.fixKey === 'exchange.fix.remedy'),
      'an Exchange update to install',
    );
    assert.ok(
      withFix.some((item) => item.fixIsLiteral === true),
      'a record (PTR or TLSA)',
    );
    for (const finding of withFix) {
      if (finding.fixIsLiteral === true) continue;
      const key = finding.fixKey ?? '';
      const template = enFixes[key];
      assert.ok(template, `${finding.checkId}: a fix with words but no key: ${finding.fix}`);
      const params = finding.fixParams ?? {};
      assert.equal(formatMessage(template, params, 'en'), finding.fix);
      const fr = formatMessage(frFixes[key] ?? '', params, 'fr');
      assert.notEqual(fr, finding.fix);
      // Update names, builds and KBs are values; the dataset's own texts are introduced as English.
      for (const [name, value] of Object.entries(params))
        if (!['action', 'mitigation'].includes(name))
          assert.doesNotMatch(String(value), /\s(the|is|was|could|not)\s/, `${key}.${name} = ${value}`);
    }
  });
});

describe('select in the message format', () => {
  const source =
    '{kind, select, refused {refusée} other {autre ({kind})}}{code, select, none {} other { [{code}]}}';
  test('picks the case of the value, else other', () => {
    assert.equal(formatMessage(source, { kind: 'refused', code: 'none' }, 'fr'), 'refusée');
    assert.equal(formatMessage(source, { kind: 'timeout', code: 'E1' }, 'fr'), 'autre (timeout) [E1]');
  });
  test('a select needs its parameter', () => {
    assert.throws(() => formatMessage(source, { code: 'none' }, 'fr'), /missing parameter 'kind'/);
  });
});
