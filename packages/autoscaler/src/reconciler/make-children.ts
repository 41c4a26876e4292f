// The objects a PodAutoscaler owns, named after it (Knative's resources.MakeSKS and MakeMetric).
import { METRIC_ANNOTATION_KEY, NANOS_PER_MILLISECOND, type ConfigAutoscaler, type Metric, type PodAutoscaler, type ServerlessService, type ServerlessServiceOperationMode } from '@knot/api';
import { panicWindowMs } from './make-decider-spec.js';
import { stableWindowMs } from './pa-annotations.js';
import { paControllerRef } from './owner-refs.js';

function childMeta(pa: PodAutoscaler, annotations: Record<string, string>) {
  return {
    name: pa.metadata?.name ?? '',
    namespace: pa.metadata?.namespace ?? '',
    labels: { ...pa.metadata?.labels },
    annotations,
    ownerReferences: [paControllerRef(pa)],
  };
}

/** The SKS: Serve puts the pods in the path, Proxy the activator; numActivators 0 means all of them. */
export function makeServerlessService(pa: PodAutoscaler, mode: ServerlessServiceOperationMode, numActivators: number): ServerlessService {
  // The metric annotation is the autoscaler's business, not networking's.
  const { [METRIC_ANNOTATION_KEY]: _metric, ...annotations } = pa.metadata?.annotations ?? {};
  return {
    apiVersion: 'networking.internal.knative.dev/v1alpha1',
    kind: 'ServerlessService',
    metadata: childMeta(pa, annotations),
    spec: {
      mode,
      numActivators,
      objectRef: { ...pa.spec.scaleTargetRef },
      protocolType: pa.spec.protocolType,
    },
  };
}

/** What the metric collector scrapes for this revision; windows in nanoseconds, as Go's time.Duration serializes. */
export function makeMetric(pa: PodAutoscaler, scrapeTarget: string, config: ConfigAutoscaler): Metric {
  return {
    apiVersion: 'autoscaling.internal.knative.dev/v1alpha1',
    kind: 'Metric',
    metadata: childMeta(pa, { ...pa.metadata?.annotations }),
    spec: {
      stableWindow: stableWindowMs(pa, config) * NANOS_PER_MILLISECOND,
      panicWindow: panicWindowMs(pa, config) * NANOS_PER_MILLISECOND,
      scrapeTarget,
    },
  };
}
