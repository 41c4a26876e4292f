import { serving } from '@knot/api';
import { MemoryStore, SharedInformerFactory } from '@knot/runtime';
import { configuration, revision, route } from '../testing/fixtures.js';
import { routesTracking } from './controller.js';

describe('routesTracking', () => {
  const cfg = configuration('hello');
  const routes = [
    route('latest', { traffic: [{ configurationName: 'hello', latestRevision: true, percent: 100 }] }),
    route('pinned', { traffic: [{ revisionName: 'hello-00001', percent: 100 }] }),
    route('elsewhere', { traffic: [{ configurationName: 'other', latestRevision: true, percent: 100 }] }),
  ];

  test.each([
    { name: 'a configuration: routes naming it', obj: cfg, want: ['latest'] },
    { name: 'a revision: routes naming it or its configuration', obj: revision(cfg), want: ['latest', 'pinned'] },
    { name: 'a revision of another configuration', obj: revision(configuration('third')), want: [] },
    { name: 'routes listed in its annotation', obj: configuration('third', { annotations: { 'serving.knative.dev/routes': 'gone,elsewhere' } }), want: ['elsewhere', 'gone'] },
  ])('$name', async ({ obj, want }) => {
    const store = new MemoryStore();
    for (const r of routes) await store.create(serving.routes, r);
    const informers = new SharedInformerFactory({ client: store });
    const lister = informers.listerFor(serving.routes);
    informers.start();
    await informers.waitForSync();
    expect([...routesTracking(obj, lister)].sort()).toEqual(want);
    await informers.stop();
  });
});
