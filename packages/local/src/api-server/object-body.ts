// Checks a write's object against the path it was sent to, as kube-apiserver
// does before anything else: its version and kind, its namespace and name.
import type { KubeObject } from '@knot/api';
import type { ServedResource } from './served-resources.js';
import { badRequest } from './status-error.js';

export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
export const kindOf = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
/** A value from a request, for a message: strings as they are, anything else as JSON. */
export const show = (v: unknown): string => (typeof v === 'string' ? v : (JSON.stringify(v) ?? kindOf(v)));

/** The object with apiVersion and kind from the path; BadRequest when it names another version or kind. */
export function typedObject(served: ServedResource, body: unknown): KubeObject {
  if (!isRecord(body)) throw badRequest(`the body must be a JSON object, got ${kindOf(body)}`);
  const { apiVersion, kind, metadata } = body;
  if (apiVersion !== undefined && apiVersion !== '' && apiVersion !== served.apiVersion) {
    throw badRequest(`the API version in the data (${show(apiVersion)}) does not match the expected API version (${served.apiVersion})`);
  }
  if (kind !== undefined && kind !== '' && kind !== served.rt.kind) throw badRequest(`the kind in the data (${show(kind)}) does not match the expected kind (${served.rt.kind})`);
  if (metadata !== undefined && metadata !== null && !isRecord(metadata)) throw badRequest(`metadata: expected an object, got ${kindOf(metadata)}`);
  if (isRecord(metadata)) checkMetadataTypes(metadata);
  return { ...body, apiVersion: served.apiVersion, kind: served.rt.kind, metadata: { ...metadata } };
}

const STRING_FIELDS = ['name', 'generateName', 'namespace', 'resourceVersion', 'uid', 'creationTimestamp', 'deletionTimestamp', 'selfLink'] as const;
const MAP_FIELDS = ['labels', 'annotations'] as const;
const LIST_FIELDS = ['finalizers', 'ownerReferences', 'managedFields'] as const;

// The types Go's decoder would insist on; finer rules (label syntax, name format) are the store's.
function checkMetadataTypes(meta: Record<string, unknown>): void {
  const wrong = (field: string, want: string, v: unknown): never => {
    throw badRequest(`metadata.${field}: expected ${want}, got ${kindOf(v)}`, [{ field: `metadata.${field}`, message: `expected ${want}`, reason: 'FieldValueInvalid' }]);
  };
  for (const f of STRING_FIELDS) if (meta[f] !== undefined && meta[f] !== null && typeof meta[f] !== 'string') wrong(f, 'a string', meta[f]);
  for (const f of MAP_FIELDS) if (meta[f] !== undefined && meta[f] !== null && !isRecord(meta[f])) wrong(f, 'an object', meta[f]);
  for (const f of LIST_FIELDS) if (meta[f] !== undefined && meta[f] !== null && !Array.isArray(meta[f])) wrong(f, 'a list', meta[f]);
}

/**
 * The object placed at the path: its namespace (for namespaced kinds) and name
 * (for updates) must match the path's, and are filled in when missing.
 */
export function placedObject(served: ServedResource, obj: KubeObject, namespace: string | undefined, name: string | undefined): KubeObject {
  const meta = { ...obj.metadata };
  if (served.rt.namespaced) {
    if (meta.namespace && meta.namespace !== namespace) {
      throw badRequest(`the namespace of the provided object (${String(meta.namespace)}) does not match the namespace sent on the request (${namespace ?? ''})`);
    }
    meta.namespace = namespace;
  } else {
    delete meta.namespace;
  }
  if (name !== undefined) {
    if (meta.name && meta.name !== name) throw badRequest(`the name of the object (${String(meta.name)}) does not match the name on the URL (${name})`);
    meta.name = name;
  }
  return { ...obj, metadata: meta };
}
