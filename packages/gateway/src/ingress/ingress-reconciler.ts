// Programs an Ingress into the gateway's routing table and writes its status as Knative's ingress implementations do.
import { IngressConditions, manageIngressStatus, type GatewayLoadBalancers, type Ingress } from '@knot/api';
import type { KindReconciler, ReconcileContext } from '@knot/runtime';
import type { RouteProgrammer } from '../table/route-programmer.js';
import { isKnotIngress } from './ingress-class.js';

export interface IngressReconcilerOptions {
  readonly programmer: RouteProgrammer;
  readonly loadBalancers: GatewayLoadBalancers;
  /** Told which Services an Ingress's splits name, so a Service appearing later re-reconciles it. */
  readonly track: (ingressKey: string, services: ReadonlySet<string>) => void;
  readonly ingressClass: string;
}

/** Reason of LoadBalancerReady while a split names a Service (or port) that does not exist. */
export const SERVICE_NOT_FOUND_REASON = 'ServiceNotFound';

/**
 * The table is swapped before the status is written, so Ready never precedes
 * routing in this replica. Ready waits for every split's Service and port to
 * exist; an existing Service with no ready addresses is served with 503s
 * (scale to zero puts the activator's there).
 */
export class IngressReconciler implements KindReconciler<Ingress> {
  readonly #o: IngressReconcilerOptions;

  constructor(opts: IngressReconcilerOptions) {
    this.#o = opts;
  }

  reconcileKind(ingress: Ingress, ctx: ReconcileContext): Promise<void> {
    const key = `${ingress.metadata?.namespace ?? ''}/${ingress.metadata?.name ?? ''}`;
    // The informer handler filters by class; an Ingress that changed class in between is left alone.
    if (!isKnotIngress(ingress, this.#o.ingressClass)) return Promise.resolve();
    const status = manageIngressStatus(ingress, { now: () => ctx.clock.now() });
    const entries = this.#o.programmer.program(ingress);
    status.markNetworkConfigured();
    const services = new Set<string>();
    const missing: string[] = [];
    for (const e of entries) {
      for (const p of e.rule.paths) {
        for (const s of p.splits) {
          const svc = `${s.pool.namespace}/${s.pool.name}`;
          if (services.has(svc)) continue;
          services.add(svc);
          const problem = s.pool.missing;
          if (problem) missing.push(problem);
        }
      }
    }
    this.#o.track(key, services);
    if (missing.length > 0) {
      ctx.logger.info({ missing }, 'ingress waits for its backends');
      // Unknown, not False: the SKS creates a revision's Service moments after the Route writes the Ingress.
      status.conditions.markUnknown(IngressConditions.LoadBalancerReady, SERVICE_NOT_FOUND_REASON, '%s', missing.sort().join('; '));
    } else {
      status.markLoadBalancerReady(this.#o.loadBalancers.public, this.#o.loadBalancers.private);
    }
    return Promise.resolve();
  }
}
