import { core } from '@knot/api';
import type { ConfigMap } from 'kubernetes-types/core/v1.js';
import { isApiError } from '../errors.js';
import { FakeClock } from '../testing/fake-clock.js';
import { MemoryStore } from './memory-store.js';
import { errorOf, type Widget, widgets } from './test-fixtures.js';

const widget = (name: string, spec: Record<string, unknown> = { size: 1 }): Widget => ({ metadata: { name, namespace: 'default' }, spec });

describe('MemoryStore create and get', () => {
  test('fills system metadata and type from the resource type', async () => {
    const clock = new FakeClock(Date.UTC(2024, 4, 1, 12, 0, 0, 750));
    const store = new MemoryStore({ clock });
    const created = await store.create(widgets, widget('hello'));
    expect(created).toMatchObject({ apiVersion: 'example.dev/v1', kind: 'Widget', metadata: { name: 'hello', namespace: 'default', generation: 1, creationTimestamp: '2024-05-01T12:00:00Z' } });
    expect(created.metadata?.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(await store.get(widgets, 'default', 'hello')).toEqual(created);
  });

  test('every write bumps one resourceVersion shared by all kinds', async () => {
    const store = new MemoryStore();
    const start = Number(store.resourceVersion);
    const a = await store.create(widgets, widget('a'));
    const cm = await store.create(core.configMaps, { metadata: { name: 'c', namespace: 'default' }, data: { k: 'v' } });
    const a2 = await store.update(widgets, { ...a, spec: { size: 2 } });
    expect([a, cm, a2].map((o) => Number(o.metadata?.resourceVersion))).toEqual([start + 1, start + 2, start + 3]);
    expect((await store.list(widgets)).resourceVersion).toBe(String(start + 3));
  });

  test('status sent on create is dropped for kinds with a status subresource', async () => {
    const store = new MemoryStore();
    const created = await store.create(widgets, { ...widget('a'), status: { ready: true } });
    expect(created.status).toBeUndefined();
  });

  test('generateName gets a five-character suffix and retries on collision', async () => {
    const rolls = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0.5, 0.5, 0.5, 0.5, 0.5];
    const store = new MemoryStore({ random: () => rolls.shift() ?? 0.9 });
    const first = await store.create(widgets, { metadata: { generateName: 'hello-', namespace: 'default' } });
    const second = await store.create(widgets, { metadata: { generateName: 'hello-', namespace: 'default' } });
    expect(first.metadata?.name).toBe('hello-bbbbb');
    expect(second.metadata?.name).toMatch(/^hello-[a-z0-9]{5}$/);
    expect(second.metadata?.name).not.toBe('hello-bbbbb');
    expect(second.metadata?.generateName).toBe('hello-');
  });

  test.each<{ name: string; obj: Widget; code: string; field?: string; message?: string }>([
    { name: 'neither name nor generateName', obj: { metadata: { namespace: 'default' } }, code: 'Invalid', field: 'metadata.name' },
    { name: 'no namespace on a namespaced kind', obj: { metadata: { name: 'a' } }, code: 'Invalid', field: 'metadata.namespace' },
    { name: 'upper-case name', obj: { metadata: { name: 'Hello', namespace: 'default' } }, code: 'Invalid', field: 'metadata.name', message: 'Widget.example.dev "Hello" is invalid: metadata.name: Invalid value: "Hello": a lowercase RFC 1123 subdomain' },
    { name: 'name too long', obj: { metadata: { name: 'a'.repeat(254), namespace: 'default' } }, code: 'Invalid', field: 'metadata.name' },
    { name: 'bad label value', obj: { metadata: { name: 'a', namespace: 'default', labels: { app: 'a b' } } }, code: 'Invalid', field: 'metadata.labels[app]' },
    { name: 'bad label key', obj: { metadata: { name: 'a', namespace: 'default', labels: { '-x': 'y' } } }, code: 'Invalid', field: 'metadata.labels' },
    { name: 'bad finalizer', obj: { metadata: { name: 'a', namespace: 'default', finalizers: ['a/b/c'] } }, code: 'Invalid', field: 'metadata.finalizers[0]' },
    {
      name: 'owner reference without uid',
      obj: { metadata: { name: 'a', namespace: 'default', ownerReferences: [{ apiVersion: 'v1', kind: 'X', name: 'x', uid: '' }] } },
      code: 'Invalid',
      field: 'metadata.ownerReferences[0].uid',
    },
    { name: 'missing namespace object', obj: { metadata: { name: 'a', namespace: 'nowhere' } }, code: 'NotFound', message: 'namespaces "nowhere" not found' },
    { name: 'resourceVersion set', obj: { metadata: { name: 'a', namespace: 'default', resourceVersion: '3' } }, code: 'BadRequest' },
  ])('create rejects $name', async ({ obj, code, field, message }) => {
    const store = new MemoryStore();
    const err = await errorOf(store.create(widgets, obj));
    expect(err.code).toBe(code);
    if (field) expect(err.causes.map((c) => c.field)).toContain(field);
    if (message) expect(err.message).toContain(message);
  });

  test('create of an existing name is AlreadyExists', async () => {
    const store = new MemoryStore();
    await store.create(widgets, widget('a'));
    const err = await errorOf(store.create(widgets, widget('a')));
    expect(err.code).toBe('AlreadyExists');
    expect(err.message).toBe('widgets.example.dev "a" already exists');
  });

  test('namespaces are optional when the store is told so', async () => {
    const store = new MemoryStore({ requireNamespaces: false, initialNamespaces: [] });
    await store.create(widgets, { metadata: { name: 'a', namespace: 'anywhere' } });
    expect((await store.list(core.namespaces)).items).toEqual([]);
  });

  test('initial namespaces exist and are Active', async () => {
    const store = new MemoryStore({ initialNamespaces: ['default', 'knative-serving'] });
    const names = (await store.list(core.namespaces)).items.map((n) => [n.metadata?.name, n.status?.phase]);
    expect(names).toEqual([['default', 'Active'], ['knative-serving', 'Active']]);
    expect(await errorOf(store.get(core.namespaces, undefined, 'kube-system'))).toMatchObject({ code: 'NotFound' });
  });

  test('dryRun validates and returns the would-be object without persisting', async () => {
    const store = new MemoryStore();
    const before = store.resourceVersion;
    const dry = await store.create(widgets, widget('a'), { dryRun: true });
    expect(dry.metadata).toMatchObject({ name: 'a', generation: 1 });
    expect(dry.metadata?.resourceVersion).toBeUndefined();
    expect(store.resourceVersion).toBe(before);
    expect(await errorOf(store.get(widgets, 'default', 'a'))).toMatchObject({ code: 'NotFound' });
    expect(await errorOf(store.create(widgets, { metadata: { namespace: 'default' } }, { dryRun: true }))).toMatchObject({ code: 'Invalid' });
  });

  test('callers get copies: changing a returned object does not change the store', async () => {
    const store = new MemoryStore();
    const input = widget('a');
    const created = await store.create(widgets, input);
    input.spec = { size: 99 };
    created.spec = { size: 42 };
    (await store.get(widgets, 'default', 'a')).spec = { size: 7 };
    expect((await store.get(widgets, 'default', 'a')).spec).toEqual({ size: 1 });
  });
});

