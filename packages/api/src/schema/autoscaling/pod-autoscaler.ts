import { describe, int32, int64, kindSchema, object, str } from '../builders.js';
import { objectReference, status } from '../common.js';
import type { SchemaProps } from '../schema-props.js';

/** autoscaling.internal.knative.dev/v1alpha1 PodAutoscaler. */
export const podAutoscalerSchema: SchemaProps = kindSchema(
  "The autoscaler of one revision; its class and tuning come from the revision's annotations.",
  object(
    'The desired state of the autoscaler.',
    {
      containerConcurrency: int64('Maximum number of requests in flight per pod; 0 means no limit.'),
      scaleTargetRef: describe(objectReference, 'The scalable resource, usually a Deployment, whose replicas this autoscaler sets.'),
      reachability: str('Whether any route sends traffic to the revision: `Reachable`, `Unreachable`, or empty when unknown.'),
      protocolType: str('The protocol of the revision, `http1` or `h2c`.'),
    },
    ['protocolType', 'scaleTargetRef'],
  ),
  status('The observed state of the autoscaler.', {
    serviceName: str('The Kubernetes Service that fronts the revision, owned by its ServerlessService.'),
    metricsServiceName: str('The Kubernetes Service metrics are scraped from.'),
    desiredScale: int32('Number of pods the autoscaler wants; unset until it has decided.'),
    actualScale: int32('Number of ready pods observed.'),
  }),
);
