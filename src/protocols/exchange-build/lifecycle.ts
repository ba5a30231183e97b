// Whether the identified Exchange product — and the Windows build an NTLM challenge leaks — is still supported
// on a given day. Paid Extended Security Updates cannot be seen from outside unless an ESU-only build shows.

import { identifiedLevel, identifiedUpdate } from './identify.js';
import type {
  BuildIdentification,
  EsuPeriod,
  EsuVisibility,
  ExchangeKnowledge,
  ProductRecord,
  ProductSupport,
  WindowsSupport,
} from './types.js';

/** YYYY-MM-DD or YYYY-MM (a month counts to its last day) → the last millisecond of that day. */
function endOf(date: string): number {
  if (/^\d{4}-\d{2}$/.test(date)) {
    const [year, month] = date.split('-').map(Number);
    return Date.UTC(year ?? 0, month ?? 0, 1) - 1;
  }
  return Date.parse(`${date}T23:59:59.999Z`);
}

function startOf(date: string): number {
  return Date.parse(/^\d{4}-\d{2}$/.test(date) ? `${date}-01T00:00:00Z` : `${date}T00:00:00Z`);
}

function runningEsuPeriod(periods: readonly EsuPeriod[], level: string | null, now: Date): EsuPeriod | null {
  const time = now.getTime();
  return (
    periods.find(
      (period) =>
        startOf(period.start) <= time &&
        time <= endOf(period.end) &&
        (level === null || period.eligibleLevels.includes(level)),
    ) ?? null
  );
}

function supportOfProduct(
  product: ProductRecord,
  identification: BuildIdentification,
  now: Date,
): ProductSupport {
  const level = identifiedLevel(identification);
  const lifecycle = product.lifecycle;
  switch (lifecycle.policy) {
    case 'fixed': {
      const currentLevels = product.levels.slice(-1).map((candidate) => candidate.name);
      if (now.getTime() <= endOf(lifecycle.extendedEnd)) {
        return {
          status: 'supported',
          product,
          currentLevels,
          levelCurrent: level === null ? 'unknown' : currentLevels.includes(level.name),
          note: `Extended support ends ${lifecycle.extendedEnd}.`,
        };
      }
      const esuPeriod = runningEsuPeriod(lifecycle.esu, level?.name ?? null, now);
      const observed = identifiedUpdate(identification);
      const esu: EsuVisibility =
        observed !== null && observed.distribution !== 'public'
          ? 'esu-build-observed'
          : esuPeriod !== null
            ? 'not-visible'
            : 'not-applicable';
      return { status: 'out-of-support', product, endedOn: lifecycle.extendedEnd, esuPeriod, esu };
    }
    case 'modern': {
      const levelCurrent =
        level !== null
          ? lifecycle.currentLevels.includes(level.name)
          : // A CU older than every level we know cannot be current; a newer one is probably current.
            identification.kind === 'unknown-level' && !identification.newerThanData
            ? false
            : 'unknown';
      return {
        status: 'supported',
        product,
        currentLevels: lifecycle.currentLevels,
        levelCurrent,
        note: lifecycle.note,
      };
    }
  }
}

export function productSupport(identification: BuildIdentification, now: Date): ProductSupport {
  switch (identification.kind) {
    case 'known-build':
    case 'unlisted-build':
    case 'newer-than-data':
    case 'cu-only':
    case 'unknown-level':
      return supportOfProduct(identification.product, identification, now);
    case 'product-only': {
      const [only, ...others] = identification.candidates;
      return only !== undefined && others.length === 0
        ? supportOfProduct(only, identification, now)
        : { status: 'unknown', candidates: identification.candidates };
    }
    case 'not-exchange':
      return { status: 'unknown', candidates: [] };
  }
}

/** Windows version from an NTLM challenge (e.g. 10.0 build 17763 = Windows Server 2019). */
export function windowsSupport(
  major: number,
  minor: number,
  build: number,
  now: Date,
  knowledge: ExchangeKnowledge,
): WindowsSupport {
  const release = knowledge.windows.releases.find(
    (candidate) => candidate.major === major && candidate.minor === minor && candidate.builds.includes(build),
  );
  if (!release) return { kind: 'unknown', version: `${major}.${minor}.${build}` };
  const time = now.getTime();
  const status =
    release.mainstreamEnd !== null && time <= endOf(release.mainstreamEnd)
      ? 'mainstream'
      : time <= endOf(release.extendedEnd)
        ? 'extended'
        : 'out-of-support';
  const esuPossible = status === 'out-of-support' && release.esuEnd !== null && time <= endOf(release.esuEnd);
  return { kind: 'known', release, status, esuPossible };
}
