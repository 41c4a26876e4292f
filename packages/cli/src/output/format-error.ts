// How a failed invocation reads on stderr, and its exit code. API errors keep
// kubectl's `Error from server (Reason): ...` and list each failing field.
import { ApiError } from '@knot/runtime';
import { CommandError, ExitCode, UsageError } from '../errors.js';

export interface FormattedError {
  readonly lines: readonly string[];
  readonly code: number;
}

export function formatError(err: unknown): FormattedError {
  if (err instanceof UsageError) {
    const where = err.command ? `knot ${err.command} --help` : 'knot --help';
    return { lines: [`error: ${err.message}`, `Run '${where}' for usage.`], code: ExitCode.Usage };
  }
  if (err instanceof ApiError) return { lines: apiErrorLines(err), code: ExitCode.Failed };
  if (err instanceof CommandError) {
    return { lines: [`error: ${err.message}`], code: err.code === 'INTERRUPTED' ? ExitCode.Interrupted : ExitCode.Failed };
  }
  return { lines: [`error: ${err instanceof Error ? err.message : String(err)}`], code: ExitCode.Failed };
}

/** `Error from server (Invalid): <what> is invalid:` then one line per failing field. */
export function apiErrorLines(err: ApiError, doing?: string): string[] {
  const prefix = `Error from server (${err.code})${doing ? `: error when ${doing}` : ''}: `;
  if (err.causes.length === 0) return [prefix + err.message];
  const cut = err.message.indexOf(' is invalid:');
  const head = cut >= 0 ? err.message.slice(0, cut + ' is invalid:'.length) : `${err.message}:`;
  return [prefix + head, ...err.causes.map((c) => `  * ${c.field ? `${c.field}: ` : ''}${c.message}`)];
}
