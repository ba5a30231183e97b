// The registry of output formats: its keys are exactly the values `--format` accepts.

import type { Report } from '../model/report.js';
import type { Palette } from './colors.js';
import { renderJson } from './json.js';
import { renderText } from './text.js';

export interface RenderOptions {
  readonly palette: Palette;
  readonly verbose: boolean;
}

export const reporters = {
  text: (report: Report, options: RenderOptions): string => renderText(report, options),
  json: (report: Report, _options: RenderOptions): string => renderJson(report),
} as const satisfies Record<string, (report: Report, options: RenderOptions) => string>;

export type Format = keyof typeof reporters;

export const formats = Object.keys(reporters) as Format[];

export function isFormat(value: string): value is Format {
  return Object.hasOwn(reporters, value);
}
