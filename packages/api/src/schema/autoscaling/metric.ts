import { int64, kindSchema, object, str } from '../builders.js';
import { status } from '../common.js';
import type { SchemaProps } from '../schema-props.js';

/** autoscaling.internal.knative.dev/v1alpha1 Metric. */
export const metricSchema: SchemaProps = kindSchema(
  'What the autoscaler collects for one revision and over which windows.',
  object(
    'The desired state of the metric.',
    {
      stableWindow: int64('The window, in nanoseconds, over which metrics are averaged in the stable mode.'),
      panicWindow: int64('The shorter window, in nanoseconds, used to react quickly to bursts.'),
      scrapeTarget: str('The Kubernetes Service whose pods publish the metrics.'),
    },
    ['panicWindow', 'scrapeTarget', 'stableWindow'],
  ),
  status('The observed state of the metric.'),
);
