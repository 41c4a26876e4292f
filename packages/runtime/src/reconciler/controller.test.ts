import { core, defineResource, type KubeObject, type Status } from '@knot/api';
import { enqueueOwnerOfKind } from '../informer/event-handler.js';
import { SharedInformerFactory } from '../informer/shared-informer-factory.js';
import { MemoryStore } from '../memory/index.js';
import { FakeClock, flushPromises } from '../testing/fake-clock.js';
import { FakeRecorder } from '../testing/fake-recorder.js';
import { Controller } from './controller.js';
import type { KindReconciler } from './kind-reconciler.js';

interface Widget extends KubeObject {
  spec?: { size?: number };
  status?: Status & { size?: number };
}
const widgets = defineResource<Widget>({ group: 'test.knot.dev', version: 'v1', kind: 'Widget', plural: 'widgets', namespaced: true, hasStatus: true });
const widget = (name: string, size: number): Widget => ({ apiVersion: 'test.knot.dev/v1', kind: 'Widget', metadata: { namespace: 'ns', name }, spec: { size } });

async function setup(reconciler: KindReconciler<Widget>) {
  const clock = new FakeClock();
  const store = new MemoryStore({ clock, requireNamespaces: false });
  const informerFactory = new SharedInformerFactory({ client: store, clock });
  const recorder = new FakeRecorder();
  const controller = new Controller({ name: 'widget-controller', resource: widgets, client: store, informerFactory, reconciler, workers: 2, clock, recorder });
  const stop = new AbortController();
  const running = controller.run(stop.signal);
  await informerFactory.waitForSync();
  const settle = async () => {
    for (let i = 0; i < 5; i++) {
      await store.settled();
      await flushPromises();
    }
  };
  return { clock, store, informerFactory, controller, recorder, stop, running, settle };
}

const sizes = async (store: MemoryStore): Promise<Record<string, number | undefined>> =>
  Object.fromEntries((await store.list(widgets, 'ns')).items.map((w) => [w.metadata?.name ?? '', w.status?.size]));

describe('Controller', () => {
  test('reconciles every object and every change until stopped', async () => {
    const calls: string[] = [];
    const { store, stop, running, settle, informerFactory, controller } = await setup({
      reconcileKind: (w) => {
        calls.push(w.metadata?.name ?? '');
        w.status = { ...w.status, size: w.spec?.size };
        return Promise.resolve();
      },
    });
    await store.create(widgets, widget('a', 1));
    await store.create(widgets, widget('b', 2));
    await settle();
    expect(await sizes(store)).toEqual({ a: 1, b: 2 });
    const a = await store.get(widgets, 'ns', 'a');
    await store.update(widgets, { ...a, spec: { size: 5 } });
    await settle();
    expect(await sizes(store)).toEqual({ a: 5, b: 2 });
    expect(calls.filter((c) => c === 'a').length).toBeGreaterThanOrEqual(2);

    stop.abort();
    await running;
    expect(controller.queue.shuttingDown).toBe(true);
    await informerFactory.stop();
  });

  test('retries a failed reconcile with backoff and records the failure', async () => {
    // the first failure still writes observedGeneration, whose watch event brings a second, immediate attempt
    let failures = 2;
    const { store, stop, running, settle, clock, recorder, informerFactory } = await setup({
      reconcileKind: (w) => {
        if (failures-- > 0) return Promise.reject(new Error('dependency not ready'));
        w.status = { ...w.status, size: w.spec?.size };
        return Promise.resolve();
      },
    });
    await store.create(widgets, widget('a', 7));
    await settle();
    expect(await sizes(store)).toEqual({ a: undefined });
    expect(recorder.events).toEqual(['Warning InternalError dependency not ready', 'Warning InternalError dependency not ready']);
    await clock.advanceAsync(4);
    await settle();
    expect(await sizes(store)).toEqual({ a: undefined });
    await clock.advanceAsync(1);
    await settle();
    expect(await sizes(store)).toEqual({ a: 7 });
    stop.abort();
    await running;
    await informerFactory.stop();
  });

  test('a secondary informer enqueues the owner of changed children', async () => {
    const seen: string[] = [];
    const { store, stop, running, settle, controller, informerFactory } = await setup({
      reconcileKind: (w) => {
        seen.push(w.metadata?.name ?? '');
        return Promise.resolve();
      },
    });
    informerFactory.informerFor(core.configMaps).addEventHandler(enqueueOwnerOfKind('test.knot.dev', 'Widget', (key) => controller.enqueueKey(key)));
    await store.create(widgets, widget('parent', 1));
    await settle();
    seen.length = 0;
    await store.create(core.configMaps, {
      metadata: { namespace: 'ns', name: 'child', ownerReferences: [{ apiVersion: 'test.knot.dev/v1', kind: 'Widget', name: 'parent', uid: 'u', controller: true }] },
    });
    await settle();
    expect(seen).toEqual(['parent']);
    stop.abort();
    await running;
    await informerFactory.stop();
  });

  test('rejects a worker count that is not a positive integer', () => {
    const store = new MemoryStore();
    const informerFactory = new SharedInformerFactory({ client: store });
    expect(
      () => new Controller({ name: 'c', resource: widgets, client: store, informerFactory, reconciler: { reconcileKind: () => Promise.resolve() }, workers: 0 }),
    ).toThrow('Controller workers');
  });
});
