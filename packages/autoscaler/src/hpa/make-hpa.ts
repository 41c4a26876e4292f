// The HorizontalPodAutoscaler an hpa-class PodAutoscaler delegates to (Knative's resources.MakeHPA).
import { TARGET_UTILIZATION_PERCENTAGE_ANNOTATION, type ConfigAutoscaler, type PodAutoscaler } from '@knot/api';
import type { HorizontalPodAutoscaler, MetricSpec } from 'kubernetes-types/autoscaling/v2.js';
import { paControllerRef } from '../reconciler/owner-refs.js';
import { annotationFloat, paMetric, paTarget, paWindowMs, scaleBounds } from '../reconciler/pa-annotations.js';

const INT32_MAX = 2 ** 31 - 1;
const BINARY_SUFFIXES = ['Mi', 'Gi', 'Ti', 'Pi', 'Ei'];

/** `n` mebibytes as Kubernetes writes the quantity (the largest binary suffix that divides it). */
export function mebibytes(n: number): string {
  let v = Math.trunc(n);
  if (v <= 0) return '0';
  let i = 0;
  while (i < BINARY_SUFFIXES.length - 1 && v % 1024 === 0) {
    v /= 1024;
    i++;
  }
  return `${v}${BINARY_SUFFIXES[i]}`;
}

/**
 * cpu: the target is a utilization percentage of the request; memory: the
 * target is mebibytes per pod; any other metric is a custom per-pod metric with
 * the target as its average value. target-utilization-percentage stands in for
 * an absent target as a utilization of cpu or memory. No target: the HPA's own
 * default (80% cpu).
 */
function metricsOf(pa: PodAutoscaler): MetricSpec[] | undefined {
  const metric = paMetric(pa);
  const target = paTarget(pa);
  const utilization = annotationFloat(pa, TARGET_UTILIZATION_PERCENTAGE_ANNOTATION);
  if (metric === 'cpu' || metric === 'memory') {
    if (target !== undefined && metric === 'memory') {
      return [{ type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: mebibytes(target) } } }];
    }
    const pct = metric === 'cpu' ? (target ?? utilization) : utilization;
    if (pct === undefined) return undefined;
    return [{ type: 'Resource', resource: { name: metric, target: { type: 'Utilization', averageUtilization: Math.ceil(pct) } } }];
  }
  if (target === undefined) return undefined;
  return [{ type: 'Pods', pods: { metric: { name: metric }, target: { type: 'AverageValue', averageValue: String(Math.trunc(target)) } } }];
}

/** `scheduledMinScale` is the scale schedule's minimum, applied on top of min-scale. */
export function makeHorizontalPodAutoscaler(pa: PodAutoscaler, config: ConfigAutoscaler, scheduledMinScale = 0): HorizontalPodAutoscaler {
  const bounds = scaleBounds(pa, config);
  const min = Math.max(bounds.min, scheduledMinScale);
  const max = bounds.max === 0 ? INT32_MAX : Math.max(bounds.max, min);
  const metrics = metricsOf(pa);
  const window = paWindowMs(pa);
  const windowSeconds = window === undefined ? undefined : Math.trunc(window / 1000);
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: {
      name: pa.metadata?.name ?? '',
      namespace: pa.metadata?.namespace ?? '',
      labels: { ...pa.metadata?.labels },
      annotations: { ...pa.metadata?.annotations },
      ownerReferences: [paControllerRef(pa)],
    },
    spec: {
      scaleTargetRef: { apiVersion: pa.spec.scaleTargetRef.apiVersion, kind: pa.spec.scaleTargetRef.kind ?? '', name: pa.spec.scaleTargetRef.name ?? '' },
      ...(min > 0 ? { minReplicas: min } : {}),
      maxReplicas: max,
      ...(metrics ? { metrics } : {}),
      ...(windowSeconds !== undefined
        ? { behavior: { scaleDown: { stabilizationWindowSeconds: windowSeconds }, scaleUp: { stabilizationWindowSeconds: windowSeconds } } }
        : {}),
    },
  };
}
