// The (group, version, resource) triples the local API serves. Every kind is
// served in the version it is stored in; the Serving kinds also in the older
// versions Knative served (v1alpha1, v1beta1), converted on the way in and out.
import { apiVersionOf, formatFieldErrors, servingV1alpha1, type FieldError, type KubeObject, type ResourceType } from '@knot/api';
import { ApiError, jsonEqual } from '@knot/runtime';

/** One resource as served at one version. */
export interface ServedResource {
  /** The stored form: what the Client reads and writes. */
  readonly rt: ResourceType;
  /** The version on the path. */
  readonly version: string;
  /** `group/version` of the path. */
  readonly apiVersion: string;
  /** An object of this version as stored; `current` is the stored object on updates. */
  toStorage(obj: KubeObject, current?: KubeObject): KubeObject;
  /** A stored object as this version. */
  fromStorage(obj: KubeObject): KubeObject;
}

const SERVING_GROUP = 'serving.knative.dev';
const CONVERTIBLE: readonly string[] = servingV1alpha1.CONVERTIBLE_KINDS;

function stored(rt: ResourceType): ServedResource {
  return { rt, version: rt.version, apiVersion: apiVersionOf(rt), toStorage: (obj) => obj, fromStorage: (obj) => obj };
}

const LEGACY_SPEC_KEYS = ['runLatest', 'release', 'pinned', 'manual', 'revisionTemplate'];
const V1_SPEC_KEYS = ['template', 'traffic'];
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

// A stored object reads back at v1alpha1 with v1 fields. A write made of that plus v1alpha1 fields (what
// `kubectl apply` of a v1alpha1 manifest sends the second time) means the v1alpha1 fields: the v1 fields
// still as they were read are dropped, so the two do not count as conflicting modes.
function withoutUnchangedV1Fields(obj: KubeObject, view: KubeObject): KubeObject {
  const spec: unknown = (obj as { spec?: unknown }).spec;
  const viewSpec: unknown = (view as { spec?: unknown }).spec;
  if (!isRecord(spec) || !isRecord(viewSpec) || !LEGACY_SPEC_KEYS.some((k) => spec[k] !== undefined && spec[k] !== null)) return obj;
  const next = { ...spec };
  for (const key of V1_SPEC_KEYS) if (next[key] !== undefined && jsonEqual(next[key], viewSpec[key])) delete next[key];
  return { ...obj, spec: next } as KubeObject;
}

// v1alpha1 has no enableServiceLinks: an update in v1alpha1 keeps the stored value (set by create-time defaulting).
function withStoredServiceLinks(converted: KubeObject, current: KubeObject): KubeObject {
  const revisionSpec = (o: unknown): Record<string, unknown> | undefined => {
    const spec = isRecord(o) ? o.spec : undefined;
    if (!isRecord(spec)) return undefined;
    const template = spec.template;
    return isRecord(template) ? (isRecord(template.spec) ? template.spec : undefined) : spec;
  };
  const stored = revisionSpec(current)?.enableServiceLinks;
  const target = revisionSpec(converted);
  if (stored !== undefined && target && target.enableServiceLinks === undefined) target.enableServiceLinks = stored;
  return converted;
}

// v1alpha1 and v1beta1 Services, Configurations, Revisions and Routes, through the conversion the webhook uses.
function convertedServing(rt: ResourceType, version: string): ServedResource {
  const apiVersion = `${SERVING_GROUP}/${version}`;
  const fail = (errors: readonly FieldError[]): ApiError => {
    const message = `conversion webhook for ${apiVersion}, Kind=${rt.kind} failed: ${formatFieldErrors(errors).split('\n').join('; ')}`;
    return new ApiError('BadRequest', message, errors.map((e) => ({ field: e.path, message: e.message, reason: 'FieldValueInvalid' })));
  };
  const fromStorage = (obj: KubeObject): KubeObject => {
    const result = servingV1alpha1.convertServing(obj, apiVersion);
    if ('errors' in result) throw fail(result.errors);
    return result.object;
  };
  return {
    rt,
    version,
    apiVersion,
    toStorage(obj, current) {
      const input = current ? withoutUnchangedV1Fields(obj, fromStorage(current)) : obj;
      const result = servingV1alpha1.convertServing(input, apiVersionOf(rt), current ? { current } : {});
      if ('errors' in result) throw fail(result.errors);
      return current && version === 'v1alpha1' ? withStoredServiceLinks(result.object, current) : result.object;
    },
    fromStorage,
  };
}

// Versions that differ only in their name (v1alpha1 DomainMapping has v1beta1's fields).
function relabeled(rt: ResourceType, version: string): ServedResource {
  const apiVersion = `${rt.group}/${version}`;
  return {
    rt,
    version,
    apiVersion,
    toStorage: (obj) => ({ ...obj, apiVersion: apiVersionOf(rt) }),
    fromStorage: (obj) => ({ ...obj, apiVersion }),
  };
}

function olderVersions(rt: ResourceType): ServedResource[] {
  if (rt.group !== SERVING_GROUP) return [];
  if (CONVERTIBLE.includes(rt.kind) && rt.version === 'v1') return ['v1beta1', 'v1alpha1'].map((v) => convertedServing(rt, v));
  if (rt.kind === 'DomainMapping' && rt.version === 'v1beta1') return [relabeled(rt, 'v1alpha1')];
  return [];
}

/** Kubernetes' version priority: GA before beta before alpha, higher numbers first. */
export function compareVersions(a: string, b: string): number {
  const rank = (v: string): [number, number, number] => {
    const m = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(v);
    if (!m) return [3, 0, 0];
    const stage = m[2] === undefined ? 0 : m[2] === 'beta' ? 1 : 2;
    return [stage, -Number(m[1]), -Number(m[3] ?? 0)];
  };
  const [x, y] = [rank(a), rank(b)];
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return (x[i] ?? 0) - (y[i] ?? 0);
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface GroupVersions {
  readonly group: string;
  /** Preferred first. */
  readonly versions: readonly string[];
}

/** Looks up what a path addresses; lists groups and versions for discovery. */
export class ServedResources {
  readonly #byPath = new Map<string, ServedResource>();
  readonly #byGroupVersion = new Map<string, ServedResource[]>();

  constructor(resources: readonly ResourceType[]) {
    for (const rt of resources) {
      for (const served of [stored(rt), ...olderVersions(rt)]) {
        const key = `${served.apiVersion}/${rt.plural}`;
        if (this.#byPath.has(key)) throw new RangeError(`ServedResources: ${key} is defined twice`);
        this.#byPath.set(key, served);
        const list = this.#byGroupVersion.get(served.apiVersion) ?? [];
        list.push(served);
        this.#byGroupVersion.set(served.apiVersion, list);
      }
    }
  }

  lookup(group: string, version: string, plural: string): ServedResource | undefined {
    return this.#byPath.get(`${group ? `${group}/` : ''}${version}/${plural}`);
  }

  /** The resources of one group version; undefined when it is not served. */
  inGroupVersion(group: string, version: string): readonly ServedResource[] | undefined {
    return this.#byGroupVersion.get(group ? `${group}/${version}` : version);
  }

  /** Every group (the core group as ''), its versions preferred first; named groups sorted by name. */
  groups(): GroupVersions[] {
    const byGroup = new Map<string, Set<string>>();
    for (const served of this.#byPath.values()) {
      const set = byGroup.get(served.rt.group) ?? new Set<string>();
      set.add(served.version);
      byGroup.set(served.rt.group, set);
    }
    return [...byGroup.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([group, versions]) => ({ group, versions: [...versions].sort(compareVersions) }));
  }
}