describe('MemoryStore list', () => {
  test.each([
    { name: 'all namespaces', namespace: undefined, opts: {}, want: ['a', 'b', 'c'] },
    { name: 'one namespace', namespace: 'other', opts: {}, want: ['c'] },
    { name: 'label equality', namespace: undefined, opts: { labelSelector: 'app=x' }, want: ['a', 'c'] },
    { name: 'label set and absence', namespace: undefined, opts: { labelSelector: 'tier in (web),!canary' }, want: ['a'] },
    { name: 'field selector on name', namespace: undefined, opts: { fieldSelector: 'metadata.name!=a' }, want: ['b', 'c'] },
    { name: 'field selector on namespace', namespace: undefined, opts: { fieldSelector: 'metadata.namespace=default' }, want: ['a', 'b'] },
  ])('$name', async ({ namespace, opts, want }) => {
    const store = new MemoryStore({ initialNamespaces: ['default', 'other'] });
    await store.create(widgets, { metadata: { name: 'b', namespace: 'default', labels: { app: 'y', tier: 'web', canary: 'true' } } });
    await store.create(widgets, { metadata: { name: 'a', namespace: 'default', labels: { app: 'x', tier: 'web' } } });
    await store.create(widgets, { metadata: { name: 'c', namespace: 'other', labels: { app: 'x' } } });
    const { items } = await store.list(widgets, namespace, opts);
    expect(items.map((o) => o.metadata?.name)).toEqual(want);
  });

  test.each([
    { name: 'bad label selector', opts: { labelSelector: 'app in (' }, message: 'app in (' },
    { name: 'unsupported field', opts: { fieldSelector: 'spec.size=1' }, message: 'spec.size' },
  ])('$name is BadRequest naming the selector', async ({ opts, message }) => {
    const err = await errorOf(new MemoryStore().list(widgets, undefined, opts));
    expect(err.code).toBe('BadRequest');
    expect(err.message).toContain(message);
  });
});

