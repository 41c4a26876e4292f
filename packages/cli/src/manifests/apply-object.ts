// Create-or-update for `knot apply`: an existing object gets the manifest's
// content (everything but status) and its labels and annotations, keeping its
// resourceVersion and the annotations Knative's admission owns.
import { CREATOR_ANNOTATION, UPDATER_ANNOTATION, type KubeObject, type ResourceType } from '@knot/api';
import { isConflict, isNotFound, jsonEqual, type Client } from '@knot/runtime';

export type ApplyResult = 'created' | 'configured' | 'unchanged';

/** Annotations set by the server that a manifest never carries. */
const SERVER_ANNOTATIONS = [CREATOR_ANNOTATION, UPDATER_ANNOTATION];
const TYPE_AND_META = new Set(['apiVersion', 'kind', 'metadata', 'status']);
const CONFLICT_RETRIES = 3;

export async function applyObject<T extends KubeObject>(client: Client, rt: ResourceType<T>, desired: T): Promise<{ result: ApplyResult; object: T }> {
  const namespace = desired.metadata?.namespace;
  const name = desired.metadata?.name ?? '';
  for (let attempt = 1; ; attempt++) {
    let existing: T;
    try {
      existing = await client.get(rt, namespace, name);
    } catch (err) {
      if (!isNotFound(err)) throw err;
      return { result: 'created', object: await client.create(rt, withoutStatus(desired)) };
    }
    const next = merged(existing, desired);
    if (jsonEqual(next, existing)) return { result: 'unchanged', object: existing };
    try {
      const object = await client.update(rt, next);
      // Admission may default the change away; the server then keeps the version.
      const same = object.metadata?.resourceVersion === existing.metadata?.resourceVersion;
      return { result: same ? 'unchanged' : 'configured', object };
    } catch (err) {
      if (!isConflict(err) || attempt >= CONFLICT_RETRIES) throw err;
    }
  }
}

/** The existing object with the manifest's content, labels and annotations. */
export function merged<T extends KubeObject>(existing: T, desired: T): T {
  const next: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(existing)) if (TYPE_AND_META.has(key)) next[key] = value;
  for (const [key, value] of Object.entries(desired)) if (!TYPE_AND_META.has(key)) next[key] = value;
  const meta = { ...existing.metadata };
  const kept = Object.fromEntries(SERVER_ANNOTATIONS.flatMap((k) => (existing.metadata?.annotations?.[k] !== undefined ? [[k, existing.metadata.annotations[k]]] : [])));
  const annotations = { ...kept, ...desired.metadata?.annotations };
  if (Object.keys(annotations).length > 0) meta.annotations = annotations;
  else delete meta.annotations;
  if (desired.metadata?.labels && Object.keys(desired.metadata.labels).length > 0) meta.labels = { ...desired.metadata.labels };
  else delete meta.labels;
  for (const key of ['finalizers', 'ownerReferences'] as const) if (desired.metadata?.[key]) meta[key] = desired.metadata[key] as never;
  next.metadata = meta;
  return next as T;
}

function withoutStatus<T extends KubeObject>(obj: T): T {
  const { status: _status, ...rest } = obj as T & { status?: unknown };
  return rest as T;
}
