// A minimal OpenAPI v3 description: the operations of every served resource
// with their query parameters, and no schemas. kubectl reads it to learn that
// writes take `fieldValidation` (so `kubectl apply` validates on the server
// instead of downloading schemas); `kubectl explain` needs the schemas and so
// does not work.
import { createHash } from 'node:crypto';
import type { ResourceType } from '@knot/api';
import { SERVED_KUBERNETES_VERSION } from './discovery.js';
import type { ServedResource, ServedResources } from './served-resources.js';

const query = (name: string): Record<string, unknown> => ({ name, in: 'query', schema: { type: 'string', uniqueItems: true } });
const pathParam = (name: string): Record<string, unknown> => ({ name, in: 'path', required: true, schema: { type: 'string', uniqueItems: true } });
const WRITE_PARAMS = [query('dryRun'), query('fieldManager'), query('fieldValidation'), query('pretty')];
const READ_PARAMS = [query('pretty')];
const LIST_PARAMS = ['labelSelector', 'fieldSelector', 'limit', 'continue', 'resourceVersion', 'resourceVersionMatch', 'timeoutSeconds', 'watch', 'allowWatchBookmarks', 'sendInitialEvents', 'pretty'].map(query);
const OK = { responses: { '200': { description: 'OK' } } };

function operation(served: ServedResource, action: string, verb: string, parameters: readonly Record<string, unknown>[]): Record<string, unknown> {
  const { rt } = served;
  return {
    operationId: `${verb}${rt.kind}`,
    parameters,
    ...OK,
    'x-kubernetes-action': action,
    'x-kubernetes-group-version-kind': { group: rt.group, version: served.version, kind: rt.kind },
  };
}

function resourcePaths(served: ServedResource): Record<string, unknown> {
  const { rt } = served;
  const prefix = rt.group ? `/apis/${rt.group}/${served.version}` : `/api/${served.version}`;
  const collection = `${prefix}${rt.namespaced ? '/namespaces/{namespace}' : ''}/${rt.plural}`;
  const scope = rt.namespaced ? [pathParam('namespace')] : [];
  const objectOps = {
    parameters: [pathParam('name'), ...scope],
    get: operation(served, 'get', 'read', READ_PARAMS),
    put: operation(served, 'put', 'replace', WRITE_PARAMS),
    patch: operation(served, 'patch', 'patch', [...WRITE_PARAMS, query('force')]),
    delete: operation(served, 'delete', 'delete', [query('dryRun'), query('propagationPolicy'), query('gracePeriodSeconds')]),
  };
  const paths: Record<string, unknown> = {
    [collection]: { parameters: scope, get: operation(served, 'list', 'list', LIST_PARAMS), post: operation(served, 'post', 'create', WRITE_PARAMS), delete: operation(served, 'deletecollection', 'deleteCollection', LIST_PARAMS) },
    [`${collection}/{name}`]: objectOps,
  };
  if (rt.hasStatus) {
    paths[`${collection}/{name}/status`] = {
      parameters: [pathParam('name'), ...scope],
      get: operation(served, 'get', 'readStatus', READ_PARAMS),
      put: operation(served, 'put', 'replaceStatus', WRITE_PARAMS),
      patch: operation(served, 'patch', 'patchStatus', WRITE_PARAMS),
    };
  }
  return paths;
}

const gvPath = (rt: Pick<ResourceType, 'group'>, version: string): string => (rt.group ? `apis/${rt.group}/${version}` : `api/${version}`);

/** The documents, computed once per server. */
export class OpenApi {
  readonly #documents = new Map<string, Record<string, unknown>>();
  readonly #root: Record<string, unknown>;

  constructor(served: ServedResources) {
    const entries: Record<string, unknown> = {};
    for (const { group, versions } of served.groups()) {
      for (const version of versions) {
        const resources = served.inGroupVersion(group, version) ?? [];
        const key = gvPath({ group }, version);
        const doc = {
          openapi: '3.0.0',
          info: { title: 'Kubernetes', version: SERVED_KUBERNETES_VERSION.gitVersion },
          paths: Object.assign({}, ...resources.map(resourcePaths)) as Record<string, unknown>,
          components: { schemas: {} },
        };
        this.#documents.set(key, doc);
        const hash = createHash('sha256').update(JSON.stringify(doc)).digest('hex').toUpperCase();
        entries[key] = { serverRelativeURL: `/openapi/v3/${key}?hash=${hash}` };
      }
    }
    this.#root = { paths: entries };
  }

  /** `/openapi/v3`. */
  root(): Record<string, unknown> {
    return this.#root;
  }

  /** `/openapi/v3/api/v1` or `/openapi/v3/apis/<group>/<version>`; undefined when not served. */
  groupVersion(path: string): Record<string, unknown> | undefined {
    return this.#documents.get(path);
  }
}
