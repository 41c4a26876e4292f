// The autoscaler's view of the knative-serving config maps it reads: config-autoscaler
// (targets, windows, scale bounds, scale to zero) and config-deployment (progress deadline).
import {
  CONFIG_AUTOSCALER,
  CONFIG_DEPLOYMENT,
  ConfigError,
  core,
  DEFAULT_CONFIG_AUTOSCALER,
  DEFAULT_CONFIG_DEPLOYMENT,
  parseConfigAutoscaler,
  parseConfigDeployment,
  SERVING_NAMESPACE,
  type ConfigAutoscaler,
  type ConfigDeployment,
} from '@knot/api';
import { noopLogger, type Logger, type SharedInformerFactory } from '@knot/runtime';

type ConfigMap = NonNullable<(typeof core.configMaps)['__type']>;

/** One frozen snapshot of the config maps the autoscaler reads (Knative's autoscaling config.Config). */
export interface AutoscalerConfig {
  readonly autoscaler: ConfigAutoscaler;
  readonly deployment: ConfigDeployment;
}

export const DEFAULT_AUTOSCALER_CONFIG: AutoscalerConfig = Object.freeze({ autoscaler: DEFAULT_CONFIG_AUTOSCALER, deployment: DEFAULT_CONFIG_DEPLOYMENT });

/** Where reconcilers read config: call `current()` once per reconcile and use that snapshot throughout. */
export interface AutoscalerConfigSource {
  current(): AutoscalerConfig;
  /** Called after the snapshot changed; returns an unsubscribe function. */
  onChange(listener: (config: AutoscalerConfig) => void): () => void;
}

/** A source that never changes, for tests and for embedding with fixed settings. */
export function staticAutoscalerConfig(overrides: { autoscaler?: Partial<ConfigAutoscaler>; deployment?: Partial<ConfigDeployment> } = {}): AutoscalerConfigSource {
  const config: AutoscalerConfig = Object.freeze({
    autoscaler: Object.freeze({ ...DEFAULT_CONFIG_AUTOSCALER, ...overrides.autoscaler }),
    deployment: Object.freeze({ ...DEFAULT_CONFIG_DEPLOYMENT, ...overrides.deployment }),
  });
  return { current: () => config, onChange: () => () => {} };
}

const PARSERS = {
  [CONFIG_AUTOSCALER]: ['autoscaler', parseConfigAutoscaler],
  [CONFIG_DEPLOYMENT]: ['deployment', parseConfigDeployment],
} as const;
type Known = keyof typeof PARSERS;

export interface AutoscalerConfigStoreOptions {
  informers: SharedInformerFactory;
  /** Where the config maps live; `knative-serving` by default. */
  namespace?: string;
  logger?: Logger;
}

/**
 * Parses each config map as it changes and swaps in a new frozen snapshot. A
 * config map that does not parse keeps the previous value and logs why (the
 * webhook refuses such maps; this guards against ones written around it); a
 * deleted one falls back to the defaults.
 */
export class AutoscalerConfigStore implements AutoscalerConfigSource {
  readonly #log: Logger;
  readonly #listeners = new Set<(config: AutoscalerConfig) => void>();
  #current: AutoscalerConfig = DEFAULT_AUTOSCALER_CONFIG;

  constructor(opts: AutoscalerConfigStoreOptions) {
    this.#log = (opts.logger ?? noopLogger).child({ component: 'config-store' });
    opts.informers.informerFor(core.configMaps, { namespace: opts.namespace ?? SERVING_NAMESPACE }).addEventHandler({
      onAdd: (cm) => this.apply(cm),
      onUpdate: (_old, cm) => this.apply(cm),
      onDelete: (cm) => this.reset(cm.metadata?.name ?? ''),
    });
  }

  current(): AutoscalerConfig {
    return this.#current;
  }

  onChange(listener: (config: AutoscalerConfig) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  apply(cm: ConfigMap): void {
    const name = cm.metadata?.name ?? '';
    if (!isKnown(name)) return;
    const [field, parse] = PARSERS[name];
    try {
      this.#swap({ ...this.#current, [field]: parse(cm.data ?? {}) });
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      this.#log.error({ err, configMap: name, errors: err.errors }, 'config map is invalid; keeping the previous settings');
    }
  }

  reset(name: string): void {
    if (!isKnown(name)) return;
    const field = PARSERS[name][0];
    this.#swap({ ...this.#current, [field]: DEFAULT_AUTOSCALER_CONFIG[field] });
  }

  #swap(next: AutoscalerConfig): void {
    if (next.autoscaler === this.#current.autoscaler && next.deployment === this.#current.deployment) return;
    this.#current = Object.freeze(next);
    this.#log.info({}, 'config updated');
    for (const listener of this.#listeners) {
      try {
        listener(this.#current);
      } catch (err) {
        this.#log.error({ err }, 'config listener failed');
      }
    }
  }
}

function isKnown(name: string): name is Known {
  return Object.hasOwn(PARSERS, name);
}
