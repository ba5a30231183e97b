// The DNS checks speak French over the whole lab: every case zone and the demo, scanned with the lab's
// DNS and HTTPS, leave no English title, description, remediation, message or fix of theirs in a French report.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { parse as parseYaml } from 'yaml';
import { defaultZonesDir, type Lab, labServices, startLab, zoneFiles } from '../../lab/lab.js';
import { type DomainCheck, defaultCheckOptions } from '../../src/checks/check.js';
import { bimiCheck } from '../../src/checks/dns/bimi.js';
import { dkimCheck } from '../../src/checks/dns/dkim.js';
import { dmarcCheck } from '../../src/checks/dns/dmarc.js';
import { dnssecCheck } from '../../src/checks/dns/dnssec.js';
import { mtaStsCheck } from '../../src/checks/dns/mta-sts.js';
import { mxCheck } from '../../src/checks/dns/mx.js';
import { spfCheck } from '../../src/checks/dns/spf.js';
import { tlsRptCheck } from '../../src/checks/dns/tls-rpt.js';
import { demoDomains } from '../../src/cli/commands/demo.js';
import { type DnsFindingKey, enDnsFindings } from '../../src/i18n/en/dns-findings.js';
import { type DnsFixKey, enDnsFixes } from '../../src/i18n/en/dns-fixes.js';
import { frDnsChecks } from '../../src/i18n/fr/dns-checks.js';
import { frDnsFixes } from '../../src/i18n/fr/dns-fixes.js';
import { formatMessage } from '../../src/i18n/message-format.js';
import { createTranslator } from '../../src/i18n/translator.js';
import type { CheckMeta, Finding } from '../../src/model/finding.js';
import { createDnsClient } from '../../src/net/dns/client.js';
import { NodeHttpsFetcher } from '../../src/net/http/https-fetcher.js';
import { parseDomain } from '../../src/scan/domain-name.js';
import { runScan } from '../../src/scan/run-scan.js';

const dnsChecks: readonly DomainCheck[] = [
  mxCheck,
  spfCheck,
  dmarcCheck,
  dkimCheck,
  mtaStsCheck,
  tlsRptCheck,
  bimiCheck,
  dnssecCheck,
];

/** Check IDs and message keys of the DNS checks start with one of these. */
const prefixes = ['mx.', 'spf.', 'dmarc.', 'dkim.', 'mtasts.', 'tlsrpt.', 'bimi.', 'dnssec.'];
const isDns = (key: string): boolean => prefixes.some((prefix) => key.startsWith(prefix));

/**
 * Every lab domain a scan can start from: the `<case>.test` names of the zone files, the demo, and the
 * DMARC tree-walk subdomains (a policy inherited from a parent is worded differently).
 */
function labDomains(): string[] {
  const names = new Set<string>(demoDomains);
  for (const file of zoneFiles(defaultZonesDir())) {
    const records = (parseYaml(readFileSync(file, 'utf8')) as { records?: Record<string, unknown> }).records;
    for (const raw of Object.keys(records ?? {})) {
      const labels = raw.toLowerCase().replace(/\.$/, '').split('.');
      if (labels.some((label) => label.startsWith('_') || label === '*')) continue;
      if (labels.length === 2 && labels[1] === 'test') names.add(labels.join('.'));
      if (labels.length === 3 && labels[1]?.startsWith('dmarc-')) names.add(labels.join('.'));
    }
  }
  return [...names].sort();
}

