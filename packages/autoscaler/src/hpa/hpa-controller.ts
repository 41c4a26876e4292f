// Wires the hpa-class reconciler: PAs of the class, and their HPA and SKS, re-queue the PA.
import { hpa, HPA_CLASS, networking } from '@knot/api';
import { enqueueOwnerOfKind } from '@knot/runtime';
import type { AutoscalerEnv } from '../autoscaler-env.js';
import { PodAutoscalerClassController } from '../reconciler/class-controller.js';
import { HpaReconciler } from './hpa-reconciler.js';

export const HPA_CONTROLLER_NAME = 'hpa-class-podautoscaler-controller';

export function createHpaController(env: AutoscalerEnv): PodAutoscalerClassController {
  const { informers } = env;
  const controller = new PodAutoscalerClassController({
    name: HPA_CONTROLLER_NAME,
    podAutoscalerClass: HPA_CLASS,
    client: env.client,
    informers,
    clock: env.clock,
    logger: env.logger,
    workers: env.workers,
    recorder: env.recorderFor?.(HPA_CONTROLLER_NAME),
    metrics: env.queueMetrics?.(HPA_CONTROLLER_NAME),
    reconcileMetrics: env.reconcileMetrics,
    reconciler: new HpaReconciler({
      client: env.client,
      config: env.config,
      horizontalPodAutoscalers: informers.listerFor(hpa.horizontalPodAutoscalers),
      serverlessServices: informers.listerFor(networking.serverlessServices),
    }),
  });
  const enqueue = (key: string) => controller.enqueueKey(key);
  informers.informerFor(hpa.horizontalPodAutoscalers).addEventHandler(enqueueOwnerOfKind('autoscaling.internal.knative.dev', 'PodAutoscaler', enqueue));
  informers.informerFor(networking.serverlessServices).addEventHandler(enqueueOwnerOfKind('autoscaling.internal.knative.dev', 'PodAutoscaler', enqueue));
  return controller;
}
