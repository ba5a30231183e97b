// The header every data/*.json dataset starts with (schemaVersion, dataVersion, reviewBy), read the same way
// for all of them: a newer schema than this code understands is refused with a message that says what to do.

import type { DatasetInfo } from '../model/dataset.js';

export interface DatasetHeader extends DatasetInfo {
  readonly schemaVersion: number;
}

export interface DatasetHeaderOptions {
  /** The dataset's stable name (DatasetInfo.name). */
  readonly name: string;
  /** The file as the user would edit it, named in every error; defaults to `data/<name>.json`. */
  readonly file?: string;
  /** The highest schemaVersion this code reads; a file with a higher one needs a newer telltale. */
  readonly supportedSchemaVersion: number;
  /** Builds the thrown error from its message, for loaders with their own error class. */
  readonly error?: (message: string) => Error;
}

/** The header, and the document's fields for the loader to read the rest from. */
export interface DatasetDocument {
  readonly header: DatasetHeader;
  readonly root: Readonly<Record<string, unknown>>;
}

const datePattern = /^\d{4}-\d{2}-\d{2}$/;

/** Validates the header; throws naming the file and the first field at fault. */
export function readDatasetHeader(raw: unknown, options: DatasetHeaderOptions): DatasetDocument {
  const file = options.file ?? `data/${options.name}.json`;
  const supported = options.supportedSchemaVersion;
  const fail = (problem: string): never => {
    const message = `${file}: ${problem}`;
    throw options.error === undefined ? new Error(message) : options.error(message);
  };
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
    return fail('the document must be an object');
  const root = raw as Readonly<Record<string, unknown>>;
  const schemaVersion = root.schemaVersion;
  if (typeof schemaVersion !== 'number' || !Number.isInteger(schemaVersion) || schemaVersion < 1)
    return fail(`schemaVersion must be a positive integer (got ${JSON.stringify(schemaVersion)})`);
  if (schemaVersion > supported)
    return fail(
      `schemaVersion ${schemaVersion} is newer than this telltale understands (${supported}); update telltale or use data of schema ${supported}`,
    );
  const { dataVersion, reviewBy } = root;
  if (typeof dataVersion !== 'string' || dataVersion === '')
    return fail('dataVersion must be a non-empty string');
  if (typeof reviewBy !== 'string' || !datePattern.test(reviewBy))
    return fail(`reviewBy must be a YYYY-MM-DD date (got ${JSON.stringify(reviewBy)})`);
  return { header: { name: options.name, schemaVersion, dataVersion, reviewBy }, root };
}
