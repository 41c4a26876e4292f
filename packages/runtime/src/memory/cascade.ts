import { core, type KubeObject, type ResourceType } from '@knot/api';
import type { PropagationPolicy } from '../client.js';
import { isApiError } from '../errors.js';
import { isNamespaceKind } from './kinds.js';
import type { ObjectTable } from './object-table.js';
import { FOREGROUND_FINALIZER, finalizersOf, isDeleting, ORPHAN_FINALIZER, withoutFinalizer, withoutOwner } from './object-writes.js';

/** What the garbage collector needs from the store: read access and the store's own write paths. */
export interface CascadeHost {
  readonly table: ObjectTable;
  /** Deletes as a client's delete does (finalizers respected). */
  deleteObject(rt: ResourceType, obj: KubeObject, policy: PropagationPolicy): void;
  /** Writes `next` over `stored` as an update does; removes it when that was its last finalizer. */
  replaceObject(rt: ResourceType, stored: KubeObject, next: KubeObject): void;
  /** Removes an object whose deletion has nothing left to wait for. */
  finishDeletion(rt: ResourceType, obj: KubeObject): void;
}

type Task = () => void;

/**
 * Owner-reference garbage collection and namespace cleanup, run after the
 * write that triggers them (on setImmediate), as Kubernetes' garbage collector
 * and namespace controller do. Tasks look state up afresh, so they are safe to
 * run late or twice.
 */
export class Cascade {
  readonly #host: CascadeHost;
  #tasks: Task[] = [];
  #scheduled = false;
  #failure: Error | undefined;

  constructor(host: CascadeHost) {
    this.#host = host;
  }

  get idle(): boolean {
    return this.#tasks.length === 0 && !this.#scheduled;
  }

  /** The first unexpected (non-API) error a task threw, if any. */
  get failure(): Error | undefined {
    return this.#failure;
  }

  /** An object was marked for deletion with finalizers left; start what its policy asks for. */
  markedForDeletion(rt: ResourceType, obj: KubeObject): void {
    const uid = obj.metadata?.uid ?? '';
    const name = obj.metadata?.name ?? '';
    if (finalizersOf(obj).includes(FOREGROUND_FINALIZER)) this.#schedule(() => this.#deleteDependentsFirst(uid));
    if (finalizersOf(obj).includes(ORPHAN_FINALIZER)) this.#schedule(() => this.#orphanDependents(uid));
    if (isNamespaceKind(rt)) this.#schedule(() => this.#emptyNamespace(name));
  }

  /** An object changed; owners waiting in foreground deletion may now be free to go. */
  modified(previous: KubeObject): void {
    for (const ref of previous.metadata?.ownerReferences ?? []) this.#schedule(() => this.#releaseForegroundOwner(ref.uid));
  }

  /** An object is gone: collect its dependents, release waiting owners, finish a terminating namespace. */
  removed(rt: ResourceType, obj: KubeObject): void {
    const uid = obj.metadata?.uid;
    if (uid) this.#schedule(() => this.#collectDependents(uid));
    this.modified(obj);
    const ns = obj.metadata?.namespace;
    if (rt.namespaced && ns) this.#schedule(() => this.#finishNamespace(ns));
  }

  /** After a load: resume deletions under way and collect dependents whose owners are already gone. */
  resume(): void {
    const { table } = this.#host;
    const gone = new Set<string>();
    for (const { rt, obj } of table.all()) {
      if (isDeleting(obj)) this.markedForDeletion(rt, obj);
      for (const ref of obj.metadata?.ownerReferences ?? []) if (!table.byUid(ref.uid)) gone.add(ref.uid);
    }
    for (const uid of gone) this.#schedule(() => this.#collectDependents(uid));
  }

  #schedule(task: Task): void {
    this.#tasks.push(task);
    if (this.#scheduled) return;
    this.#scheduled = true;
    setImmediate(() => this.#run());
  }

  #run(): void {
    const batch = this.#tasks;
    this.#tasks = [];
    for (const task of batch) {
      try {
        task();
      } catch (err) {
        // API errors mean the state moved on (gone, conflicting); anything else is a bug worth surfacing.
        if (!isApiError(err)) this.#failure ??= err instanceof Error ? err : new Error('cascade task failed', { cause: err });
      }
    }
    this.#scheduled = false;
    if (this.#tasks.length > 0 && !this.#scheduled) {
      this.#scheduled = true;
      setImmediate(() => this.#run());
    }
  }

  // Background: a dependent whose other owners are all gone is deleted; otherwise it just loses the dangling reference.
  #collectDependents(uid: string): void {
    const { table } = this.#host;
    if (table.byUid(uid)) return;
    for (const { rt, obj } of table.dependentsOf(uid)) {
      const others = (obj.metadata?.ownerReferences ?? []).filter((r) => r.uid !== uid && table.byUid(r.uid));
      if (others.length > 0) this.#host.replaceObject(rt, obj, withoutOwner(obj, uid));
      else if (!isDeleting(obj)) this.#host.deleteObject(rt, obj, 'Background');
    }
  }

  #deleteDependentsFirst(uid: string): void {
    const { table } = this.#host;
    for (const { rt, obj } of table.dependentsOf(uid)) {
      const solidOwners = (obj.metadata?.ownerReferences ?? []).filter((r) => {
        const owner = r.uid === uid ? undefined : table.byUid(r.uid);
        return owner !== undefined && !isDeleting(owner.obj);
      });
      if (solidOwners.length > 0) this.#host.replaceObject(rt, obj, withoutOwner(obj, uid));
      else if (!isDeleting(obj)) this.#host.deleteObject(rt, obj, 'Foreground');
    }
    this.#releaseForegroundOwner(uid);
  }

  // The owner goes once no dependent that blocks owner deletion is left.
  #releaseForegroundOwner(uid: string): void {
    const { table } = this.#host;
    const owner = table.byUid(uid);
    if (!owner || !isDeleting(owner.obj) || !finalizersOf(owner.obj).includes(FOREGROUND_FINALIZER)) return;
    const blocking = table.dependentsOf(uid).some(({ obj }) => obj.metadata?.ownerReferences?.some((r) => r.uid === uid && r.blockOwnerDeletion === true));
    if (!blocking) this.#host.replaceObject(owner.rt, owner.obj, withoutFinalizer(owner.obj, FOREGROUND_FINALIZER));
  }

  #orphanDependents(uid: string): void {
    const { table } = this.#host;
    for (const { rt, obj } of table.dependentsOf(uid)) this.#host.replaceObject(rt, obj, withoutOwner(obj, uid));
    const owner = table.byUid(uid);
    if (owner && finalizersOf(owner.obj).includes(ORPHAN_FINALIZER)) {
      this.#host.replaceObject(owner.rt, owner.obj, withoutFinalizer(owner.obj, ORPHAN_FINALIZER));
    }
  }

  #emptyNamespace(name: string): void {
    const { table } = this.#host;
    for (const { rt, obj } of table.inNamespace(name)) {
      if (!isDeleting(obj)) this.#host.deleteObject(rt, obj, 'Background');
    }
    this.#finishNamespace(name);
  }

  #finishNamespace(name: string): void {
    const ns = this.#host.table.get(core.namespaces, undefined, name);
    if (!ns || !isDeleting(ns) || this.#host.table.inNamespace(name).length > 0) return;
    this.#host.finishDeletion(core.namespaces, ns);
  }
}
