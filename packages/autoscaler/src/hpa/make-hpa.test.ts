import { DEFAULT_CONFIG_AUTOSCALER } from '@knot/api';
import { pa } from '../reconciler/testing/pa-fixtures.js';
import { makeHorizontalPodAutoscaler, mebibytes } from './make-hpa.js';

const HPA = 'hpa.autoscaling.knative.dev';
const specOf = (annotations: Record<string, string>, config = DEFAULT_CONFIG_AUTOSCALER) => makeHorizontalPodAutoscaler(pa({ cls: HPA, annotations }), config).spec;

describe('makeHorizontalPodAutoscaler', () => {
  test.each<{ name: string; annotations: Record<string, string>; metrics: unknown }>([
    { name: 'cpu target as a utilization, rounded up', annotations: { 'autoscaling.knative.dev/target': '62.5' }, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 63 } } }] },
    { name: 'cpu from target-utilization-percentage', annotations: { 'autoscaling.knative.dev/target-utilization-percentage': '75' }, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 75 } } }] },
    { name: 'memory target as mebibytes per pod', annotations: { 'autoscaling.knative.dev/metric': 'memory', 'autoscaling.knative.dev/target': '200' }, metrics: [{ type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '200Mi' } } }] },
    { name: 'memory as a utilization', annotations: { 'autoscaling.knative.dev/metric': 'memory', 'autoscaling.knative.dev/target-utilization-percentage': '80' }, metrics: [{ type: 'Resource', resource: { name: 'memory', target: { type: 'Utilization', averageUtilization: 80 } } }] },
    { name: 'a custom metric per pod', annotations: { 'autoscaling.knative.dev/metric': 'queue_depth', 'autoscaling.knative.dev/target': '30' }, metrics: [{ type: 'Pods', pods: { metric: { name: 'queue_depth' }, target: { type: 'AverageValue', averageValue: '30' } } }] },
    { name: 'no target leaves the HPA default', annotations: {}, metrics: undefined },
  ])('$name', ({ annotations, metrics }) => {
    expect(specOf(annotations)?.metrics).toEqual(metrics);
  });

  test('bounds: min only when set, max unbounded as int32 max, config defaults apply', () => {
    expect(specOf({}) ?? {}).toMatchObject({ maxReplicas: 2147483647 });
    expect(specOf({})?.minReplicas).toBeUndefined();
    expect(specOf({ 'autoscaling.knative.dev/min-scale': '2', 'autoscaling.knative.dev/max-scale': '9' })).toMatchObject({ minReplicas: 2, maxReplicas: 9 });
    expect(specOf({}, { ...DEFAULT_CONFIG_AUTOSCALER, minScale: 1, maxScale: 4 })).toMatchObject({ minReplicas: 1, maxReplicas: 4 });
  });

  test('a schedule minimum above max-scale lifts max-scale with it, since an HPA refuses min > max', () => {
    expect(makeHorizontalPodAutoscaler(pa({ cls: HPA, annotations: { 'autoscaling.knative.dev/max-scale': '3' } }), DEFAULT_CONFIG_AUTOSCALER, 5).spec).toMatchObject({ minReplicas: 5, maxReplicas: 5 });
  });

  test.each([
    [0, '0'],
    [1, '1Mi'],
    [1024, '1Gi'],
    [1536, '1536Mi'],
    [1024 * 1024, '1Ti'],
    [200.9, '200Mi'],
  ])('%d MiB is %s', (n, want) => {
    expect(mebibytes(n)).toBe(want);
  });
});
