// The shared BackendPools of every split the route table names, kept current from the Service and Endpoints caches.
import type { IntOrString } from '@knot/api';
import { BackendPool, type PoolSource } from './backend-pool.js';

export function poolKey(namespace: string, name: string, port: IntOrString): string {
  return `${namespace}/${name}:${typeof port === 'number' ? `#${port}` : port}`;
}

/** Hands out one pool per Service port and marks them stale when that Service or its Endpoints change. */
export class EndpointResolver {
  readonly #source: PoolSource;
  readonly #pools = new Map<string, BackendPool>();
  /** `namespace/name` → that Service's pools. */
  readonly #byService = new Map<string, Set<BackendPool>>();

  constructor(source: PoolSource) {
    this.#source = source;
  }

  pool(namespace: string, name: string, port: IntOrString): BackendPool {
    const key = poolKey(namespace, name, port);
    let pool = this.#pools.get(key);
    if (!pool) {
      pool = new BackendPool(this.#source, namespace, name, port);
      this.#pools.set(key, pool);
      const svc = `${namespace}/${name}`;
      let set = this.#byService.get(svc);
      if (!set) this.#byService.set(svc, (set = new Set()));
      set.add(pool);
    }
    return pool;
  }

  /** The Service `namespace/name` or its Endpoints changed. */
  invalidate(namespace: string | undefined, name: string | undefined): void {
    for (const pool of this.#byService.get(`${namespace ?? ''}/${name ?? ''}`) ?? []) pool.invalidate();
  }

  /** Every pool, e.g. after the gateway's own bound ports became known. */
  invalidateAll(): void {
    for (const pool of this.#pools.values()) pool.invalidate();
  }

  /** Drops pools no longer in `inUse`, so removed routes do not keep their backends. */
  retain(inUse: ReadonlySet<BackendPool>): void {
    for (const [key, pool] of this.#pools) {
      if (inUse.has(pool)) continue;
      this.#pools.delete(key);
      const svc = `${pool.namespace}/${pool.name}`;
      const set = this.#byService.get(svc);
      set?.delete(pool);
      if (set?.size === 0) this.#byService.delete(svc);
    }
  }

  get size(): number {
    return this.#pools.size;
  }
}
