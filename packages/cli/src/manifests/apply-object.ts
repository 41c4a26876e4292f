// Create-or-update for `knot apply`, the way kubectl's client-side apply does
// it: the manifest last applied is kept in an annotation, and an update is a
// merge patch of what changed since then. Fields the user never wrote
// (defaults, some set only at creation) stay as the server made them, and
// fields dropped from the manifest are removed.
import type { KubeObject, ResourceType } from '@knot/api';
import { isConflict, isNotFound, jsonEqual, type Client } from '@knot/runtime';

export type ApplyResult = 'created' | 'configured' | 'unchanged';

/** kubectl's annotation, so objects applied by either tool can be applied by the other. */
export const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';
const CONFLICT_RETRIES = 3;

type Json = Record<string, unknown>;

export async function applyObject<T extends KubeObject>(client: Client, rt: ResourceType<T>, manifest: T): Promise<{ result: ApplyResult; object: T }> {
  const desired = withLastApplied(manifest);
  const namespace = desired.metadata?.namespace;
  const name = desired.metadata?.name ?? '';
  for (let attempt = 1; ; attempt++) {
    let live: T;
    try {
      live = await client.get(rt, namespace, name);
    } catch (err) {
      if (!isNotFound(err)) throw err;
      return { result: 'created', object: await client.create(rt, desired) };
    }
    const patch = applyPatch(live, desired);
    if (Object.keys(patch).length === 0) return { result: 'unchanged', object: live };
    try {
      // The live resourceVersion makes the patch fail with Conflict if the object changed meanwhile.
      const withVersion = { ...patch, metadata: { ...(patch.metadata as Json | undefined), resourceVersion: live.metadata?.resourceVersion } };
      const object = await client.patch(rt, namespace, name, { type: 'merge', patch: withVersion });
      const same = object.metadata?.resourceVersion === live.metadata?.resourceVersion;
      return { result: same ? 'unchanged' : 'configured', object };
    } catch (err) {
      if (!isConflict(err) || attempt >= CONFLICT_RETRIES) throw err;
    }
  }
}

/** The manifest without status, annotated with itself. */
function withLastApplied<T extends KubeObject>(manifest: T): T {
  const applied = structuredClone(manifest) as T & { status?: unknown };
  delete applied.status;
  applied.metadata ??= {};
  const annotations = applied.metadata.annotations;
  if (annotations) delete annotations[LAST_APPLIED_ANNOTATION];
  if (annotations && Object.keys(annotations).length === 0) delete applied.metadata.annotations;
  const record = JSON.stringify(applied);
  applied.metadata.annotations = { ...applied.metadata.annotations, [LAST_APPLIED_ANNOTATION]: record };
  return applied;
}

/** The merge patch taking the live object to the manifest: changed fields, and nulls for fields the last apply had and this one drops. */
export function applyPatch(live: KubeObject, desired: KubeObject): Json {
  const lastText = live.metadata?.annotations?.[LAST_APPLIED_ANNOTATION];
  let last: Json = {};
  try {
    if (lastText) last = JSON.parse(lastText) as Json;
  } catch {
    // An unreadable annotation is as good as none: nothing is deleted.
  }
  return diff(live as Json, desired as Json, last);
}

function diff(live: Json, desired: Json, last: Json): Json {
  const patch: Json = {};
  for (const [key, want] of Object.entries(desired)) {
    const have = live[key];
    if (isRecord(want) && isRecord(have)) {
      const sub = diff(have, want, isRecord(last[key]) ? last[key] : {});
      if (Object.keys(sub).length > 0) patch[key] = sub;
    } else if (!jsonEqual(want, have)) patch[key] = want;
  }
  for (const key of Object.keys(last)) if (!(key in desired) && key in live) patch[key] = null;
  return patch;
}

const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
