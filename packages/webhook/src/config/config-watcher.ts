// Keeps the ServingConfigs snapshot current from the config maps in the system namespace,
// as Knative's webhook does with its config store.
import type { ConfigMap } from 'kubernetes-types/core/v1.js';
import {
  CONFIG_AUTOSCALER,
  CONFIG_DEFAULTS,
  CONFIG_FEATURES,
  ConfigError,
  core,
  parseConfigAutoscaler,
  parseConfigDefaults,
  parseConfigFeatures,
  type ConfigData,
} from '@knot/api';
import { handleAll, Informer, noopLogger, systemClock, type Client, type Clock, type Logger } from '@knot/runtime';
import { DEFAULT_SERVING_CONFIGS, type ServingConfigs } from './serving-configs.js';

export interface ConfigWatcherOptions {
  readonly namespace: string;
  readonly clusterDomain?: string;
  readonly clock?: Clock;
  readonly logger?: Logger;
}

/**
 * The config snapshot from config-defaults, config-autoscaler and config-features. A map
 * that does not parse keeps the last good value (the webhook refuses such writes, but a
 * map may predate it); a deleted map falls back to the defaults.
 */
export class ServingConfigWatcher {
  readonly #informer: Informer<ConfigMap>;
  readonly #namespace: string;
  readonly #log: Logger;
  #current: ServingConfigs;

  constructor(client: Client, opts: ConfigWatcherOptions) {
    this.#namespace = opts.namespace;
    this.#log = opts.logger ?? noopLogger;
    this.#current = { ...DEFAULT_SERVING_CONFIGS, clusterDomain: opts.clusterDomain ?? DEFAULT_SERVING_CONFIGS.clusterDomain };
    this.#informer = new Informer(client, core.configMaps, { namespace: opts.namespace, clock: opts.clock ?? systemClock, logger: this.#log });
    this.#informer.addEventHandler(handleAll(() => this.#refresh()));
  }

  /** The current snapshot. */
  readonly current = (): ServingConfigs => this.#current;

  start(): void {
    this.#informer.start();
  }

  /** Resolves true once the config maps have been read, false when stopped or aborted first. */
  waitForSync(signal?: AbortSignal): Promise<boolean> {
    return this.#informer.waitForSync(signal);
  }

  hasSynced(): boolean {
    return this.#informer.hasSynced();
  }

  stop(): Promise<void> {
    return this.#informer.stop();
  }

  #refresh(): void {
    const prev = this.#current;
    this.#current = {
      ...prev,
      defaults: this.#parse(CONFIG_DEFAULTS, parseConfigDefaults, prev.defaults),
      autoscaler: this.#parse(CONFIG_AUTOSCALER, parseConfigAutoscaler, prev.autoscaler),
      features: this.#parse(CONFIG_FEATURES, parseConfigFeatures, prev.features),
    };
  }

  #parse<T>(name: string, parse: (data: ConfigData) => T, previous: T): T {
    const map = this.#informer.lister.get(this.#namespace, name);
    try {
      return parse(map?.data);
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      this.#log.warn({ configMap: name, err: err.message }, 'keeping the last good config');
      return previous;
    }
  }
}
