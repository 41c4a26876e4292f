import type { CustomResourceColumnDefinition, CustomResourceDefinitionNames } from 'kubernetes-types/apiextensions/v1.js';
import type { SchemaProps } from '../schema/schema-props.js';

/** One version of a CRD; the schema uses knot's SchemaProps, which carries the `x-kubernetes-*` extensions. */
export interface CustomResourceDefinitionVersion {
  name: string;
  served: boolean;
  storage: boolean;
  subresources?: { status?: Record<string, never> };
  additionalPrinterColumns?: CustomResourceColumnDefinition[];
  schema: { openAPIV3Schema: SchemaProps };
}

/** An apiextensions.k8s.io/v1 CustomResourceDefinition, as knot writes them. */
export interface CustomResourceDefinition {
  apiVersion: 'apiextensions.k8s.io/v1';
  kind: 'CustomResourceDefinition';
  metadata: { name: string; labels: Record<string, string>; annotations?: Record<string, string> };
  spec: {
    group: string;
    names: CustomResourceDefinitionNames;
    scope: 'Namespaced' | 'Cluster';
    versions: CustomResourceDefinitionVersion[];
  };
}

export type { CustomResourceColumnDefinition };
