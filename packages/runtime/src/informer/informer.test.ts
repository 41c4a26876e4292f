import { core, type KubeObject, type ResourceType } from '@knot/api';
import type { Client, CreateOptions, DeleteOptions, ListOptions, ListResult, Patch, Watch, WatchEvent, WatchOptions } from '../client.js';
import { ApiError } from '../errors.js';
import { MemoryStore } from '../memory/index.js';
import { FakeClock, flushPromises } from '../testing/fake-clock.js';
import { filterByLabel, filtered, type ResourceEventHandler } from './event-handler.js';
import { Informer } from './informer.js';

type ConfigMap = NonNullable<(typeof core.configMaps)['__type']>;
const cm = (namespace: string, name: string, data: Record<string, string> = {}, labels?: Record<string, string>): ConfigMap => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { namespace, name, ...(labels ? { labels } : {}) },
  data,
});

/** Passes through to the store, but lets a test close watches as a server would, hold new ones back, or fail them. */
class GatedClient implements Client {
  lists = 0;
  watches = 0;
  readonly #inner: Client;
  readonly #live = new Set<Watch>();
  #gate: Promise<void> | undefined;
  #open: (() => void) | undefined;
  #failures: Error[] = [];

  constructor(inner: Client) {
    this.#inner = inner;
  }

