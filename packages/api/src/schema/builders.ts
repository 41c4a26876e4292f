import type { SchemaFields, SchemaProps } from './schema-props.js';

// Small constructors for schema nodes, so every kind module reads as a field list.
// Each returns a fresh object, so a caller may spread and extend it safely.

export function str(description: string): SchemaProps {
  return { description, type: 'string' };
}

/** An RFC 3339 timestamp, serialized as a string. */
export function dateTime(description: string): SchemaProps {
  return { description, type: 'string', format: 'date-time' };
}

export function bool(description: string): SchemaProps {
  return { description, type: 'boolean' };
}

export function int32(description: string): SchemaProps {
  return { description, type: 'integer', format: 'int32' };
}

export function int64(description: string): SchemaProps {
  return { description, type: 'integer', format: 'int64' };
}

/** A port number or name, or a resource quantity (intstr.IntOrString). */
export function intOrString(description: string): SchemaProps {
  return { description, anyOf: [{ type: 'integer' }, { type: 'string' }], 'x-kubernetes-int-or-string': true };
}

export function object(description: string, properties: SchemaFields, required: readonly string[] = []): SchemaProps {
  return required.length > 0 ? { description, type: 'object', required, properties } : { description, type: 'object', properties };
}

export function array(description: string, items: SchemaProps): SchemaProps {
  return { description, type: 'array', items };
}

/** A list of plain strings. */
export function strings(description: string): SchemaProps {
  return array(description, { type: 'string' });
}

/** A string-to-string map such as labels or HTTP headers. */
export function stringMap(description: string): SchemaProps {
  return { description, type: 'object', additionalProperties: { type: 'string' } };
}

/** An object whose fields the API server keeps without checking them. */
export function openObject(description: string): SchemaProps {
  return { description, type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
}

/** A list of objects merged by a key field under server-side apply. */
export function keyedList(description: string, items: SchemaProps, key: string): SchemaProps {
  return { ...array(description, items), 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': [key] };
}

/** The same node with the description that fits where it is used. */
export function describe(schema: SchemaProps, description: string): SchemaProps {
  const { description: _previous, ...rest } = schema;
  return { description, ...rest };
}

/** The top-level schema of a kind: apiVersion, kind, metadata, spec and status. */
export function kindSchema(description: string, spec: SchemaProps, status: SchemaProps): SchemaProps {
  return object(description, {
    apiVersion: str('The versioned schema of this object, `group/version`.'),
    kind: str('The REST resource this object represents, in CamelCase.'),
    metadata: { type: 'object' },
    spec,
    status,
  });
}
