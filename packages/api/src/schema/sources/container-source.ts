import { kindSchema, object, openObject } from '../builders.js';
import { sourceSpecFields, sourceStatus } from '../source.js';
import type { SchemaProps } from '../schema-props.js';

/** sources.knative.dev/v1 ContainerSource. */
export const containerSourceSchema: SchemaProps = kindSchema(
  'Runs a container that produces events and tells it where to send them.',
  object('The desired state of the container source.', {
    template: openObject('The pod template of the event producer, as in a Deployment; it receives K_SINK and K_CE_OVERRIDES.'),
    ...sourceSpecFields,
  }),
  sourceStatus('The observed state of the container source.'),
);
