import { serviceConditionSet, serving, type Service } from '@knot/api';
import { Controller, enqueueOwnerOfKind } from '@knot/runtime';
import type { ControllerEnv } from '../controller-env.js';
import { ServiceReconciler } from './service-reconciler.js';

export const SERVICE_CONTROLLER_NAME = 'service-controller';

/** The Service controller: reconciles Services, and their owner again whenever their Configuration or Route changes. */
export function createServiceController(env: ControllerEnv): Controller<Service> {
  const configurations = env.informers.informerFor(serving.configurations);
  const routes = env.informers.informerFor(serving.routes);
  const controller = new Controller({
    name: SERVICE_CONTROLLER_NAME,
    resource: serving.services,
    client: env.client,
    informerFactory: env.informers,
    reconciler: new ServiceReconciler({
      client: env.client,
      configurations: configurations.lister,
      revisions: env.informers.listerFor(serving.revisions),
      routes: routes.lister,
      config: env.config,
    }),
    conditionSet: serviceConditionSet,
    workers: env.workers,
    clock: env.clock,
    logger: env.logger,
    metrics: env.metrics,
    recorder: env.recorderFor?.(SERVICE_CONTROLLER_NAME),
  });
  const enqueueService = enqueueOwnerOfKind('serving.knative.dev', 'Service', (key) => controller.enqueueKey(key));
  configurations.addEventHandler(enqueueService);
  routes.addEventHandler(enqueueService);
  return controller;
}
