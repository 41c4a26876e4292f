import { checkStructuralSchema } from './structural-schema.js';

const root = (spec: unknown): unknown => ({ type: 'object', properties: { metadata: { type: 'object' }, spec } });

describe('checkStructuralSchema', () => {
  test.each([
    { name: 'typed object tree', schema: root({ type: 'object', properties: { a: { type: 'string' }, b: { type: 'array', items: { type: 'integer' } } } }) },
    { name: 'open object without type', schema: root({ 'x-kubernetes-preserve-unknown-fields': true }) },
    { name: 'int-or-string', schema: root({ anyOf: [{ type: 'integer' }, { type: 'string' }], 'x-kubernetes-int-or-string': true }) },
    { name: 'string map', schema: root({ type: 'object', additionalProperties: { type: 'string' } }) },
    { name: 'required field present', schema: root({ type: 'object', required: ['a'], properties: { a: { type: 'string' } } }) },
    {
      name: 'list map keyed by a required field',
      schema: root({
        type: 'array',
        'x-kubernetes-list-type': 'map',
        'x-kubernetes-list-map-keys': ['name'],
        items: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } },
      }),
    },
    { name: 'metadata constrains name only', schema: { type: 'object', properties: { metadata: { type: 'object', properties: { name: { type: 'string' } } } } } },
  ])('accepts $name', ({ schema }) => {
    expect(checkStructuralSchema(schema)).toEqual([]);
  });

  test.each([
    { name: 'missing type', spec: { type: 'object', properties: { a: { description: 'x' } } }, path: 'spec.a', message: 'must have a type' },
    { name: 'unknown type', spec: { type: 'map' }, path: 'spec', message: 'unknown type "map"' },
    {
      name: 'properties with additionalProperties',
      spec: { type: 'object', properties: { a: { type: 'string' } }, additionalProperties: { type: 'string' } },
      path: 'spec',
      message: 'both properties and additionalProperties',
    },
    { name: 'additionalProperties false', spec: { type: 'object', additionalProperties: false }, path: 'spec', message: 'must not be false' },
    { name: 'required name not a property', spec: { type: 'object', required: ['b'], properties: { a: { type: 'string' } } }, path: 'spec', message: 'requires b' },
    { name: '$ref', spec: { $ref: '#/definitions/x', type: 'object' }, path: 'spec', message: 'must not use $ref' },
    { name: 'array without items', spec: { type: 'object', properties: { l: { type: 'array' } } }, path: 'spec.l', message: 'must have items' },
    { name: 'untyped array item', spec: { type: 'array', items: { description: 'x' } }, path: 'spec[]', message: 'must have a type' },
    { name: 'untyped map value', spec: { type: 'object', additionalProperties: {} }, path: 'spec{}', message: 'must have a type' },
    { name: 'typed int-or-string', spec: { type: 'string', 'x-kubernetes-int-or-string': true }, path: 'spec', message: 'must not have a type' },
    { name: 'anyOf outside int-or-string', spec: { type: 'string', anyOf: [{ type: 'string' }] }, path: 'spec', message: 'anyOf is only allowed' },
    { name: 'oneOf', spec: { type: 'string', oneOf: [{ type: 'string' }] }, path: 'spec', message: 'must not use oneOf' },
    { name: 'preserve false without type', spec: { 'x-kubernetes-preserve-unknown-fields': false }, path: 'spec', message: 'must have a type' },
    { name: 'properties on a string', spec: { type: 'string', properties: { a: { type: 'string' } } }, path: 'spec', message: 'only object nodes' },
    {
      name: 'list map key not required',
      spec: {
        type: 'array',
        'x-kubernetes-list-type': 'map',
        'x-kubernetes-list-map-keys': ['name'],
        items: { type: 'object', properties: { name: { type: 'string' } } },
      },
      path: 'spec',
      message: 'must be required',
    },
  ])('rejects $name at $path', ({ spec, path, message }) => {
    const errors = checkStructuralSchema(root(spec));
    expect(errors).toContainEqual({ path, message: expect.stringContaining(message) as unknown });
  });

  test.each([
    { name: 'untyped root', schema: { properties: {} }, message: 'the root must be of type object' },
    {
      name: 'metadata constraint on labels',
      schema: { type: 'object', properties: { metadata: { type: 'object', properties: { labels: { type: 'object', additionalProperties: { type: 'string' } } } } } },
      message: 'may only constrain name and generateName, not labels',
    },
  ])('rejects $name', ({ schema, message }) => {
    expect(checkStructuralSchema(schema).map((e) => e.message)).toContain(message);
  });
});
