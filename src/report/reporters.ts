// The registry of output formats: its keys are exactly the values `--format` accepts.

import type { Translator } from '../i18n/translator.js';
import type { Report } from '../model/report.js';
import type { Palette } from './colors.js';
import { renderCsv } from './csv.js';
import { renderHtml } from './html.js';
import { renderJson } from './json.js';
import { renderMarkdown } from './markdown.js';
import { renderSarif } from './sarif.js';
import { renderText } from './text.js';

export interface RenderOptions {
  readonly palette: Palette;
  readonly verbose: boolean;
  /** The report language; it also records the texts it had to show in English. */
  readonly translator: Translator;
}

/** Every format renders any number of reports (the demo has two) into one output. */
export type Reporter = (reports: readonly Report[], options: RenderOptions) => string;

export const reporters = {
  text: (reports, options) => reports.map((report) => renderText(report, options)).join('\n'),
  // One report is one JSON object (docs/json.md); several stay one object each, as before.
  json: (reports) => reports.map((report) => renderJson(report)).join('\n'),
  markdown: (reports, options) => renderMarkdown(reports, options.translator, options.verbose),
  csv: (reports, options) => renderCsv(reports, options.translator),
  sarif: (reports, options) => renderSarif(reports, options.translator, options.verbose),
  html: (reports, options) => renderHtml(reports, options.translator, options.verbose),
} as const satisfies Record<string, Reporter>;

export type Format = keyof typeof reporters;

export const formats = Object.keys(reporters) as Format[];

export function isFormat(value: string): value is Format {
  return Object.hasOwn(reporters, value);
}
