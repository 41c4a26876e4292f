import { configurationConditionSet, serving, type Configuration } from '@knot/api';
import { Controller, enqueueOwnerOfKind } from '@knot/runtime';
import type { ControllerEnv } from '../controller-env.js';
import { ConfigurationReconciler } from './configuration-reconciler.js';

export const CONFIGURATION_CONTROLLER_NAME = 'configuration-controller';

/** The Configuration controller: reconciles Configurations, and their owner again whenever a Revision changes. */
export function createConfigurationController(env: ControllerEnv): Controller<Configuration> {
  const revisions = env.informers.informerFor(serving.revisions);
  const controller = new Controller({
    name: CONFIGURATION_CONTROLLER_NAME,
    resource: serving.configurations,
    client: env.client,
    informerFactory: env.informers,
    reconciler: new ConfigurationReconciler({ client: env.client, revisions: revisions.lister }),
    conditionSet: configurationConditionSet,
    workers: env.workers,
    clock: env.clock,
    logger: env.logger,
    metrics: env.metrics,
    recorder: env.recorderFor?.(CONFIGURATION_CONTROLLER_NAME),
  });
  revisions.addEventHandler(enqueueOwnerOfKind('serving.knative.dev', 'Configuration', (key) => controller.enqueueKey(key)));
  return controller;
}
