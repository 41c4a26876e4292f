import { resourceKey, type KubeObject, type ResourceType } from '@knot/api';
import type { Client, CreateOptions, DeleteOptions, ListOptions, ListResult, Patch, Watch, WatchEvent, WatchOptions } from '../client.js';

export type WriteVerb = 'create' | 'update' | 'updateStatus' | 'patch' | 'delete';

/** One write a reconciler attempted, as sent (knative's clientgotesting actions). */
export interface Action {
  verb: WriteVerb;
  /** `plural.group`, e.g. `configmaps` or `services.serving.knative.dev`. */
  resource: string;
  namespace: string | undefined;
  name: string;
  /** The object sent, for create, update and updateStatus. */
  object?: KubeObject;
  patch?: Patch;
  subresource?: 'status';
}

/** Makes the next matching writes fail (knative's `InduceFailure`). */
export interface InducedFailure {
  verb: WriteVerb;
  /** `plural.group` as in Action.resource. */
  resource: string;
  error: Error;
  /** How many matching writes fail; 1 when unset. */
  times?: number;
}

/**
 * Wraps a Client, recording every write before passing it on and failing the
 * ones an induced failure matches. Reads pass through unrecorded.
 */
export class RecordingClient implements Client {
  readonly actions: Action[] = [];
  readonly #inner: Client;
  readonly #failures: { failure: InducedFailure; left: number }[] = [];

  constructor(inner: Client, failures: readonly InducedFailure[] = []) {
    this.#inner = inner;
    for (const failure of failures) this.induceFailure(failure);
  }

  induceFailure(failure: InducedFailure): void {
    this.#failures.push({ failure, left: failure.times ?? 1 });
  }

  /** Recorded actions of one verb. */
  ofVerb(verb: WriteVerb): Action[] {
    return this.actions.filter((a) => a.verb === verb);
  }

  get<T extends KubeObject>(rt: ResourceType<T>, namespace: string | undefined, name: string): Promise<T> {
    return this.#inner.get(rt, namespace, name);
  }

  list<T extends KubeObject>(rt: ResourceType<T>, namespace?: string, opts?: ListOptions): Promise<ListResult<T>> {
    return this.#inner.list(rt, namespace, opts);
  }

  watch<T extends KubeObject>(rt: ResourceType<T>, namespace: string | undefined, opts: WatchOptions, onEvent: (event: WatchEvent<T>) => void): Promise<Watch> {
    return this.#inner.watch(rt, namespace, opts, onEvent);
  }

  async create<T extends KubeObject>(rt: ResourceType<T>, obj: T, opts?: CreateOptions): Promise<T> {
    this.#record({ verb: 'create', resource: resourceKey(rt), namespace: obj.metadata?.namespace, name: obj.metadata?.name ?? '', object: structuredClone(obj) });
    return this.#inner.create(rt, obj, opts);
  }

  async update<T extends KubeObject>(rt: ResourceType<T>, obj: T): Promise<T> {
    this.#record({ verb: 'update', resource: resourceKey(rt), namespace: obj.metadata?.namespace, name: obj.metadata?.name ?? '', object: structuredClone(obj) });
    return this.#inner.update(rt, obj);
  }

  async updateStatus<T extends KubeObject>(rt: ResourceType<T>, obj: T): Promise<T> {
    this.#record({ verb: 'updateStatus', resource: resourceKey(rt), namespace: obj.metadata?.namespace, name: obj.metadata?.name ?? '', object: structuredClone(obj) });
    return this.#inner.updateStatus(rt, obj);
  }

  async patch<T extends KubeObject>(rt: ResourceType<T>, namespace: string | undefined, name: string, patch: Patch, opts?: { subresource?: 'status' }): Promise<T> {
    this.#record({ verb: 'patch', resource: resourceKey(rt), namespace, name, patch: structuredClone(patch), ...(opts?.subresource ? { subresource: opts.subresource } : {}) });
    return this.#inner.patch(rt, namespace, name, patch, opts);
  }

  async delete<T extends KubeObject>(rt: ResourceType<T>, namespace: string | undefined, name: string, opts?: DeleteOptions): Promise<T | undefined> {
    this.#record({ verb: 'delete', resource: resourceKey(rt), namespace, name });
    return this.#inner.delete(rt, namespace, name, opts);
  }

  /** Records the action, then throws if an induced failure matches it. */
  #record(action: Action): void {
    this.actions.push(action);
    const hit = this.#failures.find((f) => f.left > 0 && f.failure.verb === action.verb && f.failure.resource === action.resource);
    if (!hit) return;
    hit.left--;
    throw hit.failure.error;
  }
}
