// Where results go: stdout, or a file written whole (temp file then rename) so a failure loses nothing.

import { access, constants, rename, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { UsageError } from './cli-io.js';

/** Checked before a scan starts, so a typo in --output does not throw away a long scan's result. */
export async function assertWritable(path: string): Promise<void> {
  const directory = dirname(resolve(path));
  try {
    await access(directory, constants.W_OK);
  } catch {
    throw new UsageError(`--output ${path}: the folder ${directory} does not exist or is not writable`);
  }
}

export async function writeOutputFile(path: string, text: string): Promise<void> {
  const temporary = `${resolve(path)}.${process.pid}.tmp`;
  await writeFile(temporary, text, 'utf8');
  await rename(temporary, resolve(path));
}
