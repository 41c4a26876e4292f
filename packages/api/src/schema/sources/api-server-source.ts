import { array, describe, kindSchema, object, str, strings } from '../builders.js';
import { labelSelector } from '../common.js';
import { subscriptionsFilters } from '../eventing/subscriptions-filter.js';
import { sourceSpecFields, sourceStatus } from '../source.js';
import type { SchemaProps } from '../schema-props.js';

/** sources.knative.dev/v1 ApiServerSource. */
export const apiServerSourceSchema: SchemaProps = kindSchema(
  'Turns changes to Kubernetes objects into events.',
  object(
    'The desired state of the API server source.',
    {
      resources: array(
        'The kinds of object to watch.',
        object('A kind to watch, optionally narrowed by labels.', {
          apiVersion: str('API version of the kind.'),
          kind: str('The kind.'),
          selector: describe(labelSelector, 'Only objects with matching labels.'),
        }),
      ),
      owner: object('Only objects owned by an object of this kind.', {
        apiVersion: str('API version of the owner kind.'),
        kind: str('The owner kind.'),
      }),
      mode: str('`Reference` sends a reference to the changed object, `Resource` the whole object.'),
      serviceAccountName: str('The service account whose permissions the watch uses; defaults to `default`.'),
      namespaceSelector: describe(labelSelector, "Watches the namespaces it selects instead of the source's own."),
      filters: subscriptionsFilters('Filter expressions an event must pass to be sent.'),
      ...sourceSpecFields,
    },
    ['resources'],
  ),
  sourceStatus('The observed state of the API server source.', {
    namespaces: strings('The namespaces being watched.'),
  }),
);
