// Discovery documents in kube-apiserver's legacy (non-aggregated) shape, which
// kubectl and client libraries fall back to: /api, /apis, /apis/<group>,
// /api/v1 and /apis/<group>/<version>.
import { buildCrd, KNATIVE_RESOURCES, resourceKey, type ResourceType } from '@knot/api';
import type { ServedResource, ServedResources } from './served-resources.js';

export const OBJECT_VERBS: readonly string[] = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
export const STATUS_VERBS: readonly string[] = ['get', 'patch', 'update'];

/** The Kubernetes release whose REST shape the local API follows; clients compare it against their own. */
export const SERVED_KUBERNETES_VERSION = { major: '1', minor: '32', gitVersion: 'v1.32.0+knot' } as const;

// Built-in kinds `kubectl get all` shows, as in Kubernetes.
const CORE_ALL: ReadonlySet<string> = new Set(['pods', 'services', 'deployments.apps', 'horizontalpodautoscalers.autoscaling']);
const KNATIVE_KEYS: ReadonlySet<string> = new Set(KNATIVE_RESOURCES.map(resourceKey));

function categoriesOf(rt: ResourceType): readonly string[] {
  const key = resourceKey(rt);
  if (KNATIVE_KEYS.has(key)) return buildCrd(rt).spec.names.categories ?? [];
  return CORE_ALL.has(key) ? ['all'] : [];
}

function apiResources(served: readonly ServedResource[]): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const { rt } of [...served].sort((a, b) => (a.rt.plural < b.rt.plural ? -1 : 1))) {
    const categories = categoriesOf(rt);
    out.push({
      name: rt.plural,
      singularName: rt.kind.toLowerCase(),
      namespaced: rt.namespaced,
      kind: rt.kind,
      verbs: OBJECT_VERBS,
      ...(rt.shortNames.length > 0 ? { shortNames: rt.shortNames } : {}),
      ...(categories.length > 0 ? { categories } : {}),
    });
    if (rt.hasStatus) out.push({ name: `${rt.plural}/status`, singularName: '', namespaced: rt.namespaced, kind: rt.kind, verbs: STATUS_VERBS });
  }
  return out;
}

const groupVersion = (group: string, version: string): { groupVersion: string; version: string } => ({ groupVersion: `${group}/${version}`, version });

/** The documents, computed once per server. */
export class Discovery {
  readonly #served: ServedResources;
  readonly #resourceLists = new Map<string, Record<string, unknown>>();
  readonly #groups: Record<string, unknown>[];

  constructor(served: ServedResources) {
    this.#served = served;
    this.#groups = served
      .groups()
      .filter((g) => g.group !== '')
      .map(({ group, versions }) => {
        const all = versions.map((v) => groupVersion(group, v));
        return { name: group, versions: all, preferredVersion: all[0] };
      });
  }

  /** `/api`: the core group's versions. */
  coreVersions(serverAddress: string): Record<string, unknown> {
    const core = this.#served.groups().find((g) => g.group === '');
    return { kind: 'APIVersions', versions: core?.versions ?? [], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }] };
  }

  /** `/apis`. */
  groupList(): Record<string, unknown> {
    return { kind: 'APIGroupList', apiVersion: 'v1', groups: this.#groups };
  }

  /** `/apis/<group>`, or undefined when the group is not served. */
  group(name: string): Record<string, unknown> | undefined {
    const found = this.#groups.find((g) => g.name === name);
    return found && { kind: 'APIGroup', apiVersion: 'v1', ...found };
  }

  /** `/api/v1` or `/apis/<group>/<version>`, or undefined when not served. */
  resourceList(group: string, version: string): Record<string, unknown> | undefined {
    const key = `${group}/${version}`;
    const cached = this.#resourceLists.get(key);
    if (cached) return cached;
    const served = this.#served.inGroupVersion(group, version);
    if (!served) return undefined;
    const list = { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: group ? key : version, resources: apiResources(served) };
    this.#resourceLists.set(key, list);
    return list;
  }

  version(): Record<string, unknown> {
    return {
      ...SERVED_KUBERNETES_VERSION,
      gitCommit: '',
      gitTreeState: 'clean',
      buildDate: '1970-01-01T00:00:00Z',
      goVersion: '',
      compiler: 'node',
      platform: `${process.platform}/${process.arch}`,
    };
  }
}
