// The CLI's own errors. A usage error (bad flags or arguments) exits 2; a
// command that ran and failed exits 1. API errors come from @knot/runtime.

/** Exit codes: 0 success, 1 the operation failed, 2 the command line was wrong, 130 interrupted. */
export const ExitCode = { Ok: 0, Failed: 1, Usage: 2, Interrupted: 130 } as const;

export type UsageErrorCode = 'UNKNOWN_COMMAND' | 'BAD_FLAG' | 'MISSING_ARGUMENT' | 'EXTRA_ARGUMENT' | 'UNKNOWN_KIND';

/** The command line cannot be run as written; the message names the flag or argument. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  readonly code: UsageErrorCode;
  /** The command whose help explains the fix, e.g. `service create`. */
  command: string | undefined;

  constructor(code: UsageErrorCode, message: string, command?: string) {
    super(message);
    this.code = code;
    this.command = command;
  }
}

export type CommandErrorCode = 'NOT_READY' | 'WAIT_TIMEOUT' | 'INTERRUPTED' | 'KUBECONFIG' | 'MANIFEST' | 'NOT_FOUND' | 'CONFLICT' | 'LOGS';

/** The command ran and did not get what it asked for. */
export class CommandError extends Error {
  override readonly name = 'CommandError';
  readonly code: CommandErrorCode;

  constructor(code: CommandErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}
