import { exitCodeReason, hasDeploymentTimedOut, revisionContainerExitingMessage, type RevisionStatusManager } from '@knot/api';
import type { Deployment } from 'kubernetes-types/apps/v1.js';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { QUEUE_CONTAINER_NAME } from './resources/revision-meta.js';

/** Waiting reasons that mean the image will not come without a change: reported at once, not after the progress deadline. */
const IMAGE_PULL_FAILURES = new Set(['ErrImagePull', 'ImagePullBackOff', 'InvalidImageName', 'ErrImageNeverPull']);

/**
 * Explains why a Deployment that wants pods has none available, from one of its
 * pods (they all fail alike): unschedulable, a user container that exited
 * (`ExitCode<N>` with its termination message), or stuck waiting (an image pull
 * failure, or anything else once the progress deadline passed).
 */
export function diagnosePods(pods: readonly Pod[], deployment: Deployment, status: RevisionStatusManager): void {
  const pod = [...pods].sort((a, b) => (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? ''))[0];
  if (!pod) return;

  // An unscheduled pod has no container statuses to tell more.
  const unscheduled = pod.status?.conditions?.find((c) => c.type === 'PodScheduled' && c.status === 'False');
  if (unscheduled) status.markResourcesAvailableFalse(unscheduled.reason ?? '', unscheduled.message ?? '');

  for (const cs of pod.status?.containerStatuses ?? []) {
    if (cs.name === QUEUE_CONTAINER_NAME) continue;
    const terminated = cs.lastState?.terminated;
    if (terminated) {
      const message = terminated.exitCode === 0 && !terminated.message ? 'container exited with no error' : (terminated.message ?? '');
      status.markContainerHealthyFalse(exitCodeReason(terminated.exitCode), revisionContainerExitingMessage(message));
      return;
    }
    const waiting = cs.state?.waiting;
    if (waiting && (IMAGE_PULL_FAILURES.has(waiting.reason ?? '') || hasDeploymentTimedOut(deployment.status))) {
      status.markResourcesAvailableFalse(waiting.reason ?? '', waiting.message ?? '');
      return;
    }
  }
}
