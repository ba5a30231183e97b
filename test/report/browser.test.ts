// The HTML report in Debian's headless Chromium: an XSS corpus, injected into a fixture report and through
// lab DNS records into a real scan, runs nothing; a screenshot of the report is not blank.
// Needs the Debian package `chromium` (/usr/bin/chromium): without it this test fails, it never skips.

import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { type Lab, startLab } from '../../lab/lab.js';
import { createTranslator } from '../../src/i18n/translator.js';
import type { CheckMeta, Finding } from '../../src/model/finding.js';
import { formatResolver } from '../../src/net/dns/resolvers.js';
import { renderHtml } from '../../src/report/html.js';
import { runCliCaptured } from '../cli/run-cli.js';
import { fixtureFindings, fixtureReport } from './fixture.js';

const chromiumPath = '/usr/bin/chromium';
const docsScreenshot = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'docs',
  'report-example.png',
);

/** Each would set window.__xss, call fetch, open a dialog or load something if it ever ran. */
export const xssCorpus: readonly string[] = [
  '<script>window.__xss=1</script>',
  '"><img src=x onerror="window.__xss=2">',
  "'><svg onload=window.__xss=3>",
  'javascript:window.__xss=4',
  '<a href="javascript:window.__xss=5">click</a>',
  "<svg><script>fetch('http://127.0.0.1:9/x')</script></svg>",
  '<iframe srcdoc="<script>parent.__xss=6</script>"></iframe>',
  '<style>body{background:url(http://127.0.0.1:9/css)}</style>',
  '<meta http-equiv="refresh" content="0;url=javascript:window.__xss=7">',
  '</pre></code><body onload=alert(8)>',
  '<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=9>',
  '{{constructor.constructor("window.__xss=10")()}}',
  '\u001b]0;pwned\u0007\u001b[2J\u009b31m',
];

function hostileFindings(): Finding[] {
  return xssCorpus.map((payload, index) => ({
    ...(fixtureFindings[index % fixtureFindings.length] as Finding),
    subject: `${payload}.example`,
    message: `Found ${payload}`,
    evidence: [
      { kind: 'dns', name: payload, type: 'TXT', outcome: 'ok', records: [payload] },
      { kind: 'text', label: payload, value: payload },
    ],
    fix: payload,
  }));
}

/** The first control character other than tab, LF and CR, if any. */
function rawControl(text: string): string | undefined {
  return [...text].find((char) => {
    const code = char.codePointAt(0) ?? 0;
    return (code < 0x20 && char !== '\t' && char !== '\n' && char !== '\r') || (code >= 0x7f && code <= 0x9f);
  });
}

