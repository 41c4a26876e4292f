import {
  CONFIG_AUTOSCALER,
  CONFIG_DEFAULTS,
  CONFIG_DEPLOYMENT,
  CONFIG_DOMAIN,
  CONFIG_FEATURES,
  CONFIG_GC,
  CONFIG_NETWORK,
} from '../constants/config-maps.js';
import type { FieldError } from '../field-error.js';
import { parseConfigAutoscaler } from './config-autoscaler.js';
import { parseConfigDefaults } from './config-defaults.js';
import { parseConfigDeployment } from './config-deployment.js';
import { parseConfigDomain } from './config-domain.js';
import { parseConfigFeatures } from './config-features.js';
import { parseConfigGC } from './config-gc.js';
import { parseConfigNetwork } from './config-network.js';
import { ConfigError } from './parse.js';
import type { ConfigData } from './parse.js';

/** Every `knative-serving` config map knot parses, by name, so a webhook can validate any of them. */
export const CONFIG_MAP_PARSERS = Object.freeze({
  [CONFIG_DEFAULTS]: parseConfigDefaults,
  [CONFIG_AUTOSCALER]: parseConfigAutoscaler,
  [CONFIG_NETWORK]: parseConfigNetwork,
  [CONFIG_DOMAIN]: (data: ConfigData) => parseConfigDomain(data),
  [CONFIG_GC]: parseConfigGC,
  [CONFIG_FEATURES]: parseConfigFeatures,
  [CONFIG_DEPLOYMENT]: parseConfigDeployment,
} as const);

export type KnownConfigMapName = keyof typeof CONFIG_MAP_PARSERS;

export function isKnownConfigMap(name: string): name is KnownConfigMapName {
  return Object.hasOwn(CONFIG_MAP_PARSERS, name);
}

/**
 * The problems in a config map's data, for admission: empty when valid or when knot
 * does not parse a map of that name. Only ConfigError is turned into a list; anything else is a bug.
 */
export function validateConfigMap(name: string, data: ConfigData): readonly FieldError[] {
  if (!isKnownConfigMap(name)) return [];
  try {
    CONFIG_MAP_PARSERS[name](data);
    return [];
  } catch (err) {
    if (err instanceof ConfigError) return err.errors;
    throw err;
  }
}
