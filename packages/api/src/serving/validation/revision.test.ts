import { validateRevision } from './revision.js';
import { outcome, podWith } from './testing/fixtures.js';

const revision = (spec: Record<string, unknown>) => ({
  apiVersion: 'serving.knative.dev/v1',
  kind: 'Revision',
  metadata: { name: 'hello-00001', namespace: 'default' },
  spec,
});

describe('validateRevision', () => {
  test('a valid revision', () => {
    expect(validateRevision(revision(podWith({ timeoutSeconds: 300, containerConcurrency: 10 })))).toEqual([]);
  });

  test('the spec is validated on create', () => {
    expect(outcome(validateRevision(revision(podWith({ containerConcurrency: 2000 }))))).toBe(
      'spec.containerConcurrency: must be between 0 and 1000, got 2000',
    );
  });

  test('the spec may not change on update', () => {
    const original = revision(podWith({}, { image: 'ghcr.io/x/app:v1' }));
    const updated = revision(podWith({}, { image: 'ghcr.io/x/app:v2' }));
    expect(validateRevision(updated, { original })).toEqual([
      { path: 'spec', message: "immutable: a revision's spec never changes (changed: containers[0].image)" },
    ]);
  });

  test('metadata may change on update', () => {
    const original = revision(podWith());
    const updated = { ...revision(podWith()), metadata: { name: 'hello-00001', labels: { 'serving.knative.dev/routingState': 'active' } } };
    expect(validateRevision(updated, { original })).toEqual([]);
  });
});