describe('MemoryStore update', () => {
  test('two writers racing with the same resourceVersion: exactly one conflicts', async () => {
    const store = new MemoryStore();
    const base = await store.create(widgets, widget('a'));
    const results = await Promise.allSettled([
      store.update(widgets, { ...base, spec: { size: 2 } }),
      store.update(widgets, { ...base, spec: { size: 3 } }),
    ]);
    const conflicts = results.filter((r) => r.status === 'rejected' && isApiError(r.reason, 'Conflict'));
    expect(conflicts).toHaveLength(1);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect((conflicts[0] as PromiseRejectedResult).reason).toMatchObject({
      message: 'Operation cannot be fulfilled on widgets.example.dev "a": the object has been modified; please apply your changes to the latest version and try again',
    });
  });

  test('an update without resourceVersion is unconditional', async () => {
    const store = new MemoryStore();
    await store.create(widgets, widget('a'));
    await store.update(widgets, widget('a', { size: 2 }));
    const updated = await store.update(widgets, widget('a', { size: 3 }));
    expect(updated.spec).toEqual({ size: 3 });
  });

  test('update of a missing object is NotFound', async () => {
    expect(await errorOf(new MemoryStore().update(widgets, widget('nope')))).toMatchObject({ code: 'NotFound', message: 'widgets.example.dev "nope" not found' });
  });

  test('a mismatched uid is a Conflict', async () => {
    const store = new MemoryStore();
    const a = await store.create(widgets, widget('a'));
    const err = await errorOf(store.update(widgets, { ...a, metadata: { ...a.metadata, uid: 'other' } }));
    expect(err.code).toBe('Conflict');
  });

  test('system metadata cannot be changed by update', async () => {
    const store = new MemoryStore();
    const a = await store.create(widgets, widget('a'));
    const updated = await store.update(widgets, { ...a, metadata: { ...a.metadata, creationTimestamp: '2000-01-01T00:00:00Z', generation: 9, labels: { x: 'y' } } });
    expect(updated.metadata).toMatchObject({ uid: a.metadata?.uid, creationTimestamp: a.metadata?.creationTimestamp, generation: 1, labels: { x: 'y' } });
  });

  test('a no-op update neither bumps the resourceVersion nor notifies', async () => {
    const store = new MemoryStore();
    const a = await store.create(widgets, widget('a'));
    const events: string[] = [];
    const watch = await store.watch(widgets, 'default', { resourceVersion: a.metadata?.resourceVersion }, (e) => events.push(e.type));
    const same = await store.update(widgets, a);
    await store.settled();
    expect(same.metadata?.resourceVersion).toBe(a.metadata?.resourceVersion);
    expect(store.resourceVersion).toBe(a.metadata?.resourceVersion);
    expect(events).toEqual([]);
    watch.stop();
  });

  test.each<{ name: string; change: (w: Widget) => Widget; status: boolean; wantGeneration: number }>([
    { name: 'spec change bumps generation', change: (w) => ({ ...w, spec: { size: 2 } }), status: false, wantGeneration: 2 },
    { name: 'label change does not', change: (w) => ({ ...w, metadata: { ...w.metadata, labels: { a: 'b' } } }), status: false, wantGeneration: 1 },
    { name: 'annotation change does not', change: (w) => ({ ...w, metadata: { ...w.metadata, annotations: { a: 'b' } } }), status: false, wantGeneration: 1 },
    { name: 'status write never does', change: (w) => ({ ...w, status: { ready: true } }), status: true, wantGeneration: 1 },
    { name: 'status write carrying a spec change still does not', change: (w) => ({ ...w, spec: { size: 5 }, status: { ready: true } }), status: true, wantGeneration: 1 },
  ])('$name', async ({ change, status, wantGeneration }) => {
    const store = new MemoryStore();
    const a = await store.create(widgets, widget('a'));
    const next = status ? await store.updateStatus(widgets, change(a)) : await store.update(widgets, change(a));
    expect(next.metadata?.generation).toBe(wantGeneration);
  });

  test('generation of kinds without status grows when anything but metadata changes', async () => {
    const store = new MemoryStore();
    const cm = await store.create(core.configMaps, { metadata: { name: 'c', namespace: 'default' }, data: { a: '1' } });
    const changed = await store.update(core.configMaps, { ...cm, data: { a: '2' } } satisfies ConfigMap);
    const relabelled = await store.update(core.configMaps, { ...changed, metadata: { ...changed.metadata, labels: { x: 'y' } } });
    expect([cm, changed, relabelled].map((c) => c.metadata?.generation)).toEqual([1, 2, 2]);
  });

  test('status is written only through updateStatus', async () => {
    const store = new MemoryStore();
    const a = await store.create(widgets, widget('a'));
    const viaUpdate = await store.update(widgets, { ...a, status: { ready: true } });
    expect(viaUpdate.status).toBeUndefined();
    const viaStatus = await store.updateStatus(widgets, { ...viaUpdate, spec: { size: 9 }, metadata: { ...viaUpdate.metadata, labels: { x: 'y' } }, status: { ready: true } });
    expect(viaStatus.status).toEqual({ ready: true });
    expect(viaStatus.spec).toEqual({ size: 1 });
    expect(viaStatus.metadata?.labels).toBeUndefined();
    const afterUpdate = await store.update(widgets, { ...viaStatus, spec: { size: 2 }, status: { ready: false } });
    expect(afterUpdate.status).toEqual({ ready: true });
  });

  test('updateStatus with a stale resourceVersion conflicts', async () => {
    const store = new MemoryStore();
    const a = await store.create(widgets, widget('a'));
    await store.update(widgets, { ...a, spec: { size: 2 } });
    expect(await errorOf(store.updateStatus(widgets, { ...a, status: { ready: true } }))).toMatchObject({ code: 'Conflict' });
  });

  test('kinds without a status subresource have no updateStatus', async () => {
    const store = new MemoryStore();
    const cm = await store.create(core.configMaps, { metadata: { name: 'c', namespace: 'default' } });
    expect(await errorOf(store.updateStatus(core.configMaps, cm))).toMatchObject({ code: 'NotFound' });
  });

  test('update validates the result', async () => {
    const store = new MemoryStore();
    const a = await store.create(widgets, widget('a'));
    const err = await errorOf(store.update(widgets, { ...a, metadata: { ...a.metadata, labels: { 'a/b/c': 'x' } } }));
    expect(err.code).toBe('Invalid');
  });
});

