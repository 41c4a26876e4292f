import { DEFAULT_CONFIG_AUTOSCALER } from '../../config/config-autoscaler.js';
import type { ConfigAutoscaler } from '../../config/config-autoscaler.js';
import { FieldErrors, formatFieldErrors } from '../../field-error.js';
import { validateAutoscalingAnnotations } from './autoscaling-annotations.js';
import { validateConfiguration } from './configuration.js';
import { validateRevision } from './revision.js';
import { validateService } from './service.js';
import { podWith, serviceWith } from './testing/fixtures.js';

const A = 'autoscaling.knative.dev/';
const SCHEDULE = `${A}scale-schedule`;
const RESERVE = `${A}reserve-instance-resources`;
const KPA = { [`${A}class`]: 'kpa.autoscaling.knative.dev' };
const HPA = { [`${A}class`]: 'hpa.autoscaling.knative.dev' };
const windows = (...w: Record<string, unknown>[]) => JSON.stringify(w.map((x) => ({ schedule: '0 9 * * 1-5', duration: '9h', minScale: 5, ...x })));

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
    { name: 'scale schedule of office hours and lunch', annotations: { [SCHEDULE]: windows({ timezone: 'Asia/Shanghai' }, { schedule: '0 12 * * 1-5', duration: '1h', minScale: 10, timezone: 'Asia/Shanghai' }) } },
    { name: 'scale schedule with no windows', annotations: { [SCHEDULE]: '[]' } },
    { name: 'scale schedule on the hpa class', annotations: { ...HPA, [SCHEDULE]: windows({}) } },
    { name: 'reserve on the default class', annotations: { [RESERVE]: 'cpu=100m,memory=128Mi' } },
    { name: 'reserve on kpa with min-scale 0', annotations: { ...KPA, [`${A}min-scale`]: '0', [RESERVE]: 'cpu=100m' } },
    { name: 'reserve with an extended resource', annotations: { [RESERVE]: 'memory=128Mi,nvidia.com/gpu=1' } },
    { name: 'reserve on a third-party class with min-scale', annotations: { [`${A}class`]: 'keda.sh/autoscaler', [`${A}min-scale`]: '1', [RESERVE]: 'cpu=100m' } },
    { name: 'reserve beside a schedule', annotations: { [SCHEDULE]: windows({}), [RESERVE]: 'cpu=100m,memory=128Mi' } },
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
    { name: 'schedule not JSON', annotations: { [SCHEDULE]: '9:00-18:00=5' }, want: `metadata.annotations[${SCHEDULE}]: not JSON; want an array of {"schedule", "duration", "minScale"} windows` },
    { name: 'schedule not an array', annotations: { [SCHEDULE]: '{"schedule":"0 9 * * *"}' }, want: `[${SCHEDULE}]: must be a JSON array of windows` },
    { name: 'schedule with a bad cron', annotations: { [SCHEDULE]: windows({ schedule: '0 25 * * *' }) }, want: `[${SCHEDULE}]: [0].schedule: invalid cron expression "0 25 * * *"` },
    { name: 'schedule with a negative minScale', annotations: { [SCHEDULE]: windows({}, { minScale: -1 }) }, want: `[${SCHEDULE}]: [1].minScale: must be an integer between 0 and 2147483647, got -1` },
    { name: 'schedule with an unknown time zone', annotations: { [SCHEDULE]: windows({ timezone: 'Mars/Olympus' }) }, want: `[${SCHEDULE}]: [0].timezone: unknown time zone "Mars/Olympus"` },
    { name: 'schedule with a bad duration', annotations: { [SCHEDULE]: windows({ duration: '9 hours' }) }, want: `[${SCHEDULE}]: [0].duration: must be a Go duration between 1s and 8784h, such as "9h", got "9 hours"` },
    { name: 'reserve with a bad quantity', annotations: { [RESERVE]: 'cpu=lots' }, want: `metadata.annotations[${RESERVE}]: invalid quantity "lots" for cpu; want e.g. cpu=100m,memory=128Mi` },
    { name: 'reserve with an unknown resource name', annotations: { [RESERVE]: 'cpus=1' }, want: `[${RESERVE}]: invalid resource name "cpus"` },
    { name: 'reserve that names nothing', annotations: { [RESERVE]: '' }, want: `[${RESERVE}]: names no resource` },
    { name: 'reserve on the hpa class', annotations: { ...HPA, [RESERVE]: 'cpu=100m' }, want: `[${RESERVE}]: the hpa.autoscaling.knative.dev class never scales to zero, so it never uses a reserved instance` },
    { name: 'reserve on a cluster whose default class is hpa', annotations: { [RESERVE]: 'cpu=100m' }, config: { podAutoscalerClass: 'hpa.autoscaling.knative.dev' }, want: `[${RESERVE}]: the hpa.autoscaling.knative.dev class never scales to zero` },
    { name: 'reserve with min-scale above zero', annotations: { [`${A}min-scale`]: '2', [RESERVE]: 'cpu=100m' }, want: `[${RESERVE}]: min-scale=2 keeps the revision from scaling to zero, so the reserved instance would never be used` },
    { name: 'reserve with a legacy minScale', annotations: { ...KPA, [`${A}minScale`]: '1', [RESERVE]: 'cpu=100m' }, want: `[${RESERVE}]: min-scale=1 keeps the revision from scaling to zero` },
    { name: 'bad aggregation algorithm', annotations: { [`${A}class`]: 'kpa.autoscaling.knative.dev', [`${A}metric-aggregation-algorithm`]: 'median' }, want: 'invalid value "median"' },
  ])('$name', ({ annotations, want, config }) => {
    expect(run(annotations, config)).toContain(want);
  });

  test('initial scale 0 is fine when the cluster allows it', () => {
    expect(run({ [`${A}initial-scale`]: '0' }, { allowZeroInitialScale: true })).toBe('');
  });

  test('a bad reserve value is reported once, before what the class makes of it', () => {
    expect(run({ ...HPA, [RESERVE]: 'cpu' })).toBe(`metadata.annotations[${RESERVE}]: invalid quantity "" for cpu; want e.g. cpu=100m,memory=128Mi`);
  });

  test('reports every bad annotation, not just the first', () => {
    const got = run({ [`${A}window`]: '1s', [`${A}target`]: '0', [`${A}min-scale`]: 'x' });
    expect(got.split('\n')).toHaveLength(3);
  });
});