/** Findings of the DNS checks for every lab domain, a few domains at a time. */
async function scanLab(lab: Lab, domains: readonly string[]): Promise<Finding[]> {
  const dns = createDnsClient({ resolvers: [lab.dns], timeoutMs: 400, dnssec: true });
  const https = new NodeHttpsFetcher(dns, { addressMap: lab.addressMap, ca: lab.trustedCas });
  const findings: Finding[] = [];
  try {
    for (let index = 0; index < domains.length; index += 8) {
      const batch = domains.slice(index, index + 8);
      const reports = await Promise.all(
        batch.map(async (domain) => {
          const parsed = parseDomain(domain);
          assert.ok(parsed.ok, domain);
          return runScan({
            target: parsed.target,
            checks: dnsChecks,
            resolvers: ['lab'],
            context: {
              dns,
              https,
              clock: { now: () => new Date() },
              signal: new AbortController().signal,
              options: defaultCheckOptions,
            },
          });
        }),
      );
      findings.push(...reports.flatMap((report) => report.findings));
    }
  } finally {
    await dns.close();
  }
  return findings;
}

describe('the DNS checks in French over the lab', () => {
  let lab: Lab;
  let findings: Finding[];
  const metaById = new Map<string, CheckMeta>(
    dnsChecks.flatMap((check) => check.meta.map((meta) => [meta.id, meta] as const)),
  );

  before(async () => {
    lab = await startLab({ services: labServices.filter((service) => service.name === 'https') });
    findings = await scanLab(lab, labDomains());
  });
  after(async () => {
    await lab.stop();
  });

  test('every DNS check ID has a French title, description and remediation', () => {
    const missing = [...metaById.keys()].filter(isDns).filter((id) => {
      const texts = frDnsChecks[id];
      return texts?.description === undefined || texts.remediation === undefined;
    });
    assert.deepEqual(missing, []);
  });

  test('a French report of the lab shows no English text of the DNS checks', () => {
    assert.ok(findings.length > 500, `the lab scan found only ${findings.length} results`);
    const tr = createTranslator('fr');
    for (const found of findings) {
      const meta = metaById.get(found.checkId);
      tr.checkTitle(meta, found.checkId);
      if (meta !== undefined) {
        tr.checkDescription(meta);
        tr.checkRemediation(meta);
      }
      tr.findingMessage(found);
      tr.findingFix(found, meta);
    }
    const left = tr.untranslated().filter((entry) => isDns(entry.slice(entry.indexOf(':') + 1)));
    assert.deepEqual(left, []);
  });

  test('every DNS finding has a catalogue key; its English template gives its message, or the detail is in the evidence', () => {
    for (const found of findings.filter((item) => isDns(item.checkId))) {
      const key = found.messageKey as DnsFindingKey | undefined;
      assert.ok(key !== undefined && key in enDnsFindings, `${found.checkId}: ${found.message}`);
      const english = formatMessage(enDnsFindings[key], found.messageParams ?? {}, 'en');
      // Messages quoting a parser's English explanation keep it in `message` and in a text evidence.
      if (english !== found.message)
        assert.ok(
          found.evidence.some((item) => item.kind === 'text'),
          english,
        );
    }
  });

  test('every fix of a DNS finding is a record alone or its English template, and renders in French', () => {
    const withFix = findings.filter((item) => isDns(item.checkId) && item.fix !== undefined);
    assert.ok(withFix.length > 50, `only ${withFix.length} fixes seen`);
    const kinds = new Set<string>();
    for (const found of withFix) {
      if (found.fixIsLiteral === true) {
        kinds.add('literal');
        assert.equal(found.fixKey, undefined, found.fix);
        continue;
      }
      const key = found.fixKey as DnsFixKey | undefined;
      assert.ok(
        key !== undefined && key in enDnsFixes,
        `${found.checkId}: a fix with words but no key: ${found.fix}`,
      );
      kinds.add(key);
      const params = found.fixParams ?? {};
      assert.equal(formatMessage(enDnsFixes[key], params, 'en'), found.fix);
      const french = formatMessage(frDnsFixes[key], params, 'fr');
      assert.notEqual(french, found.fix, key);
      // Records and names travel as parameters, so the French fix carries them unchanged.
      for (const value of Object.values(params))
        assert.ok(french.includes(String(value)), `${key}: ${value}`);
    }
    assert.ok(kinds.size >= 12, `only ${[...kinds].join(', ')}`);
  });
});
