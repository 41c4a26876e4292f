import {
  CONFIG_AUTOSCALER,
  CONFIG_DEFAULTS,
  CONFIG_DEPLOYMENT,
  CONFIG_DOMAIN,
  CONFIG_FEATURES,
  CONFIG_GC,
  CONFIG_MAP_PARSERS,
  CONFIG_NETWORK,
  ConfigError,
  core,
  SERVING_NAMESPACE,
  type KnownConfigMapName,
} from '@knot/api';
import { noopLogger, type Logger, type SharedInformerFactory } from '@knot/runtime';
import { DEFAULT_SERVING_CONFIG, type ServingConfig, type ServingConfigSource } from './controller-env.js';

type ConfigMap = NonNullable<(typeof core.configMaps)['__type']>;

/** Which field of the snapshot each config map fills. */
const FIELD_OF: Readonly<Record<KnownConfigMapName, keyof ServingConfig>> = {
  [CONFIG_DEFAULTS]: 'defaults',
  [CONFIG_AUTOSCALER]: 'autoscaler',
  [CONFIG_NETWORK]: 'network',
  [CONFIG_DOMAIN]: 'domain',
  [CONFIG_GC]: 'gc',
  [CONFIG_FEATURES]: 'features',
  [CONFIG_DEPLOYMENT]: 'deployment',
};

export interface ConfigStoreOptions {
  informers: SharedInformerFactory;
  /** Where the config maps live; `knative-serving` by default. */
  namespace?: string;
  logger?: Logger;
}

/**
 * The controller's view of the `knative-serving` config maps (Knative's
 * config.Store): an informer feeds the parsers, and each good parse swaps in a
 * new frozen snapshot. A config map that does not parse keeps the previous
 * value and logs why; a deleted one falls back to the defaults.
 */
export class ConfigStore implements ServingConfigSource {
  readonly #log: Logger;
  readonly #listeners = new Set<(config: ServingConfig) => void>();
  #current: ServingConfig = DEFAULT_SERVING_CONFIG;

  constructor(opts: ConfigStoreOptions) {
    this.#log = (opts.logger ?? noopLogger).child({ component: 'config-store' });
    const informer = opts.informers.informerFor(core.configMaps, { namespace: opts.namespace ?? SERVING_NAMESPACE });
    informer.addEventHandler({
      onAdd: (cm) => this.apply(cm),
      onUpdate: (_old, cm) => this.apply(cm),
      onDelete: (cm) => this.reset(cm.metadata?.name ?? ''),
    });
  }

  current(): ServingConfig {
    return this.#current;
  }

  onChange(listener: (config: ServingConfig) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Parses one config map into the snapshot; unknown names are ignored. */
  apply(cm: ConfigMap): void {
    const name = cm.metadata?.name ?? '';
    if (!isKnown(name)) return;
    let value: ServingConfig[keyof ServingConfig];
    try {
      value = CONFIG_MAP_PARSERS[name](cm.data ?? {});
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      this.#log.error({ err, configMap: name, errors: err.errors }, 'config map is invalid; keeping the previous settings');
      return;
    }
    this.#swap(FIELD_OF[name], value);
  }

  /** Back to the defaults for a config map that was deleted. */
  reset(name: string): void {
    if (!isKnown(name)) return;
    const field = FIELD_OF[name];
    this.#swap(field, DEFAULT_SERVING_CONFIG[field]);
  }

  #swap<K extends keyof ServingConfig>(field: K, value: ServingConfig[K]): void {
    if (this.#current[field] === value) return;
    this.#current = Object.freeze({ ...this.#current, [field]: value });
    this.#log.info({ config: field }, 'config updated');
    for (const listener of this.#listeners) {
      try {
        listener(this.#current);
      } catch (err) {
        this.#log.error({ err }, 'config listener failed');
      }
    }
  }
}

function isKnown(name: string): name is KnownConfigMapName {
  return Object.hasOwn(FIELD_OF, name);
}