describe('MemoryStore addressing', () => {
  test('cluster-scoped kinds ignore a namespace', async () => {
    const store = new MemoryStore();
    const ns = await store.create(core.namespaces, { metadata: { name: 'team', namespace: 'default' } });
    expect(ns.metadata?.namespace).toBeUndefined();
    expect((await store.get(core.namespaces, 'whatever', 'team')).metadata?.uid).toBe(ns.metadata?.uid);
  });

  test.each([
    { name: 'get without a namespace', op: (s: MemoryStore) => s.get(widgets, undefined, 'a'), code: 'BadRequest' },
    { name: 'delete without a name', op: (s: MemoryStore) => s.delete(widgets, 'default', ''), code: 'BadRequest' },
    { name: 'update without a namespace', op: (s: MemoryStore) => s.update(widgets, { metadata: { name: 'a' } }), code: 'Invalid' },
    { name: 'namespace names are DNS labels', op: (s: MemoryStore) => s.create(core.namespaces, { metadata: { name: 'a.b' } }), code: 'Invalid' },
  ])('$name', async ({ op, code }) => {
    const store = new MemoryStore();
    await store.create(widgets, widget('a'));
    expect(await errorOf(op(store))).toMatchObject({ code });
  });

  test('options are checked in the constructor, naming the option', () => {
    expect(() => new MemoryStore({ historySize: 0 })).toThrow('historySize');
    expect(() => new MemoryStore({ initialNamespaces: ['Bad'] })).toThrow('initialNamespaces');
  });
});
