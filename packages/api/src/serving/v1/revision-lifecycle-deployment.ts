// A Deployment's status seen through Knative's condition conventions (Knative's serving/k8s_lifecycle.go).
import type { DeploymentStatus } from 'kubernetes-types/apps/v1.js';
import { newLivingConditionSet } from '../../conditions/condition-set.js';
import type { Condition, Status } from '../../duck/condition.js';

const PROGRESSING = 'Progressing';
const REPLICA_SET_READY = 'ReplicaSetReady';

const deploymentConditionSet = newLivingConditionSet(PROGRESSING, REPLICA_SET_READY);

/**
 * The Deployment's readiness as one Ready condition: Progressing carries over,
 * ReplicaFailure is inverted into ReplicaSetReady, and Ready is derived from both
 * (Knative's TransformDeploymentStatus). No Progressing condition reads as
 * Unknown `Deploying`.
 */
export function deploymentReadyCondition(ds: DeploymentStatus | undefined): Condition {
  const status: Status = {};
  // A fixed clock: only the derived Ready matters, and "most recent failure" must follow the order below.
  let tick = 0;
  const m = deploymentConditionSet.manage(status, { now: () => ++tick * 1000 });
  m.initializeConditions();
  // The absence of ReplicaFailure means no failure has occurred.
  m.markTrue(REPLICA_SET_READY);
  m.markUnknown(PROGRESSING, 'Deploying', '');

  for (const want of ['Progressing', 'ReplicaFailure']) {
    for (const c of ds?.conditions ?? []) {
      if (c.type !== want) continue;
      const reason = c.reason ?? '';
      const message = c.message ?? '';
      if (c.type === 'Progressing') {
        if (c.status === 'True') m.markTrue(PROGRESSING);
        else if (c.status === 'False') m.markFalse(PROGRESSING, reason, '%s', message);
        else m.markUnknown(PROGRESSING, reason, '%s', message);
      } else {
        if (c.status === 'True') m.markFalse(REPLICA_SET_READY, reason, '%s', message);
        else if (c.status === 'False') m.markTrue(REPLICA_SET_READY);
        else m.markUnknown(REPLICA_SET_READY, reason, '%s', message);
      }
    }
  }
  return m.getTopLevelCondition() ?? { type: 'Ready', status: 'Unknown' };
}

/** True when the Deployment's Progressing condition is False with reason ProgressDeadlineExceeded (Knative's hasDeploymentTimedOut). */
export function hasDeploymentTimedOut(ds: DeploymentStatus | undefined): boolean {
  return (ds?.conditions ?? []).some((c) => c.type === 'Progressing' && c.status === 'False' && c.reason === 'ProgressDeadlineExceeded');
}
