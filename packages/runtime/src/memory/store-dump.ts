import { defineResource, type KubeObject, type ResourceType } from '@knot/api';
import { ApiError } from '../errors.js';

/** A kind as written in a dump: enough to rebuild its ResourceType. */
export type DumpedResource = Pick<ResourceType, 'group' | 'version' | 'kind' | 'plural' | 'namespaced' | 'hasStatus'>;

/** Every object and the current resourceVersion, as plain JSON (what local mode persists). */
export interface StoreDump {
  readonly resourceVersion: string;
  readonly kinds: readonly { readonly resource: DumpedResource; readonly items: readonly KubeObject[] }[];
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const DECIMAL = /^(0|[1-9]\d*)$/;

function fail(path: string, why: string): ApiError {
  return new ApiError('BadRequest', `invalid store dump: ${path}: ${why}`);
}

function parseResource(value: unknown, path: string): ResourceType {
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

function parseItem(value: unknown, rt: ResourceType, maxVersion: number, path: string): KubeObject {
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
  if (!isRecord(value)) throw fail('$', 'must be an object');
  const rv = value.resourceVersion;
  if (typeof rv !== 'string' || !DECIMAL.test(rv)) throw fail('resourceVersion', 'must be a decimal string');
  const resourceVersion = Number(rv);
  if (!Array.isArray(value.kinds)) throw fail('kinds', 'must be a list');
  const kinds = value.kinds.map((entry: unknown, i) => {
    const path = `kinds[${i}]`;
    if (!isRecord(entry) || !Array.isArray(entry.items)) throw fail(path, 'must be an object with a list of items');
    const rt = parseResource(entry.resource, `${path}.resource`);
    return { rt, items: entry.items.map((item: unknown, j) => parseItem(item, rt, resourceVersion, `${path}.items[${j}]`)) };
  });
  return { resourceVersion, kinds };
}

export function dumpResource(rt: ResourceType): DumpedResource {
  const { group, version, kind, plural, namespaced, hasStatus } = rt;
  return { group, version, kind, plural, namespaced, hasStatus };
}
