// The Ingress's conditions and the transitions an ingress implementation makes (Knative networking's ingress_lifecycle.go).
import { newLivingConditionSet } from '../../conditions/condition-set.js';
import type { ConditionManager, ManageOptions } from '../../conditions/condition-manager.js';
import { IngressConditions, type Ingress, type IngressStatus, type LoadBalancerIngressStatus } from '../../networking/ingress.js';

/** Ready follows NetworkConfigured and LoadBalancerReady. */
export const ingressConditionSet = newLivingConditionSet(IngressConditions.NetworkConfigured, IngressConditions.LoadBalancerReady);

/** The Ingress status transitions, each writing the conditions Knative writes. */
export class IngressStatusManager {
  readonly #status: IngressStatus;
  readonly #m: ConditionManager;

  constructor(status: IngressStatus, options?: ManageOptions) {
    this.#status = status;
    this.#m = ingressConditionSet.manage(status, options);
  }

  get conditions(): ConditionManager {
    return this.#m;
  }

  initializeConditions(): void {
    this.#m.initializeConditions();
  }

  /** The rules are programmed into the gateway. */
  markNetworkConfigured(): void {
    this.#m.markTrue(IngressConditions.NetworkConfigured);
  }

  /** A resource the Ingress needs exists but belongs to someone else. */
  markResourceNotOwned(kind: string, name: string): void {
    this.#m.markFalse(IngressConditions.NetworkConfigured, 'NotOwned', 'There is an existing %s %q that we do not own.', kind, name);
  }

  /** The load balancers serve the Ingress; they are what the Route's K8s Services point at. */
  markLoadBalancerReady(publicLbs: readonly LoadBalancerIngressStatus[], privateLbs: readonly LoadBalancerIngressStatus[]): void {
    this.#status.publicLoadBalancer = { ingress: publicLbs.map((lb) => ({ ...lb })) };
    this.#status.privateLoadBalancer = { ingress: privateLbs.map((lb) => ({ ...lb })) };
    this.#m.markTrue(IngressConditions.LoadBalancerReady);
  }

  markLoadBalancerNotReady(): void {
    this.#m.markUnknown(IngressConditions.LoadBalancerReady, 'Uninitialized', 'Waiting for load balancer to be ready');
  }

  markLoadBalancerFailed(reason: string, message: string): void {
    this.#m.markFalse(IngressConditions.LoadBalancerReady, reason, '%s', message);
  }

  markIngressNotReady(reason: string, message: string): void {
    this.#m.markUnknown(IngressConditions.Ready, reason, '%s', message);
  }

  isReady(): boolean {
    return this.#m.isHappy();
  }
}

/** A manager writing into `ingress.status` (created when missing) with the given clock. */
export function manageIngressStatus(ingress: Ingress, options?: ManageOptions): IngressStatusManager {
  return new IngressStatusManager((ingress.status ??= {}), options);
}
