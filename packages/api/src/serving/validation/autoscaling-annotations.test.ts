import { DEFAULT_CONFIG_AUTOSCALER } from '../../config/config-autoscaler.js';
import type { ConfigAutoscaler } from '../../config/config-autoscaler.js';
import { FieldErrors, formatFieldErrors } from '../../field-error.js';
import { validateAutoscalingAnnotations } from './autoscaling-annotations.js';

const A = 'autoscaling.knative.dev/';

function run(annotations: Record<string, string>, config: Partial<ConfigAutoscaler> = {}): string {
  const errs = new FieldErrors('metadata');
  validateAutoscalingAnnotations(annotations, { ...DEFAULT_CONFIG_AUTOSCALER, ...config }, errs);
  return formatFieldErrors(errs.list);
}

interface Row {
  name: string;
  annotations: Record<string, string>;
  config?: Partial<ConfigAutoscaler>;
  want: string;
}

describe('autoscaling annotations that are accepted', () => {
  test.each<Omit<Row, 'want'>>([
    { name: 'none', annotations: {} },
    { name: 'kpa class', annotations: { [`${A}class`]: 'kpa.autoscaling.knative.dev' } },
    { name: 'third-party class', annotations: { [`${A}class`]: 'keda.sh/autoscaler' } },
    { name: 'kpa with rps', annotations: { [`${A}class`]: 'kpa.autoscaling.knative.dev', [`${A}metric`]: 'rps' } },
    { name: 'hpa with cpu', annotations: { [`${A}class`]: 'hpa.autoscaling.knative.dev', [`${A}metric`]: 'cpu' } },
    { name: 'hpa with custom metric', annotations: { [`${A}class`]: 'hpa.autoscaling.knative.dev', [`${A}metric`]: 'queue_depth' } },
    { name: 'third-party class with any metric', annotations: { [`${A}class`]: 'keda.sh/autoscaler', [`${A}metric`]: 'lag' } },
    { name: 'target at the minimum', annotations: { [`${A}target`]: '0.01' } },
    { name: 'utilization 100', annotations: { [`${A}target-utilization-percentage`]: '100' } },
    { name: 'burst capacity -1', annotations: { [`${A}target-burst-capacity`]: '-1' } },
    { name: 'burst capacity 0', annotations: { [`${A}target-burst-capacity`]: '0' } },
    { name: 'window 6s', annotations: { [`${A}window`]: '6s' } },
    { name: 'window 1m30s', annotations: { [`${A}window`]: '1m30s' } },
    { name: 'window 1h', annotations: { [`${A}window`]: '1h' } },
    { name: 'panic window 1', annotations: { [`${A}panic-window-percentage`]: '1' } },
    { name: 'panic threshold 110', annotations: { [`${A}panic-threshold-percentage`]: '110' } },
    { name: 'panic threshold 1000', annotations: { [`${A}panic-threshold-percentage`]: '1000.0' } },
    { name: 'min and max', annotations: { [`${A}min-scale`]: '1', [`${A}max-scale`]: '5' } },
    { name: 'max 0 means unlimited', annotations: { [`${A}min-scale`]: '3', [`${A}max-scale`]: '0' } },
    { name: 'legacy camelCase keys', annotations: { [`${A}minScale`]: '2', [`${A}maxScale`]: '4' } },
    { name: 'initial scale 3', annotations: { [`${A}initial-scale`]: '3' } },
    { name: 'scale-down-delay 0', annotations: { [`${A}scale-down-delay`]: '0s' } },
    { name: 'scale-down-delay 15m', annotations: { [`${A}scale-down-delay`]: '15m' } },
    { name: 'activation scale 2', annotations: { [`${A}activation-scale`]: '2' } },
    { name: 'pod retention 1m', annotations: { [`${A}scale-to-zero-pod-retention-period`]: '1m' } },
    { name: 'pod retention fraction', annotations: { [`${A}scale-to-zero-pod-retention-period`]: '1.5s' } },
    { name: 'aggregation algorithm', annotations: { [`${A}class`]: 'kpa.autoscaling.knative.dev', [`${A}metric-aggregation-algorithm`]: 'weighted-exponential' } },
  ])('$name', ({ annotations }) => {
    expect(run(annotations)).toBe('');
  });
});

