import type { Status } from '../duck/condition.js';
import { ConditionManager, type ManageOptions } from './condition-manager.js';

/** The happy condition of long-running resources. */
export const CONDITION_READY = 'Ready';
/** The happy condition of run-to-completion resources. */
export const CONDITION_SUCCEEDED = 'Succeeded';

/**
 * The condition types a kind exposes: one happy condition (Ready or Succeeded)
 * derived from its dependents (knative.dev/pkg/apis.ConditionSet). Conditions
 * outside the set are informational and never affect the happy one.
 */
export class ConditionSet {
  readonly happy: string;
  readonly dependents: readonly string[];

  constructor(happy: string, dependents: readonly string[]) {
    this.happy = happy;
    this.dependents = Object.freeze([...new Set(dependents.filter((d) => d !== happy))]);
  }

  /** True for the happy condition and its dependents: the conditions that carry error severity. */
  isTerminal(type: string): boolean {
    return type === this.happy || this.dependents.includes(type);
  }

  /** A manager that reads and writes `status.conditions` in place. */
  manage(status: Pick<Status, 'conditions'>, options?: ManageOptions): ConditionManager {
    return new ConditionManager(this, status, options);
  }
}

/** A set whose happy condition is `Ready`, e.g. `newLivingConditionSet('ConfigurationsReady', 'RoutesReady')`. */
export function newLivingConditionSet(...dependents: string[]): ConditionSet {
  return new ConditionSet(CONDITION_READY, dependents);
}

/** A set whose happy condition is `Succeeded`. */
export function newBatchConditionSet(...dependents: string[]): ConditionSet {
  return new ConditionSet(CONDITION_SUCCEEDED, dependents);
}
