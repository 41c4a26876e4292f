import type { KubeObject } from '@knot/api';

/** Objects of one kind indexed by namespace then name ('' for cluster-scoped). */
export class ObjectCache<T extends KubeObject> {
  readonly #byNamespace = new Map<string, Map<string, T>>();
  #size = 0;

  get size(): number {
    return this.#size;
  }

  get(namespace: string | undefined, name: string): T | undefined {
    return this.#byNamespace.get(namespace ?? '')?.get(name);
  }

  /** Stores `obj` and returns the object it replaced. */
  set(obj: T): T | undefined {
    const ns = obj.metadata?.namespace ?? '';
    const name = obj.metadata?.name ?? '';
    let names = this.#byNamespace.get(ns);
    if (!names) this.#byNamespace.set(ns, (names = new Map<string, T>()));
    const old = names.get(name);
    names.set(name, obj);
    if (!old) this.#size++;
    return old;
  }

  /** Removes the object and returns it, if it was cached. */
  delete(namespace: string | undefined, name: string): T | undefined {
    const ns = namespace ?? '';
    const names = this.#byNamespace.get(ns);
    const old = names?.get(name);
    if (!names || !old) return undefined;
    names.delete(name);
    if (names.size === 0) this.#byNamespace.delete(ns);
    this.#size--;
    return old;
  }

  /** Every object, or those of one namespace. */
  *values(namespace?: string): IterableIterator<T> {
    if (namespace !== undefined) {
      yield* this.#byNamespace.get(namespace)?.values() ?? [];
      return;
    }
    for (const names of this.#byNamespace.values()) yield* names.values();
  }
}
