import { defineResource, type KubeObject, type ResourceType } from '@knot/api';
import { ApiError } from '../errors.js';

/** A kind as written in a dump: enough to rebuild its ResourceType. */
export type DumpedResource = Pick<ResourceType, 'group' | 'version' | 'kind' | 'plural' | 'namespaced' | 'hasStatus'>;

/** Every object and the current resourceVersion, as plain JSON (what local mode persists). */
export interface StoreDump {
  readonly resourceVersion: string;
  readonly kinds: readonly { readonly resource: DumpedResource; readonly items: readonly KubeObject[] }[];
}

export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
export const DECIMAL = /^(0|[1-9]\d*)$/;

const DUMP = 'store dump';

/** A BadRequest naming the document (`what`), the path in it and what is wrong there. */
export function invalid(what: string, path: string, why: string): ApiError {
  return new ApiError('BadRequest', `invalid ${what}: ${path}: ${why}`);
}

/** Checks a kind as written in a dump or a commit event and rebuilds its ResourceType; `what` names the document in errors. */
export function parseDumpedResource(value: unknown, path: string, what = DUMP): ResourceType {
  const fail = (p: string, why: string): ApiError => invalid(what, p, why);
  if (!isRecord(value)) throw fail(path, 'must be an object');
  const str = (key: string, allowEmpty = false): string => {
    const v = value[key];
    if (typeof v !== 'string' || (!allowEmpty && v === '')) throw fail(`${path}.${key}`, 'must be a non-empty string');
    return v;
  };
  const bool = (key: string): boolean => {
    const v = value[key];
    if (typeof v !== 'boolean') throw fail(`${path}.${key}`, 'must be a boolean');
    return v;
  };
  return defineResource({ group: str('group', true), version: str('version'), kind: str('kind'), plural: str('plural'), namespaced: bool('namespaced'), hasStatus: bool('hasStatus') });
}

/** Checks a stored object's identity fields; its resourceVersion may be at most `maxVersion`. */
export function parseDumpedObject(value: unknown, rt: ResourceType, maxVersion: number, path: string, what = DUMP): KubeObject {
  const fail = (p: string, why: string): ApiError => invalid(what, p, why);
  if (!isRecord(value) || !isRecord(value.metadata)) throw fail(path, 'must be an object with metadata');
  const { name, namespace, uid, resourceVersion } = value.metadata;
  if (typeof name !== 'string' || name === '') throw fail(`${path}.metadata.name`, 'must be a non-empty string');
  if (rt.namespaced && (typeof namespace !== 'string' || namespace === '')) throw fail(`${path}.metadata.namespace`, 'must be a non-empty string');
  if (typeof uid !== 'string' || uid === '') throw fail(`${path}.metadata.uid`, 'must be a non-empty string');
  if (typeof resourceVersion !== 'string' || !DECIMAL.test(resourceVersion) || Number(resourceVersion) > maxVersion) {
    throw fail(`${path}.metadata.resourceVersion`, `must be a decimal string no greater than ${maxVersion}`);
  }
  const item: KubeObject = structuredClone(value);
  return item;
}

/** Checks a dump read from disk; errors name the offending path. */
export function parseStoreDump(value: unknown): { resourceVersion: number; kinds: { rt: ResourceType; items: KubeObject[] }[] } {
  const fail = (p: string, why: string): ApiError => invalid(DUMP, p, why);
  if (!isRecord(value)) throw fail('$', 'must be an object');
  const rv = value.resourceVersion;
  if (typeof rv !== 'string' || !DECIMAL.test(rv)) throw fail('resourceVersion', 'must be a decimal string');
  const resourceVersion = Number(rv);
  if (!Array.isArray(value.kinds)) throw fail('kinds', 'must be a list');
  const kinds = value.kinds.map((entry: unknown, i) => {
    const path = `kinds[${i}]`;
    if (!isRecord(entry) || !Array.isArray(entry.items)) throw fail(path, 'must be an object with a list of items');
    const rt = parseDumpedResource(entry.resource, `${path}.resource`);
    return { rt, items: entry.items.map((item: unknown, j) => parseDumpedObject(item, rt, resourceVersion, `${path}.items[${j}]`)) };
  });
  return { resourceVersion, kinds };
}

export function dumpResource(rt: ResourceType): DumpedResource {
  const { group, version, kind, plural, namespaced, hasStatus } = rt;
  return { group, version, kind, plural, namespaced, hasStatus };
}
