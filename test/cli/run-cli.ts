// Runs the CLI in-process with captured output, for end-to-end tests against the lab.

import { type CliServices, defaultServices, runCli } from '../../src/cli/main.js';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function runCliCaptured(
  argv: readonly string[],
  options: { env?: Record<string, string>; tty?: boolean; services?: CliServices } = {},
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(
    argv,
    {
      stdout: { write: (text: string) => (stdout += text) },
      stderr: { write: (text: string) => (stderr += text) },
      env: options.env ?? {},
      stdoutIsTty: options.tty ?? false,
      stderrIsTty: options.tty ?? false,
    },
    options.services ?? defaultServices,
  );
  return { code, stdout, stderr };
}
