import type { KubeObject } from '@knot/api';
import { SharedInformerFactory, type ComponentDeps, type Controller, type EventRecorder, type RunningComponent, type WorkQueueMetrics } from '@knot/runtime';
import { createConfigurationController } from './configuration/controller.js';
import { ConfigStore } from './config-store.js';
import type { ControllerEnv, ServingConfigSource } from './controller-env.js';
import { createGCController } from './gc/controller.js';
import { createLabelerController } from './labeler/controller.js';
import { createRouteController } from './route/controller.js';
import { createServerlessServiceController } from './serverlessservice/controller.js';
import { createServiceController } from './service/controller.js';

export interface ControllerDeps extends ComponentDeps {
  /** Workers per controller; Knative's default threadiness is 2. */
  workers?: number;
  /** Where the config maps and the activator live; `knative-serving` by default. */
  systemNamespace?: string;
  /** Fixed settings instead of watching the config maps (embedding, tests). */
  config?: ServingConfigSource;
  /** The event recorder for a controller's component name; each controller writes Events through `client` when absent. */
  recorderFor?: (component: string) => EventRecorder;
  metrics?: WorkQueueMetrics;
}

export interface RunningController extends RunningComponent {
  /** The running controllers, by name. */
  readonly controllers: ReadonlyMap<string, Controller<KubeObject>>;
  /** The settings the reconcilers currently read. */
  readonly config: ServingConfigSource;
}

type ControllerFactory = (env: ControllerEnv, deps: ControllerDeps) => Controller<KubeObject>;

/** Every reconciler of knot's Serving controller, as `start` runs them. */
const FACTORIES: readonly ControllerFactory[] = [
  (env) => createServiceController(env),
  (env) => createConfigurationController(env),
  (env) => createRouteController(env),
  (env) => createLabelerController(env),
  (env) => createGCController(env),
  (env, deps) => createServerlessServiceController(env, { systemNamespace: deps.systemNamespace }),
];

/**
 * Starts the Serving controller: one shared informer cache, the config maps
 * loaded before the first reconcile, every controller running until `signal`
 * aborts, and a global resync of all of them whenever the config changes.
 */
export function start(deps: ControllerDeps): RunningController {
  const logger = deps.logger.child({ component: 'controller' });
  const informers = new SharedInformerFactory({ client: deps.client, clock: deps.clock, logger });
  const config = deps.config ?? new ConfigStore({ informers, namespace: deps.systemNamespace, logger });
  const env: ControllerEnv = { client: deps.client, informers, clock: deps.clock, logger, config, workers: deps.workers, metrics: deps.metrics, recorderFor: deps.recorderFor };
  const controllers = new Map(FACTORIES.map((make) => make(env, deps)).map((c) => [c.name, c] as const));
  const stopListening = config.onChange(() => {
    for (const c of controllers.values()) c.globalResync();
  });

  const done = (async () => {
    try {
      informers.start();
      // Reconciling before the config maps are read would act on defaults the cluster does not use.
      if (!(await informers.waitForSync(deps.signal))) return;
      logger.info({ controllers: [...controllers.keys()] }, 'caches synced; starting controllers');
      await Promise.all([...controllers.values()].map((c) => c.run(deps.signal)));
    } finally {
      stopListening();
      await informers.stop();
    }
  })();
  return { done, controllers, config };
}
