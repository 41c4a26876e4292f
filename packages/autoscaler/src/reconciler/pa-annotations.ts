// Reading a PodAutoscaler's autoscaling annotations (copied from its revision) as
// Knative's PodAutoscaler accessors do: a value that is absent or does not parse
// counts as unset, so the cluster default applies. The webhook refuses bad values
// before they get here; this only guards against objects written around it.
import {
  ACTIVATION_SCALE_KEY,
  CLASS_ANNOTATION_KEY,
  HPA_CLASS,
  INITIAL_SCALE_ANNOTATION,
  MAX_SCALE_ANNOTATION,
  METRIC_ANNOTATION_KEY,
  MIN_SCALE_ANNOTATION,
  PANIC_THRESHOLD_PERCENTAGE_ANNOTATION,
  PANIC_WINDOW_PERCENTAGE_ANNOTATION,
  parseGoDuration,
  PROGRESS_DEADLINE_ANNOTATION_KEY,
  SCALE_DOWN_DELAY_ANNOTATION,
  SCALE_TO_ZERO_POD_RETENTION_PERIOD_ANNOTATION,
  TARGET_ANNOTATION_KEY,
  TARGET_BURST_CAPACITY_ANNOTATION,
  TARGET_UTILIZATION_PERCENTAGE_ANNOTATION,
  valueByPriority,
  WINDOW_ANNOTATION_KEY,
  type ConfigAutoscaler,
  type PodAutoscaler,
} from '@knot/api';

type Keys = string | readonly string[];

function raw(pa: PodAutoscaler, keys: Keys): string | undefined {
  return valueByPriority(pa.metadata?.annotations, typeof keys === 'string' ? [keys] : keys)?.value;
}

/** A float as Go's strconv.ParseFloat reads it (no trailing garbage, no empty string). */
export function annotationFloat(pa: PodAutoscaler, keys: Keys): number | undefined {
  const s = raw(pa, keys)?.trim();
  if (s === undefined || s === '') return undefined;
  const v = Number(s);
  return Number.isFinite(v) ? v : undefined;
}

/** A non-negative int32; anything else counts as unset. */
export function annotationInt(pa: PodAutoscaler, keys: Keys): number | undefined {
  const s = raw(pa, keys)?.trim();
  if (s === undefined || !/^\+?\d+$/.test(s)) return undefined;
  const v = Number(s);
  return v <= 2 ** 31 - 1 ? v : undefined;
}

/** A Go duration in milliseconds. */
export function annotationDurationMs(pa: PodAutoscaler, keys: Keys): number | undefined {
  const s = raw(pa, keys);
  return s === undefined ? undefined : parseGoDuration(s);
}

export const paClass = (pa: PodAutoscaler): string | undefined => pa.metadata?.annotations?.[CLASS_ANNOTATION_KEY];

/** The metric annotation, else the class's default: cpu for HPA, concurrency for KPA. */
export function paMetric(pa: PodAutoscaler): string {
  return raw(pa, METRIC_ANNOTATION_KEY) ?? (paClass(pa) === HPA_CLASS ? 'cpu' : 'concurrency');
}

export const paTarget = (pa: PodAutoscaler): number | undefined => annotationFloat(pa, TARGET_ANNOTATION_KEY);
/** As a fraction (70 → 0.7). */
export function paTargetUtilization(pa: PodAutoscaler): number | undefined {
  const pct = annotationFloat(pa, TARGET_UTILIZATION_PERCENTAGE_ANNOTATION);
  return pct === undefined ? undefined : pct / 100;
}
export const paTargetBurstCapacity = (pa: PodAutoscaler): number | undefined => annotationFloat(pa, TARGET_BURST_CAPACITY_ANNOTATION);
export const paWindowMs = (pa: PodAutoscaler): number | undefined => annotationDurationMs(pa, WINDOW_ANNOTATION_KEY);
export const paPanicWindowPercentage = (pa: PodAutoscaler): number | undefined => annotationFloat(pa, PANIC_WINDOW_PERCENTAGE_ANNOTATION);
export const paPanicThresholdPercentage = (pa: PodAutoscaler): number | undefined => annotationFloat(pa, PANIC_THRESHOLD_PERCENTAGE_ANNOTATION);
export const paScaleDownDelayMs = (pa: PodAutoscaler): number | undefined => annotationDurationMs(pa, SCALE_DOWN_DELAY_ANNOTATION);
export const paActivationScale = (pa: PodAutoscaler): number | undefined => annotationInt(pa, ACTIVATION_SCALE_KEY);
export const paProgressDeadlineMs = (pa: PodAutoscaler): number | undefined => annotationDurationMs(pa, PROGRESS_DEADLINE_ANNOTATION_KEY);

/** The stable window: the window annotation, else config-autoscaler's stable-window. */
export function stableWindowMs(pa: PodAutoscaler, config: ConfigAutoscaler): number {
  return paWindowMs(pa) ?? config.stableWindowMs;
}

/** scale-to-zero-pod-retention-period from the annotation, else config-autoscaler. */
export function podRetentionMs(pa: PodAutoscaler, config: ConfigAutoscaler): number {
  return annotationDurationMs(pa, SCALE_TO_ZERO_POD_RETENTION_PERIOD_ANNOTATION) ?? config.scaleToZeroPodRetentionPeriodMs;
}

/** min and max scale (0: unbounded). min counts only while routes send the revision traffic (Knative's ScaleBounds). */
export function scaleBounds(pa: PodAutoscaler, config: ConfigAutoscaler): { min: number; max: number } {
  const min = pa.spec.reachability === 'Unreachable' ? 0 : (annotationInt(pa, MIN_SCALE_ANNOTATION) ?? config.minScale);
  return { min, max: annotationInt(pa, MAX_SCALE_ANNOTATION) ?? config.maxScale };
}

/** The revision's initial-scale, unless it is 0 and the cluster does not allow that (Knative's GetInitialScale). */
export function initialScale(pa: PodAutoscaler, config: ConfigAutoscaler): number {
  const v = annotationInt(pa, INITIAL_SCALE_ANNOTATION);
  if (v === undefined || (v === 0 && !config.allowZeroInitialScale)) return config.initialScale;
  return v;
}

/** The target burst capacity: the annotation, else config-autoscaler's. */
export function targetBurstCapacity(pa: PodAutoscaler, config: ConfigAutoscaler): number {
  return paTargetBurstCapacity(pa) ?? config.targetBurstCapacity;
}
