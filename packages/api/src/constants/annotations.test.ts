import { INGRESS_CLASS_ANNOTATION, MIN_SCALE_ANNOTATION, valueByPriority } from './annotations.js';

describe('valueByPriority', () => {
  test.each<{ name: string; map: Record<string, string> | undefined; want: { key: string; value: string } | undefined }>([
    { name: 'current spelling', map: { 'autoscaling.knative.dev/min-scale': '2' }, want: { key: 'autoscaling.knative.dev/min-scale', value: '2' } },
    { name: 'legacy camelCase spelling', map: { 'autoscaling.knative.dev/minScale': '3' }, want: { key: 'autoscaling.knative.dev/minScale', value: '3' } },
    {
      name: 'current spelling wins over legacy',
      map: { 'autoscaling.knative.dev/minScale': '3', 'autoscaling.knative.dev/min-scale': '2' },
      want: { key: 'autoscaling.knative.dev/min-scale', value: '2' },
    },
    { name: 'an empty value is still present', map: { 'autoscaling.knative.dev/min-scale': '' }, want: { key: 'autoscaling.knative.dev/min-scale', value: '' } },
    { name: 'absent', map: { other: '1' }, want: undefined },
    { name: 'no annotations', map: undefined, want: undefined },
  ])('$name', ({ map, want }) => {
    expect(valueByPriority(map, MIN_SCALE_ANNOTATION)).toEqual(want);
  });

  test('ingress class accepts the dashed alternative', () => {
    expect(valueByPriority({ 'networking.knative.dev/ingress-class': 'knot' }, INGRESS_CLASS_ANNOTATION)?.value).toBe('knot');
  });
});
