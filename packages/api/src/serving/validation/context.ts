import type { ConfigAutoscaler } from '../../config/config-autoscaler.js';
import { DEFAULT_CONFIG_AUTOSCALER } from '../../config/config-autoscaler.js';
import type { ConfigDefaults } from '../../config/config-defaults.js';
import { DEFAULT_CONFIG_DEFAULTS } from '../../config/config-defaults.js';
import type { ConfigFeatures } from '../../config/config-features.js';
import { DEFAULT_CONFIG_FEATURES } from '../../config/config-features.js';

/** What validation may depend on besides the object itself. Every field is optional. */
export interface ValidationContext {
  /** config-defaults snapshot; DEFAULT_CONFIG_DEFAULTS when absent. */
  readonly defaults?: ConfigDefaults;
  /** config-autoscaler snapshot; DEFAULT_CONFIG_AUTOSCALER when absent. */
  readonly autoscaler?: ConfigAutoscaler;
  /** config-features flags, laid over DEFAULT_CONFIG_FEATURES. */
  readonly features?: Partial<ConfigFeatures>;
  /** The stored object on update; absent on create. Drives the immutability checks. */
  readonly original?: unknown;
  /** The cluster's local domain (DomainMappings may not live under it); `cluster.local` when absent. */
  readonly clusterDomain?: string;
}

/** The context with every default filled in, as the validators use it. */
export interface ResolvedContext {
  readonly defaults: ConfigDefaults;
  readonly autoscaler: ConfigAutoscaler;
  readonly features: ConfigFeatures;
  readonly original: unknown;
  readonly clusterDomain: string;
}

export function resolveContext(ctx: ValidationContext = {}): ResolvedContext {
  return {
    defaults: ctx.defaults ?? DEFAULT_CONFIG_DEFAULTS,
    autoscaler: ctx.autoscaler ?? DEFAULT_CONFIG_AUTOSCALER,
    features: { ...DEFAULT_CONFIG_FEATURES, ...ctx.features },
    original: ctx.original,
    clusterDomain: ctx.clusterDomain ?? 'cluster.local',
  };
}

/** Whether a config-features flag is fully on. */
export function enabled(ctx: ResolvedContext, flag: Exclude<keyof ConfigFeatures, 'securePodDefaults'>): boolean {
  return ctx.features[flag] === 'Enabled';
}

/** Whether a config-features flag is not off (Enabled or Allowed): what Knative's field masks test. */
export function notDisabled(ctx: ResolvedContext, flag: Exclude<keyof ConfigFeatures, 'securePodDefaults'>): boolean {
  return ctx.features[flag] !== 'Disabled';
}
