// Every format rendered from one fixed report, in English and French, compared byte for byte with
// test/report/snapshots/; UPDATE_SNAPSHOTS=1 rewrites them after a deliberate change.

import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Lang } from '../../src/i18n/lang.js';
import { createTranslator } from '../../src/i18n/translator.js';
import { ansiPalette, plainPalette } from '../../src/report/colors.js';
import { type Format, formats, reporters } from '../../src/report/reporters.js';
import { fixtureReport } from './fixture.js';

const snapshotDir = join(dirname(fileURLToPath(import.meta.url)), 'snapshots');
const update = process.env.UPDATE_SNAPSHOTS === '1';
const extension: Readonly<Record<Format, string>> = {
  text: 'txt',
  json: 'json',
  markdown: 'md',
  csv: 'csv',
  sarif: 'sarif.json',
  html: 'html',
};

function assertSnapshot(name: string, actual: string): void {
  const path = join(snapshotDir, name);
  if (update || !existsSync(path)) {
    assert.ok(update, `snapshot ${name} is missing: run with UPDATE_SNAPSHOTS=1 and review the new file`);
    mkdirSync(snapshotDir, { recursive: true });
    writeFileSync(path, actual, 'utf8');
    return;
  }
  assert.equal(
    actual,
    readFileSync(path, 'utf8'),
    `${name} differs from its snapshot (UPDATE_SNAPSHOTS=1 rewrites it)`,
  );
}

describe('report formats match their snapshots', () => {
  for (const lang of ['en', 'fr'] as const satisfies readonly Lang[]) {
    for (const format of formats) {
      test(`${format} in ${lang}`, () => {
        const output = reporters[format]([fixtureReport()], {
          palette: plainPalette,
          verbose: false,
          translator: createTranslator(lang),
        });
        assertSnapshot(`report.${lang}.${extension[format]}`, output);
      });
    }
  }

  test('text with colour, verbose', () => {
    const output = reporters.text([fixtureReport()], {
      palette: ansiPalette,
      verbose: true,
      translator: createTranslator('en'),
    });
    assertSnapshot('report.en.verbose-color.txt', output);
  });
});