/** Our own colours (ESC [ … m) are allowed on a terminal; nothing else is. */
function withoutSgr(text: string): string {
  return text.replaceAll(new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g'), '');
}

interface PageWatch {
  readonly page: Page;
  readonly events: string[];
}

async function openHtml(browser: Browser, html: string): Promise<PageWatch> {
  const page = await browser.newPage();
  const events: string[] = [];
  page.on('console', (message) => events.push(`console ${message.type()}: ${message.text()}`));
  page.on('dialog', (dialog) => {
    events.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('pageerror', (error) => events.push(`pageerror: ${error.message}`));
  page.on('request', (request) => {
    if (!request.url().startsWith('data:') && request.url() !== 'about:blank')
      events.push(`request: ${request.url()}`);
  });
  await page.setContent(html, { waitUntil: 'load' });
  return { page, events };
}

async function assertInert({ page, events }: PageWatch): Promise<void> {
  // Give a meta refresh or a late onload the chance to fire.
  await page.waitForTimeout(200);
  const executed = await page.evaluate(() => (globalThis as { __xss?: unknown }).__xss);
  assert.equal(executed, undefined, 'an injected script ran');
  assert.deepEqual(events, [], 'the page logged, requested or alerted something');
  // Browser-side code as strings: this project compiles without the DOM library.
  const counts = await page.evaluate(`({
    scripts: document.querySelectorAll('script').length,
    iframes: document.querySelectorAll('iframe').length,
    handlers: [...document.querySelectorAll('*')].filter((element) =>
      [...element.attributes].some((attribute) => attribute.name.startsWith('on'))).length,
    javascriptLinks: [...document.querySelectorAll('a')].filter((a) => a.href.startsWith('javascript:')).length,
    metas: document.querySelectorAll('meta[http-equiv="refresh" i]').length,
  })`);
  assert.deepEqual(counts, { scripts: 0, iframes: 0, handlers: 0, javascriptLinks: 0, metas: 0 });
}

/** Pixel variance of a PNG, measured in a blank page's canvas (no PNG decoder needed here). */
async function pngVariance(browser: Browser, png: Buffer): Promise<number> {
  const page = await browser.newPage();
  try {
    const dataUrl = `data:image/png;base64,${png.toString('base64')}`;
    const variance = await page.evaluate(`(async () => {
      const image = new Image();
      image.src = ${JSON.stringify(dataUrl)};
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = image.width;
      canvas.height = image.height;
      const context = canvas.getContext('2d');
      context.drawImage(image, 0, 0);
      const { data } = context.getImageData(0, 0, image.width, image.height);
      let sum = 0;
      let squares = 0;
      const pixels = data.length / 4;
      for (let i = 0; i < data.length; i += 4) {
        const luma = 0.299 * data[i] + 0.587 * data[i + 1] + 0.114 * data[i + 2];
        sum += luma;
        squares += luma * luma;
      }
      const mean = sum / pixels;
      return squares / pixels - mean * mean;
    })()`);
    return Number(variance);
  } finally {
    await page.close();
  }
}

describe('the HTML report in headless Chromium', () => {
  let browser: Browser;
  let lab: Lab;

  before(async () => {
    if (!existsSync(chromiumPath)) {
      throw new Error(
        `${chromiumPath} not found: install Debian's Chromium (apt-get install -y chromium) to run the HTML report tests`,
      );
    }
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    lab = await startLab({ services: [] });
  });
  after(async () => {
    await browser?.close();
    await lab?.stop();
  });

  test('an XSS corpus in every field of a report runs nothing and shows as text', async () => {
    const metaChecks: Record<string, CheckMeta> = {};
    const report = fixtureReport(hostileFindings());
    for (const [id, meta] of Object.entries(report.checks))
      metaChecks[id] = { ...meta, title: `${meta.title} ${xssCorpus[0]}`, remediation: xssCorpus[1] ?? '' };
    for (const lang of ['en', 'fr'] as const) {
      const html = renderHtml([{ ...report, checks: metaChecks }], createTranslator(lang), true);
      const watch = await openHtml(browser, html);
      await assertInert(watch);
      const text = String(await watch.page.evaluate('document.body.textContent'));
      assert.ok(text.includes('<script>window.__xss=1</script>'), 'the payload is shown as text');
      await watch.page.close();
    }
  });

  test('hostile lab DNS records, through a full scan: HTML inert, text without escape sequences', async () => {
    const resolver = formatResolver(lab.dns);
    const args = ['scan', 'xss-payloads.test', '--resolver', resolver, '--timeout', '300', '--verbose'];
    const html = await runCliCaptured([...args, '--format', 'html']);
    assert.equal(html.code, 0, html.stderr);
    assert.ok(html.stdout.includes('window.__xss=1'), 'the scan quoted the hostile record');
    const watch = await openHtml(browser, html.stdout);
    await assertInert(watch);
    await watch.page.close();
    for (const format of ['text', 'markdown', 'csv'] as const) {
      const run = await runCliCaptured([...args, '--format', format], { tty: true });
      const raw = rawControl(withoutSgr(run.stdout));
      assert.equal(raw, undefined, `${format}: raw control character ${JSON.stringify(raw)}`);
    }
  });

  test('a screenshot of the report is not blank (and docs/report-example.png is kept)', async () => {
    const page = await browser.newPage({ viewport: { width: 1000, height: 1300 } });
    await page.setContent(renderHtml([fixtureReport()], createTranslator('en'), false), {
      waitUntil: 'load',
    });
    const png = await page.screenshot({ fullPage: false });
    await page.close();
    assert.ok(png.length > 20_000, `screenshot only ${png.length} bytes`);
    assert.ok((await pngVariance(browser, png)) > 200, 'screenshot is flat: nothing rendered');
    if (process.env.UPDATE_SNAPSHOTS === '1' || !existsSync(docsScreenshot))
      writeFileSync(docsScreenshot, png);
  });
});
