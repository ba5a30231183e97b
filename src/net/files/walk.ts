// Expands the paths given on the command line into the files to scan: files as given, folders walked
// recursively in name order (symbolic links to folders are not followed, so a loop cannot trap us).

import type { Dirent, Stats } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

export interface FileEntry {
  readonly path: string;
  readonly size: number;
}

export interface WalkResult {
  readonly files: readonly FileEntry[];
  /** Paths given by the user that do not exist. */
  readonly missing: readonly string[];
  /** Folders or files that could not be listed or examined. */
  readonly problems: readonly { readonly path: string; readonly message: string }[];
}

function message(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return error instanceof Error ? error.message : String(error);
}

async function walkFolder(
  folder: string,
  files: FileEntry[],
  problems: { path: string; message: string }[],
): Promise<void> {
  let entries: Dirent[];
  try {
    entries = await readdir(folder, { withFileTypes: true });
  } catch (error) {
    problems.push({ path: folder, message: message(error) });
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) await walkFolder(path, files, problems);
    else if (entry.isFile() || entry.isSymbolicLink()) {
      try {
        const info = await stat(path);
        if (info.isFile()) files.push({ path, size: info.size });
      } catch (error) {
        problems.push({ path, message: message(error) });
      }
    }
  }
}

export async function expandPaths(inputs: readonly string[]): Promise<WalkResult> {
  const files: FileEntry[] = [];
  const missing: string[] = [];
  const problems: { path: string; message: string }[] = [];
  for (const input of inputs) {
    let info: Stats;
    try {
      info = await stat(input);
    } catch (error) {
      const code = (error as { code?: unknown } | null)?.code;
      if (code === 'ENOENT' || code === 'ENOTDIR') missing.push(input);
      else problems.push({ path: input, message: message(error) });
      continue;
    }
    if (info.isDirectory()) await walkFolder(input, files, problems);
    else if (info.isFile()) files.push({ path: input, size: info.size });
    else problems.push({ path: input, message: 'not a regular file or folder' });
  }
  return { files, missing, problems };
}
