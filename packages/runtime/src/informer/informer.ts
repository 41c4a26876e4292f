import type { KubeObject, ResourceType } from '@knot/api';
import type { Client, Watch, WatchEvent } from '../client.js';
import { systemClock, type Clock, type TimerHandle } from '../clock.js';
import { isGone } from '../errors.js';
import { noopLogger, type Logger } from '../logger.js';
import { deepFreeze } from './deep-freeze.js';
import type { ResourceEventHandler } from './event-handler.js';
import { Lister } from './lister.js';
import { ObjectCache } from './object-cache.js';

export interface InformerOptions {
  /** Watch one namespace; all namespaces when undefined. */
  namespace?: string;
  labelSelector?: string;
  clock?: Clock;
  logger?: Logger;
}

const BACKOFF_INITIAL_MS = 800;
const BACKOFF_MAX_MS = 30_000;
/** A watch that ends sooner than this without any event counts as a failure, so a flapping server is not hammered. */
const SHORT_WATCH_MS = 1000;

/**
 * A cache of one kind kept current by list-then-watch (client-go's reflector and
 * shared informer in one): it resumes a closed watch from the last version
 * seen, relists on Gone and tells its handlers what changed meanwhile, and
 * backs off on errors.
 */
export class Informer<T extends KubeObject> {
  readonly resource: ResourceType<T>;
  readonly namespace: string | undefined;
  readonly labelSelector: string | undefined;
  readonly lister: Lister<T>;
  readonly #client: Client;
  readonly #clock: Clock;
  readonly #log: Logger;
  readonly #cache = new ObjectCache<T>();
  readonly #handlers = new Set<ResourceEventHandler<T>>();
  #syncWaiters: ((synced: boolean) => void)[] = [];
  #synced = false;
  #running: Promise<void> | undefined;
  #stopped = false;
  #watch: Watch | undefined;
  #wake: (() => void) | undefined;
  #lastVersion: string | undefined;
  #backoff = BACKOFF_INITIAL_MS;

