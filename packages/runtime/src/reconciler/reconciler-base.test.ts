import { defineResource, newLivingConditionSet, type KubeObject, type Status } from '@knot/api';
import { ApiError } from '../errors.js';
import { SharedInformerFactory } from '../informer/shared-informer-factory.js';
import { MemoryStore } from '../memory/index.js';
import { FakeClock, flushPromises } from '../testing/fake-clock.js';
import { FakeRecorder } from '../testing/fake-recorder.js';
import { RecordingClient } from '../testing/recording-client.js';
import { permanentError, reconcilerEvent, requeueAfter, RequeueAfterError } from './errors.js';
import type { KindReconciler } from './kind-reconciler.js';
import { ReconcilerBase } from './reconciler-base.js';

interface Widget extends KubeObject {
  spec?: { size?: number };
  status?: Status & { size?: number };
}
const widgets = defineResource<Widget>({ group: 'test.knot.dev', version: 'v1', kind: 'Widget', plural: 'widgets', namespaced: true, hasStatus: true });
const widget = (name: string, size = 1): Widget => ({ apiVersion: 'test.knot.dev/v1', kind: 'Widget', metadata: { namespace: 'ns', name }, spec: { size } });

/** Copies spec.size into status.size; counts its calls. */
class SizeReconciler implements KindReconciler<Widget> {
  reconciled: Widget[] = [];
  finalized: Widget[] = [];
  reconcileError: Error | undefined;
  finalizeError: Error | undefined;

  reconcileKind(obj: Widget) {
    this.reconciled.push(structuredClone(obj));
    obj.status = { ...obj.status, size: obj.spec?.size };
    return this.reconcileError === undefined ? Promise.resolve() : Promise.reject(this.reconcileError);
  }
}

class FinalizingReconciler extends SizeReconciler {
  finalizeKind(obj: Widget) {
    this.finalized.push(structuredClone(obj));
    return this.finalizeError === undefined ? Promise.resolve() : Promise.reject(this.finalizeError);
  }
}

async function setup(reconciler: KindReconciler<Widget>, opts: { conditions?: boolean } = {}) {
  const clock = new FakeClock();
  const store = new MemoryStore({ clock, requireNamespaces: false });
  const client = new RecordingClient(store);
  const factory = new SharedInformerFactory({ client: store, clock });
  const recorder = new FakeRecorder();
  const base = new ReconcilerBase({
    resource: widgets,
    client,
    lister: factory.listerFor(widgets),
    reconciler,
    recorder,
    clock,
    ...(opts.conditions ? { conditionSet: newLivingConditionSet('Sized') } : {}),
  });
  factory.start();
  await factory.waitForSync();
  const settle = async () => {
    await store.settled();
    await flushPromises();
  };
  return { clock, store, client, factory, recorder, base, settle };
}

