// The PodAutoscaler's conditions and the transitions both classes make (Knative's pa_lifecycle.go).
import { newLivingConditionSet, PodAutoscalerConditions, type ConditionManager, type PodAutoscaler, type PodAutoscalerStatus } from '@knot/api';

/** Ready follows Active, ScaleTargetInitialized and SKSReady. */
export const podAutoscalerConditionSet = newLivingConditionSet(PodAutoscalerConditions.Active, PodAutoscalerConditions.ScaleTargetInitialized, PodAutoscalerConditions.SKSReady);

/** Informational condition of the scaling-policy annotations (scheduled scaling, reserved instance); never affects Ready. */
export const POLICIES_CONDITION = 'PoliciesValid';

export const PaReasons = {
  Queued: 'Queued',
  NoTraffic: 'NoTraffic',
  TimedOut: 'TimedOut',
  NotOwned: 'NotOwned',
  FailedCreate: 'FailedCreate',
  SKSNotReady: 'NotReady',
  InvalidPolicy: 'InvalidPolicy',
} as const;

/** SKSReady's message before the SKS has a private Service. */
export const NO_PRIVATE_SERVICE_NAME = 'No Private Service Name';

export class PodAutoscalerStatusManager {
  readonly #m: ConditionManager;
  readonly #status: PodAutoscalerStatus;
  readonly #now: () => number;

  constructor(status: PodAutoscalerStatus, now: () => number) {
    this.#status = status;
    this.#now = now;
    this.#m = podAutoscalerConditionSet.manage(status, { now });
  }

  get conditions(): ConditionManager {
    return this.#m;
  }

  #active(): string | undefined {
    return this.#m.getCondition(PodAutoscalerConditions.Active)?.status;
  }
  isActive(): boolean {
    return this.#active() === 'True';
  }
  isActivating(): boolean {
    return this.#active() === 'Unknown';
  }
  isInactive(): boolean {
    return this.#active() === 'False';
  }
  isScaleTargetInitialized(): boolean {
    return this.#m.getCondition(PodAutoscalerConditions.ScaleTargetInitialized)?.status === 'True';
  }

  markActive(): void {
    this.#m.markTrue(PodAutoscalerConditions.Active);
  }
  markActivating(reason: string, message: string): void {
    this.#m.markUnknown(PodAutoscalerConditions.Active, reason, '%s', message);
  }
  markInactive(reason: string, message: string): void {
    this.#m.markFalse(PodAutoscalerConditions.Active, reason, '%s', message);
  }
  markScaleTargetInitialized(): void {
    this.#m.markTrue(PodAutoscalerConditions.ScaleTargetInitialized);
  }
  markSKSReady(): void {
    this.#m.markTrue(PodAutoscalerConditions.SKSReady);
  }
  markSKSNotReady(message: string): void {
    this.#m.markUnknown(PodAutoscalerConditions.SKSReady, PaReasons.SKSNotReady, '%s', message);
  }
  /** An SKS, Metric or HPA of our name exists but another owner controls it. */
  markResourceNotOwned(kind: string, name: string): void {
    this.markInactive(PaReasons.NotOwned, `There is an existing ${kind} ${JSON.stringify(name)} that we do not own.`);
  }
  markResourceFailedCreation(kind: string, name: string): void {
    this.markInactive(PaReasons.FailedCreate, `Failed to create ${kind} ${JSON.stringify(name)}.`);
  }
  /** undefined: no policy annotation; []: all parse; else the problems, each naming its annotation. */
  markPolicies(problems: readonly string[] | undefined): void {
    if (problems === undefined) this.#m.clearCondition(POLICIES_CONDITION);
    else if (problems.length === 0) this.#m.setCondition({ type: POLICIES_CONDITION, status: 'True', severity: 'Info' });
    else this.#m.setCondition({ type: POLICIES_CONDITION, status: 'False', severity: 'Warning', reason: PaReasons.InvalidPolicy, message: problems.join('; ') });
  }

  /** How long Active has been in `status` at now; negative when it is not in it (Knative's inStatusFor). */
  inActiveStatusFor(status: 'True' | 'False' | 'Unknown'): number {
    const cond = this.#m.getCondition(PodAutoscalerConditions.Active);
    if (cond?.status !== status) return -1;
    return this.#now() - (Date.parse(cond.lastTransitionTime ?? '') || 0);
  }

  /** The K8s Service in front of the revision, as the SKS reports it. */
  setServiceName(name: string | undefined): void {
    if (name) this.#status.serviceName = name;
    else delete this.#status.serviceName;
  }

  setScale(desired: number, actual: number): void {
    this.#status.desiredScale = desired;
    this.#status.actualScale = actual;
  }
}

export function managePodAutoscalerStatus(pa: PodAutoscaler, now: () => number): PodAutoscalerStatusManager {
  return new PodAutoscalerStatusManager((pa.status ??= {}), now);
}
