/**
 * The logger every runtime piece accepts: the subset of pino's API we use, so a
 * pino logger fits as is and tests can pass a silent or capturing one.
 */
export interface Logger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  /** A logger that adds `bindings` to every line, e.g. `{ knative.dev/key: 'ns/name' }`. */
  child(bindings: Record<string, unknown>): Logger;
}

/** A logger that drops everything. */
export const noopLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  child() {
    return noopLogger;
  },
};
