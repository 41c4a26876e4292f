import { validateConfiguration } from './configuration.js';
import { outcome, podWith } from './testing/fixtures.js';

const config = (templateName?: string, image = 'ghcr.io/knative/helloworld-go:v1') => ({
  apiVersion: 'serving.knative.dev/v1',
  kind: 'Configuration',
  metadata: { name: 'hello', namespace: 'default' },
  spec: { template: { ...(templateName ? { metadata: { name: templateName } } : {}), spec: podWith({}, { image }) } },
});

describe('validateConfiguration', () => {
  test.each([
    { name: 'valid', value: config(), want: '' },
    { name: 'bring-your-own name', value: config('hello-blue'), want: '' },
    { name: 'foreign revision name', value: config('blue'), want: 'spec.template.metadata.name: "blue" must have prefix "hello-"' },
    { name: 'bad container', value: config(undefined, 'UPPER'), want: 'spec.template.spec.containers[0].image: invalid image reference "UPPER"' },
  ])('$name', ({ value, want }) => {
    expect(outcome(validateConfiguration(value))).toEqual(want === '' ? '' : expect.stringContaining(want));
  });

  test('a named template may not change under the same name', () => {
    const got = outcome(validateConfiguration(config('hello-blue', 'ghcr.io/x/y:v2'), { original: config('hello-blue') }));
    expect(got).toContain('spec.template.metadata.name: the template changed without a new revision name');
  });

  test('an unnamed template may change freely', () => {
    expect(validateConfiguration(config(undefined, 'ghcr.io/x/y:v2'), { original: config() })).toEqual([]);
  });
});
