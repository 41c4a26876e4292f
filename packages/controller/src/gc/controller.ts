import { serving, type Configuration } from '@knot/api';
import { Controller, enqueueOwnerOfKind } from '@knot/runtime';
import { envControllerOptions, type ControllerEnv } from '../controller-env.js';
import { RevisionGCReconciler } from './gc-reconciler.js';

/** Knative's agent name for revision GC. */
export const GC_CONTROLLER_NAME = 'revision-gc-controller';

/**
 * Revision GC: reconciles a Configuration when it or one of its revisions
 * changes (the labeler moving a revision to reserve is what usually frees it),
 * and when a kept revision ages past the retention windows.
 */
export function createGCController(env: ControllerEnv): Controller<Configuration> {
  const revisions = env.informers.informerFor(serving.revisions);
  const routes = env.informers.informerFor(serving.routes);

  const controller = new Controller({
    ...envControllerOptions(env, GC_CONTROLLER_NAME),
    resource: serving.configurations,
    reconciler: new RevisionGCReconciler({
      client: env.client,
      revisions: revisions.lister,
      routes: routes.lister,
      config: () => env.config.current().gc,
    }),
    // The Configuration's status belongs to the configuration controller.
    skipStatusUpdates: true,
  });

  revisions.addEventHandler(enqueueOwnerOfKind(serving.configurations.group, serving.configurations.kind, (key) => controller.enqueueKey(key)));
  return controller;
}
