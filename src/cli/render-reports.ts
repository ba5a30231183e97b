// Renders reports in the chosen --format and --lang: the one place the CLI loads every renderer and the
// translator with its catalogues, so commands that print no report (spf, history, --help) never load them.

import { createTranslator } from '../i18n/translator.js';
import type { Report } from '../model/report.js';
import { ansiPalette, plainPalette, shouldColor } from '../report/colors.js';
import { type RenderOptions, reporters } from '../report/reporters.js';
import type { CliIo } from './cli-io.js';
import type { CommonOptions } from './options.js';

export function renderReports(reports: readonly Report[], options: CommonOptions, io: CliIo): string {
  const colored = options.output === undefined && shouldColor(io.stdoutIsTty, io.env);
  const renderOptions: RenderOptions = {
    palette: colored ? ansiPalette : plainPalette,
    verbose: options.verbose,
    translator: createTranslator(options.lang),
  };
  return reporters[options.format](reports, renderOptions);
}