  closeWatches(): void {
    for (const w of this.#live) w.stop();
  }

  hold(): void {
    this.#gate = new Promise((resolve) => (this.#open = resolve));
  }

  release(): void {
    this.#open?.();
    this.#gate = undefined;
  }

  failWatches(...errors: Error[]): void {
    this.#failures.push(...errors);
  }

  get<T extends KubeObject>(rt: ResourceType<T>, ns: string | undefined, name: string): Promise<T> {
    return this.#inner.get(rt, ns, name);
  }

  list<T extends KubeObject>(rt: ResourceType<T>, ns?: string, opts?: ListOptions): Promise<ListResult<T>> {
    this.lists++;
    return this.#inner.list(rt, ns, opts);
  }

  async watch<T extends KubeObject>(rt: ResourceType<T>, ns: string | undefined, opts: WatchOptions, onEvent: (e: WatchEvent<T>) => void): Promise<Watch> {
    this.watches++;
    await this.#gate;
    const failure = this.#failures.shift();
    if (failure) throw failure;
    const w = await this.#inner.watch(rt, ns, opts, onEvent);
    this.#live.add(w);
    void w.done.finally(() => this.#live.delete(w)).catch(() => undefined);
    return w;
  }

  create<T extends KubeObject>(rt: ResourceType<T>, obj: T, opts?: CreateOptions): Promise<T> {
    return this.#inner.create(rt, obj, opts);
  }

  update<T extends KubeObject>(rt: ResourceType<T>, obj: T): Promise<T> {
    return this.#inner.update(rt, obj);
  }

  updateStatus<T extends KubeObject>(rt: ResourceType<T>, obj: T): Promise<T> {
    return this.#inner.updateStatus(rt, obj);
  }

  patch<T extends KubeObject>(rt: ResourceType<T>, ns: string | undefined, name: string, patch: Patch, opts?: { subresource?: 'status' }): Promise<T> {
    return this.#inner.patch(rt, ns, name, patch, opts);
  }

  delete<T extends KubeObject>(rt: ResourceType<T>, ns: string | undefined, name: string, opts?: DeleteOptions): Promise<T | undefined> {
    return this.#inner.delete(rt, ns, name, opts);
  }
}

/** Records handler calls as `add ns/name`, `update ns/name v1->v2` (data.v), `delete ns/name`. */
function recorder(): { calls: string[]; handler: ResourceEventHandler<ConfigMap> } {
  const calls: string[] = [];
  const id = (o: ConfigMap) => `${o.metadata?.namespace}/${o.metadata?.name}`;
  return {
    calls,
    handler: {
      onAdd: (o) => calls.push(`add ${id(o)}`),
      onUpdate: (a, b) => calls.push(`update ${id(b)} ${a.data?.v}->${b.data?.v}`),
      onDelete: (o) => calls.push(`delete ${id(o)}`),
    },
  };
}

async function setup(opts: { historySize?: number; namespace?: string; labelSelector?: string; seed?: ConfigMap[] } = {}) {
  const clock = new FakeClock();
  const store = new MemoryStore({ clock, requireNamespaces: false, historySize: opts.historySize });
  for (const obj of opts.seed ?? []) await store.create(core.configMaps, obj);
  const client = new GatedClient(store);
  const informer = new Informer(client, core.configMaps, { clock, namespace: opts.namespace, labelSelector: opts.labelSelector });
  const { calls, handler } = recorder();
  informer.addEventHandler(handler);
  const settle = async () => {
    await flushPromises();
    await store.settled();
    await flushPromises();
  };
  return { clock, store, client, informer, calls, settle };
}

describe('Informer', () => {
  test('syncs with one list, in its namespace only, announcing each object', async () => {
    const { informer, client, calls } = await setup({ namespace: 'a', seed: [cm('a', 'one'), cm('a', 'two'), cm('b', 'other')] });
    expect(informer.hasSynced()).toBe(false);
    informer.start();
    await expect(informer.waitForSync()).resolves.toBe(true);
    expect(informer.hasSynced()).toBe(true);
    expect(client.lists).toBe(1);
    expect(calls.sort()).toEqual(['add a/one', 'add a/two']);
    expect(informer.lister.list().map((o) => o.metadata?.name).sort()).toEqual(['one', 'two']);
    expect(informer.lister.get('a', 'one')?.metadata?.name).toBe('one');
    expect(informer.lister.get('b', 'other')).toBeUndefined();
    await informer.stop();
  });

  test('delivers adds, updates with the old and new object, and deletes, in order', async () => {
    const { informer, store, calls, settle } = await setup();
    informer.start();
    await informer.waitForSync();
    await store.create(core.configMaps, cm('default', 'x', { v: '1' }));
    const x = await store.get(core.configMaps, 'default', 'x');
    await store.update(core.configMaps, { ...x, data: { v: '2' } });
    await store.delete(core.configMaps, 'default', 'x');
    await settle();
    expect(calls).toEqual(['add default/x', 'update default/x 1->2', 'delete default/x']);
    expect(informer.lister.get('default', 'x')).toBeUndefined();
    await informer.stop();
  });

  test('resumes a closed watch from the last version seen, without relisting or repeating events', async () => {
    const { informer, store, client, calls, settle } = await setup({ seed: [cm('default', 'a', { v: '1' })] });
    informer.start();
    await informer.waitForSync();
    await store.create(core.configMaps, cm('default', 'b', { v: '1' }));
    await settle();
    client.hold();
    client.closeWatches();
    await settle();
    await store.create(core.configMaps, cm('default', 'c', { v: '1' }));
    await store.delete(core.configMaps, 'default', 'a');
    client.release();
    await settle();
    expect(calls).toEqual(['add default/a', 'add default/b', 'add default/c', 'delete default/a']);
    expect(client.lists).toBe(1);
    expect(client.watches).toBe(2);
    await informer.stop();
  });

  test('relists on Gone and announces only what changed meanwhile', async () => {
    const { informer, store, client, calls, settle } = await setup({
      historySize: 2,
      seed: [cm('default', 'a', { v: '1' }), cm('default', 'b', { v: '1' }), cm('default', 'c', { v: '1' })],
    });
    informer.start();
    await informer.waitForSync();
    await store.create(core.configMaps, cm('default', 'warm', { v: '1' }));
    await settle();
    client.hold();
    client.closeWatches();
    await settle();
    const a = await store.get(core.configMaps, 'default', 'a');
    await store.update(core.configMaps, { ...a, data: { v: '2' } });
    await store.delete(core.configMaps, 'default', 'b');
    await store.create(core.configMaps, cm('default', 'd', { v: '1' }));
    client.release();
    await settle();
    expect(client.lists).toBe(2);
    expect(calls.slice(4)).toEqual(['delete default/b', 'update default/a 1->2', 'add default/d']);
    expect(informer.lister.list().map((o) => o.metadata?.name).sort()).toEqual(['a', 'c', 'd', 'warm']);
    // the watch resumes from the relist: later writes arrive as events
    await store.delete(core.configMaps, 'default', 'c');
    await settle();
    expect(calls.at(-1)).toBe('delete default/c');
    await informer.stop();
  });

  test('backs off on watch errors, doubling the wait, then recovers', async () => {
    const { informer, store, client, calls, clock, settle } = await setup();
    client.failWatches(new ApiError('InternalError', 'etcd down'), new ApiError('InternalError', 'etcd down'));
    informer.start();
    await informer.waitForSync();
    await settle();
    expect(client.watches).toBe(1);
    await clock.advanceAsync(799);
    expect(client.watches).toBe(1);
    await clock.advanceAsync(1);
    expect(client.watches).toBe(2);
    await clock.advanceAsync(1599);
    expect(client.watches).toBe(2);
    await clock.advanceAsync(1);
    expect(client.watches).toBe(3);
    await store.create(core.configMaps, cm('default', 'late'));
    await settle();
    expect(calls).toEqual(['add default/late']);
    await informer.stop();
  });

  test('a filtered handler sees objects entering and leaving its selection', async () => {
    const { informer, store, settle } = await setup({ seed: [cm('default', 'a', {}, { tier: 'web' }), cm('default', 'b', {}, { tier: 'db' })] });
    const { calls, handler } = recorder();
    informer.addEventHandler(filtered(filterByLabel('tier', 'web'), handler));
    informer.start();
    await informer.waitForSync();
    const b = await store.get(core.configMaps, 'default', 'b');
    await store.update(core.configMaps, { ...b, metadata: { ...b.metadata, labels: { tier: 'web' } } });
    const a = await store.get(core.configMaps, 'default', 'a');
    await store.update(core.configMaps, { ...a, metadata: { ...a.metadata, labels: { tier: 'db' } } });
    await settle();
    expect(calls).toEqual(['add default/a', 'add default/b', 'delete default/a']);
    expect(informer.lister.list('default', 'tier=web').map((o) => o.metadata?.name)).toEqual(['b']);
    expect(informer.lister.list(undefined, 'tier in (web,db)')).toHaveLength(2);
    expect(() => informer.lister.list(undefined, 'tier in (')).toThrow();
    await informer.stop();
  });

  test('a label-selected informer caches only matching objects', async () => {
    const { informer } = await setup({ labelSelector: 'tier=web', seed: [cm('default', 'a', {}, { tier: 'web' }), cm('default', 'b', {}, { tier: 'db' })] });
    informer.start();
    await informer.waitForSync();
    expect(informer.lister.list().map((o) => o.metadata?.name)).toEqual(['a']);
    await informer.stop();
  });

  test('a handler added after sync first gets every cached object', async () => {
    const { informer } = await setup({ seed: [cm('default', 'a'), cm('default', 'b')] });
    informer.start();
    await informer.waitForSync();
    const { calls, handler } = recorder();
    const remove = informer.addEventHandler(handler);
    expect(calls.sort()).toEqual(['add default/a', 'add default/b']);
    remove();
    await informer.stop();
  });

  test('cached objects are frozen, so a reconciler cannot change the shared copy', async () => {
    const { informer } = await setup({ seed: [cm('default', 'a', { v: '1' })] });
    informer.start();
    await informer.waitForSync();
    const obj = informer.lister.get('default', 'a');
    expect(() => {
      if (obj?.data) obj.data.v = '2';
    }).toThrow(TypeError);
    await informer.stop();
  });

  test('waitForSync answers false when stopped before syncing, or when its signal aborts', async () => {
    const { informer, client } = await setup();
    client.hold();
    const aborted = new AbortController();
    const waiting = informer.waitForSync(aborted.signal);
    aborted.abort();
    await expect(waiting).resolves.toBe(false);
    const stopped = informer.waitForSync();
    await informer.stop();
    await expect(stopped).resolves.toBe(false);
  });
});
