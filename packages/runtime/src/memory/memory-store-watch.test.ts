import { core } from '@knot/api';
import type { WatchEvent } from '../client.js';
import { MemoryStore } from './memory-store.js';
import { errorOf, type Widget, widgets } from './test-fixtures.js';

const widget = (name: string, labels: Record<string, string> = {}, namespace = 'default'): Widget => ({ metadata: { name, namespace, labels }, spec: { size: 1 } });
const describeEvent = (e: WatchEvent<Widget>): string => `${e.type} ${e.object.metadata?.name ?? ''}@${e.object.metadata?.resourceVersion ?? ''}`;

describe('MemoryStore watch', () => {
  test('events arrive in resourceVersion order, after the write returns', async () => {
    const store = new MemoryStore();
    const events: WatchEvent<Widget>[] = [];
    const watch = await store.watch(widgets, undefined, { resourceVersion: store.resourceVersion }, (e) => events.push(e));
    const writes = [store.create(widgets, widget('a')), store.create(widgets, widget('b'))];
    expect(events).toEqual([]);
    const [a] = await Promise.all(writes);
    await store.update(widgets, { ...a!, spec: { size: 2 } });
    await store.delete(widgets, 'default', 'b');
    await store.settled();
    const versions = events.map((e) => Number(e.object.metadata?.resourceVersion));
    expect(versions).toEqual([...versions].sort((x, y) => x - y));
    expect(events.map((e) => `${e.type} ${e.object.metadata?.name ?? ''}`)).toEqual(['ADDED a', 'ADDED b', 'MODIFIED a', 'DELETED b']);
    watch.stop();
    await expect(watch.done).resolves.toBeUndefined();
  });

  test('resuming from a resourceVersion sees exactly the changes after it', async () => {
    const store = new MemoryStore();
    const a = await store.create(widgets, widget('a'));
    const from = store.resourceVersion;
    const b = await store.create(widgets, widget('b'));
    const a2 = await store.update(widgets, { ...a, spec: { size: 2 } });
    const events: string[] = [];
    const watch = await store.watch(widgets, 'default', { resourceVersion: from }, (e) => events.push(describeEvent(e)));
    await store.delete(widgets, 'default', 'a');
    await store.settled();
    expect(events).toEqual([`ADDED b@${b.metadata?.resourceVersion ?? ''}`, `MODIFIED a@${a2.metadata?.resourceVersion ?? ''}`, `DELETED a@${Number(a2.metadata?.resourceVersion) + 1}`]);
    watch.stop();
  });

  test.each([{ from: undefined }, { from: '0' }])('resourceVersion $from starts with ADDED for every current object', async ({ from }) => {
    const store = new MemoryStore();
    await store.create(widgets, widget('b'));
    await store.create(widgets, widget('a'));
    const events: string[] = [];
    const watch = await store.watch(widgets, undefined, from === undefined ? {} : { resourceVersion: from }, (e) => events.push(`${e.type} ${e.object.metadata?.name ?? ''}`));
    await store.create(widgets, widget('c'));
    await store.settled();
    expect(events).toEqual(['ADDED a', 'ADDED b', 'ADDED c']);
    watch.stop();
  });

  test('the current resourceVersion yields only new changes', async () => {
    const store = new MemoryStore();
    await store.create(widgets, widget('a'));
    const events: string[] = [];
    const watch = await store.watch(widgets, undefined, { resourceVersion: store.resourceVersion }, (e) => events.push(`${e.type} ${e.object.metadata?.name ?? ''}`));
    await store.create(widgets, widget('b'));
    await store.settled();
    expect(events).toEqual(['ADDED b']);
    watch.stop();
  });

  test('a resourceVersion older than the history window is Gone (410)', async () => {
    const store = new MemoryStore({ historySize: 3 });
    const old = store.resourceVersion;
    for (const name of ['a', 'b', 'c', 'd']) await store.create(widgets, widget(name));
    const err = await errorOf(store.watch(widgets, undefined, { resourceVersion: old }, () => undefined));
    expect(err).toMatchObject({ code: 'Gone', status: 410 });
    expect(err.message).toContain(`too old resource version: ${old}`);
    const events: string[] = [];
    const oldest = await store.watch(widgets, undefined, { resourceVersion: String(Number(old) + 1) }, (e) => events.push(e.object.metadata?.name ?? ''));
    await store.settled();
    expect(events).toEqual(['b', 'c', 'd']);
    oldest.stop();
  });

  test('a non-numeric resourceVersion is BadRequest', async () => {
    expect(await errorOf(new MemoryStore().watch(widgets, undefined, { resourceVersion: 'abc' }, () => undefined))).toMatchObject({ code: 'BadRequest' });
  });

  test('a label-selector watch sees objects enter and leave the selection', async () => {
    const store = new MemoryStore();
    const a = await store.create(widgets, widget('a', { app: 'x' }));
    const events: string[] = [];
    const watch = await store.watch(widgets, undefined, { labelSelector: 'app=x', resourceVersion: store.resourceVersion }, (e) => {
      events.push(`${e.type} ${e.object.metadata?.name ?? ''} ${e.object.metadata?.labels?.app ?? '-'}`);
    });
    const left = await store.update(widgets, { ...a, metadata: { ...a.metadata, labels: { app: 'y' } } });
    const stillOut = await store.update(widgets, { ...left, spec: { size: 5 } });
    const back = await store.update(widgets, { ...stillOut, metadata: { ...stillOut.metadata, labels: { app: 'x' } } });
    await store.update(widgets, { ...back, spec: { size: 6 } });
    await store.create(widgets, widget('b', { app: 'z' }));
    await store.settled();
    // The DELETED carries the last matching state, as Kubernetes sends it.
    expect(events).toEqual(['DELETED a x', 'ADDED a x', 'MODIFIED a x']);
    watch.stop();
  });

  test('watches are scoped to their kind, namespace and field selector', async () => {
    const store = new MemoryStore({ initialNamespaces: ['default', 'other'] });
    const events: string[] = [];
    const w1 = await store.watch(widgets, 'other', {}, (e) => events.push(`ns ${e.object.metadata?.name ?? ''}`));
    const w2 = await store.watch(widgets, undefined, { fieldSelector: 'metadata.name=b' }, (e) => events.push(`field ${e.object.metadata?.name ?? ''}`));
    await store.create(widgets, widget('a'));
    await store.create(widgets, widget('b', {}, 'other'));
    await store.create(core.configMaps, { metadata: { name: 'b', namespace: 'other' } });
    await store.settled();
    expect(events.sort()).toEqual(['field b', 'ns b']);
    w1.stop();
    w2.stop();
  });

  test('stop ends delivery and resolves done', async () => {
    const store = new MemoryStore();
    const events: string[] = [];
    const watch = await store.watch(widgets, undefined, {}, (e) => events.push(`${e.type} ${e.object.metadata?.name ?? ''}`));
    await store.create(widgets, widget('a'));
    const pending = store.create(widgets, widget('b'));
    watch.stop();
    await pending;
    await store.create(widgets, widget('c'));
    await store.settled();
    expect(events).toEqual(['ADDED a']);
    await expect(watch.done).resolves.toBeUndefined();
  });

  test('a handler that throws ends its watch with that error', async () => {
    const store = new MemoryStore();
    const watch = await store.watch(widgets, undefined, {}, () => {
      throw new Error('handler broke');
    });
    await store.create(widgets, widget('a'));
    await expect(watch.done).rejects.toThrow('handler broke');
  });

  test('events are copies: a handler changing one affects neither the store nor other watches', async () => {
    const store = new MemoryStore();
    const seen: (string | undefined)[] = [];
    const w1 = await store.watch(widgets, undefined, {}, (e) => {
      e.object.metadata!.name = 'mutated';
    });
    const w2 = await store.watch(widgets, undefined, {}, (e) => seen.push(e.object.metadata?.name));
    await store.create(widgets, widget('a'));
    await store.settled();
    expect(seen).toEqual(['a']);
    expect((await store.get(widgets, 'default', 'a')).metadata?.name).toBe('a');
    w1.stop();
    w2.stop();
  });

  test('writes made by a handler are delivered after the events already queued', async () => {
    const store = new MemoryStore();
    const events: string[] = [];
    const watch = await store.watch(widgets, undefined, {}, (e) => {
      events.push(`${e.type} ${e.object.metadata?.name ?? ''}`);
      if (e.object.metadata?.name === 'a' && e.type === 'ADDED') void store.create(widgets, widget('from-handler'));
    });
    await Promise.all([store.create(widgets, widget('a')), store.create(widgets, widget('b'))]);
    await store.settled();
    expect(events).toEqual(['ADDED a', 'ADDED b', 'ADDED from-handler']);
    watch.stop();
  });
});