describe('scaling policy annotations on each kind that carries a revision template', () => {
  const bad = { [SCHEDULE]: windows({ minScale: -1 }), [RESERVE]: 'gpu=1' };
  const withTemplate = (kind: string, annotations: Record<string, string>) => ({
    apiVersion: 'serving.knative.dev/v1', kind, metadata: { name: 'hello', namespace: 'default' }, spec: { template: { metadata: { annotations }, spec: podWith() } },
  });
  test.each([
    { name: 'Service', validate: validateService, value: serviceWith(podWith(), { annotations: bad }), at: 'spec.template.metadata.annotations' },
    { name: 'Configuration', validate: validateConfiguration, value: withTemplate('Configuration', bad), at: 'spec.template.metadata.annotations' },
    {
      name: 'Revision',
      validate: validateRevision,
      value: { apiVersion: 'serving.knative.dev/v1', kind: 'Revision', metadata: { name: 'hello-00001', namespace: 'default', annotations: bad }, spec: podWith() },
      at: 'metadata.annotations',
    },
  ])('$name: the field error names the annotation', ({ validate, value, at }) => {
    expect(validate(value)).toEqual([
      { path: `${at}[${SCHEDULE}]`, message: '[0].minScale: must be an integer between 0 and 2147483647, got -1' },
      {
        path: `${at}[${RESERVE}]`,
        message: 'invalid resource name "gpu": must be cpu, memory, ephemeral-storage, hugepages-<size> or an extended resource such as nvidia.com/gpu',
      },
    ]);
  });
});
