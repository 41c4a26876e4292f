// The kpa-class PodAutoscaler: a decider per revision, its Metric and SKS, and the
// Deployment's replicas from the decider's wish (Knative's kpa.Reconciler).
import { apps, autoscaling, core, isServerlessServiceReady, KPA_CLASS, networking, ServerlessServiceConditions, type Metric, type PodAutoscaler, type ServerlessService } from '@knot/api';
import type { Client, KindReconciler, Lister, ReconcileContext, ReconcileResult, SharedInformerFactory } from '@knot/runtime';
import type { Deployment } from 'kubernetes-types/apps/v1.js';
import type { Endpoints } from 'kubernetes-types/core/v1.js';
import type { AutoscalerConfigSource } from '../config-store.js';
import { readPolicies } from '../policies/policies.js';
import type { MultiScaler } from '../scaling/types.js';
import { computeActiveCondition } from './active-condition.js';
import { decideScale, SCALE_UNKNOWN } from './decide-scale.js';
import { makeDeciderSpec } from './make-decider-spec.js';
import { makeMetric, makeServerlessService } from './make-children.js';
import { paClass } from './pa-annotations.js';
import { managePodAutoscalerStatus, NO_PRIVATE_SERVICE_NAME } from './pa-status.js';
import { readyPods } from './ready-pods.js';
import { reconcileChild } from './reconcile-child.js';
import { writeScale } from './write-scale.js';

/** Activators put in the path before the decider has said how many. */
export const MIN_ACTIVATORS = 2;

export interface KpaListers {
  readonly serverlessServices: Lister<ServerlessService>;
  readonly metrics: Lister<Metric>;
  readonly deployments: Lister<Deployment>;
  readonly endpoints: Lister<Endpoints>;
}

export function kpaListers(informers: SharedInformerFactory): KpaListers {
  return {
    serverlessServices: informers.listerFor(networking.serverlessServices),
    metrics: informers.listerFor(autoscaling.metrics),
    deployments: informers.listerFor(apps.deployments),
    endpoints: informers.listerFor(core.endpoints),
  };
}

export interface KpaReconcilerOptions {
  readonly client: Client;
  readonly config: AutoscalerConfigSource;
  readonly multiScaler: MultiScaler;
  readonly listers: KpaListers;
}

export const paKey = (pa: PodAutoscaler): string => `${pa.metadata?.namespace ?? ''}/${pa.metadata?.name ?? ''}`;

export class KpaReconciler implements KindReconciler<PodAutoscaler> {
  readonly #o: KpaReconcilerOptions;

  constructor(opts: KpaReconcilerOptions) {
    this.#o = opts;
  }

  async reconcileKind(pa: PodAutoscaler, ctx: ReconcileContext): Promise<void | ReconcileResult> {
    // Queued by class; a PA that changed class in between is left to its new owner.
    if (paClass(pa) !== KPA_CLASS) return;
    const { client, listers } = this.#o;
    const config = this.#o.config.current();
    const now = ctx.clock.now();
    const status = managePodAutoscalerStatus(pa, () => ctx.clock.now());
    const policies = readPolicies(pa, now);
    status.markPolicies(policies.problems);
    const waits: (number | undefined)[] = [policies.nextScheduleChangeMs];
    const result = (): ReconcileResult | undefined => {
      const ms = waits.filter((w): w is number => w !== undefined);
      return ms.length > 0 ? { requeueAfter: Math.min(...ms) } : undefined;
    };
    const sksOf = (mode: 'Serve' | 'Proxy', numActivators: number) =>
      reconcileChild({ client, resource: networking.serverlessServices, lister: listers.serverlessServices, pa, status, desired: makeServerlessService(pa, mode, numActivators) });

    // Nothing can be scaled or scraped before the SKS has made the private Service.
    const existing = listers.serverlessServices.get(pa.metadata?.namespace, pa.metadata?.name ?? '');
    const privateService = existing?.status?.privateServiceName;
    if (!privateService) {
      await sksOf('Serve', MIN_ACTIVATORS);
      status.markSKSNotReady(NO_PRIVATE_SERVICE_NAME);
      computeActiveCondition(pa, status, config, policies.scheduledMinScale, SCALE_UNKNOWN, 0);
      status.setScale(SCALE_UNKNOWN, 0);
      return result();
    }
    (pa.status ??= {}).metricsServiceName = privateService;

    const decider = this.#o.multiScaler.update(paKey(pa), makeDeciderSpec(pa, config.autoscaler));
    await reconcileChild({ client, resource: autoscaling.metrics, lister: listers.metrics, pa, status, desired: makeMetric(pa, privateService, config.autoscaler) });

    const decision = decideScale({ pa, status, sks: existing, desired: decider.status.desiredScale, config, scheduledMinScale: policies.scheduledMinScale, now });
    waits.push(decision.requeueAfterMs);
    if (decision.apply) await writeScale({ client, deployments: listers.deployments, pa, want: decision.want, reserve: policies.reserve });
    const { want } = decision;
    ctx.logger.debug({ want, desired: decider.status.desiredScale, ebc: decider.status.excessBurstCapacity }, 'scale decided');

    // The activator is in the path at zero, while burst capacity is short, and for an inactive PA the decider knows nothing of yet.
    const proxy = want === 0 || decider.status.excessBurstCapacity < 0 || (want === SCALE_UNKNOWN && status.isInactive());
    const sks = await sksOf(proxy ? 'Proxy' : 'Serve', decider.status.numActivators);
    status.setServiceName(sks.status?.serviceName);
    if (isServerlessServiceReady(sks)) status.markSKSReady();
    else status.markSKSNotReady(sks.status?.conditions?.find((c) => c.type === ServerlessServiceConditions.Ready)?.message ?? '');

    const ready = readyPods(listers.endpoints.get(pa.metadata?.namespace, privateService));
    computeActiveCondition(pa, status, config, policies.scheduledMinScale, want, ready);
    status.setScale(want, ready);
    return result();
  }
}
