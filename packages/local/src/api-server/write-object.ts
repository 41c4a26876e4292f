// Creates, updates and patches as kube-apiserver runs them: the object is
// checked against its path, converted to the stored version, admitted (with
// the stored object on updates), then written. Updates and patches without a
// resourceVersion of their own retry on conflicts, each time from the newly
// stored object, so they never fail because someone else wrote first.
import { KNATIVE_RESOURCES, resourceKey, type KubeObject, type ResourceType } from '@knot/api';
import { ApiError, applyJsonPatch, applyMergePatch, isAlreadyExists, isApiError, isConflict, parseJsonPatch, type Client } from '@knot/runtime';
import type { Admission } from './admission.js';
import { isRecord, placedObject, typedObject } from './object-body.js';
import type { PatchFormat } from './read-body.js';
import type { ServedResource } from './served-resources.js';
import { badRequest } from './status-error.js';
import { applyStrategicMergePatch } from './strategic-merge-patch.js';

export interface WriteTarget {
  readonly client: Client;
  readonly admission: Admission;
  readonly user: string;
  readonly served: ServedResource;
  readonly namespace: string | undefined;
  readonly dryRun: boolean;
  /** In [0, 1), for generateName suffixes. */
  readonly random: () => number;
}

// Attempts at an update or patch that keeps meeting conflicts, and at a generated name that keeps being taken.
const MAX_ATTEMPTS = 8;
// Kubernetes' generateName alphabet: lowercase consonants and digits that cannot spell words.
const SUFFIX_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
const CUSTOM_KINDS: ReadonlySet<string> = new Set(KNATIVE_RESOURCES.map(resourceKey));

function generatedName(base: string, random: () => number): string {
  let suffix = '';
  for (let i = 0; i < 5; i++) suffix += SUFFIX_ALPHABET.charAt(Math.floor(random() * SUFFIX_ALPHABET.length) % SUFFIX_ALPHABET.length);
  return base.slice(0, 58) + suffix;
}

export async function createObject(t: WriteTarget, body: unknown): Promise<KubeObject> {
  const { rt } = t.served;
  const input = placedObject(t.served, typedObject(t.served, body), t.namespace, undefined);
  const generateName = input.metadata?.name ? undefined : input.metadata?.generateName;
  for (let attempt = 1; ; attempt++) {
    // The name is chosen before admission, as kube-apiserver does, so validation sees it.
    const named = generateName ? { ...input, metadata: { ...input.metadata, name: generatedName(generateName, t.random) } } : input;
    const object = t.served.toStorage(named);
    const admitted = await t.admission({ operation: 'CREATE', resource: rt, subresource: '', namespace: t.namespace, name: object.metadata?.name ?? '', object, oldObject: undefined, user: t.user, dryRun: t.dryRun });
    try {
      return t.served.fromStorage(await t.client.create(rt, admitted, { dryRun: t.dryRun }));
    } catch (err) {
      if (generateName && isAlreadyExists(err) && attempt < MAX_ATTEMPTS) continue;
      throw err;
    }
  }
}

/** PUT of an object or its status. */
export function updateObject(t: WriteTarget, name: string, subresource: string, body: unknown): Promise<KubeObject> {
  const input = placedObject(t.served, typedObject(t.served, body), t.namespace, name);
  const precondition = input.metadata?.resourceVersion || undefined;
  return writeUpdate(t, name, subresource, Boolean(precondition), () => input);
}

/** PATCH of an object or its status, applied to the object as served at the path's version. */
export function patchObject(t: WriteTarget, name: string, subresource: string, format: PatchFormat, document: unknown): Promise<KubeObject> {
  const apply = patcher(t.served, format, document);
  return writeUpdate(t, name, subresource, setsResourceVersion(format, document), (stored) => {
    const current = t.served.fromStorage(stored);
    const patched = apply(current);
    if (!isRecord(patched)) throw badRequest('the patch does not leave an object');
    const object = typedObject(t.served, patched);
    for (const field of ['name', 'namespace'] as const) {
      if (object.metadata?.[field] !== current.metadata?.[field]) throw badRequest(`the patch may not change metadata.${field}`);
    }
    return object;
  });
}

