// An approximation of Kubernetes' strategic merge patch for the built-in kinds,
// without their OpenAPI schemas: lists merge by the merge keys Kubernetes
// declares for the common fields (containers by name, volumeMounts by
// mountPath, ...), finalizers merge as a set, and the `$patch`, `$retainKeys`,
// `$deleteFromPrimitiveList/` and `$setElementOrder/` directives are honoured.
// Any other list is replaced, and everything else follows JSON merge patch.
import { badRequest } from './status-error.js';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

// Defines rather than assigns, so a `__proto__` key from parsed JSON stays a plain field.
function setOwn(obj: Json, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

// Field name → the merge key Kubernetes declares for it (patchMergeKey).
const MERGE_KEYS: ReadonlyMap<string, readonly string[]> = new Map([
  ['containers', ['name']],
  ['initContainers', ['name']],
  ['ephemeralContainers', ['name']],
  ['env', ['name']],
  ['volumes', ['name']],
  ['volumeMounts', ['mountPath']],
  ['volumeDevices', ['devicePath']],
  ['imagePullSecrets', ['name']],
  ['resourceClaims', ['name']],
  // Container ports merge on containerPort, Service ports on port.
  ['ports', ['containerPort', 'port']],
  ['ownerReferences', ['uid']],
  ['conditions', ['type']],
  ['hostAliases', ['ip']],
  ['topologySpreadConstraints', ['topologyKey']],
]);
// Lists of scalars Kubernetes merges as sets.
const SET_LISTS: ReadonlySet<string> = new Set(['finalizers']);

const DELETE_FROM = '$deleteFromPrimitiveList/';
const SET_ORDER = '$setElementOrder/';

/** Applies a strategic merge patch to a copy of `target`; the patch must be an object. */
export function applyStrategicMergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) throw badRequest('a strategic merge patch must be a JSON object');
  return mergeMap(isObject(target) ? target : {}, patch);
}

function mergeMap(target: Json, patch: Json): Json | undefined {
  const directive = patch.$patch;
  if (directive === 'delete') return undefined;
  const body = Object.fromEntries(Object.entries(patch).filter(([k]) => k !== '$patch' && k !== '$retainKeys'));
  if (directive === 'replace') return stripDirectives(body) as Json;
  if (directive !== undefined) throw badRequest(`strategic merge patch: unknown $patch directive ${JSON.stringify(directive)}`);
  const result: Json = { ...target };
  for (const [key, value] of Object.entries(body)) {
    if (key.startsWith(SET_ORDER)) continue;
    if (key.startsWith(DELETE_FROM)) {
      const field = key.slice(DELETE_FROM.length);
      const drop = Array.isArray(value) ? value : [];
      const current = result[field];
      if (Array.isArray(current)) setOwn(result, field, current.filter((v) => !drop.includes(v)));
      continue;
    }
    if (value === null) {
      delete result[key];
      continue;
    }
    const merged = mergeValue(key, result[key], value);
    if (merged === undefined) delete result[key];
    else setOwn(result, key, merged);
  }
  const retain = patch.$retainKeys;
  if (Array.isArray(retain)) for (const key of Object.keys(result)) if (!retain.includes(key)) delete result[key];
  return result;
}

function mergeValue(field: string, current: unknown, value: unknown): unknown {
  if (isObject(value)) return mergeMap(isObject(current) ? current : {}, value);
  if (!Array.isArray(value)) return value;
  if (SET_LISTS.has(field)) return [...new Set<unknown>([...(Array.isArray(current) ? (current as unknown[]) : []), ...(value as unknown[])])];
  const keys = MERGE_KEYS.get(field);
  if (!keys || !Array.isArray(current)) return value.map(stripDirectives).filter((v) => v !== undefined);
  return mergeList(current, value, keys);
}

function mergeList(current: readonly unknown[], patch: readonly unknown[], keys: readonly string[]): unknown[] {
  if (patch.some((p) => isObject(p) && p.$patch === 'replace')) {
    return patch.filter((p) => !(isObject(p) && p.$patch === 'replace')).map(stripDirectives).filter((v) => v !== undefined);
  }
  const keyOf = (item: unknown): string | undefined => {
    if (!isObject(item)) return undefined;
    const key = keys.find((k) => item[k] !== undefined);
    return key === undefined ? undefined : `${key}=${JSON.stringify(item[key])}`;
  };
  const result: unknown[] = [...current];
  for (const item of patch) {
    const key = keyOf(item);
    const at = key === undefined ? -1 : result.findIndex((c) => keyOf(c) === key);
    if (isObject(item) && item.$patch === 'delete') {
      if (at >= 0) result.splice(at, 1);
      continue;
    }
    if (at < 0) {
      const added = stripDirectives(item);
      if (added !== undefined) result.push(added);
      continue;
    }
    const merged = isObject(item) ? mergeMap(isObject(result[at]) ? result[at] : {}, item) : item;
    if (merged === undefined) result.splice(at, 1);
    else result[at] = merged;
  }
  return result;
}

// A value added as a whole: directives have no target to act on, so they are dropped.
function stripDirectives(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripDirectives);
  if (!isObject(value)) return value;
  if (value.$patch === 'delete') return undefined;
  const out: Json = {};
  for (const [k, v] of Object.entries(value)) {
    if (k.startsWith('$') || v === null) continue;
    setOwn(out, k, stripDirectives(v));
  }
  return out;
}
