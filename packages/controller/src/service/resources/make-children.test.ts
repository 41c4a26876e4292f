import { configuration, service } from '../../testing/fixtures.js';
import { makeConfiguration } from './make-configuration.js';
import { makeRoute } from './make-route.js';

const annotations = {
  'kubectl.kubernetes.io/last-applied-configuration': '{}',
  'serving.knative.dev/rollout-duration': '60s',
  'serving.knative.dev/creator': 'alice',
};
const svc = service('hello', { labels: { app: 'web' }, annotations, traffic: [{ revisionName: 'hello-00001', percent: 50 }, { latestRevision: true, percent: 50, tag: 'next' }] });

describe('makeConfiguration', () => {
  test('carries the template, the service labels and the annotations a configuration should see', () => {
    const config = makeConfiguration(svc);
    expect(config.metadata).toEqual({
      name: 'hello',
      namespace: 'default',
      ownerReferences: [{ apiVersion: 'serving.knative.dev/v1', kind: 'Service', name: 'hello', uid: 'svc-hello', controller: true, blockOwnerDeletion: true }],
      labels: { app: 'web', 'serving.knative.dev/service': 'hello', 'serving.knative.dev/serviceUID': 'svc-hello' },
      annotations: { 'serving.knative.dev/creator': 'alice', 'serving.knative.dev/routes': 'hello' },
    });
    expect(config.spec).toEqual({ template: svc.spec.template });
  });

  test.each([
    { name: 'no routes yet', existing: undefined, want: 'hello' },
    { name: 'other routes are kept, sorted', existing: 'zeta,alpha', want: 'alpha,hello,zeta' },
    { name: 'its own route is not listed twice', existing: 'hello', want: 'hello' },
  ])('routes annotation: $name', ({ existing, want }) => {
    const config = configuration('hello', existing ? { annotations: { 'serving.knative.dev/routes': existing } } : {});
    expect(makeConfiguration(svc, config).metadata?.annotations?.['serving.knative.dev/routes']).toBe(want);
  });

  test('the template is a copy', () => {
    const config = makeConfiguration(svc);
    config.spec.template.spec.containers[0]!.image = 'changed';
    expect(svc.spec.template.spec.containers[0]!.image).toBe('ghcr.io/knot/hello:1');
  });
});

describe('makeRoute', () => {
  test('points targets without a revision at the configuration, and keeps rollout-duration for the route', () => {
    const r = makeRoute(svc);
    expect(r.metadata?.annotations).toEqual({ 'serving.knative.dev/rollout-duration': '60s', 'serving.knative.dev/creator': 'alice' });
    expect(r.metadata?.labels).toEqual({ app: 'web', 'serving.knative.dev/service': 'hello' });
    expect(r.metadata?.ownerReferences?.[0]?.uid).toBe('svc-hello');
    expect(r.spec.traffic).toEqual([
      { revisionName: 'hello-00001', percent: 50 },
      { configurationName: 'hello', latestRevision: true, percent: 50, tag: 'next' },
    ]);
  });

  test('an empty traffic list sends 100% to the latest revision', () => {
    expect(makeRoute(service('hello')).spec.traffic).toEqual([{ configurationName: 'hello', latestRevision: true, percent: 100 }]);
    expect(makeRoute(service('hello', { traffic: [] })).spec.traffic).toEqual([{ configurationName: 'hello', latestRevision: true, percent: 100 }]);
  });
});
