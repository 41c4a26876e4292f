import type { KubeObject, ResourceType } from '@knot/api';

/** Options for list and watch. */
export interface ListOptions {
  /** Kubernetes label selector syntax: `app=hello,tier in (web),!canary`. */
  labelSelector?: string;
  /** Field selector on `metadata.name` and `metadata.namespace`: `metadata.name=hello`. */
  fieldSelector?: string;
}

export interface ListResult<T extends KubeObject> {
  items: T[];
  /** The collection's resourceVersion, from which a watch can resume. */
  resourceVersion: string;
}

export interface WatchOptions extends ListOptions {
  /** Deliver changes after this version; a version older than the retained history fails with Gone. */
  resourceVersion?: string;
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface WatchEvent<T extends KubeObject> {
  type: WatchEventType;
  object: T;
}

/** A running watch. Events arrive in resourceVersion order; `done` settles when the watch ends. */
export interface Watch {
  stop(): void;
  /** Resolves when the watch ends normally (stopped or closed by the server); rejects with Gone or another ApiError. */
  readonly done: Promise<void>;
}

export interface CreateOptions {
  /** Validate and default, but persist nothing. */
  dryRun?: boolean;
  fieldManager?: string;
}

export type PropagationPolicy = 'Background' | 'Foreground' | 'Orphan';

export interface DeleteOptions {
  propagationPolicy?: PropagationPolicy;
  /** Delete only if the object still has this resourceVersion. */
  preconditionResourceVersion?: string;
}

/** `merge` is JSON merge patch (RFC 7386), `json` is JSON patch (RFC 6902). */
export type Patch =
  | { type: 'merge'; patch: Record<string, unknown> }
  | { type: 'json'; patch: readonly JsonPatchOperation[] };

export interface JsonPatchOperation {
  op: 'add' | 'remove' | 'replace' | 'move' | 'copy' | 'test';
  path: string;
  value?: unknown;
  from?: string;
}

/**
 * The API every knot component uses. Implemented by the in-memory store and by
 * the Kubernetes client; reconcilers never know which one they hold.
 * `namespace` is ignored for cluster-scoped kinds; list and watch take
 * `undefined` for all namespaces.
 */
export interface Client {
  get<T extends KubeObject>(rt: ResourceType<T>, namespace: string | undefined, name: string): Promise<T>;
  list<T extends KubeObject>(rt: ResourceType<T>, namespace?: string, opts?: ListOptions): Promise<ListResult<T>>;
  watch<T extends KubeObject>(
    rt: ResourceType<T>,
    namespace: string | undefined,
    opts: WatchOptions,
    onEvent: (event: WatchEvent<T>) => void,
  ): Promise<Watch>;
  /** Creates an object; `metadata.generateName` gets a random suffix when `metadata.name` is empty. */
  create<T extends KubeObject>(rt: ResourceType<T>, obj: T, opts?: CreateOptions): Promise<T>;
  /** Replaces the object (status is kept for kinds with a status subresource); 409 Conflict on a stale resourceVersion. */
  update<T extends KubeObject>(rt: ResourceType<T>, obj: T): Promise<T>;
  /** Writes only `status`; spec and metadata changes in `obj` are ignored. */
  updateStatus<T extends KubeObject>(rt: ResourceType<T>, obj: T): Promise<T>;
  patch<T extends KubeObject>(rt: ResourceType<T>, namespace: string | undefined, name: string, patch: Patch, opts?: { subresource?: 'status' }): Promise<T>;
  /** Deletes the object, or marks it with a deletionTimestamp while finalizers remain. Returns the object as last seen. */
  delete<T extends KubeObject>(rt: ResourceType<T>, namespace: string | undefined, name: string, opts?: DeleteOptions): Promise<T | undefined>;
}
