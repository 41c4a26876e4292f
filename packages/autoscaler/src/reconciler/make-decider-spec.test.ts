import { DEFAULT_CONFIG_AUTOSCALER, type PodAutoscaler } from '@knot/api';
import type { DeciderSpec } from '../scaling/types.js';
import { makeDeciderSpec } from './make-decider-spec.js';
import { pa } from './testing/pa-fixtures.js';

const DEFAULT_SPEC: DeciderSpec = {
  maxScaleUpRate: 1000,
  maxScaleDownRate: 2,
  scalingMetric: 'concurrency',
  totalValue: 100,
  targetValue: 70,
  targetBurstCapacity: 211,
  activatorCapacity: 100,
  panicThreshold: 2,
  stableWindowMs: 60_000,
  panicWindowMs: 6000,
  scaleDownDelayMs: 0,
  initialScale: 1,
  reachable: true,
};

const withAnnotations = (annotations: Record<string, string>, spec: Partial<PodAutoscaler['spec']> = {}) => pa({ annotations, spec });

describe('makeDeciderSpec', () => {
  test.each<{ name: string; pa: PodAutoscaler; want: Partial<DeciderSpec> }>([
    { name: 'defaults from config-autoscaler', pa: pa(), want: {} },
    { name: 'containerConcurrency is the total', pa: withAnnotations({}, { containerConcurrency: 10 }), want: { totalValue: 10, targetValue: 7 } },
    { name: 'a target above containerConcurrency is capped', pa: withAnnotations({ 'autoscaling.knative.dev/target': '50' }, { containerConcurrency: 10 }), want: { totalValue: 10, targetValue: 7 } },
    { name: 'a target below containerConcurrency is used', pa: withAnnotations({ 'autoscaling.knative.dev/target': '5' }, { containerConcurrency: 10 }), want: { totalValue: 5, targetValue: 3.5 } },
    { name: 'rps defaults to 200', pa: withAnnotations({ 'autoscaling.knative.dev/metric': 'rps' }), want: { scalingMetric: 'rps', totalValue: 200, targetValue: 140 } },
    { name: 'rps targets are not capped by containerConcurrency', pa: withAnnotations({ 'autoscaling.knative.dev/metric': 'rps', 'autoscaling.knative.dev/target': '300' }, { containerConcurrency: 10 }), want: { scalingMetric: 'rps', totalValue: 300, targetValue: 210 } },
    { name: 'target utilization', pa: withAnnotations({ 'autoscaling.knative.dev/target-utilization-percentage': '50' }), want: { targetValue: 50 } },
    { name: 'the target never drops below 0.01', pa: withAnnotations({ 'autoscaling.knative.dev/target': '0.001' }), want: { totalValue: 0.001, targetValue: 0.01 } },
    { name: 'target burst capacity', pa: withAnnotations({ 'autoscaling.knative.dev/target-burst-capacity': '-1' }), want: { targetBurstCapacity: -1 } },
    { name: 'window and panic window percentage, rounded to seconds', pa: withAnnotations({ 'autoscaling.knative.dev/window': '45s', 'autoscaling.knative.dev/panic-window-percentage': '11' }), want: { stableWindowMs: 45_000, panicWindowMs: 5000 } },
    { name: 'the panic window is at least a second', pa: withAnnotations({ 'autoscaling.knative.dev/window': '6s', 'autoscaling.knative.dev/panic-window-percentage': '1' }), want: { stableWindowMs: 6000, panicWindowMs: 1000 } },
    { name: 'panic threshold as a ratio', pa: withAnnotations({ 'autoscaling.knative.dev/panicThresholdPercentage': '300' }), want: { panicThreshold: 3 } },
    { name: 'scale-down-delay passes through', pa: withAnnotations({ 'autoscaling.knative.dev/scale-down-delay': '5m' }), want: { scaleDownDelayMs: 300_000 } },
    { name: 'initial scale', pa: withAnnotations({ 'autoscaling.knative.dev/initial-scale': '4' }), want: { initialScale: 4 } },
    { name: 'initial scale 0 is refused unless the cluster allows it', pa: withAnnotations({ 'autoscaling.knative.dev/initial-scale': '0' }), want: { initialScale: 1 } },
    { name: 'an unreachable revision', pa: withAnnotations({}, { reachability: 'Unreachable' }), want: { reachable: false } },
    { name: 'unparsable values fall back to the defaults', pa: withAnnotations({ 'autoscaling.knative.dev/target': 'ten', 'autoscaling.knative.dev/window': 'a minute', 'autoscaling.knative.dev/initial-scale': '-2' }), want: {} },
  ])('$name', ({ pa: p, want }) => {
    expect(makeDeciderSpec(p, DEFAULT_CONFIG_AUTOSCALER)).toEqual({ ...DEFAULT_SPEC, ...want });
  });

  test('config-autoscaler settings pass through', () => {
    const config = { ...DEFAULT_CONFIG_AUTOSCALER, maxScaleUpRate: 10, maxScaleDownRate: 4, activatorCapacity: 50, scaleDownDelayMs: 30_000, stableWindowMs: 120_000 };
    expect(makeDeciderSpec(pa(), config)).toEqual({ ...DEFAULT_SPEC, maxScaleUpRate: 10, maxScaleDownRate: 4, activatorCapacity: 50, scaleDownDelayMs: 30_000, stableWindowMs: 120_000, panicWindowMs: 12_000 });
  });
});
