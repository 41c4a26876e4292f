export type PersistentStoreErrorCode =
  /** Another process (or this one) has the data directory open. */
  | 'StoreLocked'
  /** The snapshot is not JSON or not a store dump. */
  | 'CorruptSnapshot'
  /** A journal line other than a torn last one is damaged, or the lines do not follow each other. */
  | 'CorruptJournal'
  /** Reading, writing or syncing the store's files failed. */
  | 'StoreIOFailed';

/** Why the embedded store's files cannot be opened or kept; `path` names the file. */
export class PersistentStoreError extends Error {
  override readonly name = 'PersistentStoreError';
  readonly code: PersistentStoreErrorCode;
  readonly path: string;

  constructor(code: PersistentStoreErrorCode, path: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
    this.path = path;
  }
}

/** Wraps a failed file operation so callers see one error class naming the file. */
export function ioError(path: string, what: string, err: unknown): PersistentStoreError {
  const why = err instanceof Error ? err.message : String(err);
  return new PersistentStoreError('StoreIOFailed', path, `${path}: ${what} failed: ${why}`, { cause: err });
}

export function errnoCode(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string' ? err.code : undefined;
}

/** Runs a file operation, turning its failure into StoreIOFailed for `path`. */
export async function io<T>(path: string, what: string, op: () => Promise<T>): Promise<T> {
  try {
    return await op();
  } catch (err) {
    throw ioError(path, what, err);
  }
}

/** The synchronous form of `io`. */
export function ioSync<T>(path: string, what: string, op: () => T): T {
  try {
    return op();
  } catch (err) {
    throw ioError(path, what, err);
  }
}
