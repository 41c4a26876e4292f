// Annotation keys and values shared by knot components, as Knative spells them.
// Keys with legacy spellings come with a priority list: the first key present wins.

export const CREATOR_ANNOTATION = 'serving.knative.dev/creator';
export const UPDATER_ANNOTATION = 'serving.knative.dev/lastModifier';
/** On a Configuration/Revision: comma-separated names of the Routes referencing it. */
export const ROUTES_ANNOTATION_KEY = 'serving.knative.dev/routes';
export const ROLLOUT_DURATION_ANNOTATION_KEY = 'serving.knative.dev/rollout-duration';
export const ROLLOUT_DURATION_ANNOTATION = [ROLLOUT_DURATION_ANNOTATION_KEY, 'serving.knative.dev/rolloutDuration'] as const;
/** On a Revision: `true` keeps it from garbage collection. */
export const REVISION_PRESERVED_ANNOTATION_KEY = 'serving.knative.dev/no-gc';
/** On a Revision: RFC 3339 time its routing state last changed. */
export const ROUTING_STATE_MODIFIED_ANNOTATION_KEY = 'serving.knative.dev/routingStateModified';
export const REVISION_LAST_PINNED_ANNOTATION_KEY = 'serving.knative.dev/lastPinned';
export const PROGRESS_DEADLINE_ANNOTATION_KEY = 'serving.knative.dev/progress-deadline';

// Per-revision autoscaling annotations.
export const CLASS_ANNOTATION_KEY = 'autoscaling.knative.dev/class';
export const METRIC_ANNOTATION_KEY = 'autoscaling.knative.dev/metric';
export const TARGET_ANNOTATION_KEY = 'autoscaling.knative.dev/target';
export const TARGET_UTILIZATION_PERCENTAGE_KEY = 'autoscaling.knative.dev/target-utilization-percentage';
export const TARGET_BURST_CAPACITY_KEY = 'autoscaling.knative.dev/target-burst-capacity';
export const WINDOW_ANNOTATION_KEY = 'autoscaling.knative.dev/window';
export const PANIC_WINDOW_PERCENTAGE_ANNOTATION_KEY = 'autoscaling.knative.dev/panic-window-percentage';
export const PANIC_THRESHOLD_PERCENTAGE_ANNOTATION_KEY = 'autoscaling.knative.dev/panic-threshold-percentage';
export const MIN_SCALE_ANNOTATION_KEY = 'autoscaling.knative.dev/min-scale';
export const MAX_SCALE_ANNOTATION_KEY = 'autoscaling.knative.dev/max-scale';
export const INITIAL_SCALE_ANNOTATION_KEY = 'autoscaling.knative.dev/initial-scale';
export const SCALE_DOWN_DELAY_ANNOTATION_KEY = 'autoscaling.knative.dev/scale-down-delay';
export const ACTIVATION_SCALE_KEY = 'autoscaling.knative.dev/activation-scale';
export const SCALE_TO_ZERO_POD_RETENTION_PERIOD_KEY = 'autoscaling.knative.dev/scale-to-zero-pod-retention-period';
export const METRIC_AGGREGATION_ALGORITHM_KEY = 'autoscaling.knative.dev/metric-aggregation-algorithm';

