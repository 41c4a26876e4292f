// The ServerlessService's conditions and the transitions its reconciler makes (Knative's serverlessservice_lifecycle.go).
import { newLivingConditionSet } from '../conditions/condition-set.js';
import type { ConditionManager, ManageOptions } from '../conditions/condition-manager.js';
import { timeOf } from '../conditions/condition-time.js';
import { ServerlessServiceConditions, type ServerlessService, type ServerlessServiceStatus } from './serverless-service.js';

/** Ready follows EndpointsPopulated; ActivatorEndpointsPopulated is informational. */
export const serverlessServiceConditionSet = newLivingConditionSet(ServerlessServiceConditions.EndpointsPopulated);

/** Reason of EndpointsPopulated while the revision has no ready pods. */
export const NO_HEALTHY_BACKENDS_REASON = 'NoHealthyBackends';

const ACTIVATOR_MESSAGE = 'Revision is backed by Activator';

/** True when the SKS's status describes its current generation and is Ready. */
export function isServerlessServiceReady(sks: ServerlessService): boolean {
  const status = sks.status;
  return (
    (status?.observedGeneration ?? 0) === (sks.metadata?.generation ?? 0) &&
    status?.conditions?.find((c) => c.type === ServerlessServiceConditions.Ready)?.status === 'True'
  );
}

/** How long (ms) the activator has been in the request path at `now`; 0 when it is not. */
export function serverlessServiceProxyFor(status: ServerlessServiceStatus | undefined, now: number): number {
  const cond = status?.conditions?.find((c) => c.type === ServerlessServiceConditions.ActivatorEndpointsPopulated);
  if (cond?.status !== 'True') return 0;
  return Math.max(0, now - timeOf(cond.lastTransitionTime));
}

/** The ServerlessService status transitions, each writing the conditions Knative writes. */
export class ServerlessServiceStatusManager {
  readonly #m: ConditionManager;

  constructor(status: ServerlessServiceStatus, options?: ManageOptions) {
    this.#m = serverlessServiceConditionSet.manage(status, options);
  }

  get conditions(): ConditionManager {
    return this.#m;
  }

  initializeConditions(): void {
    this.#m.initializeConditions();
  }

  /** The revision's pods back the public service. */
  markEndpointsReady(): void {
    this.#m.markTrue(ServerlessServiceConditions.EndpointsPopulated);
  }

  /** Unknown while services are being created or updated, or with `NoHealthyBackends` while no pod is ready. */
  markEndpointsNotReady(reason: string): void {
    this.#m.markUnknown(ServerlessServiceConditions.EndpointsPopulated, reason, 'K8s Service is not ready');
  }

  /** A Service or Endpoints of our name exists but another owner controls it. */
  markEndpointsNotOwned(kind: string, name: string): void {
    this.#m.markFalse(ServerlessServiceConditions.EndpointsPopulated, 'NotOwned', 'Resource %s of type %s is not owned by SKS', name, kind);
  }

  /** The activator is in the request path. */
  markActivatorEndpointsPopulated(): void {
    this.#setActivator('True');
  }

  /** The activator is out of the request path. */
  markActivatorEndpointsRemoved(): void {
    this.#setActivator('False');
  }

  #setActivator(status: 'True' | 'False'): void {
    this.#m.setCondition({
      type: ServerlessServiceConditions.ActivatorEndpointsPopulated,
      status,
      severity: 'Info',
      reason: 'ActivatorEndpointsPopulated',
      message: ACTIVATOR_MESSAGE,
    });
  }
}

/** A manager writing into `status` (created when missing) with the given clock. */
export function manageServerlessServiceStatus(sks: ServerlessService, options?: ManageOptions): ServerlessServiceStatusManager {
  return new ServerlessServiceStatusManager((sks.status ??= {}), options);
}
