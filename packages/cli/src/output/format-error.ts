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

/**
 * `Error from server (Invalid): <what> is invalid:` then one line per failing
 * field. Other errors with causes (an admission denial) keep their message and
 * list only the causes it does not already name.
 */
export function apiErrorLines(err: ApiError, doing?: string): string[] {
  const prefix = `Error from server (${err.code})${doing ? `: error when ${doing}` : ''}: `;
  const cut = err.message.indexOf(' is invalid:');
  if (err.causes.length > 0 && cut >= 0) {
    return [prefix + err.message.slice(0, cut + ' is invalid:'.length), ...err.causes.map((c) => `  * ${causeText(c)}`)];
  }
  const unnamed = err.causes.filter((c) => !err.message.includes(causeText(c)));
  return [prefix + err.message, ...unnamed.map((c) => `  * ${causeText(c)}`)];
}

function causeText(c: { field: string; message: string }): string {
  return `${c.field ? `${c.field}: ` : ''}${c.message}`;
}
