import type { DomainMapping } from '../v1beta1/domain-mapping.js';
import { setDomainMappingDefaults } from './domain-mapping.js';

const mapping = (namespace?: string): DomainMapping => ({
  metadata: { name: 'hello.example.com', namespace: 'default' },
  spec: { ref: { apiVersion: 'serving.knative.dev/v1', kind: 'Service', name: 'hello', ...(namespace ? { namespace } : {}) } },
});

describe('setDomainMappingDefaults', () => {
  test('the ref defaults to the mapping’s namespace', () => {
    expect(setDomainMappingDefaults(mapping()).spec.ref.namespace).toBe('default');
  });

  test('a given namespace stays (validation reports a mismatch)', () => {
    expect(setDomainMappingDefaults(mapping('other')).spec.ref.namespace).toBe('other');
  });
});
