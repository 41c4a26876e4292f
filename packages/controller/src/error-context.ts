import { ApiError } from '@knot/runtime';

/** `err` with `what` in front of its message, keeping an API error's code so conflicts still read as conflicts. */
export function withContext(what: string, err: unknown): Error {
  if (err instanceof ApiError) return new ApiError(err.code, `${what}: ${err.message}`, err.causes);
  return new Error(`${what}: ${messageOf(err)}`, { cause: err });
}

/** A `.catch` handler that rethrows with context. */
export function rethrow(what: string): (err: unknown) => never {
  return (err) => {
    throw withContext(what, err);
  };
}

export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
