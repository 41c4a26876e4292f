import { core } from '@knot/api';
import { FakeClock } from '../testing/fake-clock.js';
import { MemoryStore } from './memory-store.js';
import { errorOf, ownedBy, widget, widgets } from './test-fixtures.js';

async function names(store: MemoryStore, namespace?: string): Promise<string[]> {
  return (await store.list(widgets, namespace)).items.map((w) => w.metadata?.name ?? '');
}

/** Records `TYPE name` for every widget event. */
async function recorder(store: MemoryStore): Promise<{ events: string[]; stop: () => void }> {
  const events: string[] = [];
  const watch = await store.watch(widgets, undefined, { resourceVersion: store.resourceVersion }, (e) => {
    events.push(`${e.type} ${e.object.metadata?.name ?? ''}${e.object.metadata?.deletionTimestamp ? ' (deleting)' : ''}`);
  });
  return { events, stop: () => watch.stop() };
}

describe('MemoryStore delete', () => {
  test('an object without finalizers is removed at once with a DELETED event', async () => {
    const store = new MemoryStore();
    await store.create(widgets, widget('a'));
    const rec = await recorder(store);
    const deleted = await store.delete(widgets, 'default', 'a');
    expect(deleted?.metadata?.resourceVersion).toBe(store.resourceVersion);
    expect(await errorOf(store.get(widgets, 'default', 'a'))).toMatchObject({ code: 'NotFound' });
    await store.settled();
    expect(rec.events).toEqual(['DELETED a']);
    rec.stop();
  });

  test('a finalizer blocks deletion until an update removes it', async () => {
    const clock = new FakeClock(Date.UTC(2024, 0, 1, 0, 0, 0));
    const store = new MemoryStore({ clock });
    await store.create(widgets, widget('a', { finalizers: ['example.dev/cleanup'] }));
    const rec = await recorder(store);
    clock.advance(5_000);
    const marked = await store.delete(widgets, 'default', 'a');
    expect(marked?.metadata).toMatchObject({ deletionTimestamp: '2024-01-01T00:00:05Z', deletionGracePeriodSeconds: 0, generation: 2 });
    clock.advance(5_000);
    const again = await store.delete(widgets, 'default', 'a');
    expect(again?.metadata?.deletionTimestamp).toBe('2024-01-01T00:00:05Z');
    expect(again?.metadata?.resourceVersion).toBe(marked?.metadata?.resourceVersion);

    const current = await store.get(widgets, 'default', 'a');
    const err = await errorOf(store.update(widgets, { ...current, metadata: { ...current.metadata, finalizers: ['example.dev/cleanup', 'example.dev/more'] } }));
    expect(err.code).toBe('Invalid');
    expect(err.message).toContain('no new finalizers can be added if the object is being deleted');

    const stillThere = await store.update(widgets, { ...current, spec: { touched: true }, metadata: { ...current.metadata, deletionTimestamp: undefined } });
    expect(stillThere.metadata?.deletionTimestamp).toBe('2024-01-01T00:00:05Z');
    await store.update(widgets, { ...stillThere, metadata: { ...stillThere.metadata, finalizers: [] } });
    expect(await errorOf(store.get(widgets, 'default', 'a'))).toMatchObject({ code: 'NotFound' });
    await store.settled();
    expect(rec.events).toEqual(['MODIFIED a (deleting)', 'MODIFIED a (deleting)', 'DELETED a (deleting)']);
    rec.stop();
  });

  test('a stale precondition resourceVersion is a Conflict', async () => {
    const store = new MemoryStore();
    const a = await store.create(widgets, widget('a'));
    await store.update(widgets, { ...a, spec: { x: 1 } });
    expect(await errorOf(store.delete(widgets, 'default', 'a', { preconditionResourceVersion: a.metadata?.resourceVersion }))).toMatchObject({ code: 'Conflict' });
    expect(await names(store)).toEqual(['a']);
  });

  test('background deletion cascades through two levels of owners', async () => {
    const store = new MemoryStore();
    const root = await store.create(widgets, widget('root'));
    const child = await store.create(widgets, widget('child', { owners: [ownedBy(root)] }));
    await store.create(widgets, widget('grandchild', { owners: [ownedBy(child)] }));
    await store.create(widgets, widget('unrelated'));
    const rec = await recorder(store);
    await store.delete(widgets, 'default', 'root');
    expect(await names(store)).toEqual(['child', 'grandchild', 'unrelated']);
    await store.settled();
    expect(await names(store)).toEqual(['unrelated']);
    expect(rec.events).toEqual(['DELETED root', 'DELETED child', 'DELETED grandchild']);
    rec.stop();
  });

  test('background cascade respects a dependent\'s finalizers', async () => {
    const store = new MemoryStore();
    const root = await store.create(widgets, widget('root'));
    const child = await store.create(widgets, widget('child', { owners: [ownedBy(root)], finalizers: ['example.dev/hold'] }));
    await store.create(widgets, widget('grandchild', { owners: [ownedBy(child)] }));
    await store.delete(widgets, 'default', 'root');
    await store.settled();
    expect(await names(store)).toEqual(['child', 'grandchild']);
    const held = await store.get(widgets, 'default', 'child');
    expect(held.metadata?.deletionTimestamp).toBeDefined();
    await store.update(widgets, { ...held, metadata: { ...held.metadata, finalizers: undefined } });
    await store.settled();
    expect(await names(store)).toEqual([]);
  });

  test('a dependent with another live owner only loses the reference', async () => {
    const store = new MemoryStore();
    const a = await store.create(widgets, widget('a'));
    const b = await store.create(widgets, widget('b'));
    await store.create(widgets, widget('shared', { owners: [ownedBy(a), ownedBy(b)] }));
    await store.delete(widgets, 'default', 'a');
    await store.settled();
    const shared = await store.get(widgets, 'default', 'shared');
    expect(shared.metadata?.ownerReferences?.map((r) => r.name)).toEqual(['b']);
  });

  test('foreground deletion removes blocking dependents before the owner', async () => {
    const store = new MemoryStore();
    const owner = await store.create(widgets, widget('owner'));
    await store.create(widgets, widget('blocker', { owners: [ownedBy(owner, true)], finalizers: ['example.dev/hold'] }));
    await store.create(widgets, widget('loose', { owners: [ownedBy(owner)] }));
    const rec = await recorder(store);
    const marked = await store.delete(widgets, 'default', 'owner', { propagationPolicy: 'Foreground' });
    expect(marked?.metadata?.finalizers).toEqual(['foregroundDeletion']);
    expect(marked?.metadata?.deletionTimestamp).toBeDefined();
    await store.settled();
    // The owner waits for the blocking dependent, which waits for its finalizer.
    expect(await names(store)).toEqual(['blocker', 'owner']);
    const blocker = await store.get(widgets, 'default', 'blocker');
    await store.update(widgets, { ...blocker, metadata: { ...blocker.metadata, finalizers: [] } });
    await store.settled();
    expect(await names(store)).toEqual([]);
    // Dependents are themselves deleted in the foreground, as Kubernetes' garbage collector does.
    expect(rec.events).toEqual([
      'MODIFIED owner (deleting)',
      'MODIFIED blocker (deleting)',
      'MODIFIED loose (deleting)',
      'MODIFIED blocker (deleting)',
      'DELETED loose (deleting)',
      'DELETED blocker (deleting)',
      'DELETED owner (deleting)',
    ]);
    rec.stop();
  });

  test('foreground deletion without dependents removes the owner promptly', async () => {
    const store = new MemoryStore();
    await store.create(widgets, widget('alone'));
    await store.delete(widgets, 'default', 'alone', { propagationPolicy: 'Foreground' });
    await store.settled();
    expect(await names(store)).toEqual([]);
  });

  test('orphan deletion removes the owner and strips references from dependents', async () => {
    const store = new MemoryStore();
    const owner = await store.create(widgets, widget('owner'));
    const other = await store.create(widgets, widget('other'));
    await store.create(widgets, widget('child', { owners: [ownedBy(owner), ownedBy(other)] }));
    await store.create(widgets, widget('only-child', { owners: [ownedBy(owner)] }));
    await store.delete(widgets, 'default', 'owner', { propagationPolicy: 'Orphan' });
    await store.settled();
    expect(await names(store)).toEqual(['child', 'only-child', 'other']);
    expect((await store.get(widgets, 'default', 'child')).metadata?.ownerReferences?.map((r) => r.name)).toEqual(['other']);
    expect((await store.get(widgets, 'default', 'only-child')).metadata?.ownerReferences).toBeUndefined();
  });

  test('deleting a namespace deletes what is in it, then the namespace', async () => {
    const store = new MemoryStore({ initialNamespaces: ['default', 'doomed'] });
    await store.create(widgets, widget('keep'));
    await store.create(widgets, widget('a', { namespace: 'doomed' }));
    await store.create(widgets, widget('held', { namespace: 'doomed', finalizers: ['example.dev/hold'] }));
    await store.create(core.configMaps, { metadata: { name: 'c', namespace: 'doomed' } });
    const terminating = await store.delete(core.namespaces, undefined, 'doomed');
    expect(terminating?.status?.phase).toBe('Terminating');
    expect(await errorOf(store.create(widgets, widget('late', { namespace: 'doomed' })))).toMatchObject({ code: 'Forbidden' });
    await store.settled();
    expect(await names(store)).toEqual(['keep', 'held']);
    expect((await store.list(core.configMaps, 'doomed')).items).toEqual([]);
    expect((await store.get(core.namespaces, undefined, 'doomed')).status?.phase).toBe('Terminating');
    const held = await store.get(widgets, 'doomed', 'held');
    await store.update(widgets, { ...held, metadata: { ...held.metadata, finalizers: [] } });
    await store.settled();
    expect(await errorOf(store.get(core.namespaces, undefined, 'doomed'))).toMatchObject({ code: 'NotFound' });
    expect(await names(store)).toEqual(['keep']);
  });

  test('delete of a missing object is NotFound', async () => {
    expect(await errorOf(new MemoryStore().delete(widgets, 'default', 'nope'))).toMatchObject({ code: 'NotFound', message: 'widgets.example.dev "nope" not found' });
  });
});
