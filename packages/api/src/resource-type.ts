import type { KubeObject } from './object.js';

/**
 * Everything a client needs to address one resource kind: its group, version,
 * kind, plural and scope. The type parameter carries the object's TypeScript
 * shape, so `client.get(SERVICES, ns, name)` returns a typed Service.
 */
export interface ResourceType<T extends KubeObject = KubeObject> {
  /** API group; '' for the core group. */
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  /** Lower-case plural used in REST paths, e.g. `services`. */
  readonly plural: string;
  readonly namespaced: boolean;
  /** True when the kind has a `status` subresource, so status is written only through updateStatus. */
  readonly hasStatus: boolean;
  /** Short names accepted on the command line, e.g. `ksvc`. */
  readonly shortNames: readonly string[];
  /** Phantom field carrying T; never set at run time. */
  readonly __type?: T;
}

/** `group/version`, or just `version` for the core group. */
export function apiVersionOf(rt: Pick<ResourceType, 'group' | 'version'>): string {
  return rt.group ? `${rt.group}/${rt.version}` : rt.version;
}

/** A stable key for a kind: `services.serving.knative.dev` (core kinds: `pods`). */
export function resourceKey(rt: Pick<ResourceType, 'group' | 'plural'>): string {
  return rt.group ? `${rt.plural}.${rt.group}` : rt.plural;
}

export function defineResource<T extends KubeObject>(def: Omit<ResourceType<T>, '__type' | 'shortNames'> & { shortNames?: readonly string[] }): ResourceType<T> {
  return Object.freeze({ ...def, shortNames: Object.freeze([...(def.shortNames ?? [])]) });
}
