// A Deployment's status from its pods, with Kubernetes' Available and Progressing conditions.
import { formatMetaTime } from '@knot/api';
import type { Deployment, DeploymentCondition, DeploymentStatus } from 'kubernetes-types/apps/v1.js';
import { isPodAvailable, isPodReady } from './pod-readiness.js';
import { rolloutLimits, type PodGroups } from './rollout-plan.js';

/** Kubernetes' default progressDeadlineSeconds. */
const DEFAULT_PROGRESS_DEADLINE_SECONDS = 600;

export interface DeploymentStatusResult {
  readonly status: DeploymentStatus;
  /** When the status should be looked at again (a pod becoming available, the progress deadline), in ms. */
  readonly recheckAfterMs: number | undefined;
}

/**
 * Counts (replicas, updated, ready, available, unavailable) and conditions.
 * Progressing is True while the rollout moves (a new template, more updated,
 * ready or available pods, fewer old ones), NewReplicaSetAvailable once
 * complete, and False with ProgressDeadlineExceeded when nothing moved for
 * progressDeadlineSeconds. The "ReplicaSet" in messages is the pod-name
 * prefix `<deployment>-<hash>`: local mode owns pods by the Deployment directly.
 */
export function deploymentStatus(d: Deployment, groups: PodGroups, now: number, failure?: string): DeploymentStatusResult {
  const desired = Math.max(0, d.spec?.replicas ?? 1);
  const minReady = d.spec?.minReadySeconds ?? 0;
  const active = [...groups.current, ...groups.old];
  const prev = d.status;
  const counts = {
    replicas: active.length,
    updatedReplicas: groups.current.length,
    readyReplicas: active.filter(isPodReady).length,
    availableReplicas: active.filter((p) => isPodAvailable(p, minReady, now)).length,
  };
  const unavailableReplicas = Math.max(0, desired - counts.availableReplicas);
  const rs = `${d.metadata?.name ?? ''}-${groups.hash}`;
  const time = formatMetaTime(now);
  const prevProgressing = prev?.conditions?.find((c) => c.type === 'Progressing');
  const deadlineMs = (d.spec?.progressDeadlineSeconds ?? DEFAULT_PROGRESS_DEADLINE_SECONDS) * 1000;

  const complete = counts.updatedReplicas === desired && counts.replicas === desired && counts.availableReplicas === desired;
  const progressed =
    counts.updatedReplicas > (prev?.updatedReplicas ?? 0) ||
    counts.readyReplicas > (prev?.readyReplicas ?? 0) ||
    counts.availableReplicas > (prev?.availableReplicas ?? 0) ||
    counts.replicas - counts.updatedReplicas < (prev?.replicas ?? 0) - (prev?.updatedReplicas ?? 0);
  let progressing: DeploymentCondition;
  let recheckAfterMs: number | undefined;
  if (complete) progressing = cond(prevProgressing, 'Progressing', 'True', 'NewReplicaSetAvailable', `ReplicaSet "${rs}" has successfully progressed.`, time, false);
  else if (!prevProgressing?.message?.includes(`"${rs}"`)) progressing = cond(prevProgressing, 'Progressing', 'True', 'NewReplicaSetCreated', `Created new replica set "${rs}"`, time, true);
  else if (progressed) progressing = cond(prevProgressing, 'Progressing', 'True', 'ReplicaSetUpdated', `ReplicaSet "${rs}" is progressing.`, time, true);
  // As in Kubernetes, a rollout that completed never times out, and a timeout stands until something moves.
  else if (prevProgressing.reason === 'ProgressDeadlineExceeded' || prevProgressing.reason === 'NewReplicaSetAvailable') progressing = prevProgressing;
  else {
    const since = Date.parse(prevProgressing.lastUpdateTime ?? '') || now;
    if (now - since >= deadlineMs) progressing = cond(prevProgressing, 'Progressing', 'False', 'ProgressDeadlineExceeded', `ReplicaSet "${rs}" has timed out progressing.`, time, true);
    else {
      progressing = prevProgressing;
      recheckAfterMs = since + deadlineMs - now;
    }
  }
  if (!complete && progressing.status === 'True' && recheckAfterMs === undefined) recheckAfterMs = deadlineMs;

  const minAvailable = desired - rolloutLimits(d).maxUnavailable;
  const prevAvailable = prev?.conditions?.find((c) => c.type === 'Available');
  const available =
    counts.availableReplicas >= minAvailable
      ? cond(prevAvailable, 'Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.', time, false)
      : cond(prevAvailable, 'Available', 'False', 'MinimumReplicasUnavailable', 'Deployment does not have minimum availability.', time, false);
  const conditions = [available, progressing];
  if (failure) conditions.push(cond(prev?.conditions?.find((c) => c.type === 'ReplicaFailure'), 'ReplicaFailure', 'True', 'FailedCreate', failure, time, false));

  // A ready pod not yet available becomes so after minReadySeconds.
  if (minReady > 0 && counts.readyReplicas > counts.availableReplicas) recheckAfterMs = Math.min(recheckAfterMs ?? Infinity, 1000);
  return {
    status: { observedGeneration: d.metadata?.generation, ...counts, ...(unavailableReplicas > 0 ? { unavailableReplicas } : {}), conditions },
    recheckAfterMs,
  };
}

/** A condition, keeping the previous times unless its status changed (transition) or `touch` says it progressed (update). */
function cond(prev: DeploymentCondition | undefined, type: string, status: string, reason: string, message: string, time: string, touch: boolean): DeploymentCondition {
  const same = prev?.status === status;
  const sameReason = same && prev?.reason === reason;
  return {
    type,
    status,
    lastUpdateTime: touch || !sameReason ? time : (prev?.lastUpdateTime ?? time),
    lastTransitionTime: same ? (prev?.lastTransitionTime ?? time) : time,
    reason,
    message,
  };
}
