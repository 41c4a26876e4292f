// The Revision's conditions and the transitions its reconciler makes (Knative's revision_lifecycle.go).
import type { DeploymentStatus } from 'kubernetes-types/apps/v1.js';
import { PodAutoscalerConditions, type PodAutoscalerStatus } from '../../autoscaling/pod-autoscaler.js';
import { newLivingConditionSet } from '../../conditions/condition-set.js';
import type { ConditionManager, ManageOptions } from '../../conditions/condition-manager.js';
import type { Condition, ConditionStatus } from '../../duck/condition.js';
import type { Revision, RevisionStatus } from './revision.js';
import { deploymentReadyCondition } from './revision-lifecycle-deployment.js';

export const RevisionConditions = {
  Ready: 'Ready',
  /** The Deployment and the autoscaler's resources exist and can serve. */
  ResourcesAvailable: 'ResourcesAvailable',
  /** The user container started and passes its readiness probe. */
  ContainerHealthy: 'ContainerHealthy',
  /** The revision takes traffic (is scaled above zero); informational, so a revision at zero stays Ready. */
  Active: 'Active',
} as const;

/** Ready follows ResourcesAvailable and ContainerHealthy; Active is outside the set. */
export const revisionConditionSet = newLivingConditionSet(RevisionConditions.ResourcesAvailable, RevisionConditions.ContainerHealthy);

export const RevisionReasons = {
  /** ContainerHealthy False: an image could not be resolved to a digest. */
  ContainerMissing: 'ContainerMissing',
  /** ResourcesAvailable Unknown while image digests are resolved. */
  ResolvingDigests: 'ResolvingDigests',
  /** Unknown while the Deployment or PodAutoscaler comes up. */
  Deploying: 'Deploying',
  /** A child of our name exists and another owner controls it. */
  NotOwned: 'NotOwned',
  /** The Deployment made no progress within its deadline, or initial scale was never reached. */
  ProgressDeadlineExceeded: 'ProgressDeadlineExceeded',
} as const;

/** `There is an existing Deployment "x" that we do not own.` */
export function resourceNotOwnedMessage(kind: string, name: string): string {
  return `There is an existing ${kind} ${JSON.stringify(name)} that we do not own.`;
}

/** `ExitCode137` */
export function exitCodeReason(exitCode: number): string {
  return `ExitCode${exitCode}`;
}

/** `Container failed with: <message>` */
export function revisionContainerExitingMessage(message: string): string {
  return `Container failed with: ${message}`;
}

/** `Unable to fetch image "x": <message>` */
export function revisionContainerMissingMessage(image: string, message: string): string {
  return `Unable to fetch image ${JSON.stringify(image)}: ${message}`;
}

/** True when the revision's status describes its current generation and is Ready. */
export function isRevisionReady(rev: Revision): boolean {
  return observed(rev) && conditionOf(rev.status, RevisionConditions.Ready)?.status === 'True';
}

/** True when the revision's status describes its current generation and Ready is False. */
export function isRevisionFailed(rev: Revision): boolean {
  return observed(rev) && conditionOf(rev.status, RevisionConditions.Ready)?.status === 'False';
}

/** True when Active is present and not True: requests must go through the activator (Knative's IsActivationRequired). */
export function isActivationRequired(status: RevisionStatus | undefined): boolean {
  const active = conditionOf(status, RevisionConditions.Active);
  return active !== undefined && active.status !== 'True';
}

function observed(rev: Revision): boolean {
  return (rev.status?.observedGeneration ?? 0) === (rev.metadata?.generation ?? 0);
}

function conditionOf(status: { conditions?: Condition[] } | undefined, type: string): Condition | undefined {
  return status?.conditions?.find((c) => c.type === type);
}

const isFalse = (c: Condition | undefined): boolean => c?.status === 'False';
const isTrue = (c: Condition | undefined): boolean => c?.status === 'True';

/** The Revision status transitions, each writing the conditions Knative writes. */
export class RevisionStatusManager {
  readonly #status: RevisionStatus;
  readonly #m: ConditionManager;

  constructor(status: RevisionStatus, options?: ManageOptions) {
    this.#status = status;
    this.#m = revisionConditionSet.manage(status, options);
  }

  get conditions(): ConditionManager {
    return this.#m;
  }

  initializeConditions(): void {
    this.#m.initializeConditions();
  }

  markActiveTrue(): void {
    this.#m.markTrue(RevisionConditions.Active);
  }

  markActiveFalse(reason: string, message: string): void {
    this.#m.markFalse(RevisionConditions.Active, reason, '%s', message);
  }

