import {
  DEFAULT_CLUSTER_DOMAIN,
  DEFAULT_CONFIG_AUTOSCALER,
  DEFAULT_CONFIG_DEFAULTS,
  DEFAULT_CONFIG_FEATURES,
  type ConfigAutoscaler,
  type ConfigDefaults,
  type ConfigFeatures,
} from '@knot/api';

/** The config-map snapshots defaulting and validation depend on. */
export interface ServingConfigs {
  readonly defaults: ConfigDefaults;
  readonly autoscaler: ConfigAutoscaler;
  readonly features: ConfigFeatures;
  /** The cluster's local domain (DomainMappings may not live under it). */
  readonly clusterDomain: string;
}

/** The current snapshot; called once per request so config changes apply to the next one. */
export type ServingConfigSource = () => ServingConfigs;

export const DEFAULT_SERVING_CONFIGS: ServingConfigs = Object.freeze({
  defaults: DEFAULT_CONFIG_DEFAULTS,
  autoscaler: DEFAULT_CONFIG_AUTOSCALER,
  features: DEFAULT_CONFIG_FEATURES,
  clusterDomain: DEFAULT_CLUSTER_DOMAIN,
});
