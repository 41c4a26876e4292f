import type { Status } from '../duck/condition.js';
import type { ManageOptions } from './condition-manager.js';
import type { ConditionSet } from './condition-set.js';
import { formatMetaTime } from '../meta-time.js';

/** Reason left on the happy condition when a reconciler saw a new generation but set no status. */
export const FAILED_GENERATION_BUMP_REASON = 'NewObservedGenFailure';

/** Records that `generation` of the object has been processed; 0 is left out, as Knative's JSON omits it. */
export function markObserved(status: Pick<Status, 'observedGeneration'>, generation: number | undefined): void {
  if (generation) status.observedGeneration = generation;
  else delete status.observedGeneration;
}

/**
 * What Knative's generated reconciler does before ReconcileKind: initialize the
 * set's conditions, and on a new generation reset the happy condition to
 * Unknown, for the reconciler to overwrite.
 */
export function preProcessStatus(set: ConditionSet, status: Status, generation: number | undefined, options?: ManageOptions): void {
  const manager = set.manage(status, options);
  manager.initializeConditions();
  if ((status.observedGeneration ?? 0) !== (generation ?? 0)) {
    manager.markUnknown(set.happy, FAILED_GENERATION_BUMP_REASON, 'unsuccessfully observed a new generation');
  }
}

/**
 * Gives every condition that differs from `before` (ignoring time) one shared
 * timestamp and restores the old timestamp on the rest, so a reconcile that
 * flips a condition back and forth leaves no trace (Knative's groomConditionsTransitionTime).
 */
export function groomTransitionTimes(status: Pick<Status, 'conditions'>, before: Pick<Status, 'conditions'> | undefined, now: Date | number): void {
  const stamp = formatMetaTime(now);
  for (const cond of status.conditions ?? []) {
    const old = before?.conditions?.find((c) => c.type === cond.type);
    if (
      old &&
      old.status === cond.status &&
      (old.severity ?? '') === (cond.severity ?? '') &&
      (old.reason ?? '') === (cond.reason ?? '') &&
      (old.message ?? '') === (cond.message ?? '')
    ) {
      if (old.lastTransitionTime === undefined) delete cond.lastTransitionTime;
      else cond.lastTransitionTime = old.lastTransitionTime;
      continue;
    }
    cond.lastTransitionTime = stamp;
  }
}
