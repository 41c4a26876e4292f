import { randomUUID } from 'node:crypto';
import { core, dns1123LabelProblem, type KubeObject, type ResourceType, resourceKey } from '@knot/api';
import type { Client, CreateOptions, DeleteOptions, ListOptions, ListResult, Patch, PropagationPolicy, Watch, WatchEvent, WatchOptions } from '../client.js';
import { type Clock, systemClock } from '../clock.js';
import { ApiError } from '../errors.js';
import { applyJsonPatch, applyMergePatch } from '../patch/index.js';
import { parseFieldSelector, parseLabelSelector } from '../selector/index.js';
import { Cascade } from './cascade.js';
import type { CommitEvent } from './commit-event.js';
import { WatchHistory, type StoreEvent } from './history.js';
import { jsonEqual } from '../json-equal.js';
import { toPlainJson } from './json-value.js';
import { isNamespaceKind } from './kinds.js';
import { ObjectTable } from './object-table.js';
import { invalidObject, objectMetaCauses, requiredValue } from './object-validation.js';
import {
  bumpGeneration, deletingFinalizerCauses, FOREGROUND_FINALIZER, finalizersOf, isDeleting, markDeleting, mergeStatus, mergeUpdate, ORPHAN_FINALIZER, prepareCreate,
} from './object-writes.js';
import { dumpResource, parseStoreDump, type StoreDump } from './store-dump.js';
import { StoreWatcher } from './store-watcher.js';

export interface MemoryStoreOptions {
  /** Stamps creation and deletion times. Default: the system clock. */
  clock?: Clock;
  /** How many past events a watch can resume from; older versions are Gone. Default 10,000. */
  historySize?: number;
  /** Namespaced objects need their Namespace to exist, as in Kubernetes. Default true. */
  requireNamespaces?: boolean;
  /** Namespaces created with the store. Default `['default']`. */
  initialNamespaces?: readonly string[];
  /** Source of randomness for generateName suffixes, in [0, 1). Default Math.random. */
  random?: () => number;
  /**
   * Sees every committed write in resourceVersion order, synchronously, just
   * before it becomes visible: creates, updates, status writes, patches,
   * deletions and the ones cascades and finalizers cause. Not dry runs, not
   * writes that change nothing, not `load`. If it throws, the write fails and
   * the store is left as it was. It must not change the object.
   */
  onCommit?: (event: CommitEvent) => void;
}

// Kubernetes' generateName alphabet: lowercase consonants and digits that cannot spell words.
const SUFFIX_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
const DECIMAL = /^(0|[1-9]\d*)$/;

/**
 * An in-memory Kubernetes API: the `Client` every unit test and `knot dev`
 * runs on. Every operation is synchronous under its promise, so operations are
 * atomic with respect to each other. Watch events and cascading deletion follow
 * each write asynchronously; `settled()` waits for both.
 */
export class MemoryStore implements Client {
  readonly #clock: Clock;
  readonly #random: () => number;
  readonly #requireNamespaces: boolean;
  readonly #table = new ObjectTable();
  readonly #history: WatchHistory;
  readonly #watchers = new Set<StoreWatcher>();
  readonly #cascade: Cascade;
  readonly #onCommit: ((event: CommitEvent) => void) | undefined;
  #version = 0;

