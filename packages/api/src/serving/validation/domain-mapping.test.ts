import { validateDomainMapping } from './domain-mapping.js';
import { outcome } from './testing/fixtures.js';

const ref = { apiVersion: 'serving.knative.dev/v1', kind: 'Service', name: 'hello' };
const mapping = (metadata: Record<string, unknown>, spec: Record<string, unknown> = { ref }) => ({
  apiVersion: 'serving.knative.dev/v1beta1',
  kind: 'DomainMapping',
  metadata,
  spec,
});

describe('validateDomainMapping', () => {
  test.each([
    { name: 'a custom domain', value: mapping({ name: 'hello.example.com', namespace: 'default' }), want: '' },
    { name: 'with a TLS secret', value: mapping({ name: 'hello.example.com' }, { ref, tls: { secretName: 'cert' } }), want: '' },
    { name: 'same namespace in the ref', value: mapping({ name: 'a.example.com', namespace: 'ns' }, { ref: { ...ref, namespace: 'ns' } }), want: '' },
    { name: 'single label', value: mapping({ name: 'localhost' }), want: 'metadata.name: invalid domain name "localhost": must have at least two segments' },
    { name: 'uppercase', value: mapping({ name: 'Hello.example.com' }), want: 'metadata.name: invalid domain name "Hello.example.com"' },
    { name: 'no name', value: mapping({ generateName: 'x-' }), want: 'metadata.generateName: must not be set: the name is the mapped domain' },
    { name: 'cluster-local domain', value: mapping({ name: 'hello.default.svc.cluster.local' }), want: 'must not be under the cluster-local domain "cluster.local"' },
    { name: 'ref missing', value: mapping({ name: 'a.example.com' }, {}), want: 'spec.ref: required' },
    { name: 'ref of the wrong type', value: mapping({ name: 'a.example.com' }, { ref: 'hello' }), want: 'spec.ref: expected an object, got string' },
    { name: 'ref incomplete', value: mapping({ name: 'a.example.com' }, { ref: { name: 'hello' } }), want: 'spec.ref.apiVersion: required\nspec.ref.kind: required' },
    { name: 'group in ref', value: mapping({ name: 'a.example.com' }, { ref: { ...ref, group: 'serving.knative.dev' } }), want: 'spec.ref.group: must not be set' },
    { name: 'other namespace', value: mapping({ name: 'a.example.com', namespace: 'a' }, { ref: { ...ref, namespace: 'b' } }), want: 'spec.ref.namespace: must be the DomainMapping\'s own namespace "a", got "b"' },
    { name: 'tls without secret', value: mapping({ name: 'a.example.com' }, { ref, tls: {} }), want: 'spec.tls.secretName: required' },
  ])('$name', ({ value, want }) => {
    expect(outcome(validateDomainMapping(value))).toEqual(want === '' ? '' : expect.stringContaining(want));
  });

  test('the cluster domain comes from the context', () => {
    expect(outcome(validateDomainMapping(mapping({ name: 'a.corp.internal' }), { clusterDomain: 'corp.internal' }))).toContain(
      'must not be under the cluster-local domain "corp.internal"',
    );
    expect(validateDomainMapping(mapping({ name: 'hello.svc.cluster.local' }), { clusterDomain: 'corp.internal' })).toEqual([]);
  });

  test('creator is immutable on update', () => {
    const original = mapping({ name: 'a.example.com', annotations: { 'serving.knative.dev/creator': 'alice' } });
    const updated = mapping({ name: 'a.example.com', annotations: { 'serving.knative.dev/creator': 'bob' } });
    expect(outcome(validateDomainMapping(updated, { original }))).toBe(
      'metadata.annotations[serving.knative.dev/creator]: annotation value is immutable',
    );
  });
});