  markActiveUnknown(reason: string, message: string): void {
    this.#m.markUnknown(RevisionConditions.Active, reason, '%s', message);
  }

  markContainerHealthyTrue(): void {
    this.#m.markTrue(RevisionConditions.ContainerHealthy);
  }

  /** Messages are taken verbatim: container errors may contain `%`. */
  markContainerHealthyFalse(reason: string, message: string): void {
    this.#m.markFalse(RevisionConditions.ContainerHealthy, reason, '%s', message);
  }

  markContainerHealthyUnknown(reason: string, message: string): void {
    this.#m.markUnknown(RevisionConditions.ContainerHealthy, reason, '%s', message);
  }

  markResourcesAvailableTrue(): void {
    this.#m.markTrue(RevisionConditions.ResourcesAvailable);
  }

  markResourcesAvailableFalse(reason: string, message: string): void {
    this.#m.markFalse(RevisionConditions.ResourcesAvailable, reason, '%s', message);
  }

  markResourcesAvailableUnknown(reason: string, message: string): void {
    this.#m.markUnknown(RevisionConditions.ResourcesAvailable, reason, '%s', message);
  }

  /** ResourcesAvailable follows the Deployment: Progressing and ReplicaFailure, as Knative reads them. */
  propagateDeploymentStatus(ds: DeploymentStatus | undefined): void {
    const cond = deploymentReadyCondition(ds);
    this.#mark(RevisionConditions.ResourcesAvailable, cond.status, cond.reason ?? '', cond.message ?? '');
  }

  /**
   * Reflects the PodAutoscaler: replicas, Active from its Ready condition, and
   * ResourcesAvailable once the scale target is initialized and has a Service.
   * A failure already recorded from the Deployment or pods is never overwritten.
   */
  propagateAutoscalerStatus(ps: PodAutoscalerStatus | undefined): void {
    const resourcesUnavailable = isFalse(this.#m.getCondition(RevisionConditions.ResourcesAvailable)) || isFalse(this.#m.getCondition(RevisionConditions.ContainerHealthy));
    const cond = conditionOf(ps, PodAutoscalerConditions.Ready);

    delete this.#status.actualReplicas;
    if (ps?.actualScale !== undefined && ps.actualScale >= 0) this.#status.actualReplicas = ps.actualScale;
    delete this.#status.desiredReplicas;
    if (ps?.desiredScale !== undefined && ps.desiredScale >= 0) this.#status.desiredReplicas = ps.desiredScale;

    if (!cond) {
      this.markActiveUnknown(RevisionReasons.Deploying, '');
      if (!resourcesUnavailable) this.markResourcesAvailableUnknown(RevisionReasons.Deploying, '');
      return;
    }

    const initialized = isTrue(conditionOf(ps, PodAutoscalerConditions.ScaleTargetInitialized));
    // Initialization implies the SKS is active, and so the revision has endpoints.
    if (initialized && !resourcesUnavailable) {
      this.markResourcesAvailableTrue();
      this.markContainerHealthyTrue();
    }
    // Ready pods but no Service (e.g. initial scale 0) are not yet available resources.
    if (isTrue(this.#m.getCondition(RevisionConditions.ResourcesAvailable)) && (!ps?.serviceName || !initialized)) {
      this.markResourcesAvailableUnknown(RevisionReasons.Deploying, '');
    }

    switch (cond.status) {
      case 'Unknown':
        this.markActiveUnknown(cond.reason ?? '', cond.message ?? '');
        break;
      case 'False':
        // Scaled to zero without ever reaching initial scale: the revision failed to start within the progress deadline.
        if (!initialized && !resourcesUnavailable && ps?.serviceName) {
          this.markResourcesAvailableFalse(RevisionReasons.ProgressDeadlineExceeded, 'Initial scale was never achieved');
        }
        this.markActiveFalse(cond.reason ?? '', cond.message ?? '');
        break;
      case 'True':
        this.markActiveTrue();
        break;
    }
  }

  #mark(type: string, status: ConditionStatus, reason: string, message: string): void {
    if (status === 'True') this.#m.markTrue(type);
    else if (status === 'False') this.#m.markFalse(type, reason, '%s', message);
    else this.#m.markUnknown(type, reason, '%s', message);
  }
}

/** A manager writing into `rev.status` (created when missing) with the given clock. */
export function manageRevisionStatus(rev: Revision, options?: ManageOptions): RevisionStatusManager {
  return new RevisionStatusManager((rev.status ??= {}), options);
}
