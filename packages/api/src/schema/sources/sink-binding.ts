import { describe, kindSchema, object, str } from '../builders.js';
import { labelSelector } from '../common.js';
import { sourceSpecFields, sourceStatus } from '../source.js';
import type { SchemaProps } from '../schema-props.js';

/** sources.knative.dev/v1 SinkBinding. */
export const sinkBindingSchema: SchemaProps = kindSchema(
  'Injects the address of a sink into the pods of its subject as K_SINK, with K_CE_OVERRIDES.',
  object('The desired state of the sink binding.', {
    subject: object('The objects whose pods get the sink: one by name, or several by label selector.', {
      apiVersion: str('API version of the subject.'),
      kind: str('Kind of the subject.'),
      namespace: str('Namespace of the subject; defaults to that of the binding.'),
      name: str('Name of the subject; mutually exclusive with selector.'),
      selector: describe(labelSelector, 'Labels of the subjects; mutually exclusive with name.'),
    }),
    ...sourceSpecFields,
  }),
  sourceStatus('The observed state of the sink binding.', {
    oidcTokenSecretName: str('The Secret holding the OIDC token mounted into the subjects.'),
  }),
);
