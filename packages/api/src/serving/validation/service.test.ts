import { validateService } from './service.js';
import { copy, helloworldService, outcome } from './testing/fixtures.js';

describe('validateService', () => {
  test('the helloworld sample is valid', () => {
    expect(validateService(helloworldService())).toEqual([]);
  });

  test('errors carry Kubernetes-style paths and readable messages', () => {
    const svc = helloworldService();
    const spec = (svc.spec as { template: { spec: Record<string, unknown> } }).template.spec;
    spec.containerConcurrency = 5000;
    expect(validateService(svc)).toEqual([
      { path: 'spec.template.spec.containerConcurrency', message: 'must be between 0 and 1000, got 5000' },
    ]);
  });

  test.each([
    { name: 'null', value: null, want: 'expected an object, got null' },
    { name: 'a number', value: 7, want: 'expected an object, got number' },
    { name: 'an array', value: [], want: 'expected an object, got array' },
    { name: 'no spec', value: { metadata: { name: 'a' } }, want: 'spec: required' },
    { name: 'spec of the wrong type', value: { metadata: { name: 'a' }, spec: 'x' }, want: 'spec: expected an object, got string' },
    { name: 'no template', value: { metadata: { name: 'a' }, spec: {} }, want: 'spec.template: required' },
    { name: 'template without spec', value: { metadata: { name: 'a' }, spec: { template: { metadata: {} } } }, want: 'spec.template.spec: required' },
  ])('reports a wrong shape: $name', ({ value, want }) => {
    expect(outcome(validateService(value))).toContain(want);
  });
});

describe('validateService on update', () => {
  const named = (name: string, image: string) => {
    const svc = helloworldService();
    const template = (svc.spec as { template: Record<string, unknown> }).template;
    template.metadata = { name };
    ((template.spec as { containers: { image: string }[] }).containers[0]!).image = image;
    return svc;
  };
  const original = named('helloworld-go-v1', 'ghcr.io/knative/helloworld-go:v1');

  test.each([
    { name: 'nothing changed', updated: copy(original), want: '' },
    { name: 'new template, new name', updated: named('helloworld-go-v2', 'ghcr.io/knative/helloworld-go:v2'), want: '' },
    { name: 'new template, same name', updated: named('helloworld-go-v1', 'ghcr.io/knative/helloworld-go:v2'), want: 'spec.template.metadata.name: the template changed without a new revision name (changed: spec.containers[0].image); give it a new name' },
    { name: 'name dropped', updated: helloworldService(), want: '' },
  ])('$name', ({ updated, want }) => {
    expect(outcome(validateService(updated, { original }))).toEqual(want === '' ? '' : expect.stringContaining(want));
  });

  test('traffic changes do not need a new revision name', () => {
    const updated = copy(original);
    (updated.spec as Record<string, unknown>).traffic = [{ revisionName: 'helloworld-go-v1', percent: 100, tag: 'v1' }];
    expect(validateService(updated, { original })).toEqual([]);
  });
});
