import type { KubeObject } from '@knot/api';
import { SharedInformerFactory, type ComponentDeps, type Controller, type EventRecorder, type RunningComponent, type WorkQueueMetrics } from '@knot/runtime';
import { CONFIGURATION_CONTROLLER_NAME, createConfigurationController } from './configuration/controller.js';
import { ConfigStore } from './config-store.js';
import type { ControllerEnv, ServingConfigSource } from './controller-env.js';
import { createDomainMappingController, DOMAIN_MAPPING_CONTROLLER_NAME } from './domainmapping/controller.js';
import { createGCController, GC_CONTROLLER_NAME } from './gc/controller.js';
import { createLabelerController, LABELER_CONTROLLER_NAME } from './labeler/controller.js';
import { createRevisionController, REVISION_CONTROLLER_NAME } from './revision/controller.js';
import { createRouteController, ROUTE_CONTROLLER_NAME } from './route/controller.js';
import { createServerlessServiceController, SERVERLESS_SERVICE_CONTROLLER_NAME } from './serverlessservice/controller.js';
import { createServiceController, SERVICE_CONTROLLER_NAME } from './service/controller.js';

export interface ControllerDeps extends ComponentDeps {
  /** Workers per controller; Knative's default threadiness is 2. */
  workers?: number;
  /** Where the config maps and the activator live; `knative-serving` by default. */
  systemNamespace?: string;
  /** Fixed settings instead of watching the config maps (embedding, tests). */
  config?: ServingConfigSource;
  /** The event recorder for a controller's component name; each controller writes Events through `client` when absent. */
  recorderFor?: (component: string) => EventRecorder;
  /** Work-queue metric hooks for a controller's queue, e.g. `PromWorkQueueMetrics.forQueue`. */
  workQueueMetrics?: (queue: string) => WorkQueueMetrics;
  /** Reconcile count and latency, labelled by controller name. */
  reconcileMetrics?: ControllerEnv['reconcileMetrics'];
}

export interface RunningController extends RunningComponent {
  /** The running controllers, by name. */
  readonly controllers: ReadonlyMap<string, Controller<KubeObject>>;
  /** The settings the reconcilers currently read. */
  readonly config: ServingConfigSource;
  /** Resolves true once the caches (config maps included) have synced and the controllers run; false when stopped first. */
  readonly synced: Promise<boolean>;
}

type ControllerFactory = (env: ControllerEnv, deps: ControllerDeps) => Controller<KubeObject>;

/** Every reconciler of knot's Serving controller, by queue name, as `start` runs them. */
const FACTORIES: readonly (readonly [string, ControllerFactory])[] = [
  [SERVICE_CONTROLLER_NAME, (env) => createServiceController(env)],
  [CONFIGURATION_CONTROLLER_NAME, (env) => createConfigurationController(env)],
  [REVISION_CONTROLLER_NAME, (env, deps) => createRevisionController(env, { systemNamespace: deps.systemNamespace })],
  [ROUTE_CONTROLLER_NAME, (env) => createRouteController(env)],
  [LABELER_CONTROLLER_NAME, (env) => createLabelerController(env)],
  [GC_CONTROLLER_NAME, (env) => createGCController(env)],
  [SERVERLESS_SERVICE_CONTROLLER_NAME, (env, deps) => createServerlessServiceController(env, { systemNamespace: deps.systemNamespace })],
  [DOMAIN_MAPPING_CONTROLLER_NAME, (env) => createDomainMappingController(env)],
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
  const env: ControllerEnv = { client: deps.client, informers, clock: deps.clock, logger, config, workers: deps.workers, recorderFor: deps.recorderFor, reconcileMetrics: deps.reconcileMetrics };
  const controllers = new Map(FACTORIES.map(([name, make]) => [name, make({ ...env, metrics: deps.workQueueMetrics?.(name) }, deps)] as const));
  const stopListening = config.onChange(() => {
    for (const c of controllers.values()) c.globalResync();
  });

  informers.start();
  // Reconciling before the config maps are read would act on defaults the cluster does not use.
  const synced = informers.waitForSync(deps.signal);
  const done = (async () => {
    try {
      if (!(await synced)) return;
      logger.info({ controllers: [...controllers.keys()] }, 'caches synced; starting controllers');
      await Promise.all([...controllers.values()].map((c) => c.run(deps.signal)));
    } finally {
      stopListening();
      await informers.stop();
    }
  })();
  return { done, controllers, config, synced };
}
