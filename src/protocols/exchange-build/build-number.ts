// Exchange build numbers as integers: parsing the short (15.1.2507.6) and long (15.01.2507.006) forms at
// whatever precision the evidence gives, and comparing part by part (15.1.2507.6 < 15.1.2507.12).

import type { CuBuild, ExchangeVersion, FullBuild } from './types.js';

// Exchange uses at most 2-digit major/minor and 4-digit build/revision parts; leading zeros come from the long form.
const partPattern = /^\d{1,5}$/;

function toParts(text: string): number[] | undefined {
  const pieces = text.trim().split('.');
  if (pieces.some((piece) => !partPattern.test(piece))) return undefined;
  return pieces.map(Number);
}

/** "15.1.2507.6" / "15.01.2507.006" → full; "15.1.2507" → CU; "15.1" → major. Anything else: undefined. */
export function parseExchangeVersion(text: string): ExchangeVersion | undefined {
  const parts = toParts(text);
  if (!parts) return undefined;
  const [major, minor, build, revision] = parts;
  if (major === undefined || minor === undefined) return undefined;
  switch (parts.length) {
    case 2:
      return { precision: 'major', parts: [major, minor] };
    case 3:
      return build === undefined ? undefined : { precision: 'cu', parts: [major, minor, build] };
    case 4:
      return build === undefined || revision === undefined
        ? undefined
        : { precision: 'full', parts: [major, minor, build, revision] };
    default:
      return undefined;
  }
}

export function parseFullBuild(text: string): FullBuild | undefined {
  const version = parseExchangeVersion(text);
  return version?.precision === 'full' ? version.parts : undefined;
}

/** Negative, zero or positive like a sort comparator; missing trailing parts count as 0. */
export function compareParts(a: readonly number[], b: readonly number[]): number {
  const length = Math.max(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const difference = (a[i] ?? 0) - (b[i] ?? 0);
    if (difference !== 0) return difference < 0 ? -1 : 1;
  }
  return 0;
}

export function compareBuilds(a: FullBuild, b: FullBuild): number {
  return compareParts(a, b);
}

export function cuOf(build: FullBuild): CuBuild {
  return [build[0], build[1], build[2]];
}

export function formatParts(parts: readonly number[]): string {
  return parts.join('.');
}

export function formatVersion(version: ExchangeVersion): string {
  return formatParts(version.parts);
}
