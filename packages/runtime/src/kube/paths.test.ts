import { apps, coordination, core, serving } from '@knot/api';
import { isApiError } from '../errors.js';
import { createQuery, deleteBody, requestUrl, resourcePath, watchQuery } from './paths.js';

describe('resourcePath', () => {
  test.each([
    { name: 'core collection', got: resourcePath(core.pods, 'default'), want: '/api/v1/namespaces/default/pods' },
    { name: 'core object', got: resourcePath(core.pods, 'default', 'web-1'), want: '/api/v1/namespaces/default/pods/web-1' },
    { name: 'all namespaces', got: resourcePath(core.pods, undefined), want: '/api/v1/pods' },
    { name: 'group object status', got: resourcePath(serving.services, 'ns1', 'hello', 'status'), want: '/apis/serving.knative.dev/v1/namespaces/ns1/services/hello/status' },
    { name: 'apps collection', got: resourcePath(apps.deployments, 'x'), want: '/apis/apps/v1/namespaces/x/deployments' },
    { name: 'lease', got: resourcePath(coordination.leases, 'knative-serving', 'controller'), want: '/apis/coordination.k8s.io/v1/namespaces/knative-serving/leases/controller' },
    { name: 'cluster-scoped ignores namespace', got: resourcePath(core.namespaces, 'default', 'team-a'), want: '/api/v1/namespaces/team-a' },
    { name: 'cluster-scoped collection', got: resourcePath(core.namespaces, undefined), want: '/api/v1/namespaces' },
    { name: 'escapes odd names', got: resourcePath(core.configMaps, 'ns', 'a/b'), want: '/api/v1/namespaces/ns/configmaps/a%2Fb' },
  ])('$name', ({ got, want }) => {
    expect(got).toBe(want);
  });

  test.each([
    { name: 'namespaced object without namespace', call: () => resourcePath(core.pods, undefined, 'p') },
    { name: 'empty name', call: () => resourcePath(core.pods, 'ns', '') },
  ])('$name is a BadRequest', ({ call }) => {
    let thrown: unknown;
    try {
      call();
    } catch (err) {
      thrown = err;
    }
    expect(isApiError(thrown, 'BadRequest')).toBe(true);
  });
});

describe('queries and bodies', () => {
  test('watch asks for bookmarks and resumes at the resourceVersion', () => {
    expect(watchQuery({ resourceVersion: '42', labelSelector: 'app=x' })).toEqual({
      watch: 'true',
      allowWatchBookmarks: 'true',
      resourceVersion: '42',
      labelSelector: 'app=x',
    });
  });

  test('dry run is dryRun=All', () => {
    expect(createQuery({ dryRun: true, fieldManager: 'knot' })).toEqual({ dryRun: 'All', fieldManager: 'knot' });
    expect(createQuery({})).toEqual({});
  });

  test('delete options carry propagation and preconditions', () => {
    expect(deleteBody({ propagationPolicy: 'Foreground', preconditionResourceVersion: '7' })).toEqual({
      apiVersion: 'v1',
      kind: 'DeleteOptions',
      propagationPolicy: 'Foreground',
      preconditions: { resourceVersion: '7' },
    });
  });

  test('requestUrl keeps a server path prefix and encodes selectors', () => {
    const url = requestUrl('https://proxy.example/k8s/clusters/c1/', '/api/v1/pods', { labelSelector: 'tier in (web),!canary' });
    expect(url.pathname).toBe('/k8s/clusters/c1/api/v1/pods');
    expect(url.searchParams.get('labelSelector')).toBe('tier in (web),!canary');
  });
});
