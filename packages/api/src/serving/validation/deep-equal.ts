// Structural comparison of JSON values for the immutability rules. A field set to
// null or left out are the same thing, as they are for Go's omitempty fields.
import { isObj } from './shape.js';

function present(o: Readonly<Record<string, unknown>>): string[] {
  return Object.keys(o).filter((k) => o[k] !== undefined && o[k] !== null);
}

/** Paths (relative, Kubernetes style) where `a` and `b` differ; at most `limit` of them. */
export function diffPaths(a: unknown, b: unknown, limit = 5): string[] {
  const out: string[] = [];
  walk(a, b, '', out, limit);
  return out;
}

export function deepEqual(a: unknown, b: unknown): boolean {
  return diffPaths(a, b, 1).length === 0;
}

function join(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path === '' ? key : `${path}.${key}`;
}

function walk(a: unknown, b: unknown, path: string, out: string[], limit: number): void {
  if (out.length >= limit) return;
  if (Object.is(a, b) || ((a === null || a === undefined) && (b === null || b === undefined))) return;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) {
      out.push(path || '.');
      return;
    }
    for (let i = 0; i < a.length; i++) walk(a[i], b[i], join(path, i), out, limit);
    return;
  }
  if (isObj(a) && isObj(b)) {
    const keys = new Set([...present(a), ...present(b)]);
    for (const k of [...keys].sort()) {
      walk(Object.hasOwn(a, k) ? a[k] : undefined, Object.hasOwn(b, k) ? b[k] : undefined, join(path, k), out, limit);
    }
    return;
  }
  out.push(path || '.');
}
