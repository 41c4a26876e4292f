import { DEFAULT_CONFIG_AUTOSCALER, parseConfigAutoscaler } from './config-autoscaler.js';
import type { ConfigAutoscaler } from './config-autoscaler.js';
import { configProblems } from './testing/config-problems.js';

const problems = (data: Record<string, string>): string[] => configProblems(parseConfigAutoscaler, data);

test('empty data gives the documented defaults', () => {
  expect(parseConfigAutoscaler({})).toEqual(DEFAULT_CONFIG_AUTOSCALER);
  expect(parseConfigAutoscaler(undefined)).toMatchObject({
    containerConcurrencyTargetFraction: 0.7,
    containerConcurrencyTargetDefault: 100,
    rpsTargetDefault: 200,
    targetBurstCapacity: 211,
    stableWindowMs: 60_000,
    panicWindowPercentage: 10,
    panicThresholdPercentage: 200,
    maxScaleUpRate: 1000,
    maxScaleDownRate: 2,
    scaleToZeroGracePeriodMs: 30_000,
    activatorCapacity: 100,
    initialScale: 1,
    podAutoscalerClass: 'kpa.autoscaling.knative.dev',
  });
});

test.each<{ name: string; data: Record<string, string>; want: Partial<ConfigAutoscaler> }>([
  { name: 'percentage becomes a fraction', data: { 'container-concurrency-target-percentage': '80' }, want: { containerConcurrencyTargetFraction: 0.8 } },
  { name: 'legacy fraction kept', data: { 'container-concurrency-target-percentage': '0.5' }, want: { containerConcurrencyTargetFraction: 0.5 } },
  { name: 'container-concurrency-target-default', data: { 'container-concurrency-target-default': '10' }, want: { containerConcurrencyTargetDefault: 10 } },
  { name: 'requests-per-second-target-default', data: { 'requests-per-second-target-default': '50.5' }, want: { rpsTargetDefault: 50.5 } },
  { name: 'target-burst-capacity -1', data: { 'target-burst-capacity': '-1' }, want: { targetBurstCapacity: -1 } },
  { name: 'target-burst-capacity 0', data: { 'target-burst-capacity': '0' }, want: { targetBurstCapacity: 0 } },
  { name: 'stable-window', data: { 'stable-window': '1m30s' }, want: { stableWindowMs: 90_000 } },
  { name: 'panic-window-percentage', data: { 'panic-window-percentage': '20' }, want: { panicWindowPercentage: 20 } },
  { name: 'panic-threshold-percentage', data: { 'panic-threshold-percentage': '110' }, want: { panicThresholdPercentage: 110 } },
  { name: 'max-scale-up-rate', data: { 'max-scale-up-rate': '10' }, want: { maxScaleUpRate: 10 } },
  { name: 'max-scale-down-rate', data: { 'max-scale-down-rate': '1.5' }, want: { maxScaleDownRate: 1.5 } },
  { name: 'enable-scale-to-zero', data: { 'enable-scale-to-zero': 'false' }, want: { enableScaleToZero: false } },
  { name: 'scale-to-zero-grace-period', data: { 'scale-to-zero-grace-period': '1m' }, want: { scaleToZeroGracePeriodMs: 60_000 } },
  { name: 'scale-to-zero-pod-retention-period', data: { 'scale-to-zero-pod-retention-period': '90s' }, want: { scaleToZeroPodRetentionPeriodMs: 90_000 } },
  { name: 'pod-autoscaler-class', data: { 'pod-autoscaler-class': 'hpa.autoscaling.knative.dev' }, want: { podAutoscalerClass: 'hpa.autoscaling.knative.dev' } },
  { name: 'activator-capacity', data: { 'activator-capacity': '50' }, want: { activatorCapacity: 50 } },
  {
    name: 'zero initial scale when allowed',
    data: { 'initial-scale': '0', 'allow-zero-initial-scale': 'true' },
    want: { initialScale: 0, allowZeroInitialScale: true },
  },
  { name: 'min-scale and max-scale', data: { 'min-scale': '2', 'max-scale': '5' }, want: { minScale: 2, maxScale: 5 } },
  { name: 'max-scale-limit', data: { 'max-scale-limit': '10', 'max-scale': '10' }, want: { maxScaleLimit: 10, maxScale: 10 } },
  { name: 'scale-down-delay', data: { 'scale-down-delay': '15m' }, want: { scaleDownDelayMs: 900_000 } },
])('parses $name', ({ data, want }) => {
  expect(parseConfigAutoscaler(data)).toEqual({ ...DEFAULT_CONFIG_AUTOSCALER, ...want });
});