describe('ReconcilerBase', () => {
  test('adds its finalizer before reconcileKind and removes it after finalizeKind on delete', async () => {
    const r = new FinalizingReconciler();
    const { store, client, base, recorder, settle, factory } = await setup(r);
    await store.create(widgets, widget('w'));
    await settle();

    await base.reconcile('ns/w');
    expect(client.ofVerb('patch').map((a) => a.patch)).toEqual([{ type: 'merge', patch: { metadata: { finalizers: ['widgets.test.knot.dev'], resourceVersion: expect.any(String) as string } } }]);
    expect(r.reconciled[0]?.metadata?.finalizers).toEqual(['widgets.test.knot.dev']);
    expect(recorder.events).toEqual(['Normal FinalizerUpdate Updated "w" finalizers']);

    await store.delete(widgets, 'ns', 'w');
    await settle();
    expect((await store.get(widgets, 'ns', 'w')).metadata?.deletionTimestamp).toBeDefined();
    await base.reconcile('ns/w');
    expect(r.finalized).toHaveLength(1);
    expect(r.reconciled).toHaveLength(1);
    await expect(store.get(widgets, 'ns', 'w')).rejects.toMatchObject({ code: 'NotFound' });
    expect(client.ofVerb('patch')[1]?.patch).toEqual({ type: 'merge', patch: { metadata: { finalizers: [], resourceVersion: expect.any(String) as string } } });
    await factory.stop();
  });

  test('keeps the finalizer when finalizeKind fails, and reports the failure', async () => {
    const r = new FinalizingReconciler();
    r.finalizeError = new Error('cannot release the widget');
    const { store, base, recorder, settle, factory } = await setup(r);
    await store.create(widgets, { ...widget('w'), metadata: { namespace: 'ns', name: 'w', finalizers: ['widgets.test.knot.dev'] } });
    await store.delete(widgets, 'ns', 'w');
    await settle();
    await expect(base.reconcile('ns/w')).rejects.toThrow('cannot release the widget');
    expect((await store.get(widgets, 'ns', 'w')).metadata?.finalizers).toEqual(['widgets.test.knot.dev']);
    expect(recorder.events).toEqual(['Warning InternalError cannot release the widget']);
    await factory.stop();
  });

  test('leaves objects being deleted alone when it has no finalizer on them', async () => {
    const r = new FinalizingReconciler();
    const { store, client, base, settle, factory } = await setup(r);
    await store.create(widgets, { ...widget('w'), metadata: { namespace: 'ns', name: 'w', finalizers: ['someone.else'] } });
    await store.delete(widgets, 'ns', 'w');
    await settle();
    await base.reconcile('ns/w');
    expect(r.finalized).toEqual([]);
    expect(client.actions).toEqual([]);
    await factory.stop();
  });

  test('writes status only when it changed, with observedGeneration', async () => {
    const r = new SizeReconciler();
    const { store, client, base, settle, factory } = await setup(r);
    await store.create(widgets, widget('w', 3));
    await settle();

    await base.reconcile('ns/w');
    await settle();
    await base.reconcile('ns/w');
    await settle();
    expect(client.ofVerb('updateStatus')).toHaveLength(1);
    expect((await store.get(widgets, 'ns', 'w')).status).toEqual({ size: 3, observedGeneration: 1 });

    const w = await store.get(widgets, 'ns', 'w');
    await store.update(widgets, { ...w, spec: { size: 4 } });
    await settle();
    await base.reconcile('ns/w');
    expect(client.ofVerb('updateStatus')).toHaveLength(2);
    expect((await store.get(widgets, 'ns', 'w')).status).toEqual({ size: 4, observedGeneration: 2 });
    expect(client.ofVerb('update')).toEqual([]);
    await factory.stop();
  });

  test('retries a status write that conflicts, on the latest object, keeping the newer spec', async () => {
    const r = new SizeReconciler();
    const { store, client, base, settle, factory } = await setup(r);
    await store.create(widgets, widget('w', 3));
    await settle();
    await factory.stop(); // the cache stays at the first version
    const w = await store.get(widgets, 'ns', 'w');
    await store.update(widgets, { ...w, metadata: { ...w.metadata, labels: { touched: 'yes' } } });

    await base.reconcile('ns/w');
    expect(client.ofVerb('updateStatus')).toHaveLength(2);
    const latest = await store.get(widgets, 'ns', 'w');
    expect(latest.status?.size).toBe(3);
    expect(latest.metadata?.labels).toEqual({ touched: 'yes' });
  });

  test('gives up after five conflicting status writes, without an event', async () => {
    const r = new SizeReconciler();
    const { store, client, base, recorder, settle, factory } = await setup(r);
    await store.create(widgets, widget('w'));
    await settle();
    client.induceFailure({ verb: 'updateStatus', resource: 'widgets.test.knot.dev', error: new ApiError('Conflict', 'stale'), times: 5 });
    await expect(base.reconcile('ns/w')).rejects.toMatchObject({ code: 'Conflict' });
    expect(client.ofVerb('updateStatus')).toHaveLength(5);
    expect(recorder.events).toEqual([]);
    await factory.stop();
  });

  test('reports a status write that fails for another reason', async () => {
    const { store, client, base, recorder, settle, factory } = await setup(new SizeReconciler());
    await store.create(widgets, widget('w'));
    await settle();
    client.induceFailure({ verb: 'updateStatus', resource: 'widgets.test.knot.dev', error: new ApiError('Forbidden', 'no status for you') });
    await expect(base.reconcile('ns/w')).rejects.toMatchObject({ code: 'Forbidden' });
    expect(recorder.events).toEqual(['Warning UpdateFailed Failed to update status for "w": no status for you']);
    await factory.stop();
  });

  test('a finalizer patch on a stale cache conflicts quietly and reconciles nothing', async () => {
    const r = new FinalizingReconciler();
    const { store, base, recorder, settle, factory } = await setup(r);
    await store.create(widgets, widget('w'));
    await settle();
    await factory.stop();
    const w = await store.get(widgets, 'ns', 'w');
    await store.update(widgets, { ...w, spec: { size: 9 } });
    await expect(base.reconcile('ns/w')).rejects.toMatchObject({ code: 'Conflict' });
    expect(r.reconciled).toEqual([]);
    expect(recorder.events).toEqual([]);
  });

  test('a reconcileKind that throws synchronously is handled like a rejection', async () => {
    const { store, base, recorder, settle, factory } = await setup({
      reconcileKind: () => {
        throw new Error('sync boom');
      },
    });
    await store.create(widgets, widget('w'));
    await settle();
    await expect(base.reconcile('ns/w')).rejects.toThrow('sync boom');
    expect(recorder.events).toEqual(['Warning InternalError sync boom']);
    await factory.stop();
  });

  test.each([
    { name: 'an error becomes an InternalError event and is rethrown', err: new Error('boom'), events: ['Warning InternalError boom'], thrown: 'boom' },
    { name: 'a permanent error is reported and rethrown', err: permanentError(new Error('bad spec')), events: ['Warning InternalError bad spec'], thrown: 'bad spec' },
    { name: 'a conflict is retried quietly', err: new ApiError('Conflict', 'stale'), events: [], thrown: 'stale' },
    { name: 'a Normal event is reported and is success', err: reconcilerEvent('Normal', 'Sized', 'sized it'), events: ['Normal Sized sized it'], thrown: undefined },
    { name: 'a Warning event is reported with its reason', err: reconcilerEvent('Warning', 'TooBig', 'too big'), events: ['Warning TooBig too big'], thrown: 'too big' },
    { name: 'a requeue is neither reported nor a failure to log', err: requeueAfter(1000), events: [], thrown: 'requeue after 1000ms' },
  ])('$name, with status still written', async ({ err, events, thrown }) => {
    const r = new SizeReconciler();
    r.reconcileError = err;
    const { store, client, base, recorder, settle, factory } = await setup(r);
    await store.create(widgets, widget('w', 2));
    await settle();
    const run = base.reconcile('ns/w');
    if (thrown === undefined) await expect(run).resolves.toBeUndefined();
    else await expect(run).rejects.toThrow(thrown);
    expect(recorder.events).toEqual(events);
    expect(client.ofVerb('updateStatus')).toHaveLength(1);
    await factory.stop();
  });

  test('turns a returned requeueAfter result into a RequeueAfterError', async () => {
    const { store, base, settle, factory } = await setup({ reconcileKind: () => Promise.resolve({ requeueAfter: 250 }) });
    await store.create(widgets, widget('w'));
    await settle();
    await expect(base.reconcile('ns/w')).rejects.toEqual(expect.objectContaining({ requeueAfter: 250 }));
    await expect(base.reconcile('ns/w')).rejects.toBeInstanceOf(RequeueAfterError);
    await factory.stop();
  });

  test('does nothing for a key that is no longer cached', async () => {
    const r = new SizeReconciler();
    const { client, base, factory } = await setup(r);
    await base.reconcile('ns/gone');
    expect(r.reconciled).toEqual([]);
    expect(client.actions).toEqual([]);
    await factory.stop();
  });

  test.each([
    {
      name: 'a reconciler that sets no condition leaves Ready Unknown for the new generation',
      mark: false,
      conditions: [
        { type: 'Ready', status: 'Unknown', reason: 'NewObservedGenFailure', message: 'unsuccessfully observed a new generation', lastTransitionTime: '2024-01-01T00:00:00Z' },
        { type: 'Sized', status: 'Unknown', lastTransitionTime: '2024-01-01T00:00:00Z' },
      ],
    },
    {
      name: 'a reconciler that marks its condition True makes Ready True',
      mark: true,
      conditions: [
        { type: 'Ready', status: 'True', lastTransitionTime: '2024-01-01T00:00:00Z' },
        { type: 'Sized', status: 'True', lastTransitionTime: '2024-01-01T00:00:00Z' },
      ],
    },
  ])('with a condition set: $name', async ({ mark, conditions }) => {
    const set = newLivingConditionSet('Sized');
    const reconciler: KindReconciler<Widget> = {
      reconcileKind: (obj, ctx) => {
        if (mark && obj.status) set.manage(obj.status, { now: () => ctx.clock.now() }).markTrue('Sized');
        return Promise.resolve();
      },
    };
    const { store, base, settle, factory } = await setup(reconciler, { conditions: true });
    await store.create(widgets, widget('w'));
    await settle();
    await base.reconcile('ns/w');
    const status = (await store.get(widgets, 'ns', 'w')).status;
    expect(status?.observedGeneration).toBe(1);
    expect(status?.conditions).toEqual(conditions);
    await factory.stop();
  });
});
