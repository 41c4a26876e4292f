import type { FieldError } from '../../field-error.js';
import { validateConfiguration } from './configuration.js';
import { validateRevision } from './revision.js';
import { validateRoute } from './route.js';
import { validateService } from './service.js';
import { outcome, podWith } from './testing/fixtures.js';

type Kind = 'Service' | 'Configuration' | 'Route' | 'Revision';

const SPECS: Record<Kind, unknown> = {
  Service: { template: { spec: podWith() } },
  Configuration: { template: { spec: podWith() } },
  Route: { traffic: [{ configurationName: 'hello', percent: 100 }] },
  Revision: podWith(),
};
const VALIDATE: Record<Kind, (v: unknown) => FieldError[]> = {
  Service: validateService,
  Configuration: validateConfiguration,
  Route: validateRoute,
  Revision: validateRevision,
};

interface Row {
  name: string;
  kind: Kind;
  metadata: Record<string, unknown>;
  want: string;
}

describe('metadata rules', () => {
  const owned = (kind: string, name: string) => [{ apiVersion: 'serving.knative.dev/v1', kind, name, uid: 'u' }];
  test.each<Row>([
    { name: 'a name', kind: 'Service', metadata: { name: 'hello' }, want: '' },
    { name: 'a generateName', kind: 'Service', metadata: { generateName: 'hello-' }, want: '' },
    { name: 'no name', kind: 'Route', metadata: { namespace: 'default' }, want: 'metadata.name: name or generateName is required' },
    { name: 'no metadata at all', kind: 'Configuration', metadata: {}, want: 'metadata.name: name or generateName is required' },
    { name: 'uppercase name', kind: 'Service', metadata: { name: 'Hello' }, want: 'metadata.name: not a DNS-1035 label' },
    { name: 'name of 64 characters', kind: 'Service', metadata: { name: 'a'.repeat(64) }, want: 'metadata.name: not a DNS-1035 label: must be no more than 63 characters, got 64' },
    { name: 'name of 63 characters', kind: 'Service', metadata: { name: 'a'.repeat(63) }, want: '' },
    { name: 'name of the wrong type', kind: 'Service', metadata: { name: 42 }, want: 'metadata.name: expected a string, got number' },
    { name: 'autoscaling annotation on a Service', kind: 'Service', metadata: { name: 'hello', annotations: { 'autoscaling.knative.dev/min-scale': '1' } }, want: 'metadata.annotations[autoscaling.knative.dev/min-scale]: autoscaling annotations must be put under spec.template.metadata.annotations to work' },
    { name: 'autoscaling annotation on a Route', kind: 'Route', metadata: { name: 'hello', annotations: { 'autoscaling.knative.dev/class': 'x' } }, want: 'must be put under spec.template.metadata.annotations' },
    { name: 'autoscaling annotation on a Revision is its own', kind: 'Revision', metadata: { name: 'hello-1', annotations: { 'autoscaling.knative.dev/min-scale': '1' } }, want: '' },
    { name: 'and is checked there', kind: 'Revision', metadata: { name: 'hello-1', annotations: { 'autoscaling.knative.dev/window': '1s' } }, want: 'metadata.annotations[autoscaling.knative.dev/window]: must be between 6s and 1h0m0s, got 1s' },
    { name: 'rollout duration', kind: 'Service', metadata: { name: 'hello', annotations: { 'serving.knative.dev/rollout-duration': '380s' } }, want: '' },
    { name: 'rollout duration, legacy key', kind: 'Route', metadata: { name: 'hello', annotations: { 'serving.knative.dev/rolloutDuration': 'soon' } }, want: 'metadata.annotations[serving.knative.dev/rolloutDuration]: invalid value "soon"' },
    { name: 'rollout duration fraction', kind: 'Service', metadata: { name: 'hello', annotations: { 'serving.knative.dev/rollout-duration': '1.5s' } }, want: 'must be a whole number of seconds, got 1.5s' },
    { name: 'negative rollout duration', kind: 'Route', metadata: { name: 'hello', annotations: { 'serving.knative.dev/rollout-duration': '-1m' } }, want: 'must not be negative, got -1m' },
    { name: 'cluster-local visibility', kind: 'Service', metadata: { name: 'hello', labels: { 'networking.knative.dev/visibility': 'cluster-local' } }, want: '' },
    { name: 'other visibility', kind: 'Route', metadata: { name: 'hello', labels: { 'networking.knative.dev/visibility': 'public' } }, want: 'metadata.labels[networking.knative.dev/visibility]: must be cluster-local, got "public"' },
    { name: 'label values are strings', kind: 'Service', metadata: { name: 'hello', labels: { tier: 1 } }, want: 'metadata.labels[tier]: expected a string, got number' },
    { name: 'service label with its owner', kind: 'Configuration', metadata: { name: 'hello', labels: { 'serving.knative.dev/service': 'hello' }, ownerReferences: owned('Service', 'hello') }, want: '' },
    { name: 'service label without its owner', kind: 'Configuration', metadata: { name: 'hello', labels: { 'serving.knative.dev/service': 'hello' } }, want: 'metadata.labels[serving.knative.dev/service]: requires an owner reference to the Service "hello"' },
    { name: 'route service label with another owner', kind: 'Route', metadata: { name: 'hello', labels: { 'serving.knative.dev/service': 'hello' }, ownerReferences: owned('Service', 'other') }, want: 'requires an owner reference to the Service "hello"' },
    { name: 'configuration label without its owner', kind: 'Revision', metadata: { name: 'hello-1', labels: { 'serving.knative.dev/configuration': 'hello' } }, want: 'metadata.labels[serving.knative.dev/configuration]: requires an owner reference to the Configuration "hello"' },
  ])('$kind: $name', ({ kind, metadata, want }) => {
    const got = outcome(VALIDATE[kind]({ metadata, spec: SPECS[kind] }));
    expect(got).toEqual(want === '' ? '' : expect.stringContaining(want));
  });
});

