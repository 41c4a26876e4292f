// What a request path addresses, following kube-apiserver's request-info rules:
// /api/v1 and /apis/<group>/<version> prefixes, an optional legacy `watch/`
// segment, `namespaces/<ns>/` before namespaced resources, and `status` and
// `finalize` as subresources of a namespace rather than resource names.
import { badRequest } from './status-error.js';

export type ApiPath =
  | { readonly kind: 'probe'; readonly name: 'healthz' | 'readyz' | 'livez' }
  | { readonly kind: 'version' }
  | { readonly kind: 'coreVersions' }
  | { readonly kind: 'groupList' }
  | { readonly kind: 'group'; readonly group: string }
  | { readonly kind: 'resourceList'; readonly group: string; readonly version: string }
  /** `/openapi/v3` (document undefined) or `/openapi/v3/<api/v1 | apis/group/version>`. */
  | { readonly kind: 'openapi'; readonly document: string | undefined }
  | ResourcePath;

export interface ResourcePath {
  readonly kind: 'resource';
  readonly group: string;
  readonly version: string;
  readonly plural: string;
  /** From `namespaces/<ns>/`; undefined for all namespaces or a cluster-scoped kind. */
  readonly namespace: string | undefined;
  readonly name: string | undefined;
  readonly subresource: string | undefined;
  /** The deprecated `/watch/` form: a watch whatever the query says. */
  readonly watchPrefix: boolean;
}

const PROBES = new Set(['healthz', 'readyz', 'livez']);
const NAMESPACE_SUBRESOURCES = new Set(['status', 'finalize']);

function segments(path: string): string[] {
  const raw = path.split('/');
  if (raw[0] === '') raw.shift();
  if (raw.at(-1) === '') raw.pop();
  return raw.map((s) => {
    let decoded: string;
    try {
      decoded = decodeURIComponent(s);
    } catch {
      throw badRequest(`the path segment ${JSON.stringify(s)} is not valid percent-encoding`);
    }
    if (decoded === '' || decoded === '.' || decoded === '..') throw badRequest(`the path may not contain an empty, "." or ".." segment`);
    return decoded;
  });
}

/** The path's meaning, or undefined when nothing is served there. Throws BadRequest for undecodable paths. */
export function parseApiPath(path: string): ApiPath | undefined {
  const parts = segments(path);
  const [first, second, third] = parts;
  if (parts.length === 1 && first && PROBES.has(first)) return { kind: 'probe', name: first as 'healthz' | 'readyz' | 'livez' };
  if (parts.length === 1 && first === 'version') return { kind: 'version' };
  if (first === 'openapi' && second === 'v3') return { kind: 'openapi', document: parts.length > 2 ? parts.slice(2).join('/') : undefined };
  if (first === 'api') {
    if (parts.length === 1) return { kind: 'coreVersions' };
    if (second === undefined) return undefined;
    if (parts.length === 2) return { kind: 'resourceList', group: '', version: second };
    return resourcePath('', second, parts.slice(2));
  }
  if (first === 'apis') {
    if (parts.length === 1) return { kind: 'groupList' };
    if (second === undefined) return undefined;
    if (parts.length === 2) return { kind: 'group', group: second };
    if (third === undefined) return undefined;
    if (parts.length === 3) return { kind: 'resourceList', group: second, version: third };
    return resourcePath(second, third, parts.slice(3));
  }
  return undefined;
}

function resourcePath(group: string, version: string, rest: string[]): ResourcePath | undefined {
  let parts = rest;
  const watchPrefix = parts[0] === 'watch';
  if (watchPrefix) parts = parts.slice(1);
  let namespace: string | undefined;
  if (parts[0] === 'namespaces' && parts.length > 2 && !NAMESPACE_SUBRESOURCES.has(parts[2] ?? '')) {
    namespace = parts[1];
    parts = parts.slice(2);
  }
  const [plural, name, subresource] = parts;
  if (plural === undefined || parts.length > 3) return undefined;
  return { kind: 'resource', group, version, plural, namespace, name, subresource, watchPrefix };
}
