import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CheckContext, DomainCheck } from '../checks/check.js';
import { defaultCheckOptions } from '../checks/check.js';
import { finding } from '../checks/finding-builder.js';
import { createTranslator } from '../i18n/translator.js';
import type { CheckMeta } from '../model/finding.js';
import { plainPalette } from '../report/colors.js';
import { renderText } from '../report/text.js';
import { runScan } from './run-scan.js';

const meta: CheckMeta = {
  id: 'mx.missing',
  area: 'mx',
  title: 'No MX',
  severity: 'high',
  description: 'd',
  remediation: 'r',
  references: [],
};

const unusedPort = () => {
  throw new Error('not used');
};

function context(now: string): CheckContext {
  return {
    dns: { query: unusedPort },
    https: { get: unusedPort },
    clock: { now: () => new Date(now) },
    signal: new AbortController().signal,
    options: defaultCheckOptions,
  };
}

const target = { domain: 'example.test', unicode: 'example.test' };

const datasetCheck: DomainCheck = {
  name: 'with-data',
  meta: [meta],
  datasets: [{ name: 'exchange-builds', dataVersion: '2026-11-27', reviewBy: '2026-12-15' }],
  run: async () => [finding(meta, 'pass', { subject: 'example.test', message: 'fine' })],
};

test('the report lists the datasets the checks used, and whether each was past its review date', async () => {
  const fresh = await runScan({
    target,
    checks: [datasetCheck, datasetCheck],
    context: context('2026-12-01T00:00:00Z'),
    resolvers: [],
  });
  assert.deepEqual(fresh.datasets, [
    { name: 'exchange-builds', dataVersion: '2026-11-27', reviewBy: '2026-12-15', stale: false },
  ]);
  const late = await runScan({
    target,
    checks: [datasetCheck],
    context: context('2027-01-10T00:00:00Z'),
    resolvers: [],
  });
  assert.equal(late.datasets?.[0]?.stale, true);
  const options = { palette: plainPalette, verbose: false, translator: createTranslator('en') };
  assert.match(
    renderText(late, options),
    /Data exchange-builds \(version 2026-11-27\) is past its review date \(2026-12-15\)/,
  );
  assert.doesNotMatch(renderText(fresh, options), /past its review date/);
});

test('a check that throws becomes an error finding; the others still report', async () => {
  const crashing: DomainCheck = {
    name: 'crashing',
    meta: [],
    run: async () => Promise.reject(new Error('boom')),
  };
  const report = await runScan({
    target,
    checks: [crashing, datasetCheck],
    context: context('2026-12-01T00:00:00Z'),
    resolvers: [],
  });
  assert.deepEqual(
    report.findings.map((item) => [item.checkId, item.status]),
    [
      ['scan.check-failed', 'error'],
      ['mx.missing', 'pass'],
    ],
  );
  assert.match(report.findings[0]?.message ?? '', /'crashing' check failed: boom/);
});

test('scans sharing one list of checks each get the metadata of their own findings', async () => {
  const otherMeta: CheckMeta = { ...meta, id: 'mx.other', title: 'Other' };
  const both: DomainCheck = {
    name: 'both',
    meta: [meta, otherMeta],
    run: async (scanned) =>
      scanned.domain === 'a.test'
        ? [finding(meta, 'pass', { subject: 'a.test', message: 'fine' })]
        : [finding(otherMeta, 'warn', { subject: 'b.test', message: 'hmm' })],
  };
  const crashing: DomainCheck = {
    name: 'crashing',
    meta: [],
    run: async () => {
      throw new Error('boom');
    },
  };
  const checks = [both];
  const scan = (domain: string, list: readonly DomainCheck[]) =>
    runScan({
      target: { domain, unicode: domain },
      checks: list,
      context: context('2026-12-01T00:00:00Z'),
      resolvers: [],
    });
  assert.deepEqual(Object.keys((await scan('a.test', checks)).checks), ['mx.missing']);
  assert.deepEqual(Object.keys((await scan('b.test', checks)).checks), ['mx.other']);
  assert.deepEqual(Object.keys((await scan('a.test', [both, crashing])).checks), [
    'mx.missing',
    'scan.check-failed',
  ]);
});
