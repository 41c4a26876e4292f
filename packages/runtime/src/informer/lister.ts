import type { KubeObject } from '@knot/api';
import { parseLabelSelector } from '../selector/label-selector.js';
import type { ObjectCache } from './object-cache.js';

/**
 * Read access to an informer's cache. The objects are the cache's own and
 * frozen: copy one (`structuredClone`) before changing it.
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

  /**
   * Cached objects of one namespace (all when undefined), optionally filtered
   * by a label selector in Kubernetes syntax; a malformed one throws BadRequest.
   */
  list(namespace?: string, labelSelector?: string): T[] {
    const all = [...this.#cache.values(namespace)];
    if (labelSelector === undefined || labelSelector === '') return all;
    const selector = parseLabelSelector(labelSelector);
    return all.filter((obj) => selector.matches(obj.metadata?.labels));
  }
}