describe('autoscaling annotations that are rejected', () => {
  test.each<Row>([
    { name: 'unknown knative class', annotations: { [`${A}class`]: 'xpa.autoscaling.knative.dev' }, want: `metadata.annotations[${A}class]: invalid value "xpa.autoscaling.knative.dev"` },
    { name: 'kpa with cpu', annotations: { [`${A}class`]: 'kpa.autoscaling.knative.dev', [`${A}metric`]: 'cpu' }, want: `metadata.annotations[${A}metric]: invalid value "cpu": the kpa.autoscaling.knative.dev class supports concurrency and rps` },
    { name: 'default class is kpa', annotations: { [`${A}metric`]: 'memory' }, want: `[${A}metric]: invalid value "memory"` },
    { name: 'hpa with empty metric', annotations: { [`${A}class`]: 'hpa.autoscaling.knative.dev', [`${A}metric`]: '' }, want: 'must not be empty' },
    { name: 'target below minimum', annotations: { [`${A}target`]: '0.001' }, want: `[${A}target]: must be at least 0.01, got 0.001` },
    { name: 'target not a number', annotations: { [`${A}target`]: 'lots' }, want: 'not a number: "lots"' },
    { name: 'utilization 0', annotations: { [`${A}target-utilization-percentage`]: '0' }, want: 'must be between 1 and 100, got 0' },
    { name: 'utilization 101', annotations: { [`${A}target-utilization-percentage`]: '101' }, want: 'must be between 1 and 100, got 101' },
    { name: 'burst capacity -2', annotations: { [`${A}target-burst-capacity`]: '-2' }, want: 'must be -1 (activator always in the path) or at least 0, got -2' },
    { name: 'legacy burst key reports its own key', annotations: { [`${A}targetBurstCapacity`]: '-5' }, want: `[${A}targetBurstCapacity]` },
    { name: 'window 5s', annotations: { [`${A}window`]: '5s' }, want: `[${A}window]: must be between 6s and 1h0m0s, got 5s` },
    { name: 'window 2h', annotations: { [`${A}window`]: '2h' }, want: 'must be between 6s and 1h0m0s, got 2h' },
    { name: 'window fraction', annotations: { [`${A}window`]: '6.5s' }, want: 'must be a whole number of seconds, got 6.5s' },
    { name: 'window without unit', annotations: { [`${A}window`]: '60' }, want: 'not a duration: "60"' },
    { name: 'panic window 0', annotations: { [`${A}panic-window-percentage`]: '0' }, want: 'must be between 1 and 100, got 0' },
    { name: 'panic window 101', annotations: { [`${A}panic-window-percentage`]: '101' }, want: 'must be between 1 and 100, got 101' },
    { name: 'panic threshold 109', annotations: { [`${A}panic-threshold-percentage`]: '109' }, want: 'must be between 110 and 1000, got 109' },
    { name: 'panic threshold 1001', annotations: { [`${A}panic-threshold-percentage`]: '1001' }, want: 'must be between 110 and 1000, got 1001' },
    { name: 'min-scale negative', annotations: { [`${A}min-scale`]: '-1' }, want: `[${A}min-scale]: must be between 0 and 2147483647, got -1` },
    { name: 'min-scale not an integer', annotations: { [`${A}min-scale`]: '1.5' }, want: 'not an integer: "1.5"' },
    { name: 'max-scale overflow', annotations: { [`${A}max-scale`]: '2147483648' }, want: 'must be between 0 and 2147483647, got 2147483648' },
    { name: 'max below min', annotations: { [`${A}min-scale`]: '5', [`${A}max-scale`]: '2' }, want: `[${A}max-scale]: max-scale=2 is less than min-scale=5` },
    { name: 'max over the limit', annotations: { [`${A}max-scale`]: '20' }, config: { maxScaleLimit: 10 }, want: 'must be between 1 and 10 (max-scale-limit), got 20' },
    { name: 'unlimited max with a limit', annotations: { [`${A}max-scale`]: '0' }, config: { maxScaleLimit: 10 }, want: 'max-scale=0 (unlimited) is not allowed' },
    { name: 'initial scale 0 not allowed', annotations: { [`${A}initial-scale`]: '0' }, want: 'allow-zero-initial-scale' },
    { name: 'initial scale negative', annotations: { [`${A}initial-scale`]: '-1' }, want: 'must not be negative, got -1' },
    { name: 'initial scale garbage', annotations: { [`${A}initial-scale`]: 'one' }, want: 'not an integer: "one"' },
    { name: 'scale-down-delay negative', annotations: { [`${A}scale-down-delay`]: '-1s' }, want: 'must be between 0s and 1h0m0s, got -1s' },
    { name: 'scale-down-delay over an hour', annotations: { [`${A}scale-down-delay`]: '61m' }, want: 'must be between 0s and 1h0m0s, got 61m' },
    { name: 'scale-down-delay fraction', annotations: { [`${A}scale-down-delay`]: '1500ms' }, want: 'must be a whole number of seconds' },
    { name: 'activation scale 1', annotations: { [`${A}activation-scale`]: '1' }, want: `[${A}activation-scale]: must be at least 2, got 1` },
    { name: 'activation below min-scale', annotations: { [`${A}min-scale`]: '3', [`${A}activation-scale`]: '2' }, want: 'min-scale=3 is greater than activation-scale=2' },
    { name: 'activation above max-scale', annotations: { [`${A}max-scale`]: '3', [`${A}activation-scale`]: '4' }, want: 'max-scale=3 is less than activation-scale=4' },
    { name: 'activation garbage', annotations: { [`${A}activation-scale`]: 'x' }, want: 'not an integer: "x"' },
    { name: 'pod retention negative', annotations: { [`${A}scale-to-zero-pod-retention-period`]: '-1s' }, want: 'must be between 0s and 1h0m0s, got -1s' },
    { name: 'pod retention garbage', annotations: { [`${A}scale-to-zero-pod-retention-period`]: 'later' }, want: 'not a duration' },
    { name: 'bad aggregation algorithm', annotations: { [`${A}class`]: 'kpa.autoscaling.knative.dev', [`${A}metric-aggregation-algorithm`]: 'median' }, want: 'invalid value "median"' },
  ])('$name', ({ annotations, want, config }) => {
    expect(run(annotations, config)).toContain(want);
  });

  test('initial scale 0 is fine when the cluster allows it', () => {
    expect(run({ [`${A}initial-scale`]: '0' }, { allowZeroInitialScale: true })).toBe('');
  });

  test('reports every bad annotation, not just the first', () => {
    const got = run({ [`${A}window`]: '1s', [`${A}target`]: '0', [`${A}min-scale`]: 'x' });
    expect(got.split('\n')).toHaveLength(3);
  });
});