  constructor(client: Client, resource: ResourceType<T>, opts: InformerOptions = {}) {
    this.#client = client;
    this.resource = resource;
    this.namespace = resource.namespaced ? opts.namespace : undefined;
    this.labelSelector = opts.labelSelector;
    this.#clock = opts.clock ?? systemClock;
    this.#log = (opts.logger ?? noopLogger).child({ informer: resource.plural, namespace: this.namespace });
    this.lister = new Lister(this.#cache);
  }

  /** Adds a handler; once synced, it first gets an add for every cached object. Returns a function that removes it. */
  addEventHandler(handler: ResourceEventHandler<T>): () => void {
    this.#handlers.add(handler);
    if (this.#synced) for (const obj of this.#cache.values()) this.#call(handler, 'onAdd', obj);
    return () => this.#handlers.delete(handler);
  }

  hasSynced(): boolean {
    return this.#synced;
  }

  /** Resolves true after the first full list, or false if the informer is stopped or `signal` aborts first. */
  waitForSync(signal?: AbortSignal): Promise<boolean> {
    if (this.#synced) return Promise.resolve(true);
    if (this.#stopped || signal?.aborted) return Promise.resolve(false);
    return new Promise((resolve) => {
      const onAbort = () => resolve(false);
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#syncWaiters.push((synced) => {
        signal?.removeEventListener('abort', onAbort);
        resolve(synced);
      });
    });
  }

  /** Starts listing and watching; calling it again does nothing. */
  start(): void {
    if (this.#running || this.#stopped) return;
    this.#running = this.#run();
  }

  /** Stops the watch and any pending retry; resolves once the loop has exited. */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#watch?.stop();
    this.#wake?.();
    this.#resolveSync(false);
    await this.#running;
  }

  async #run(): Promise<void> {
    while (!this.#stopped) {
      try {
        if (this.#lastVersion === undefined) await this.#relist();
        else await this.#watchFrom(this.#lastVersion);
      } catch (err) {
        if (this.#stopped) break;
        if (isGone(err)) {
          this.#log.info({ resourceVersion: this.#lastVersion }, 'watch history expired; relisting');
          this.#lastVersion = undefined;
          continue;
        }
        this.#log.warn({ err, retryInMs: this.#backoff }, 'list or watch failed; retrying');
        await this.#sleep(this.#backoff);
        this.#backoff = Math.min(this.#backoff * 2, BACKOFF_MAX_MS);
      }
    }
  }

  async #relist(): Promise<void> {
    const { items, resourceVersion } = await this.#client.list(this.resource, this.namespace, this.#selector());
    if (this.#stopped) return;
    this.#replace(items);
    this.#lastVersion = resourceVersion;
    this.#backoff = BACKOFF_INITIAL_MS;
    if (!this.#synced) {
      this.#synced = true;
      this.#resolveSync(true);
    }
  }

  async #watchFrom(resourceVersion: string): Promise<void> {
    const started = this.#clock.now();
    let events = 0;
    const watch = await this.#client.watch(this.resource, this.namespace, { ...this.#selector(), resourceVersion }, (event) => {
      if (this.#stopped) return;
      events++;
      this.#apply(event);
    });
    this.#watch = watch;
    if (this.#stopped) watch.stop();
    try {
      await watch.done;
    } finally {
      this.#watch = undefined;
    }
    if (events > 0) this.#backoff = BACKOFF_INITIAL_MS;
    else if (this.#clock.now() - started < SHORT_WATCH_MS && !this.#stopped) throw new Error('watch closed at once with no events');
  }

  #selector(): { labelSelector?: string } {
    return this.labelSelector === undefined ? {} : { labelSelector: this.labelSelector };
  }

  #apply(event: WatchEvent<T>): void {
    const obj = deepFreeze(event.object);
    const version = obj.metadata?.resourceVersion;
    if (version) this.#lastVersion = version;
    if (event.type === 'DELETED') {
      this.#cache.delete(obj.metadata?.namespace, obj.metadata?.name ?? '');
      this.#emit('onDelete', obj);
      return;
    }
    const old = this.#cache.set(obj);
    if (old) this.#emit('onUpdate', obj, old);
    else this.#emit('onAdd', obj);
  }

  /** Replaces the cache with a fresh list and emits what changed; unchanged versions are not re-announced. */
  #replace(items: readonly T[]): void {
    const fresh = new ObjectCache<T>();
    for (const obj of items) fresh.set(deepFreeze(obj));
    for (const old of [...this.#cache.values()]) {
      const ns = old.metadata?.namespace;
      const name = old.metadata?.name ?? '';
      if (fresh.get(ns, name)) continue;
      this.#cache.delete(ns, name);
      this.#emit('onDelete', old);
    }
    for (const obj of items) {
      const old = this.#cache.set(obj);
      if (!old) this.#emit('onAdd', obj);
      else if (old.metadata?.resourceVersion !== obj.metadata?.resourceVersion) this.#emit('onUpdate', obj, old);
    }
  }

  #emit(kind: 'onAdd' | 'onDelete', obj: T): void;
  #emit(kind: 'onUpdate', obj: T, old: T): void;
  #emit(kind: keyof ResourceEventHandler<T>, obj: T, old?: T): void {
    for (const handler of this.#handlers) this.#call(handler, kind, obj, old);
  }

  #call(handler: ResourceEventHandler<T>, kind: keyof ResourceEventHandler<T>, obj: T, old?: T): void {
    try {
      if (kind === 'onUpdate') handler.onUpdate?.(old ?? obj, obj);
      else handler[kind]?.(obj);
    } catch (err) {
      this.#log.error({ err, event: kind }, 'informer event handler threw');
    }
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer: TimerHandle = this.#clock.setTimeout(() => wake(), ms);
      const wake = () => {
        this.#clock.clearTimeout(timer);
        this.#wake = undefined;
        resolve();
      };
      this.#wake = wake;
    });
  }

  #resolveSync(synced: boolean): void {
    const waiters = this.#syncWaiters;
    this.#syncWaiters = [];
    for (const resolve of waiters) resolve(synced);
  }
}
