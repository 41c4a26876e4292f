import type { Route } from '../v1/route.js';
import { setRouteDefaults } from './route.js';

describe('setRouteDefaults', () => {
  const route = (traffic?: unknown, ownerReferences?: unknown): Route =>
    ({ metadata: { name: 'hello', ...(ownerReferences ? { ownerReferences } : {}) }, spec: traffic === undefined ? {} : { traffic } }) as Route;

  test('fills latestRevision and percent', () => {
    expect(setRouteDefaults(route([{ configurationName: 'hello', percent: 100 }, { revisionName: 'hello-00001', tag: 'v1' }])).spec.traffic).toEqual([
      { configurationName: 'hello', percent: 100, latestRevision: true },
      { revisionName: 'hello-00001', tag: 'v1', latestRevision: false, percent: 0 },
    ]);
  });

  test('does not invent traffic', () => {
    expect(setRouteDefaults(route()).spec).toEqual({});
  });

  test('records the user on a standalone Route only', () => {
    expect(setRouteDefaults(route([]), { user: 'alice' }).metadata?.annotations).toEqual({
      'serving.knative.dev/creator': 'alice',
      'serving.knative.dev/lastModifier': 'alice',
    });
    expect(setRouteDefaults(route([], [{ kind: 'Service', name: 'hello' }]), { user: 'alice' }).metadata).not.toHaveProperty('annotations');
  });
});
