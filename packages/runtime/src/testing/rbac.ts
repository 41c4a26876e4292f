// Checking a component's RBAC manifests against what its code does: the rules
// bound to its ServiceAccount, whether they permit a call, and a Client that
// notes every call as the API server's authorizer would see it.
import { readFileSync } from 'node:fs';
import { ALL_RESOURCES, type KubeObject, type ResourceType } from '@knot/api';
import type { Client, CreateOptions, DeleteOptions, ListOptions, ListResult, Patch, Watch, WatchEvent, WatchOptions } from '../client.js';

export type ManifestDoc = Record<string, unknown>;

export interface RbacRule {
  readonly apiGroups: readonly string[];
  readonly resources: readonly string[];
  readonly verbs: readonly string[];
  readonly resourceNames: readonly string[];
}

/** The rules bound to a ServiceAccount: everywhere (ClusterRoleBindings) and per namespace (RoleBindings). */
export interface RbacGrants {
  readonly cluster: RbacRule[];
  readonly namespaced: Map<string, RbacRule[]>;
}

/** One API request as RBAC sees it; `resource` carries the subresource (`revisions/status`). */
export interface ApiCall {
  readonly verb: string;
  readonly group: string;
  readonly resource: string;
  readonly namespace: string | undefined;
  readonly name: string | undefined;
}

export interface ServiceAccountRef {
  readonly namespace: string;
  readonly name: string;
}

const isRecord = (v: unknown): v is ManifestDoc => typeof v === 'object' && v !== null && !Array.isArray(v);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : []);
const meta = (d: ManifestDoc, key: 'name' | 'namespace'): unknown => (isRecord(d.metadata) ? d.metadata[key] : undefined);

/**
 * The documents of a kustomize folder: every file its kustomization.yaml lists
 * under `resources`, parsed by `parseAll` (the caller's YAML parser).
 */
export function kustomizeDocs(folder: URL, parseAll: (text: string) => unknown[]): ManifestDoc[] {
  const read = (file: string): ManifestDoc[] =>
    parseAll(readFileSync(new URL(file, folder), 'utf8')).map((doc) => {
      if (!isRecord(doc)) throw new Error(`${file}: a document is not a map`);
      return doc;
    });
  return strings(read('kustomization.yaml')[0]?.resources).flatMap(read);
}

export function grantsOf(docs: readonly ManifestDoc[], sa: ServiceAccountRef): RbacGrants {
  const rulesOf = (kind: string, roleName: unknown, namespace?: unknown): RbacRule[] =>
    docs
      .filter((d) => d.kind === kind && meta(d, 'name') === roleName && (namespace === undefined || meta(d, 'namespace') === namespace))
      .flatMap((d) => (Array.isArray(d.rules) ? d.rules : []).filter(isRecord))
      .map((r) => ({ apiGroups: strings(r.apiGroups), resources: strings(r.resources), verbs: strings(r.verbs), resourceNames: strings(r.resourceNames) }));
  const grants: RbacGrants = { cluster: [], namespaced: new Map() };
  for (const b of docs.filter((d) => d.kind === 'ClusterRoleBinding' || d.kind === 'RoleBinding')) {
    const subjects = (Array.isArray(b.subjects) ? b.subjects : []).filter(isRecord);
    if (!subjects.some((s) => s.kind === 'ServiceAccount' && s.name === sa.name && s.namespace === sa.namespace)) continue;
    const ref = isRecord(b.roleRef) ? b.roleRef : {};
    const ns = meta(b, 'namespace');
    if (b.kind === 'ClusterRoleBinding') grants.cluster.push(...rulesOf('ClusterRole', ref.name));
    else if (typeof ns === 'string') grants.namespaced.set(ns, [...(grants.namespaced.get(ns) ?? []), ...rulesOf(String(ref.kind), ref.name, ref.kind === 'Role' ? ns : undefined)]);
  }
  return grants;
}

/** Whether the grants allow the call, with RBAC's `*` wildcards and resourceNames. */
export function permits(g: RbacGrants, call: ApiCall): boolean {
  const matches = (r: RbacRule) =>
    (r.apiGroups.includes(call.group) || r.apiGroups.includes('*')) &&
    (r.resources.includes(call.resource) || r.resources.includes('*')) &&
    (r.verbs.includes(call.verb) || r.verbs.includes('*')) &&
    (r.resourceNames.length === 0 || (call.name !== undefined && r.resourceNames.includes(call.name)));
  return g.cluster.some(matches) || (call.namespace !== undefined && (g.namespaced.get(call.namespace) ?? []).some(matches));
}

