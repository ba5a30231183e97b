// What the CLI needs from its process, injected so end-to-end tests run it in-process.

export interface CliIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdoutIsTty: boolean;
  readonly stderrIsTty: boolean;
}

/** Exit codes, documented once in docs/cli.md. */
export const exitCodes = {
  /** Done; nothing at or above --fail-on. */
  ok: 0,
  /** Findings at or above --fail-on. */
  findings: 1,
  /** Usage or input error. */
  usage: 2,
  /** The scan could not run (no DNS answer at all, output not writable…). */
  cannotRun: 3,
} as const;

export type ExitCode = (typeof exitCodes)[keyof typeof exitCodes];

/** A problem with what the user typed: reported with its fix, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** The work could not be done (exit code 3). */
export class CannotRunError extends Error {
  override readonly name = 'CannotRunError';
}
