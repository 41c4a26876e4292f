import { array, int32, kindSchema, object, str } from '../builders.js';
import { status } from '../common.js';
import type { SchemaProps } from '../schema-props.js';
import { revisionSpec } from './revision-spec.js';

const containerStatus: SchemaProps = object('The image digest a container of the revision runs.', {
  name: str('Name of the container.'),
  imageDigest: str('The image reference with the digest it was resolved to.'),
});

/** serving.knative.dev/v1 Revision. */
export const revisionSchema: SchemaProps = kindSchema(
  'An immutable snapshot of code and configuration, created from a Configuration. A revision scales with its traffic, down to zero.',
  revisionSpec,
  status('The observed state of the revision.', {
    logUrl: str('A link to the logs of this revision.'),
    containerStatuses: array('The image digests of the containers, in spec order.', containerStatus),
    initContainerStatuses: array('The image digests of the init containers, in spec order.', containerStatus),
    actualReplicas: int32('Number of ready pods.'),
    desiredReplicas: int32('Number of pods the autoscaler wants.'),
  }),
);
