import type { FieldError } from '../field-error.js';

// Checks that a CRD schema is structural, as apiextensions.k8s.io/v1 requires,
// before an API server rejects it. Stricter than Kubernetes in one way: anyOf
// is accepted only in the int-or-string form and allOf/oneOf/not never, since
// knot's schemas need nothing more. Paths read like `spec.traffic[].percent`.

const TYPES = new Set(['object', 'array', 'string', 'integer', 'number', 'boolean']);
const FORBIDDEN = ['$ref', '$schema', 'definitions', 'dependencies', 'id', 'allOf', 'oneOf', 'not', 'patternProperties', 'additionalItems'];
const METADATA_FIELDS = new Set(['name', 'generateName']);

type Node = Record<string, unknown>;

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isIntOrStringAnyOf(value: unknown): boolean {
  if (!Array.isArray(value) || value.length !== 2) return false;
  const [a, b] = value as unknown[];
  const onlyType = (n: unknown, t: string): boolean => isNode(n) && n['type'] === t && Object.keys(n).length === 1;
  return onlyType(a, 'integer') && onlyType(b, 'string');
}

function join(path: string, field: string): string {
  return path ? `${path}.${field}` : field;
}

function checkNode(node: unknown, path: string, out: FieldError[]): void {
  if (!isNode(node)) {
    out.push({ path, message: 'must be a schema object' });
    return;
  }
  const add = (message: string): void => void out.push({ path, message });
  const type = node['type'];
  const preserve = node['x-kubernetes-preserve-unknown-fields'];
  const intOrString = node['x-kubernetes-int-or-string'] === true;

  for (const key of FORBIDDEN) if (key in node) add(`must not use ${key}`);
  if (type === undefined) {
    if (preserve !== true && !intOrString) add('must have a type, x-kubernetes-preserve-unknown-fields or x-kubernetes-int-or-string');
  } else if (typeof type !== 'string' || !TYPES.has(type)) {
    add(`has unknown type ${JSON.stringify(type)}`);
  }
  if (preserve !== undefined && preserve !== true) add('x-kubernetes-preserve-unknown-fields must be true when set');
  if (node['description'] !== undefined && typeof node['description'] !== 'string') add('description must be a string');
  if (node['uniqueItems'] === true) add('must not set uniqueItems');

  if (intOrString) {
    if (type !== undefined) add('an int-or-string node must not have a type');
    if (node['anyOf'] !== undefined && !isIntOrStringAnyOf(node['anyOf'])) add('anyOf of an int-or-string node must be [integer, string]');
  } else if (node['anyOf'] !== undefined) {
    add('anyOf is only allowed on int-or-string nodes');
  }

  const properties = node['properties'];
  const additional = node['additionalProperties'];
  if (properties !== undefined && additional !== undefined) add('must not have both properties and additionalProperties');
  if (additional === false) add('additionalProperties must not be false');
  if ((properties !== undefined || additional !== undefined) && type !== 'object') add('only object nodes may have properties');

  const required = node['required'];
  if (required !== undefined) {
    if (!Array.isArray(required) || !required.every((r) => typeof r === 'string')) {
      add('required must be a list of field names');
    } else {
      const known = isNode(properties) ? properties : {};
      for (const name of required) if (!(name in known)) add(`requires ${name}, which is not a property`);
    }
  }

  if (properties !== undefined) {
    if (!isNode(properties)) add('properties must be an object');
    else for (const [name, child] of Object.entries(properties)) checkNode(child, join(path, name), out);
  }
  if (isNode(additional)) checkNode(additional, `${path}{}`, out);

  const items = node['items'];
  if (type === 'array' && items === undefined) add('an array must have items');
  if (items !== undefined) {
    if (type !== 'array') add('only array nodes may have items');
    checkNode(items, `${path}[]`, out);
  }
  checkListMapKeys(node, add);
}

function checkListMapKeys(node: Node, add: (message: string) => void): void {
  const keys = node['x-kubernetes-list-map-keys'];
  if (keys === undefined) return;
  if (node['x-kubernetes-list-type'] !== 'map') add('x-kubernetes-list-map-keys needs x-kubernetes-list-type: map');
  const items = node['items'];
  const required = isNode(items) && Array.isArray(items['required']) ? (items['required'] as unknown[]) : [];
  const fields = isNode(items) && isNode(items['properties']) ? items['properties'] : {};
  if (!Array.isArray(keys)) {
    add('x-kubernetes-list-map-keys must be a list');
    return;
  }
  for (const key of keys as unknown[]) {
    if (typeof key !== 'string' || !(key in fields)) add(`list map key ${String(key)} is not an item property`);
    else if (!required.includes(key)) add(`list map key ${key} must be required in the items`);
  }
}

/** The structural-schema violations of a CRD's openAPIV3Schema; empty when it is valid. */
export function checkStructuralSchema(schema: unknown): FieldError[] {
  const out: FieldError[] = [];
  checkNode(schema, '', out);
  if (!isNode(schema)) return out;
  if (schema['type'] !== 'object') out.push({ path: '', message: 'the root must be of type object' });
  const properties = isNode(schema['properties']) ? schema['properties'] : {};
  const metadata = properties['metadata'];
  if (isNode(metadata) && isNode(metadata['properties'])) {
    for (const name of Object.keys(metadata['properties'])) {
      if (!METADATA_FIELDS.has(name)) out.push({ path: 'metadata', message: `may only constrain name and generateName, not ${name}` });
    }
  }
  return out;
}
