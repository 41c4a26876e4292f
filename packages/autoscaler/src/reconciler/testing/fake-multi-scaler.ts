// A MultiScaler whose decider statuses the test sets: the seam between the
// PodAutoscaler reconciler and the scaling side, which has its own tests.
import type { Decider, DeciderSpec, DeciderStatus, MultiScaler, RevisionKey } from '../../scaling/types.js';

/** What a decider reports before its first decision. */
export const UNDECIDED: DeciderStatus = Object.freeze({ desiredScale: -1, excessBurstCapacity: 0, numActivators: 0, inPanic: false });

export class FakeMultiScaler implements MultiScaler {
  readonly specs = new Map<RevisionKey, DeciderSpec>();
  readonly deleted: RevisionKey[] = [];
  readonly #statuses = new Map<RevisionKey, DeciderStatus>();
  readonly #listeners: ((key: RevisionKey) => void)[] = [];

  constructor(statuses: Readonly<Record<RevisionKey, Partial<DeciderStatus>>> = {}) {
    for (const [key, s] of Object.entries(statuses)) this.#statuses.set(key, { ...UNDECIDED, ...s });
  }

  update(key: RevisionKey, spec: DeciderSpec): Decider {
    this.specs.set(key, spec);
    return { key, spec, status: this.#statuses.get(key) ?? UNDECIDED };
  }

  get(key: RevisionKey): Decider | undefined {
    const spec = this.specs.get(key);
    return spec && { key, spec, status: this.#statuses.get(key) ?? UNDECIDED };
  }

  delete(key: RevisionKey): void {
    this.specs.delete(key);
    this.deleted.push(key);
  }

  onChange(listener: (key: RevisionKey) => void): void {
    this.#listeners.push(listener);
  }

  /** Sets what the decider reports and tells the listeners, as a tick that changed the decision would. */
  setStatus(key: RevisionKey, status: Partial<DeciderStatus>): void {
    this.#statuses.set(key, { ...UNDECIDED, ...status });
    for (const l of this.#listeners) l(key);
  }
}