describe('creator and lastModifier on update', () => {
  const C = 'serving.knative.dev/creator';
  const U = 'serving.knative.dev/lastModifier';
  const route = (annotations: Record<string, string>, percent = 100) => ({
    metadata: { name: 'hello', annotations },
    spec: { traffic: [{ configurationName: 'hello', percent }] },
  });
  const original = route({ [C]: 'alice', [U]: 'alice' });

  test.each([
    { name: 'untouched', updated: route({ [C]: 'alice', [U]: 'alice' }), want: '' },
    { name: 'lastModifier changed without a spec change', updated: route({ [C]: 'alice', [U]: 'bob' }), want: `metadata.annotations[${U}]: may only change with the spec, got "bob"` },
    { name: 'creator rewritten', updated: route({ [C]: 'mallory', [U]: 'alice' }), want: `metadata.annotations[${C}]: annotation value is immutable` },
    { name: 'creator removed', updated: route({ [U]: 'alice' }), want: `metadata.annotations[${C}]: annotation value is immutable` },
  ])('$name', ({ updated, want }) => {
    const got = outcome(validateRoute(updated, { original }));
    expect(got).toEqual(want === '' ? '' : expect.stringContaining(want));
  });

  test('lastModifier may change along with the spec', () => {
    const updated = { ...route({ [C]: 'alice', [U]: 'bob' }), spec: { traffic: [{ configurationName: 'other', percent: 100 }] } };
    expect(validateRoute(updated, { original })).toEqual([]);
  });

  test('objects owned by a Service are not checked', () => {
    const updated = route({ [C]: 'mallory' });
    (updated.metadata as Record<string, unknown>).ownerReferences = [{ kind: 'Service', name: 'hello' }];
    expect(validateRoute(updated, { original })).toEqual([]);
  });
});
