import { DEFAULT_CONFIG_DOMAIN, DEFAULT_CONFIG_FEATURES, DEFAULT_CONFIG_NETWORK, type ConfigDomain, type ConfigFeatures, type ConfigNetwork } from '@knot/api';

/** The config-map snapshots a Route reconcile reads (Knative's route/config.Config). */
export interface RouteConfig {
  readonly network: ConfigNetwork;
  readonly domain: ConfigDomain;
  readonly features: ConfigFeatures;
}

export const DEFAULT_ROUTE_CONFIG: RouteConfig = Object.freeze({
  network: DEFAULT_CONFIG_NETWORK,
  domain: DEFAULT_CONFIG_DOMAIN,
  features: DEFAULT_CONFIG_FEATURES,
});