// Priority lists for the autoscaling annotations Knative also accepts in camelCase.
export const MIN_SCALE_ANNOTATION = [MIN_SCALE_ANNOTATION_KEY, 'autoscaling.knative.dev/minScale'] as const;
export const MAX_SCALE_ANNOTATION = [MAX_SCALE_ANNOTATION_KEY, 'autoscaling.knative.dev/maxScale'] as const;
export const INITIAL_SCALE_ANNOTATION = [INITIAL_SCALE_ANNOTATION_KEY, 'autoscaling.knative.dev/initialScale'] as const;
export const SCALE_DOWN_DELAY_ANNOTATION = [SCALE_DOWN_DELAY_ANNOTATION_KEY, 'autoscaling.knative.dev/scaleDownDelay'] as const;
export const PANIC_WINDOW_PERCENTAGE_ANNOTATION = [PANIC_WINDOW_PERCENTAGE_ANNOTATION_KEY, 'autoscaling.knative.dev/panicWindowPercentage'] as const;
export const PANIC_THRESHOLD_PERCENTAGE_ANNOTATION = [PANIC_THRESHOLD_PERCENTAGE_ANNOTATION_KEY, 'autoscaling.knative.dev/panicThresholdPercentage'] as const;
export const TARGET_BURST_CAPACITY_ANNOTATION = [TARGET_BURST_CAPACITY_KEY, 'autoscaling.knative.dev/targetBurstCapacity'] as const;
export const TARGET_UTILIZATION_PERCENTAGE_ANNOTATION = [TARGET_UTILIZATION_PERCENTAGE_KEY, 'autoscaling.knative.dev/targetUtilizationPercentage'] as const;
export const SCALE_TO_ZERO_POD_RETENTION_PERIOD_ANNOTATION = [SCALE_TO_ZERO_POD_RETENTION_PERIOD_KEY, 'autoscaling.knative.dev/scaleToZeroPodRetentionPeriod'] as const;
export const METRIC_AGGREGATION_ALGORITHM_ANNOTATION = [METRIC_AGGREGATION_ALGORITHM_KEY, 'autoscaling.knative.dev/metricAggregationAlgorithm'] as const;

/** Values of CLASS_ANNOTATION_KEY. */
export const KPA_CLASS = 'kpa.autoscaling.knative.dev';
export const HPA_CLASS = 'hpa.autoscaling.knative.dev';

/** Values of METRIC_ANNOTATION_KEY. */
export const AutoscalingMetric = {
  Concurrency: 'concurrency',
  RPS: 'rps',
  CPU: 'cpu',
  Memory: 'memory',
} as const;
export type AutoscalingMetric = (typeof AutoscalingMetric)[keyof typeof AutoscalingMetric];

// Networking.
export const INGRESS_CLASS_ANNOTATION_KEY = 'networking.knative.dev/ingress.class';
export const INGRESS_CLASS_ANNOTATION = [INGRESS_CLASS_ANNOTATION_KEY, 'networking.knative.dev/ingress-class'] as const;
export const CERTIFICATE_CLASS_ANNOTATION_KEY = 'networking.knative.dev/certificate.class';
export const CERTIFICATE_CLASS_ANNOTATION = [CERTIFICATE_CLASS_ANNOTATION_KEY, 'networking.knative.dev/certificate-class'] as const;
export const HTTP_OPTION_ANNOTATION = ['networking.knative.dev/httpOption', 'networking.knative.dev/http-protocol'] as const;
export const DISABLE_EXTERNAL_DOMAIN_TLS_ANNOTATION = [
  'networking.knative.dev/disableAutoTLS',
  'networking.knative.dev/disable-auto-tls',
  'networking.knative.dev/disable-external-domain-tls',
] as const;
/** On an Ingress: JSON map of tag to host, for tag header routing. */
export const TAG_TO_HOST_ANNOTATION_KEY = 'networking.internal.knative.dev/tag-to-host';
/** On an Ingress: the JSON rollout state of gradual rollouts. */
export const ROLLOUT_ANNOTATION_KEY = 'networking.internal.knative.dev/rollout';

// Eventing.
export const BROKER_CLASS_ANNOTATION_KEY = 'eventing.knative.dev/broker.class';
/** Knative's default broker class. */
export const MT_CHANNEL_BASED_BROKER_CLASS = 'MTChannelBasedBroker';
/** On a Namespace: `enabled` creates a `default` Broker in it. */
export const INJECTION_ANNOTATION_KEY = 'eventing.knative.dev/injection';
/** On a Trigger: the source it depends on (set by `kn`). */
export const DEPENDENCY_ANNOTATION_KEY = 'knative.dev/dependency';

/** The value of the first key in `keys` present in `map` (Knative's kmap.KeyPriority). */
export function valueByPriority(
  map: Readonly<Record<string, string>> | undefined,
  keys: readonly string[],
): { key: string; value: string } | undefined {
  if (!map) return undefined;
  for (const key of keys) {
    const value = map[key];
    if (value !== undefined) return { key, value };
  }
  return undefined;
}
