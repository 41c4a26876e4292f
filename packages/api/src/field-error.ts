/**
 * A validation problem at one field, in the shape Kubernetes reports them:
 * `spec.template.spec.containerConcurrency: must be between 0 and 1000, got 5000`.
 */
export interface FieldError {
  /** Dotted path with bracketed indexes, e.g. `spec.traffic[1].percent`. */
  readonly path: string;
  readonly message: string;
}

/** Renders one error as `path: message`, or just the message at the root. */
export function formatFieldError(err: FieldError): string {
  return err.path ? `${err.path}: ${err.message}` : err.message;
}

/** Renders a list of errors one per line. */
export function formatFieldErrors(errs: readonly FieldError[]): string {
  return errs.map(formatFieldError).join('\n');
}

/** Joins path segments: `joinPath('spec', 'traffic[0]', 'tag')`. Empty parts are dropped. */
export function joinPath(...parts: readonly (string | undefined)[]): string {
  return parts.filter((p): p is string => Boolean(p)).join('.').replace(/\.\[/g, '[');
}

/** Collects field errors under a path prefix, so nested validators need not know where they sit. */
export class FieldErrors {
  readonly #sink: FieldError[];
  readonly #prefix: string;

  constructor(prefix = '', sink: FieldError[] = []) {
    this.#prefix = prefix;
    this.#sink = sink;
  }

  /** Records a problem at `path`, relative to this collector's prefix. */
  add(path: string, message: string): this {
    this.#sink.push({ path: joinPath(this.#prefix, path), message });
    return this;
  }

  /** Records errors that a nested validator produced relative to `path`. */
  addAll(path: string, errs: readonly FieldError[]): this {
    for (const e of errs) this.#sink.push({ path: joinPath(this.#prefix, path, e.path), message: e.message });
    return this;
  }

  /** A collector for a child path that writes into the same list. */
  at(path: string): FieldErrors {
    return new FieldErrors(joinPath(this.#prefix, path), this.#sink);
  }

  get list(): readonly FieldError[] {
    return this.#sink;
  }

  get empty(): boolean {
    return this.#sink.length === 0;
  }
}
