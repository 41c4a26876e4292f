// The config-map snapshots Serving admission depends on, read from the store
// on each admitted write, as the webhook reads them from its informer.
import {
  CONFIG_AUTOSCALER,
  CONFIG_DEFAULTS,
  CONFIG_FEATURES,
  ConfigError,
  core,
  DEFAULT_CLUSTER_DOMAIN,
  DEFAULT_CONFIG_AUTOSCALER,
  DEFAULT_CONFIG_DEFAULTS,
  DEFAULT_CONFIG_FEATURES,
  parseConfigAutoscaler,
  parseConfigDefaults,
  parseConfigFeatures,
  type ConfigAutoscaler,
  type ConfigData,
  type ConfigDefaults,
  type ConfigFeatures,
} from '@knot/api';
import { isNotFound, noopLogger, type Client, type Logger } from '@knot/runtime';

export interface ServingConfigs {
  readonly defaults: ConfigDefaults;
  readonly autoscaler: ConfigAutoscaler;
  readonly features: ConfigFeatures;
  /** DomainMappings may not live under the cluster's local domain. */
  readonly clusterDomain: string;
}

export type ServingConfigSource = () => ServingConfigs | Promise<ServingConfigs>;

export const DEFAULT_SERVING_CONFIGS: ServingConfigs = Object.freeze({
  defaults: DEFAULT_CONFIG_DEFAULTS,
  autoscaler: DEFAULT_CONFIG_AUTOSCALER,
  features: DEFAULT_CONFIG_FEATURES,
  clusterDomain: DEFAULT_CLUSTER_DOMAIN,
});

export interface StoreConfigOptions {
  /** Where the config maps live (knative-serving). */
  readonly namespace: string;
  readonly clusterDomain?: string;
  readonly logger?: Logger;
}

/**
 * Reads config-defaults, config-autoscaler and config-features on every call. A
 * map that does not parse keeps the last good value (admission refuses such maps,
 * but one may have been stored before); a missing map means the defaults.
 */
export function servingConfigsFrom(client: Client, opts: StoreConfigOptions): ServingConfigSource {
  const log = opts.logger ?? noopLogger;
  let last: ServingConfigs = { ...DEFAULT_SERVING_CONFIGS, clusterDomain: opts.clusterDomain ?? DEFAULT_CLUSTER_DOMAIN };
  const read = async <T>(name: string, parse: (data: ConfigData) => T, previous: T, fallback: T): Promise<T> => {
    let data: ConfigData;
    try {
      data = (await client.get(core.configMaps, opts.namespace, name)).data;
    } catch (err) {
      if (isNotFound(err)) return fallback;
      throw err;
    }
    try {
      return parse(data);
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      log.warn({ configMap: name, err: err.message }, 'keeping the last good config');
      return previous;
    }
  };
  return async () => {
    const [defaults, autoscaler, features] = await Promise.all([
      read(CONFIG_DEFAULTS, parseConfigDefaults, last.defaults, DEFAULT_CONFIG_DEFAULTS),
      read(CONFIG_AUTOSCALER, parseConfigAutoscaler, last.autoscaler, DEFAULT_CONFIG_AUTOSCALER),
      read(CONFIG_FEATURES, parseConfigFeatures, last.features, DEFAULT_CONFIG_FEATURES),
    ]);
    last = { ...last, defaults, autoscaler, features };
    return last;
  };
}
