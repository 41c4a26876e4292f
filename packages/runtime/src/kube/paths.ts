import type { ResourceType } from '@knot/api';
import type { CreateOptions, DeleteOptions, ListOptions, Patch, WatchOptions } from '../client.js';
import { ApiError } from '../errors.js';

type Addressable = Pick<ResourceType, 'group' | 'version' | 'plural' | 'namespaced' | 'kind'>;

export type Query = Readonly<Record<string, string>>;

/**
 * The REST path of a collection, an object or its subresource:
 * `/api/v1/namespaces/{ns}/pods`, `/apis/{group}/{version}/namespaces/{ns}/{plural}/{name}/status`.
 * Cluster-scoped kinds ignore `namespace`; namespaced kinds without one address all namespaces.
 */
export function resourcePath(rt: Addressable, namespace: string | undefined, name?: string, subresource?: 'status'): string {
  let path = rt.group ? `/apis/${rt.group}/${rt.version}` : `/api/${rt.version}`;
  if (rt.namespaced && namespace) path += `/namespaces/${segment(namespace)}`;
  path += `/${rt.plural}`;
  if (name !== undefined) {
    if (rt.namespaced && !namespace) throw new ApiError('BadRequest', `${rt.kind} ${name}: a namespace is required`);
    if (!name) throw new ApiError('BadRequest', `${rt.kind}: a name is required`);
    path += `/${segment(name)}`;
    if (subresource) path += `/${subresource}`;
  }
  return path;
}

/** Path, name and namespace taken from an object's metadata, for update and updateStatus. */
export function objectPath(rt: Addressable, obj: { metadata?: { name?: string; namespace?: string } }, subresource?: 'status'): string {
  return resourcePath(rt, obj.metadata?.namespace, obj.metadata?.name ?? '', subresource);
}

export function listQuery(opts: ListOptions = {}): Query {
  return selectors(opts);
}

/** Watch from `resourceVersion` with bookmarks, so a quiet watch can resume without a relist. */
export function watchQuery(opts: WatchOptions): Query {
  return {
    watch: 'true',
    allowWatchBookmarks: 'true',
    ...selectors(opts),
    ...(opts.resourceVersion ? { resourceVersion: opts.resourceVersion } : {}),
  };
}

export function createQuery(opts: CreateOptions = {}): Query {
  return {
    ...(opts.dryRun ? { dryRun: 'All' } : {}),
    ...(opts.fieldManager ? { fieldManager: opts.fieldManager } : {}),
  };
}

/** The `DeleteOptions` body the apiserver reads propagation and preconditions from. */
export function deleteBody(opts: DeleteOptions = {}): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'DeleteOptions',
    ...(opts.propagationPolicy ? { propagationPolicy: opts.propagationPolicy } : {}),
    ...(opts.preconditionResourceVersion ? { preconditions: { resourceVersion: opts.preconditionResourceVersion } } : {}),
  };
}

export const PATCH_CONTENT_TYPES: Readonly<Record<Patch['type'], string>> = {
  merge: 'application/merge-patch+json',
  json: 'application/json-patch+json',
};

/** `base` + path + query, with the query encoded as the apiserver expects. */
export function requestUrl(base: string, path: string, query: Query = {}): URL {
  const url = new URL(base.replace(/\/+$/, '') + path);
  for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
  return url;
}

function selectors(opts: ListOptions): Record<string, string> {
  return {
    ...(opts.labelSelector ? { labelSelector: opts.labelSelector } : {}),
    ...(opts.fieldSelector ? { fieldSelector: opts.fieldSelector } : {}),
  };
}

function segment(s: string): string {
  return encodeURIComponent(s);
}
