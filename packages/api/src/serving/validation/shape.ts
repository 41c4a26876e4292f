// Safe readers over unknown JSON. Validation must never throw, whatever it is given,
// so every read checks the shape first and reports a wrong type as a field error.
import type { FieldErrors } from '../../field-error.js';

export type Obj = Readonly<Record<string, unknown>>;

/** A plain JSON object (not null, not an array). */
export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `null`, `array`, or the `typeof` name: for messages, never calls toString on the value. */
export function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

/** An own property only, so keys like `toString` never reach the prototype. */
export function get(obj: Obj, key: string): unknown {
  return Object.hasOwn(obj, key) ? obj[key] : undefined;
}

/** Whether a field counts as set the way Go's zero values do: not absent, null, false, 0 or ''. */
export function isSet(v: unknown): boolean {
  return v !== undefined && v !== null && v !== false && v !== 0 && v !== '';
}

function wrongType(errs: FieldErrors, path: string, want: string, v: unknown): undefined {
  errs.add(path, `expected ${want}, got ${kindOf(v)}`);
  return undefined;
}

/** `v` as an object; absent or null is undefined, anything else is an error at `path`. */
export function asObj(v: unknown, errs: FieldErrors, path: string): Obj | undefined {
  if (v === undefined || v === null) return undefined;
  return isObj(v) ? v : wrongType(errs, path, 'an object', v);
}

export function readObj(obj: Obj, key: string, errs: FieldErrors): Obj | undefined {
  return asObj(get(obj, key), errs, key);
}

export function readString(obj: Obj, key: string, errs: FieldErrors): string | undefined {
  const v = get(obj, key);
  if (v === undefined || v === null) return undefined;
  return typeof v === 'string' ? v : wrongType(errs, key, 'a string', v);
}

export function readBool(obj: Obj, key: string, errs: FieldErrors): boolean | undefined {
  const v = get(obj, key);
  if (v === undefined || v === null) return undefined;
  return typeof v === 'boolean' ? v : wrongType(errs, key, 'a boolean', v);
}

/** A JSON integer (Go int32/int64 fields). */
export function readInt(obj: Obj, key: string, errs: FieldErrors): number | undefined {
  const v = get(obj, key);
  if (v === undefined || v === null) return undefined;
  return typeof v === 'number' && Number.isSafeInteger(v) ? v : wrongType(errs, key, 'an integer', v);
}

export function asArray(v: unknown, errs: FieldErrors, path: string): readonly unknown[] | undefined {
  if (v === undefined || v === null) return undefined;
  return Array.isArray(v) ? (v as unknown[]) : wrongType(errs, path, 'an array', v);
}

export function readArray(obj: Obj, key: string, errs: FieldErrors): readonly unknown[] | undefined {
  return asArray(get(obj, key), errs, key);
}

/** The objects of an array field, with their indexes; non-objects are reported and skipped. */
export function readObjArray(obj: Obj, key: string, errs: FieldErrors): readonly (readonly [number, Obj])[] {
  const arr = readArray(obj, key, errs) ?? [];
  const out: (readonly [number, Obj])[] = [];
  arr.forEach((item, i) => {
    const o = asObj(item, errs, `${key}[${i}]`);
    if (o) out.push([i, o]);
    else if (item === null || item === undefined) errs.add(`${key}[${i}]`, 'expected an object, got null');
  });
  return out;
}

/** A map of strings (labels, annotations); entries of another type are reported and dropped. */
export function asStringMap(v: unknown, errs: FieldErrors, path: string): Readonly<Record<string, string>> {
  const o = asObj(v, errs, path);
  const out: Record<string, string> = {};
  if (!o) return out;
  for (const [k, value] of Object.entries(o)) {
    if (typeof value === 'string') Object.defineProperty(out, k, { value, enumerable: true });
    else errs.add(`${path}[${k}]`, `expected a string, got ${kindOf(value)}`);
  }
  return out;
}

/** Strings are quoted, other values named by kind: safe to put in any message. */
export function show(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return kindOf(v);
}
