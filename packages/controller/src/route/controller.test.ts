import { networking, parseConfigDomain, serving, type KubeObject } from '@knot/api';
import { MemoryStore, noopLogger, SharedInformerFactory } from '@knot/runtime';
import { FakeClock, flushPromises } from '@knot/runtime/testing';
import { staticConfig } from '../controller-env.js';
import { createAll, drainQueue } from '../testing/controller-queue.js';
import { createRouteController } from './controller.js';
import { configuration, ingress, placeholder, revision, route } from './testing/route-fixtures.js';

async function setup(objects: KubeObject[]) {
  const clock = new FakeClock();
  const store = new MemoryStore({ clock, requireNamespaces: false });
  await createAll(store, objects);
  const informers = new SharedInformerFactory({ client: store, clock, logger: noopLogger });
  const config = staticConfig({ domain: parseConfigDomain({ 'example.com': '' }) });
  const controller = createRouteController({ client: store, informers, clock, logger: noopLogger, config });
  informers.start();
  await informers.waitForSync();
  await drainQueue(controller);
  return { store, informers, controller };
}

const byConfig = route('by-config', { traffic: [{ configurationName: 'hello', percent: 100 }] });
const byRevision = route('by-revision', { traffic: [{ revisionName: 'hello-00001', percent: 100 }] });
const unrelated = route('unrelated', { traffic: [{ configurationName: 'other', percent: 100 }] });

describe('Route controller', () => {
  test.each([
    { name: 'a Configuration reconciles the routes naming it', change: configuration('hello', 'hello-00001'), want: ['default/by-config'] },
    { name: 'a Revision reconciles routes naming it or its Configuration', change: revision('hello-00001', 'hello'), want: ['default/by-config', 'default/by-revision'] },
    { name: 'a Revision of an unreferenced Configuration reconciles nothing', change: revision('x-00001', 'x'), want: [] },
    { name: 'an Ingress reconciles the route owning it', change: ingress(byConfig, [configuration('hello', 'hello-00001'), revision('hello-00001', 'hello')]), want: ['default/by-config'] },
    { name: 'a Service reconciles the route owning it', change: placeholder(byRevision), want: ['default/by-revision'] },
    { name: 'a Service nobody owns reconciles nothing', change: { ...placeholder(byRevision), metadata: { namespace: 'default', name: 'lonely' } }, want: [] },
  ])('$name', async ({ change, want }) => {
    const { store, informers, controller } = await setup([byConfig, byRevision, unrelated]);
    try {
      await createAll(store, [change]);
      expect((await drainQueue(controller)).sort()).toEqual(want);
    } finally {
      await informers.stop();
    }
  });

  test('the reconciler it builds programs an Ingress and reports the url', async () => {
    const r = route();
    const { store, informers, controller } = await setup([r, configuration('hello', 'hello-00001'), revision('hello-00001', 'hello')]);
    try {
      // Only the store has status: seed it as the API would have it.
      const rev = await store.get(serving.revisions, 'default', 'hello-00001');
      await store.updateStatus(serving.revisions, { ...rev, status: { observedGeneration: 1, conditions: [{ type: 'Ready', status: 'True' }] } });
      const cfg = await store.get(serving.configurations, 'default', 'hello');
      await store.updateStatus(serving.configurations, { ...cfg, status: { latestReadyRevisionName: 'hello-00001' } });
      await flushPromises();
      await controller.reconciler.reconcile('default/hello');
      const ing = await store.get(networking.ingresses, 'default', 'hello');
      expect(ing.spec.rules?.map((rule) => rule.hosts)).toEqual([['hello.default', 'hello.default.svc', 'hello.default.svc.cluster.local'], ['hello.default.example.com']]);
      const got = await store.get(serving.routes, 'default', 'hello');
      expect(got.status?.url).toBe('http://hello.default.example.com');
      expect(got.status?.traffic).toEqual([{ revisionName: 'hello-00001', latestRevision: true, percent: 100 }]);
    } finally {
      await informers.stop();
    }
  });
});
