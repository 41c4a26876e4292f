import type { KubeObject } from '@knot/api';
import type { ObjectCache } from './object-cache.js';

/**
 * Read access to an informer's cache. The objects are the cache's own: copy
 * one (`structuredClone`) before changing it.
 */
export class Lister<T extends KubeObject> {
  readonly #cache: ObjectCache<T>;

  constructor(cache: ObjectCache<T>) {
    this.#cache = cache;
  }

  /** The cached object, or undefined; `namespace` is ignored for cluster-scoped kinds (pass undefined). */
  get(namespace: string | undefined, name: string): T | undefined {
    return this.#cache.get(namespace, name);
  }

  /** Cached objects of one namespace (all when undefined), optionally filtered by a label selector. */
  list(namespace?: string, labelSelector?: string): T[] {
    const all = [...this.#cache.values(namespace)];
    if (labelSelector === undefined || labelSelector === '') return all;
    // TODO: match with src/selector's parser once it lands.
    throw new Error('label selectors in listers are not wired yet');
  }
}
