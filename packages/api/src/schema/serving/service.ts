import { kindSchema, object } from '../builders.js';
import { status } from '../common.js';
import type { SchemaProps } from '../schema-props.js';
import { configurationStatusFields } from './configuration.js';
import { revisionTemplate } from './revision-spec.js';
import { routeStatusFields, trafficSpec } from './route.js';

/** serving.knative.dev/v1 Service. */
export const serviceSchema: SchemaProps = kindSchema(
  'A serverless workload: a Configuration and a Route under one name, managed together.',
  object('The desired state of the service: its revision template and traffic split.', {
    template: revisionTemplate,
    traffic: trafficSpec,
  }),
  status('The observed state of the service.', { ...configurationStatusFields, ...routeStatusFields }),
);
