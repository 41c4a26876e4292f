// Wires the kpa-class reconciler: PAs of the class, their SKS, Metric, Deployment and
// private Endpoints, and the decider's status changes all re-queue the PA.
import { apps, autoscaling, core, KPA_CLASS, networking, REVISION_LABEL_KEY, SKS_LABEL_KEY, type KubeObject } from '@knot/api';
import { enqueueOwnerOfKind, handleAll } from '@knot/runtime';
import type { AutoscalerEnv } from '../autoscaler-env.js';
import type { MultiScaler } from '../scaling/types.js';
import { PodAutoscalerClassController } from './class-controller.js';
import { kpaListers, KpaReconciler } from './kpa-reconciler.js';

export const KPA_CONTROLLER_NAME = 'kpa-class-podautoscaler-controller';

export function createKpaController(env: AutoscalerEnv, multiScaler: MultiScaler): PodAutoscalerClassController {
  const { informers } = env;
  const listers = kpaListers(informers);
  const controller = new PodAutoscalerClassController({
    name: KPA_CONTROLLER_NAME,
    podAutoscalerClass: KPA_CLASS,
    client: env.client,
    informers,
    clock: env.clock,
    logger: env.logger,
    workers: env.workers,
    recorder: env.recorderFor?.(KPA_CONTROLLER_NAME),
    metrics: env.queueMetrics?.(KPA_CONTROLLER_NAME),
    reconcileMetrics: env.reconcileMetrics,
    reconciler: new KpaReconciler({ client: env.client, config: env.config, multiScaler, listers }),
    // Knative keeps no finalizer on PAs: the decider goes when the PA leaves the cache.
    onGone: (key) => multiScaler.delete(key),
  });
  const enqueue = (key: string) => controller.enqueueKey(key);
  const byLabel = (label: string) =>
    handleAll((obj: KubeObject) => {
      const name = obj.metadata?.labels?.[label];
      if (name && obj.metadata?.namespace) enqueue(`${obj.metadata.namespace}/${name}`);
    });
  informers.informerFor(networking.serverlessServices).addEventHandler(enqueueOwnerOfKind('autoscaling.internal.knative.dev', 'PodAutoscaler', enqueue));
  informers.informerFor(autoscaling.metrics).addEventHandler(enqueueOwnerOfKind('autoscaling.internal.knative.dev', 'PodAutoscaler', enqueue));
  // The revision's Deployment and private Endpoints carry its name, which is the PA's.
  informers.informerFor(apps.deployments).addEventHandler(byLabel(REVISION_LABEL_KEY));
  informers.informerFor(core.endpoints).addEventHandler(byLabel(SKS_LABEL_KEY));
  multiScaler.onChange(enqueue);
  return controller;
}
