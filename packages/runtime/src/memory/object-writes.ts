import { apiVersionOf, formatMetaTime, type KubeObject, type ObjectMeta, type ResourceType } from '@knot/api';
import type { StatusCause } from '../errors.js';
import { jsonEqual } from '../json-equal.js';
import { isNamespaceKind } from './kinds.js';
import { forbiddenValue } from './object-validation.js';

/** Finalizers the store itself adds for Foreground and Orphan deletion, as Kubernetes does. */
export const FOREGROUND_FINALIZER = 'foregroundDeletion';
export const ORPHAN_FINALIZER = 'orphan';

// Metadata only the server sets; update and patch keep the stored values.
const SYSTEM_FIELDS = ['name', 'namespace', 'uid', 'creationTimestamp', 'resourceVersion', 'generation', 'deletionTimestamp', 'deletionGracePeriodSeconds'] as const;

type Loose = KubeObject & { status?: unknown };

export const isDeleting = (obj: KubeObject): boolean => Boolean(obj.metadata?.deletionTimestamp);
export const finalizersOf = (obj: KubeObject): readonly string[] => obj.metadata?.finalizers ?? [];

/** What counts as spec for `metadata.generation`: all but metadata (and status, for kinds with a status subresource). */
function specPart(rt: ResourceType, obj: KubeObject): Record<string, unknown> {
  const { metadata: _m, apiVersion: _a, kind: _k, status, ...rest } = obj as Loose;
  return rt.hasStatus || status === undefined ? rest : { ...rest, status };
}

/** The object as first stored: system metadata set, status dropped for kinds with a status subresource. */
export function prepareCreate(rt: ResourceType, input: KubeObject, uid: string, now: number): KubeObject {
  const { status, ...rest } = input as Loose;
  const meta: ObjectMeta = { ...input.metadata, uid, creationTimestamp: formatMetaTime(now), generation: 1 };
  for (const key of ['resourceVersion', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'selfLink'] as const) delete meta[key];
  if (!rt.namespaced) delete meta.namespace;
  const out: Loose = { ...rest, apiVersion: apiVersionOf(rt), kind: rt.kind, metadata: meta };
  if (!rt.hasStatus && status !== undefined) out.status = status;
  if (isNamespaceKind(rt)) out.status = { phase: 'Active' };
  return out;
}

/** An update's result: the caller's object with the stored system metadata (and status, for status-subresource kinds). */
export function mergeUpdate(rt: ResourceType, stored: KubeObject, input: KubeObject): KubeObject {
  const { status: _ignored, ...rest } = input as Loose;
  const next: Loose = { ...(rt.hasStatus ? rest : input), apiVersion: apiVersionOf(rt), kind: rt.kind, metadata: withSystemFields(input.metadata, stored.metadata) };
  const storedStatus = (stored as Loose).status;
  if (rt.hasStatus && storedStatus !== undefined) next.status = storedStatus;
  return next;
}

/** A status write's result: the stored object with only `status` taken from the caller. */
export function mergeStatus(stored: KubeObject, input: KubeObject): KubeObject {
  const { status: _old, ...rest } = stored as Loose;
  const status = (input as Loose).status;
  const next: Loose = status === undefined ? rest : { ...rest, status };
  return next;
}

function withSystemFields(input: ObjectMeta | undefined, stored: ObjectMeta | undefined): ObjectMeta {
  const meta: Record<string, unknown> = { ...input };
  delete meta.managedFields;
  for (const key of SYSTEM_FIELDS) {
    if (stored?.[key] === undefined) delete meta[key];
    else meta[key] = stored[key];
  }
  return meta;
}

/** Bumps `metadata.generation` when the spec part changed. Returns `next` for chaining. */
export function bumpGeneration(rt: ResourceType, stored: KubeObject, next: KubeObject): KubeObject {
  if (jsonEqual(specPart(rt, stored), specPart(rt, next))) return next;
  return { ...next, metadata: { ...next.metadata, generation: (stored.metadata?.generation ?? 0) + 1 } };
}

/** Kubernetes forbids adding finalizers to an object that is being deleted. */
export function deletingFinalizerCauses(stored: KubeObject, next: KubeObject): StatusCause[] {
  if (!isDeleting(stored)) return [];
  const before = new Set(finalizersOf(stored));
  const added = finalizersOf(next).filter((f) => !before.has(f));
  if (added.length === 0) return [];
  return [forbiddenValue('metadata.finalizers', `no new finalizers can be added if the object is being deleted, found new finalizers ${JSON.stringify(added)}`)];
}

/** The object marked for deletion: deletionTimestamp once, grace period 0, generation bumped as Kubernetes does. */
export function markDeleting(rt: ResourceType, stored: KubeObject, extraFinalizer: string | undefined, now: number): KubeObject {
  const finalizers = [...finalizersOf(stored)];
  if (extraFinalizer && !finalizers.includes(extraFinalizer)) finalizers.push(extraFinalizer);
  const generation = stored.metadata?.generation;
  const meta: ObjectMeta = {
    ...stored.metadata,
    deletionTimestamp: formatMetaTime(now),
    deletionGracePeriodSeconds: 0,
    ...(finalizers.length > 0 ? { finalizers } : {}),
    ...(generation ? { generation: generation + 1 } : {}),
  };
  const next: Loose = { ...stored, metadata: meta };
  if (isNamespaceKind(rt)) next.status = { ...(next.status as object | undefined), phase: 'Terminating' };
  return next;
}

/** A copy of `obj` without the finalizer `name`. */
export function withoutFinalizer(obj: KubeObject, name: string): KubeObject {
  const finalizers = finalizersOf(obj).filter((f) => f !== name);
  const meta: ObjectMeta = { ...obj.metadata, finalizers };
  if (finalizers.length === 0) delete meta.finalizers;
  return { ...obj, metadata: meta };
}

/** A copy of `obj` without owner references to `uid`. */
export function withoutOwner(obj: KubeObject, uid: string): KubeObject {
  const refs = (obj.metadata?.ownerReferences ?? []).filter((r) => r.uid !== uid);
  const meta: ObjectMeta = { ...obj.metadata, ownerReferences: refs };
  if (refs.length === 0) delete meta.ownerReferences;
  return { ...obj, metadata: meta };
}
