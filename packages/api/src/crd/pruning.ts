import type { SchemaProps } from '../schema/schema-props.js';

// The fields an API server would drop from an object when it prunes it against
// a structural schema: those the schema does not list, unless a node keeps
// unknown fields. apiVersion, kind and metadata at the root are never pruned.

const ROOT_FIELDS = new Set(['apiVersion', 'kind', 'metadata']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function walk(schema: SchemaProps, value: unknown, path: string, out: string[]): void {
  if (Array.isArray(value)) {
    const items = schema.items;
    if (items) value.forEach((v, i) => walk(items, v, `${path}[${i}]`, out));
    return;
  }
  if (!isRecord(value) || schema['x-kubernetes-int-or-string']) return;
  const keepUnknown = schema['x-kubernetes-preserve-unknown-fields'] === true;
  for (const [key, child] of Object.entries(value)) {
    if (path === '' && ROOT_FIELDS.has(key)) continue;
    const childPath = path ? `${path}.${key}` : key;
    const childSchema = schema.properties?.[key] ?? schema.additionalProperties;
    if (childSchema) walk(childSchema, child, childPath, out);
    else if (!keepUnknown) out.push(childPath);
  }
}

/** Paths such as `spec.template.spec.containers[0].lifecycle` that pruning would remove from `value`. */
export function prunedPaths(schema: SchemaProps, value: unknown): string[] {
  const out: string[] = [];
  walk(schema, value, '', out);
  return out;
}
