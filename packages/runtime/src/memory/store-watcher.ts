import type { KubeObject } from '@knot/api';
import type { Watch, WatchEvent, WatchEventType } from '../client.js';
import type { ParsedFieldSelector, ParsedLabelSelector } from '../selector/index.js';
import type { StoreEvent } from './history.js';

/** What one watch looks at. */
export interface WatchScope {
  /** `resourceKey` of the kind. */
  readonly kind: string;
  /** Undefined for all namespaces (and for cluster-scoped kinds). */
  readonly namespace: string | undefined;
  readonly labels: ParsedLabelSelector;
  readonly fields: ParsedFieldSelector;
}

/**
 * One watch on the store: translates committed writes into the events this
 * watch should see and delivers them in order, each in a fresh copy, from a
 * microtask so writers never run watch handlers inline.
 */
export class StoreWatcher implements Watch {
  readonly done: Promise<void>;
  readonly #scope: WatchScope;
  readonly #handler: (event: WatchEvent<KubeObject>) => void;
  readonly #onEnd: (watcher: StoreWatcher) => void;
  #queue: { type: WatchEventType; object: KubeObject }[] = [];
  #scheduled = false;
  #ended = false;
  #resolve!: () => void;
  #reject!: (err: unknown) => void;

  constructor(scope: WatchScope, handler: (event: WatchEvent<KubeObject>) => void, onEnd: (watcher: StoreWatcher) => void) {
    this.#scope = scope;
    this.#handler = handler;
    this.#onEnd = onEnd;
    this.done = new Promise<void>((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
    // A caller that never looks at `done` must not crash the process when a watch fails.
    this.done.catch(() => undefined);
  }

  /** True while events wait to be delivered. */
  get busy(): boolean {
    return !this.#ended && this.#queue.length > 0;
  }

  matches(obj: KubeObject): boolean {
    const { namespace, labels, fields } = this.#scope;
    if (namespace !== undefined && obj.metadata?.namespace !== namespace) return false;
    return labels.matches(obj.metadata?.labels) && fields.matches(obj);
  }

  /** Queues a synthetic ADDED for an object that existed when the watch started. */
  announce(obj: KubeObject): void {
    this.#push('ADDED', obj);
  }

  /** Queues what `event` means to this watch, if anything; objects leaving or entering the selection become DELETED or ADDED. */
  offer(event: StoreEvent): void {
    if (this.#ended || event.kind !== this.#scope.kind) return;
    const now = this.matches(event.object);
    if (event.type === 'ADDED' || event.type === 'DELETED') {
      if (now) this.#push(event.type, event.object);
      return;
    }
    const before = event.previous !== undefined && this.matches(event.previous);
    if (before && now) this.#push('MODIFIED', event.object);
    else if (now) this.#push('ADDED', event.object);
    else if (before && event.previous) {
      // As Kubernetes does: the last state that matched, stamped with this event's version.
      const previous = event.previous;
      this.#push('DELETED', { ...previous, metadata: { ...previous.metadata, resourceVersion: event.object.metadata?.resourceVersion } });
    }
  }

  stop(): void {
    this.#end(undefined);
  }

  /** Ends the watch with an error: `done` rejects with it. */
  fail(err: unknown): void {
    this.#end(err);
  }

  #push(type: WatchEventType, object: KubeObject): void {
    this.#queue.push({ type, object });
    if (this.#scheduled) return;
    this.#scheduled = true;
    queueMicrotask(() => this.#drain());
  }

  #drain(): void {
    this.#scheduled = false;
    while (this.#queue.length > 0 && !this.#ended) {
      // Events a handler causes land in the next batch, after the ones already queued.
      const batch = this.#queue;
      this.#queue = [];
      for (const { type, object } of batch) {
        if (this.#ended) return;
        try {
          // Stored objects are never mutated, so copying at delivery is as safe as at commit.
          this.#handler({ type, object: structuredClone(object) });
        } catch (err) {
          this.#end(err);
          return;
        }
      }
    }
  }

  #end(err: unknown): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#queue = [];
    this.#onEnd(this);
    if (err === undefined) this.#resolve();
    else this.#reject(err);
  }
}