/** `group/resource` (core for '') → sorted verbs, with `[names]` when a rule is limited to names. */
export function summarizeRules(rules: readonly RbacRule[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const r of rules) {
    for (const group of r.apiGroups) {
      for (const resource of r.resources) {
        const key = `${group || 'core'}/${resource}${r.resourceNames.length > 0 ? `[${r.resourceNames.join(',')}]` : ''}`;
        out[key] = [...new Set([...(out[key] ?? []), ...r.verbs])].sort();
      }
    }
  }
  return out;
}

/** A verb table with each entry's verbs sorted, to compare with summarizeRules. */
export const sortedVerbs = (table: Record<string, readonly string[]>): Record<string, string[]> =>
  Object.fromEntries(Object.entries(table).map(([k, v]) => [k, [...v].sort()]));

/** A Client that notes every request, including the finalizers update an owner reference with blockOwnerDeletion needs. */
export class AuditingClient implements Client {
  readonly calls: ApiCall[] = [];
  readonly #inner: Client;

  constructor(inner: Client) {
    this.#inner = inner;
  }

  #note(verb: string, rt: ResourceType, namespace: string | undefined, name?: string, subresource?: string): void {
    this.calls.push({ verb, group: rt.group, resource: subresource ? `${rt.plural}/${subresource}` : rt.plural, namespace: rt.namespaced ? namespace : undefined, name });
  }

  #noteWrite(verb: string, rt: ResourceType, obj: KubeObject, subresource?: string): void {
    const ns = obj.metadata?.namespace;
    this.#note(verb, rt, ns, obj.metadata?.name, subresource);
    // OwnerReferencesPermissionEnforcement: blocking an owner's deletion needs update on its finalizers.
    for (const ref of obj.metadata?.ownerReferences ?? []) {
      if (!ref.blockOwnerDeletion) continue;
      const group = ref.apiVersion.includes('/') ? ref.apiVersion.split('/')[0] : '';
      const owner = ALL_RESOURCES.find((r) => r.kind === ref.kind && r.group === group);
      if (!owner) throw new Error(`unknown owner kind ${ref.apiVersion} ${ref.kind}`);
      this.#note('update', owner, ns, ref.name, 'finalizers');
    }
  }

  get<T extends KubeObject>(rt: ResourceType<T>, namespace: string | undefined, name: string): Promise<T> {
    this.#note('get', rt, namespace, name);
    return this.#inner.get(rt, namespace, name);
  }
  list<T extends KubeObject>(rt: ResourceType<T>, namespace?: string, opts?: ListOptions): Promise<ListResult<T>> {
    this.#note('list', rt, namespace);
    return this.#inner.list(rt, namespace, opts);
  }
  watch<T extends KubeObject>(rt: ResourceType<T>, namespace: string | undefined, opts: WatchOptions, onEvent: (e: WatchEvent<T>) => void): Promise<Watch> {
    this.#note('watch', rt, namespace);
    return this.#inner.watch(rt, namespace, opts, onEvent);
  }
  create<T extends KubeObject>(rt: ResourceType<T>, obj: T, opts?: CreateOptions): Promise<T> {
    this.#noteWrite('create', rt, obj);
    return this.#inner.create(rt, obj, opts);
  }
  update<T extends KubeObject>(rt: ResourceType<T>, obj: T): Promise<T> {
    this.#noteWrite('update', rt, obj);
    return this.#inner.update(rt, obj);
  }
  updateStatus<T extends KubeObject>(rt: ResourceType<T>, obj: T): Promise<T> {
    this.#noteWrite('update', rt, obj, 'status');
    return this.#inner.updateStatus(rt, obj);
  }
  patch<T extends KubeObject>(rt: ResourceType<T>, namespace: string | undefined, name: string, patch: Patch, opts?: { subresource?: 'status' }): Promise<T> {
    this.#note('patch', rt, namespace, name, opts?.subresource);
    return this.#inner.patch(rt, namespace, name, patch, opts);
  }
  delete<T extends KubeObject>(rt: ResourceType<T>, namespace: string | undefined, name: string, opts?: DeleteOptions): Promise<T | undefined> {
    this.#note('delete', rt, namespace, name);
    return this.#inner.delete(rt, namespace, name, opts);
  }
}

/** Polls `get` until it returns something (errors count as nothing yet), for at most `ms` of real time. */
export async function eventually<T>(what: string, get: () => T | undefined | Promise<T | undefined>, ms = 5000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await Promise.resolve().then(get).catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
