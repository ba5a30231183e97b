// Which versioned datasets a scan relied on, and whether each was past its review date at scan time.

/** What every dataset file carries about itself. */
export interface DatasetInfo {
  /** Stable name, e.g. `exchange-builds`, `dkim-selectors`. */
  readonly name: string;
  readonly dataVersion: string;
  /** ISO date (YYYY-MM-DD) after which the data should be refreshed before it is trusted. */
  readonly reviewBy: string;
}

export interface DatasetUse extends DatasetInfo {
  /** True when the scan ran after `reviewBy`: its verdicts may miss what was published since. */
  readonly stale: boolean;
}

export function datasetUse(info: DatasetInfo, now: Date): DatasetUse {
  // A review date is the whole day: stale from the day after it.
  const stale = now.toISOString().slice(0, 10) > info.reviewBy;
  return { name: info.name, dataVersion: info.dataVersion, reviewBy: info.reviewBy, stale };
}

/** One entry per dataset name, in first-seen order, however many checks declare it. */
export function datasetUses(infos: readonly DatasetInfo[], now: Date): DatasetUse[] {
  const byName = new Map<string, DatasetInfo>();
  for (const info of infos) if (!byName.has(info.name)) byName.set(info.name, info);
  return [...byName.values()].map((info) => datasetUse(info, now));
}
