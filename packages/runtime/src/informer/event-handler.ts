import type { KubeObject } from '@knot/api';
import { objectKey } from './key.js';

/** What an informer calls as its cache changes (client-go's ResourceEventHandler). */
export interface ResourceEventHandler<T extends KubeObject> {
  onAdd?(obj: T): void;
  onUpdate?(oldObj: T, newObj: T): void;
  onDelete?(obj: T): void;
}

export type ObjectFilter<T extends KubeObject = KubeObject> = (obj: T) => boolean;

/** One callback for adds, updates (with the new object) and deletes (knative's `controller.HandleAll`). */
export function handleAll<T extends KubeObject>(fn: (obj: T) => void): ResourceEventHandler<T> {
  return { onAdd: fn, onUpdate: (_old, obj) => fn(obj), onDelete: fn };
}

/**
 * Passes on only objects that match `filter` (client-go's FilteringResourceEventHandler):
 * an update into the filter is an add, an update out of it a delete.
 */
export function filtered<T extends KubeObject>(filter: ObjectFilter<T>, handler: ResourceEventHandler<T>): ResourceEventHandler<T> {
  return {
    onAdd: (obj) => {
      if (filter(obj)) handler.onAdd?.(obj);
    },
    onUpdate: (oldObj, newObj) => {
      const was = filter(oldObj);
      const is = filter(newObj);
      if (was && is) handler.onUpdate?.(oldObj, newObj);
      else if (is) handler.onAdd?.(newObj);
      else if (was) handler.onDelete?.(oldObj);
    },
    onDelete: (obj) => {
      if (filter(obj)) handler.onDelete?.(obj);
    },
  };
}

export function filterByNamespace(namespace: string): ObjectFilter {
  return (obj) => obj.metadata?.namespace === namespace;
}

/** Objects carrying label `key`, with `value` when given. */
export function filterByLabel(key: string, value?: string): ObjectFilter {
  return (obj) => {
    const labels = obj.metadata?.labels;
    if (!labels || !Object.hasOwn(labels, key)) return false;
    return value === undefined || labels[key] === value;
  };
}

/** Objects whose controller owner reference is of `group`/`kind` (knative's `FilterControllerGK`). */
export function filterByOwnerKind(group: string, kind: string): ObjectFilter {
  return (obj) => {
    const owner = controllerOf(obj);
    return owner !== undefined && owner.kind === kind && groupOf(owner.apiVersion) === group;
  };
}

/** Enqueues the key of the object's controller owner, in the object's namespace (knative's `EnqueueControllerOf`). */
export function enqueueControllerOf(enqueue: (key: string) => void): (obj: KubeObject) => void {
  return (obj) => {
    const owner = controllerOf(obj);
    if (!owner) return;
    const ns = obj.metadata?.namespace;
    enqueue(ns ? `${ns}/${owner.name}` : owner.name);
  };
}

/** Filter by owner kind and enqueue the owner on every change: how a parent reconciler watches its children. */
export function enqueueOwnerOfKind(group: string, kind: string, enqueue: (key: string) => void): ResourceEventHandler<KubeObject> {
  return filtered(filterByOwnerKind(group, kind), handleAll(enqueueControllerOf(enqueue)));
}

/** Enqueues the object's own key on every change. */
export function enqueueObject(enqueue: (key: string) => void): ResourceEventHandler<KubeObject> {
  return handleAll((obj) => enqueue(objectKey(obj)));
}

function controllerOf(obj: KubeObject) {
  return obj.metadata?.ownerReferences?.find((ref) => ref.controller === true);
}

function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}
