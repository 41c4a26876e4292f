// What a PodAutoscaler asks of the KPA algorithm (Knative's resources.MakeDecider).
import { TARGET_MIN, type ConfigAutoscaler, type PodAutoscaler } from '@knot/api';
import type { DeciderSpec } from '../scaling/types.js';
import { initialScale, paMetric, paPanicThresholdPercentage, paPanicWindowPercentage, paScaleDownDelayMs, paTarget, paTargetUtilization, stableWindowMs, targetBurstCapacity } from './pa-annotations.js';

/** The smallest panic window: one bucket of the metric windows. */
const MIN_PANIC_WINDOW_MS = 1000;

/**
 * What one pod can take in total and the per-pod target after utilization
 * (Knative's ResolveMetricTarget): containerConcurrency or the default for the
 * metric, overridden by the target annotation (never above containerConcurrency).
 */
export function resolveMetricTarget(pa: PodAutoscaler, config: ConfigAutoscaler): { target: number; total: number } {
  const metric = paMetric(pa);
  const cc = pa.spec.containerConcurrency ?? 0;
  let total = metric === 'rps' ? config.rpsTargetDefault : cc || config.containerConcurrencyTargetDefault;
  const annotated = paTarget(pa);
  if (annotated !== undefined) total = metric !== 'rps' && cc !== 0 && cc < annotated ? cc : annotated;
  const utilization = paTargetUtilization(pa) ?? config.containerConcurrencyTargetFraction;
  return { target: Math.max(TARGET_MIN, total * utilization), total };
}

/** The panic window: the stable window times the panic percentage, rounded to whole seconds, at least one second. */
export function panicWindowMs(pa: PodAutoscaler, config: ConfigAutoscaler): number {
  const pct = paPanicWindowPercentage(pa) ?? config.panicWindowPercentage;
  return Math.max(MIN_PANIC_WINDOW_MS, Math.round((stableWindowMs(pa, config) * pct) / 100 / 1000) * 1000);
}

export function makeDeciderSpec(pa: PodAutoscaler, config: ConfigAutoscaler): DeciderSpec {
  const { target, total } = resolveMetricTarget(pa, config);
  return {
    maxScaleUpRate: config.maxScaleUpRate,
    maxScaleDownRate: config.maxScaleDownRate,
    scalingMetric: paMetric(pa) === 'rps' ? 'rps' : 'concurrency',
    totalValue: total,
    targetValue: target,
    targetBurstCapacity: targetBurstCapacity(pa, config),
    activatorCapacity: config.activatorCapacity,
    panicThreshold: (paPanicThresholdPercentage(pa) ?? config.panicThresholdPercentage) / 100,
    stableWindowMs: stableWindowMs(pa, config),
    panicWindowMs: panicWindowMs(pa, config),
    scaleDownDelayMs: paScaleDownDelayMs(pa) ?? config.scaleDownDelayMs,
    initialScale: initialScale(pa, config),
    reachable: pa.spec.reachability !== 'Unreachable',
  };
}
