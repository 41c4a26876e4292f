// The hpa-class PodAutoscaler: Kubernetes' HorizontalPodAutoscaler does the scaling;
// this keeps it and the SKS in shape and mirrors the HPA's status (Knative's hpa.Reconciler).
import { hpa as hpaResources, HPA_CLASS, isServerlessServiceReady, networking, type PodAutoscaler, type ServerlessService } from '@knot/api';
import type { Client, KindReconciler, Lister, ReconcileContext, ReconcileResult } from '@knot/runtime';
import type { HorizontalPodAutoscaler } from 'kubernetes-types/autoscaling/v2.js';
import type { AutoscalerConfigSource } from '../config-store.js';
import { readPolicies } from '../policies/policies.js';
import { activeThreshold } from '../reconciler/active-condition.js';
import { makeServerlessService } from '../reconciler/make-children.js';
import { paClass } from '../reconciler/pa-annotations.js';
import { managePodAutoscalerStatus } from '../reconciler/pa-status.js';
import { reconcileChild } from '../reconciler/reconcile-child.js';
import { makeHorizontalPodAutoscaler } from './make-hpa.js';

export interface HpaReconcilerOptions {
  readonly client: Client;
  readonly config: AutoscalerConfigSource;
  readonly horizontalPodAutoscalers: Lister<HorizontalPodAutoscaler>;
  readonly serverlessServices: Lister<ServerlessService>;
}

export class HpaReconciler implements KindReconciler<PodAutoscaler> {
  readonly #o: HpaReconcilerOptions;

  constructor(opts: HpaReconcilerOptions) {
    this.#o = opts;
  }

  async reconcileKind(pa: PodAutoscaler, ctx: ReconcileContext): Promise<void | ReconcileResult> {
    if (paClass(pa) !== HPA_CLASS) return;
    const { client } = this.#o;
    const config = this.#o.config.current();
    const status = managePodAutoscalerStatus(pa, () => ctx.clock.now());
    const policies = readPolicies(pa, ctx.clock.now());
    status.markPolicies(policies.problems);
    // An HPA never scales to zero, so the PA is always active.
    status.markActive();

    const hpa = await reconcileChild({
      client,
      resource: hpaResources.horizontalPodAutoscalers,
      lister: this.#o.horizontalPodAutoscalers,
      pa,
      status,
      desired: makeHorizontalPodAutoscaler(pa, config.autoscaler, policies.scheduledMinScale),
    });
    // Serve mode with every activator: the activator only steps in while no pod is ready.
    const sks = await reconcileChild({ client, resource: networking.serverlessServices, lister: this.#o.serverlessServices, pa, status, desired: makeServerlessService(pa, 'Serve', 0) });
    status.setServiceName(sks.status?.serviceName);
    const current = hpa.status?.currentReplicas ?? 0;
    if (!isServerlessServiceReady(sks)) {
      status.markSKSNotReady('SKS Services are not ready yet');
    } else {
      status.markSKSReady();
      // With a min-scale the target counts as initialized only once that many pods run.
      if (!status.isScaleTargetInitialized() && current >= activeThreshold(pa, status, config, policies.scheduledMinScale)) status.markScaleTargetInitialized();
    }
    status.setScale(hpa.status?.desiredReplicas ?? 0, current);
    return policies.nextScheduleChangeMs !== undefined ? { requeueAfter: policies.nextScheduleChangeMs } : undefined;
  }
}

