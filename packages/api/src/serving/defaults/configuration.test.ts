import type { Configuration } from '../v1/configuration.js';
import { setConfigurationDefaults } from './configuration.js';

const config = (templateName?: string): Configuration => ({
  metadata: { name: 'hello', namespace: 'default' },
  spec: { template: { ...(templateName ? { metadata: { name: templateName } } : {}), spec: { containers: [{ name: '', image: 'ghcr.io/x/app' }] } } },
});

describe('setConfigurationDefaults', () => {
  test('defaults the template', () => {
    const spec = setConfigurationDefaults(config()).spec.template.spec;
    expect(spec).toMatchObject({ timeoutSeconds: 300, containerConcurrency: 0, enableServiceLinks: false });
    expect(spec.containers[0]!.name).toBe('user-container');
  });

  test('leaves a template whose own name did not change', () => {
    const named = config('hello-v1');
    expect(setConfigurationDefaults(named, { original: config('hello-v1') }).spec.template).toEqual(named.spec.template);
  });

  test('defaults a template under a new name', () => {
    const got = setConfigurationDefaults(config('hello-v2'), { original: config('hello-v1') });
    expect(got.spec.template.spec.timeoutSeconds).toBe(300);
  });
});