test.each<{ name: string; data: Record<string, string>; want: string }>([
  { name: 'stable window too short', data: { 'stable-window': '2s' }, want: 'stable-window: must be between 6s and 1h0m0s, got 2s' },
  { name: 'stable window too long', data: { 'stable-window': '2h' }, want: 'stable-window: must be between 6s and 1h0m0s, got 2h0m0s' },
  { name: 'stable window fraction of a second', data: { 'stable-window': '6500ms' }, want: 'stable-window: must be a whole number of seconds, got 6.5s' },
  { name: 'stable window not a duration', data: { 'stable-window': '60' }, want: 'stable-window: not a duration: "60"' },
  {
    name: 'utilization not a number',
    data: { 'container-concurrency-target-percentage': 'abc' },
    want: 'container-concurrency-target-percentage: not a number: "abc"',
  },
  {
    name: 'utilization above 100',
    data: { 'container-concurrency-target-percentage': '101' },
    want: 'container-concurrency-target-percentage: must be greater than 0 and at most 100, got 101',
  },
  {
    name: 'utilization zero',
    data: { 'container-concurrency-target-percentage': '0' },
    want: 'container-concurrency-target-percentage: must be greater than 0 and at most 100, got 0',
  },
  {
    name: 'target below 0.01',
    data: { 'container-concurrency-target-default': '0.001' },
    want: 'container-concurrency-target-default: with container-concurrency-target-percentage gives a target of 0.0007, which must be at least 0.01',
  },
  { name: 'rps target below 0.01', data: { 'requests-per-second-target-default': '0' }, want: 'requests-per-second-target-default: must be at least 0.01, got 0' },
  { name: 'panic window 0', data: { 'panic-window-percentage': '0' }, want: 'panic-window-percentage: must be between 1 and 100, got 0' },
  { name: 'panic window 101', data: { 'panic-window-percentage': '101' }, want: 'panic-window-percentage: must be between 1 and 100, got 101' },
  { name: 'panic threshold 100', data: { 'panic-threshold-percentage': '100' }, want: 'panic-threshold-percentage: must be between 110 and 1000, got 100' },
  { name: 'panic threshold 1001', data: { 'panic-threshold-percentage': '1001' }, want: 'panic-threshold-percentage: must be between 110 and 1000, got 1001' },
  { name: 'scale up rate 1', data: { 'max-scale-up-rate': '1' }, want: 'max-scale-up-rate: must be greater than 1, got 1' },
  { name: 'scale down rate 1', data: { 'max-scale-down-rate': '1.0' }, want: 'max-scale-down-rate: must be greater than 1, got 1' },
  {
    name: 'burst capacity -2',
    data: { 'target-burst-capacity': '-2' },
    want: 'target-burst-capacity: must be -1 (activator always in the path) or at least 0, got -2',
  },
  { name: 'grace period 0', data: { 'scale-to-zero-grace-period': '0s' }, want: 'scale-to-zero-grace-period: must be greater than 0s, got 0s' },
  {
    name: 'negative retention',
    data: { 'scale-to-zero-pod-retention-period': '-1s' },
    want: 'scale-to-zero-pod-retention-period: must be at least 0s, got -1s',
  },
  { name: 'scale-down-delay over 1h', data: { 'scale-down-delay': '61m' }, want: 'scale-down-delay: must be between 0s and 1h0m0s, got 1h1m0s' },
  { name: 'scale-down-delay fraction', data: { 'scale-down-delay': '1.5s' }, want: 'scale-down-delay: must be a whole number of seconds, got 1.5s' },
  { name: 'activator capacity 0.5', data: { 'activator-capacity': '0.5' }, want: 'activator-capacity: must be at least 1, got 0.5' },
  { name: 'empty class', data: { 'pod-autoscaler-class': ' ' }, want: 'pod-autoscaler-class: must not be empty' },
  { name: 'initial scale 0 not allowed', data: { 'initial-scale': '0' }, want: 'initial-scale: must be at least 1 unless allow-zero-initial-scale is true, got 0' },
  { name: 'negative initial scale', data: { 'initial-scale': '-1' }, want: 'initial-scale: must be at least 0, got -1' },
  { name: 'negative min scale', data: { 'min-scale': '-1' }, want: 'min-scale: must be at least 0, got -1' },
  { name: 'min above max', data: { 'min-scale': '5', 'max-scale': '2' }, want: 'min-scale: must be at most max-scale (2), got 5' },
  { name: 'max above the limit', data: { 'max-scale-limit': '10', 'max-scale': '11' }, want: 'max-scale: must be between 1 and max-scale-limit (10), got 11' },
  { name: 'max unset with a limit', data: { 'max-scale-limit': '10' }, want: 'max-scale: must be between 1 and max-scale-limit (10), got 0' },
  { name: 'negative limit', data: { 'max-scale-limit': '-1' }, want: 'max-scale-limit: must be at least 0, got -1' },
  { name: 'int32 overflow', data: { 'max-scale': '3000000000' }, want: 'max-scale: must be between -2147483648 and 2147483647, got 3000000000' },
])('rejects $name', ({ data, want }) => {
  expect(problems(data)).toEqual([want]);
});

test('every bad key is reported at once', () => {
  expect(problems({ 'stable-window': 'x', 'max-scale-up-rate': 'y' }).map((p) => p.split(':')[0])).toEqual([
    'max-scale-up-rate',
    'stable-window',
  ]);
});