  constructor(opts: MemoryStoreOptions = {}) {
    const historySize = opts.historySize ?? 10_000;
    if (!Number.isInteger(historySize) || historySize < 1) throw new RangeError(`MemoryStore: historySize must be a positive integer, got ${historySize}`);
    this.#clock = opts.clock ?? systemClock;
    this.#random = opts.random ?? Math.random;
    this.#requireNamespaces = opts.requireNamespaces ?? true;
    this.#onCommit = opts.onCommit;
    this.#history = new WatchHistory(historySize);
    this.#cascade = new Cascade({
      table: this.#table,
      deleteObject: (rt, obj, policy) => this.#delete(rt, obj, policy),
      replaceObject: (rt, stored, next) => this.#write(rt, stored, next),
      finishDeletion: (rt, obj) => {
        if (this.#removable(rt, obj)) this.#commit(rt, 'DELETED', obj, obj);
      },
    });
    for (const name of opts.initialNamespaces ?? ['default']) {
      const problem = dns1123LabelProblem(name);
      if (problem) throw new RangeError(`MemoryStore: initialNamespaces: "${name}" ${problem}`);
      this.#create(core.namespaces, { metadata: { name } }, false);
    }
  }

  /** The current resourceVersion of the whole store. */
  get resourceVersion(): string {
    return String(this.#version);
  }

  get<T extends KubeObject>(rt: ResourceType<T>, namespace: string | undefined, name: string): Promise<T> {
    return settle(() => out<T>(this.#lookup(rt, namespace, name)));
  }

  list<T extends KubeObject>(rt: ResourceType<T>, namespace?: string, opts: ListOptions = {}): Promise<ListResult<T>> {
    return settle(() => {
      const labels = parseLabelSelector(opts.labelSelector ?? '');
      const fields = parseFieldSelector(opts.fieldSelector ?? '');
      const items = this.#table.list(rt, namespace || undefined).filter((o) => labels.matches(o.metadata?.labels) && fields.matches(o));
      return { items: items.map((o) => out<T>(o)), resourceVersion: this.resourceVersion };
    });
  }

  /**
   * Without a resourceVersion (or with "0") the watch starts with a synthetic
   * ADDED for every matching object; with one, it replays the retained events
   * after it, or rejects with Gone when they are no longer retained.
   */
  watch<T extends KubeObject>(rt: ResourceType<T>, namespace: string | undefined, opts: WatchOptions, onEvent: (event: WatchEvent<T>) => void): Promise<Watch> {
    return settle(() => {
      const ns = rt.namespaced ? namespace || undefined : undefined;
      const scope = { kind: resourceKey(rt), namespace: ns, labels: parseLabelSelector(opts.labelSelector ?? ''), fields: parseFieldSelector(opts.fieldSelector ?? '') };
      const from = opts.resourceVersion;
      let backlog: StoreEvent[] = [];
      if (from !== undefined && from !== '' && from !== '0') {
        if (!DECIMAL.test(from)) throw new ApiError('BadRequest', `invalid resourceVersion "${from}": must be a decimal number`);
        backlog = this.#history.since(Number(from));
      }
      // The handler's type is the caller's T; the store holds plain KubeObjects of that kind.
      const watcher = new StoreWatcher(scope, onEvent as (event: WatchEvent<KubeObject>) => void, (w) => this.#watchers.delete(w));
      if (from === undefined || from === '' || from === '0') {
        for (const obj of this.#table.list(rt, ns)) if (watcher.matches(obj)) watcher.announce(obj);
      }
      for (const event of backlog) watcher.offer(event);
      this.#watchers.add(watcher);
      return { stop: () => watcher.stop(), done: watcher.done };
    });
  }

  create<T extends KubeObject>(rt: ResourceType<T>, obj: T, opts: CreateOptions = {}): Promise<T> {
    return settle(() => out<T>(this.#create(rt, obj, opts.dryRun ?? false)));
  }

  update<T extends KubeObject>(rt: ResourceType<T>, obj: T): Promise<T> {
    return settle(() => {
      const input = toPlainJson<KubeObject>(obj);
      const stored = this.#lookupFor(rt, input);
      this.#checkPreconditions(rt, stored, input);
      return out<T>(this.#write(rt, stored, mergeUpdate(rt, stored, input)));
    });
  }

  updateStatus<T extends KubeObject>(rt: ResourceType<T>, obj: T): Promise<T> {
    return settle(() => {
      this.#requireStatus(rt);
      const input = toPlainJson<KubeObject>(obj);
      const stored = this.#lookupFor(rt, input);
      this.#checkPreconditions(rt, stored, input);
      return out<T>(this.#write(rt, stored, mergeStatus(stored, input)));
    });
  }

  patch<T extends KubeObject>(rt: ResourceType<T>, namespace: string | undefined, name: string, patch: Patch, opts: { subresource?: 'status' } = {}): Promise<T> {
    return settle(() => {
      if (opts.subresource === 'status') this.#requireStatus(rt);
      const stored = this.#lookup(rt, namespace, name);
      const patched = patch.type === 'merge' ? applyMergePatch(stored, toPlainJson(patch.patch)) : applyJsonPatch(stored, toPlainJson(patch.patch));
      if (typeof patched !== 'object' || patched === null || Array.isArray(patched)) throw new ApiError('BadRequest', 'the patch does not leave an object');
      const input = toPlainJson(patched as KubeObject);
      for (const field of ['name', 'namespace'] as const) {
        if (input.metadata?.[field] !== stored.metadata?.[field]) {
          throw new ApiError('BadRequest', `the ${field} of the object (${input.metadata?.[field] ?? ''}) does not match the ${field} on the URL (${stored.metadata?.[field] ?? ''})`);
        }
      }
      this.#checkPreconditions(rt, stored, input);
      const next = opts.subresource === 'status' ? mergeStatus(stored, input) : mergeUpdate(rt, stored, input);
      return out<T>(this.#write(rt, stored, next));
    });
  }

  delete<T extends KubeObject>(rt: ResourceType<T>, namespace: string | undefined, name: string, opts: DeleteOptions = {}): Promise<T | undefined> {
    return settle(() => {
      const stored = this.#lookup(rt, namespace, name);
      const want = opts.preconditionResourceVersion;
      if (want !== undefined && want !== stored.metadata?.resourceVersion) {
        throw new ApiError('Conflict', `Precondition failed: ResourceVersion in precondition: ${want}, ResourceVersion in object meta: ${stored.metadata?.resourceVersion ?? ''}`);
      }
      return out<T>(this.#delete(rt, stored, opts.propagationPolicy ?? 'Background'));
    });
  }

  /**
   * Resolves once the store has nothing left to do on its own: cascading
   * deletions finished and every queued watch event delivered (not the async
   * work handlers start). Rejects if a cascade hit an unexpected error.
   */
  async settled(): Promise<void> {
    for (;;) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      const failure = this.#cascade.failure;
      if (failure) throw failure;
      if (this.#cascade.idle && ![...this.#watchers].some((w) => w.busy)) return;
    }
  }

  /** Every object and the current resourceVersion as plain JSON, for `load` to restore. */
  dump(): StoreDump {
    const kinds = this.#table.kinds().filter((k) => k.objects.size > 0).map((k) => ({ resource: dumpResource(k.rt), items: this.#table.list(k.rt, undefined).map((o) => structuredClone(o)) }));
    return { resourceVersion: this.resourceVersion, kinds };
  }

  /**
   * Replaces the whole state with a dump. Running watches end with Gone, as
   * after an etcd restore. Deletions the dump shows under way and dependents
   * of owners already gone are picked up again, as Kubernetes' garbage
   * collector does when it starts.
   */
  load(dump: unknown): void {
    const parsed = parseStoreDump(dump);
    this.#table.clear();
    for (const { rt, items } of parsed.kinds) for (const item of items) this.#table.put(rt, item);
    this.#version = parsed.resourceVersion;
    this.#history.reset(parsed.resourceVersion);
    for (const w of [...this.#watchers]) w.fail(new ApiError('Gone', 'the store was reloaded; list again'));
    this.#cascade.resume();
  }

  #create(rt: ResourceType, obj: KubeObject, dryRun: boolean): KubeObject {
    const input = toPlainJson(obj);
    const meta = input.metadata ?? {};
    if (meta.resourceVersion) throw new ApiError('BadRequest', 'resourceVersion should not be set on objects to be created');
    const namespace = rt.namespaced ? meta.namespace : undefined;
    let name = meta.name;
    if (!name && meta.generateName) name = this.#generateName(rt, namespace, meta.generateName);
    const next = prepareCreate(rt, { ...input, metadata: { ...meta, ...(name ? { name } : {}) } }, randomUUID(), this.#clock.now());
    const causes = objectMetaCauses(rt, next);
    if (causes.length > 0) throw invalidObject(rt, name ?? meta.generateName ?? '', causes);
    if (this.#table.get(rt, namespace, name ?? '')) throw new ApiError('AlreadyExists', `${resourceKey(rt)} "${name ?? ''}" already exists`);
    if (namespace && this.#requireNamespaces) {
      const ns = this.#table.get(core.namespaces, undefined, namespace);
      if (!ns) throw new ApiError('NotFound', `namespaces "${namespace}" not found`);
      if (isDeleting(ns)) throw new ApiError('Forbidden', `${resourceKey(rt)} "${name ?? ''}" is forbidden: unable to create new content in namespace ${namespace} because it is being terminated`);
    }
    return dryRun ? next : this.#commit(rt, 'ADDED', next, undefined);
  }

  #generateName(rt: ResourceType, namespace: string | undefined, generateName: string): string {
    const base = generateName.slice(0, 58);
    for (let attempt = 0; attempt < 8; attempt++) {
      let suffix = '';
      for (let i = 0; i < 5; i++) suffix += SUFFIX_ALPHABET.charAt(Math.floor(this.#random() * SUFFIX_ALPHABET.length) % SUFFIX_ALPHABET.length);
      if (!this.#table.get(rt, namespace, base + suffix)) return base + suffix;
    }
    throw new ApiError('AlreadyExists', `${resourceKey(rt)} with generateName "${generateName}" could not get a unique name; try again`);
  }

  // The one path every change goes through after it has been prepared: validate, bump generation, detect no-ops, remove when deletion is complete.
  #write(rt: ResourceType, stored: KubeObject, prepared: KubeObject): KubeObject {
    const next = bumpGeneration(rt, stored, prepared);
    const causes = [...objectMetaCauses(rt, next), ...deletingFinalizerCauses(stored, next)];
    if (causes.length > 0) throw invalidObject(rt, next.metadata?.name ?? '', causes);
    if (this.#removable(rt, next)) return this.#commit(rt, 'DELETED', next, stored);
    if (jsonEqual(next, stored)) return stored;
    return this.#commit(rt, 'MODIFIED', next, stored);
  }

  #delete(rt: ResourceType, stored: KubeObject, policy: PropagationPolicy): KubeObject {
    if (isDeleting(stored)) return stored;
    const extra = policy === 'Foreground' ? FOREGROUND_FINALIZER : policy === 'Orphan' ? ORPHAN_FINALIZER : undefined;
    if (!extra && finalizersOf(stored).length === 0 && !isNamespaceKind(rt)) return this.#commit(rt, 'DELETED', stored, stored);
    return this.#commit(rt, 'MODIFIED', markDeleting(rt, stored, extra, this.#clock.now()), stored);
  }

  #removable(rt: ResourceType, obj: KubeObject): boolean {
    if (!isDeleting(obj) || finalizersOf(obj).length > 0) return false;
    return !isNamespaceKind(rt) || this.#table.inNamespace(obj.metadata?.name ?? '').length === 0;
  }

  #commit(rt: ResourceType, type: WatchEvent<KubeObject>['type'], obj: KubeObject, previous: KubeObject | undefined): KubeObject {
    const version = this.#version + 1;
    const stored: KubeObject = { ...obj, metadata: { ...obj.metadata, resourceVersion: String(version) } };
    this.#onCommit?.({ type, resource: dumpResource(rt), object: stored, resourceVersion: String(version) });
    this.#version = version;
    if (type === 'DELETED') this.#table.remove(rt, stored);
    else this.#table.put(rt, stored);
    const event: StoreEvent = { resourceVersion: version, kind: resourceKey(rt), type, object: stored, ...(previous ? { previous } : {}) };
    this.#history.record(event);
    for (const w of this.#watchers) w.offer(event);
    if (type === 'DELETED') this.#cascade.removed(rt, stored);
    else if (previous) {
      this.#cascade.modified(previous);
      if (!isDeleting(previous) && isDeleting(stored)) this.#cascade.markedForDeletion(rt, stored);
    }
    return stored;
  }

  #lookup(rt: ResourceType, namespace: string | undefined, name: string): KubeObject {
    if (rt.namespaced && !namespace) throw new ApiError('BadRequest', `${resourceKey(rt)} is namespaced: a namespace is required`);
    if (!name) throw new ApiError('BadRequest', `${resourceKey(rt)}: a name is required`);
    const obj = this.#table.get(rt, namespace, name);
    if (!obj) throw new ApiError('NotFound', `${resourceKey(rt)} "${name}" not found`);
    return obj;
  }

  #lookupFor(rt: ResourceType, input: KubeObject): KubeObject {
    const name = input.metadata?.name;
    if (!name) throw invalidObject(rt, '', [requiredValue('metadata.name')]);
    if (rt.namespaced && !input.metadata?.namespace) throw invalidObject(rt, name, [requiredValue('metadata.namespace')]);
    return this.#lookup(rt, input.metadata?.namespace, name);
  }

  #checkPreconditions(rt: ResourceType, stored: KubeObject, input: KubeObject): void {
    const uid = input.metadata?.uid;
    if (uid && uid !== stored.metadata?.uid) {
      throw new ApiError('Conflict', `Precondition failed: UID in precondition: ${uid}, UID in object meta: ${stored.metadata?.uid ?? ''}`);
    }
    const version = input.metadata?.resourceVersion;
    if (version && version !== stored.metadata?.resourceVersion) {
      throw new ApiError('Conflict', `Operation cannot be fulfilled on ${resourceKey(rt)} "${stored.metadata?.name ?? ''}": the object has been modified; please apply your changes to the latest version and try again`);
    }
  }

  #requireStatus(rt: ResourceType): void {
    if (!rt.hasStatus) throw new ApiError('NotFound', `${resourceKey(rt)} has no status subresource`);
  }
}

// Runs an operation synchronously (so it is atomic) and hands its outcome over as a promise.
function settle<T>(op: () => T): Promise<T> {
  try {
    return Promise.resolve(op());
  } catch (err) {
    return Promise.reject(err instanceof Error ? err : new Error('operation failed', { cause: err }));
  }
}

// Objects leave the store only as copies, so callers can never change stored state.
function out<T extends KubeObject>(obj: KubeObject): T {
  return structuredClone(obj) as T;
}