function patcher(served: ServedResource, format: PatchFormat, document: unknown): (obj: KubeObject) => unknown {
  if (format === 'json') {
    const ops = parseJsonPatch(document);
    return (obj) => {
      try {
        return applyJsonPatch(obj, ops);
      } catch (err) {
        // Some malformed sequences (an op after removing the whole document) fail inside the patch library itself.
        if (isApiError(err)) throw err;
        throw new ApiError('Invalid', `the JSON patch cannot be applied: ${err instanceof Error ? err.message : String(err)}`);
      }
    };
  }
  if (!isRecord(document)) throw badRequest(`a ${format === 'merge' ? 'merge' : 'strategic merge'} patch must be a JSON object`);
  // Kubernetes has no strategic merge for custom resources; clients fall back to merge patches, which is what this does.
  if (format === 'strategic' && !CUSTOM_KINDS.has(resourceKey(served.rt))) return (obj) => applyStrategicMergePatch(obj, document);
  return (obj) => applyMergePatch(obj, document);
}

function setsResourceVersion(format: PatchFormat, document: unknown): boolean {
  if (Array.isArray(document)) return document.some((op) => isRecord(op) && op.path === '/metadata/resourceVersion');
  return isRecord(document) && isRecord(document.metadata) && document.metadata.resourceVersion !== undefined && format !== 'json';
}

async function writeUpdate(t: WriteTarget, name: string, subresource: string, precondition: boolean, candidate: (stored: KubeObject) => KubeObject): Promise<KubeObject> {
  const { rt } = t.served;
  for (let attempt = 1; ; attempt++) {
    const stored = await t.client.get(rt, t.namespace, name);
    const input = candidate(stored);
    let object = t.served.toStorage(input, stored);
    // Without a version of the caller's, the write is made conditional on the object admission saw.
    if (!precondition || !object.metadata?.resourceVersion) object = { ...object, metadata: { ...object.metadata, resourceVersion: stored.metadata?.resourceVersion } };
    const admitted = await t.admission({ operation: 'UPDATE', resource: rt, subresource, namespace: t.namespace, name, object, oldObject: stored, user: t.user, dryRun: t.dryRun });
    try {
      if (t.dryRun) return t.served.fromStorage(dryRunUpdate(rt, stored, admitted, subresource));
      const written = subresource === 'status' ? await t.client.updateStatus(rt, admitted) : await t.client.update(rt, admitted);
      return t.served.fromStorage(written);
    } catch (err) {
      if (!precondition && isConflict(err) && attempt < MAX_ATTEMPTS) continue;
      throw err;
    }
  }
}

// What an update would store, without storing it: the stored system metadata, and status only through the subresource.
function dryRunUpdate(rt: ResourceType, stored: KubeObject, next: KubeObject, subresource: string): KubeObject {
  if (next.metadata?.resourceVersion !== stored.metadata?.resourceVersion) {
    throw new ApiError('Conflict', `Operation cannot be fulfilled on ${resourceKey(rt)} "${stored.metadata?.name ?? ''}": the object has been modified; please apply your changes to the latest version and try again`);
  }
  const status = (o: KubeObject): unknown => (o as { status?: unknown }).status;
  if (subresource === 'status') return { ...stored, status: status(next) } as KubeObject;
  const meta = stored.metadata ?? {};
  const merged = {
    ...next,
    apiVersion: stored.apiVersion ?? next.apiVersion,
    metadata: { ...next.metadata, uid: meta.uid, creationTimestamp: meta.creationTimestamp, generation: meta.generation, resourceVersion: meta.resourceVersion },
  };
  return rt.hasStatus ? ({ ...merged, status: status(stored) } as KubeObject) : merged;
}
