import {
  DEFAULT_CONFIG_AUTOSCALER,
  DEFAULT_CONFIG_DEFAULTS,
  DEFAULT_CONFIG_DEPLOYMENT,
  DEFAULT_CONFIG_DOMAIN,
  DEFAULT_CONFIG_FEATURES,
  DEFAULT_CONFIG_GC,
  DEFAULT_CONFIG_NETWORK,
  type ConfigAutoscaler,
  type ConfigDefaults,
  type ConfigDeployment,
  type ConfigDomain,
  type ConfigFeatures,
  type ConfigGC,
  type ConfigNetwork,
  type KubeObject,
} from '@knot/api';
import type { Client, Clock, ControllerOptions, EventRecorder, Logger, SharedInformerFactory, WorkQueueMetrics } from '@knot/runtime';

/** One frozen snapshot of every `knative-serving` config map the controller reads (Knative's config.Config). */
export interface ServingConfig {
  readonly defaults: ConfigDefaults;
  readonly autoscaler: ConfigAutoscaler;
  readonly network: ConfigNetwork;
  readonly domain: ConfigDomain;
  readonly gc: ConfigGC;
  readonly features: ConfigFeatures;
  readonly deployment: ConfigDeployment;
}

export const DEFAULT_SERVING_CONFIG: ServingConfig = Object.freeze({
  defaults: DEFAULT_CONFIG_DEFAULTS,
  autoscaler: DEFAULT_CONFIG_AUTOSCALER,
  network: DEFAULT_CONFIG_NETWORK,
  domain: DEFAULT_CONFIG_DOMAIN,
  gc: DEFAULT_CONFIG_GC,
  features: DEFAULT_CONFIG_FEATURES,
  deployment: DEFAULT_CONFIG_DEPLOYMENT,
});

/** Where reconcilers read config: call `current()` once per reconcile and use that snapshot throughout. */
export interface ServingConfigSource {
  current(): ServingConfig;
  /** Called after the snapshot changed; returns an unsubscribe function. */
  onChange(listener: (config: ServingConfig) => void): () => void;
}

/** A source that never changes, for tests and for embedding with fixed settings. */
export function staticConfig(overrides: Partial<ServingConfig> = {}): ServingConfigSource {
  const config: ServingConfig = Object.freeze({ ...DEFAULT_SERVING_CONFIG, ...overrides });
  return { current: () => config, onChange: () => () => {} };
}

/**
 * What every `create<Kind>Controller(env)` takes. The factory registers its
 * informers on `informers` (shared: one cache per kind for the whole process)
 * and returns a runtime `Controller`; `start(deps)` runs them and triggers a
 * global resync on each when `config` changes.
 */
export interface ControllerEnv {
  readonly client: Client;
  readonly informers: SharedInformerFactory;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly config: ServingConfigSource;
  /** The recorder for a controller's component name (e.g. `revision-controller`); the Controller's own ClientEventRecorder when absent. */
  readonly recorderFor?: (component: string) => EventRecorder;
  /** Workers per controller; Knative's default threadiness is 2. */
  readonly workers?: number;
  readonly metrics?: WorkQueueMetrics;
  /** Reconcile count and latency per controller, for /metrics. */
  readonly reconcileMetrics?: ControllerOptions<KubeObject>['reconcileMetrics'];
}

/** The Controller options that come from the env, for the controller named `name`, so no factory forgets one. */
export function envControllerOptions(env: ControllerEnv, name: string): Pick<ControllerOptions<KubeObject>, 'name' | 'client' | 'informerFactory' | 'clock' | 'logger' | 'recorder' | 'workers' | 'metrics' | 'reconcileMetrics'> {
  return { name, client: env.client, informerFactory: env.informers, clock: env.clock, logger: env.logger, recorder: env.recorderFor?.(name), workers: env.workers, metrics: env.metrics, reconcileMetrics: env.reconcileMetrics };
}
