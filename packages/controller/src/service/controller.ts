import { serviceConditionSet, serving, type Service } from '@knot/api';
import { Controller, enqueueOwnerOfKind } from '@knot/runtime';
import { envControllerOptions, type ControllerEnv } from '../controller-env.js';
import { ServiceReconciler } from './service-reconciler.js';

export const SERVICE_CONTROLLER_NAME = 'service-controller';

/** The Service controller: reconciles Services, and their owner again whenever their Configuration or Route changes. */
export function createServiceController(env: ControllerEnv): Controller<Service> {
  const configurations = env.informers.informerFor(serving.configurations);
  const routes = env.informers.informerFor(serving.routes);
  const controller = new Controller({
    ...envControllerOptions(env, SERVICE_CONTROLLER_NAME),
    resource: serving.services,
    reconciler: new ServiceReconciler({
      client: env.client,
      configurations: configurations.lister,
      revisions: env.informers.listerFor(serving.revisions),
      routes: routes.lister,
      config: env.config,
    }),
    conditionSet: serviceConditionSet,
  });
  const enqueueService = enqueueOwnerOfKind('serving.knative.dev', 'Service', (key) => controller.enqueueKey(key));
  configurations.addEventHandler(enqueueService);
  routes.addEventHandler(enqueueService);
  return controller;
}
