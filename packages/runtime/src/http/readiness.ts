/** A named condition readiness depends on, e.g. "informers synced". */
export type ReadinessCheck = () => boolean;

/**
 * Whether a component should receive traffic. Starts not ready; `drain()`
 * makes it unready for good, so load balancers stop sending before shutdown.
 */
export class Readiness {
  #ready: boolean;
  #draining = false;
  readonly #checks = new Map<string, ReadinessCheck>();

  constructor(initiallyReady = false) {
    this.#ready = initiallyReady;
  }

  setReady(ready: boolean): void {
    this.#ready = ready;
  }

  /** Flips readiness to false permanently; `/readyz` answers 503 from now on. */
  drain(): void {
    this.#draining = true;
  }

  get draining(): boolean {
    return this.#draining;
  }

  /** Adds a check that must also pass; returns a function removing it. */
  addCheck(name: string, check: ReadinessCheck): () => void {
    this.#checks.set(name, check);
    return () => this.#checks.delete(name);
  }

  /** Why the component is not ready; empty when it is. */
  problems(): string[] {
    if (this.#draining) return ['draining'];
    const out = this.#ready ? [] : ['not ready'];
    for (const [name, check] of this.#checks) if (!passes(check)) out.push(name);
    return out;
  }

  get ready(): boolean {
    return this.problems().length === 0;
  }
}

/** A check that throws counts as failing rather than breaking the probe. */
function passes(check: ReadinessCheck): boolean {
  try {
    return check();
  } catch {
    return false;
  }
}
