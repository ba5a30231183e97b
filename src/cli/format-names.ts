// The `--format` values, for help texts and validation without loading the renderers (reporters.ts pulls in
// every one of them); the compiler holds this list equal to the keys of the reporters map.

import type { Format } from '../report/reporters.js';

// `satisfies` refuses a missing key and an unknown one alike, so a new reporter must be named here too.
const formatSet = {
  text: true,
  json: true,
  markdown: true,
  csv: true,
  sarif: true,
  html: true,
} as const satisfies Record<Format, true>;

/** In the order `--help` lists them (the reporters map's order). */
export const formats = Object.keys(formatSet) as Format[];

export function isFormat(value: string): value is Format {
  return Object.hasOwn(formatSet, value);
}
