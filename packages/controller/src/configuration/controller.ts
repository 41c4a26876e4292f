import { configurationConditionSet, serving, type Configuration } from '@knot/api';
import { Controller, enqueueOwnerOfKind } from '@knot/runtime';
import { envControllerOptions, type ControllerEnv } from '../controller-env.js';
import { ConfigurationReconciler } from './configuration-reconciler.js';

export const CONFIGURATION_CONTROLLER_NAME = 'configuration-controller';

/** The Configuration controller: reconciles Configurations, and their owner again whenever a Revision changes. */
export function createConfigurationController(env: ControllerEnv): Controller<Configuration> {
  const revisions = env.informers.informerFor(serving.revisions);
  const controller = new Controller({
    ...envControllerOptions(env, CONFIGURATION_CONTROLLER_NAME),
    resource: serving.configurations,
    reconciler: new ConfigurationReconciler({ client: env.client, revisions: revisions.lister }),
    conditionSet: configurationConditionSet,
  });
  revisions.addEventHandler(enqueueOwnerOfKind('serving.knative.dev', 'Configuration', (key) => controller.enqueueKey(key)));
  return controller;
}
