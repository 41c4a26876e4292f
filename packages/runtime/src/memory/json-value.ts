import { ApiError } from '../errors.js';

/** Structural equality of JSON values (key order ignored). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => jsonEqual(v, b[i]));
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const keys = Object.keys(ra);
  return keys.length === Object.keys(rb).length && keys.every((k) => Object.hasOwn(rb, k) && jsonEqual(ra[k], rb[k]));
}

/**
 * A deep copy of `value` as it would arrive over the wire: undefined fields
 * dropped, dates as strings. Values JSON cannot carry are a BadRequest.
 */
export function toPlainJson<T>(value: T): T {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch (err) {
    throw new ApiError('BadRequest', `the object is not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (text === undefined) throw new ApiError('BadRequest', 'the object is not valid JSON');
  return JSON.parse(text) as T;
}
