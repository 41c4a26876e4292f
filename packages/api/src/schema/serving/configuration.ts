import { kindSchema, object, str } from '../builders.js';
import { status } from '../common.js';
import type { SchemaFields, SchemaProps } from '../schema-props.js';
import { revisionTemplate } from './revision-spec.js';

/** The status fields a Service shares with its Configuration. */
export const configurationStatusFields: SchemaFields = {
  latestCreatedRevisionName: str('The last revision created from this configuration; it may not be ready yet.'),
  latestReadyRevisionName: str('The last revision created from this configuration that became ready.'),
};

/** serving.knative.dev/v1 Configuration. */
export const configurationSchema: SchemaProps = kindSchema(
  'The desired latest state of a workload: each change to the template creates a new Revision.',
  object('The desired state of the configuration.', { template: revisionTemplate }),
  status('The observed state of the configuration.', configurationStatusFields),
);
