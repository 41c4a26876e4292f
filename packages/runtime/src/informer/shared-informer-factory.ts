import { resourceKey, type KubeObject, type ResourceType } from '@knot/api';
import type { Client } from '../client.js';
import { systemClock, type Clock } from '../clock.js';
import { noopLogger, type Logger } from '../logger.js';
import { Informer } from './informer.js';
import type { Lister } from './lister.js';

export interface SharedInformerFactoryOptions {
  client: Client;
  clock?: Clock;
  logger?: Logger;
  /** Default namespace of every informer; all namespaces when undefined. */
  namespace?: string;
}

export interface InformerScope {
  namespace?: string;
  labelSelector?: string;
}

/**
 * One informer per kind, namespace and selector, shared by every controller that
 * asks, so a process keeps one cache and one watch per kind.
 */
export class SharedInformerFactory {
  readonly #client: Client;
  readonly #clock: Clock;
  readonly #logger: Logger;
  readonly #namespace: string | undefined;
  readonly #informers = new Map<string, Informer<KubeObject>>();
  #started = false;

  constructor(opts: SharedInformerFactoryOptions) {
    this.#client = opts.client;
    this.#clock = opts.clock ?? systemClock;
    this.#logger = opts.logger ?? noopLogger;
    this.#namespace = opts.namespace;
  }

  /** The shared informer; created on first use, and started at once if the factory already runs. */
  informerFor<T extends KubeObject>(resource: ResourceType<T>, scope: InformerScope = {}): Informer<T> {
    const namespace = resource.namespaced ? (scope.namespace ?? this.#namespace) : undefined;
    const key = `${resourceKey(resource)}|${namespace ?? ''}|${scope.labelSelector ?? ''}`;
    let informer = this.#informers.get(key) as Informer<T> | undefined;
    if (!informer) {
      informer = new Informer(this.#client, resource, { namespace, labelSelector: scope.labelSelector, clock: this.#clock, logger: this.#logger });
      this.#informers.set(key, informer);
      if (this.#started) informer.start();
    }
    return informer;
  }

  listerFor<T extends KubeObject>(resource: ResourceType<T>, scope: InformerScope = {}): Lister<T> {
    return this.informerFor(resource, scope).lister;
  }

  start(): void {
    this.#started = true;
    for (const informer of this.#informers.values()) informer.start();
  }

  /** Resolves true once every informer created so far has synced. */
  async waitForSync(signal?: AbortSignal): Promise<boolean> {
    const results = await Promise.all([...this.#informers.values()].map((i) => i.waitForSync(signal)));
    return results.every(Boolean);
  }

  async stop(): Promise<void> {
    await Promise.all([...this.#informers.values()].map((i) => i.stop()));
  }
}
