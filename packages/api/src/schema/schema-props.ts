/**
 * The part of apiextensions.k8s.io/v1 JSONSchemaProps that structural CRD
 * schemas use, including the `x-kubernetes-*` extensions that kubernetes-types
 * leaves out.
 */
export interface SchemaProps {
  readonly description?: string;
  readonly type?: SchemaType;
  readonly format?: string;
  readonly properties?: Readonly<Record<string, SchemaProps>>;
  readonly required?: readonly string[];
  readonly items?: SchemaProps;
  readonly additionalProperties?: SchemaProps;
  readonly anyOf?: readonly SchemaProps[];
  /** Keeps fields the schema does not list instead of pruning them. */
  readonly 'x-kubernetes-preserve-unknown-fields'?: true;
  /** A Kubernetes IntOrString (a port or a quantity); the node has no `type`. */
  readonly 'x-kubernetes-int-or-string'?: true;
  readonly 'x-kubernetes-list-type'?: 'atomic' | 'set' | 'map';
  readonly 'x-kubernetes-list-map-keys'?: readonly string[];
  readonly 'x-kubernetes-map-type'?: 'atomic' | 'granular';
}

export type SchemaType = 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';

/** The properties of an object schema, keyed by field name. */
export type SchemaFields = Readonly<Record<string, SchemaProps>>;
