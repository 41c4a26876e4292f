// The JSON patch (RFC 6902) that turns one JSON document into another, as the defaulting
// webhook returns it: `add` for new keys, `remove` for dropped ones, `replace` for changed
// values, recursing into objects and, index by index, into arrays.
import type { JsonPatchOperation } from '@knot/runtime';

type JsonObject = Readonly<Record<string, unknown>>;

/** One reference token of a JSON pointer (RFC 6901): `~` is `~0`, `/` is `~1`. */
export function escapePointerToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

/**
 * The operations that turn `from` into `to`. Both must be JSON values (no undefined,
 * functions or cycles); keys whose value is undefined count as absent.
 */
export function createJsonPatch(from: unknown, to: unknown): JsonPatchOperation[] {
  const ops: JsonPatchOperation[] = [];
  diff(from, to, '', ops);
  return ops;
}

function isJsonObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function diff(from: unknown, to: unknown, path: string, ops: JsonPatchOperation[]): void {
  if (jsonEqual(from, to)) return;
  if (isJsonObject(from) && isJsonObject(to)) {
    diffObjects(from, to, path, ops);
  } else if (Array.isArray(from) && Array.isArray(to)) {
    diffArrays(from, to, path, ops);
  } else {
    ops.push({ op: 'replace', path, value: to });
  }
}

function diffObjects(from: JsonObject, to: JsonObject, path: string, ops: JsonPatchOperation[]): void {
  for (const key of Object.keys(from)) {
    if (from[key] !== undefined && !present(to, key)) ops.push({ op: 'remove', path: `${path}/${escapePointerToken(key)}` });
  }
  for (const key of Object.keys(to)) {
    const value = to[key];
    if (value === undefined) continue;
    const at = `${path}/${escapePointerToken(key)}`;
    if (present(from, key)) diff(from[key], value, at, ops);
    else ops.push({ op: 'add', path: at, value });
  }
}

function diffArrays(from: readonly unknown[], to: readonly unknown[], path: string, ops: JsonPatchOperation[]): void {
  const common = Math.min(from.length, to.length);
  for (let i = 0; i < common; i++) diff(from[i], to[i], `${path}/${i}`, ops);
  // Remove from the end, so each index still names the element it meant.
  for (let i = from.length - 1; i >= to.length; i--) ops.push({ op: 'remove', path: `${path}/${i}` });
  for (let i = from.length; i < to.length; i++) ops.push({ op: 'add', path: `${path}/${i}`, value: to[i] });
}

function present(obj: JsonObject, key: string): boolean {
  return Object.hasOwn(obj, key) && obj[key] !== undefined;
}

/** Structural equality of JSON values; key order does not matter. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => jsonEqual(v, b[i]));
  if (isJsonObject(a) && isJsonObject(b)) {
    const keysA = Object.keys(a).filter((k) => a[k] !== undefined);
    const keysB = Object.keys(b).filter((k) => b[k] !== undefined);
    return keysA.length === keysB.length && keysA.every((k) => present(b, k) && jsonEqual(a[k], b[k]));
  }
  return false;
}
