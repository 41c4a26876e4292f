import { type KubeObject, type ResourceType, resourceKey } from '@knot/api';

/** Objects of one kind, keyed by `namespace/name` (or `name` when cluster-scoped). */
export interface KindTable {
  readonly rt: ResourceType;
  readonly objects: Map<string, KubeObject>;
}

export interface StoredObject {
  readonly rt: ResourceType;
  readonly obj: KubeObject;
}

export function objectKey(namespace: string | undefined, name: string): string {
  return namespace ? `${namespace}/${name}` : name;
}

/**
 * Every stored object by kind, plus a uid index for owner references. Stored
 * objects are never mutated: a write replaces the object.
 */
export class ObjectTable {
  readonly #kinds = new Map<string, KindTable>();
  readonly #byUid = new Map<string, StoredObject>();
  /** Owner uid → uids of the objects that reference it, so cascades need not scan everything. */
  readonly #dependents = new Map<string, Set<string>>();

  kind(rt: ResourceType): KindTable {
    const key = resourceKey(rt);
    let table = this.#kinds.get(key);
    if (!table) {
      table = { rt, objects: new Map() };
      this.#kinds.set(key, table);
    }
    return table;
  }

  get(rt: ResourceType, namespace: string | undefined, name: string): KubeObject | undefined {
    return this.#kinds.get(resourceKey(rt))?.objects.get(objectKey(rt.namespaced ? namespace : undefined, name));
  }

  byUid(uid: string): StoredObject | undefined {
    return this.#byUid.get(uid);
  }

  put(rt: ResourceType, obj: KubeObject): void {
    const table = this.kind(rt);
    const key = objectKey(obj.metadata?.namespace, obj.metadata?.name ?? '');
    const previous = table.objects.get(key);
    if (previous) this.#unindex(previous);
    table.objects.set(key, obj);
    const uid = obj.metadata?.uid;
    if (!uid) return;
    this.#byUid.set(uid, { rt: table.rt, obj });
    for (const ref of obj.metadata?.ownerReferences ?? []) {
      let set = this.#dependents.get(ref.uid);
      if (!set) this.#dependents.set(ref.uid, (set = new Set()));
      set.add(uid);
    }
  }

  remove(rt: ResourceType, obj: KubeObject): void {
    const table = this.#kinds.get(resourceKey(rt));
    const key = objectKey(obj.metadata?.namespace, obj.metadata?.name ?? '');
    const previous = table?.objects.get(key);
    if (previous) this.#unindex(previous);
    table?.objects.delete(key);
  }

  #unindex(obj: KubeObject): void {
    const uid = obj.metadata?.uid;
    if (!uid) return;
    this.#byUid.delete(uid);
    for (const ref of obj.metadata?.ownerReferences ?? []) {
      const set = this.#dependents.get(ref.uid);
      set?.delete(uid);
      if (set?.size === 0) this.#dependents.delete(ref.uid);
    }
  }

  /** Objects of one kind, in one namespace or all, sorted by key as Kubernetes lists them. */
  list(rt: ResourceType, namespace: string | undefined): KubeObject[] {
    const table = this.#kinds.get(resourceKey(rt));
    if (!table) return [];
    const entries = [...table.objects.entries()].filter(([, o]) => !rt.namespaced || namespace === undefined || o.metadata?.namespace === namespace);
    return entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, o]) => o);
  }

  *all(): Iterable<StoredObject> {
    for (const table of this.#kinds.values()) {
      for (const obj of table.objects.values()) yield { rt: table.rt, obj };
    }
  }

  /** Objects whose ownerReferences name `uid`. */
  dependentsOf(uid: string): StoredObject[] {
    const uids = [...(this.#dependents.get(uid) ?? [])];
    return uids.map((d) => this.#byUid.get(d)).filter((d): d is StoredObject => d !== undefined);
  }

  /** Namespaced objects living in `namespace`. */
  inNamespace(namespace: string): StoredObject[] {
    return [...this.all()].filter(({ rt, obj }) => rt.namespaced && obj.metadata?.namespace === namespace);
  }

  kinds(): readonly KindTable[] {
    return [...this.#kinds.values()];
  }

  clear(): void {
    this.#kinds.clear();
    this.#byUid.clear();
    this.#dependents.clear();
  }
}
