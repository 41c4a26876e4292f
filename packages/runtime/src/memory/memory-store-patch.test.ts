import type { Patch } from '../client.js';
import { MemoryStore } from './memory-store.js';
import { errorOf, type Widget, widgets } from './test-fixtures.js';

async function seeded(): Promise<{ store: MemoryStore; base: Widget }> {
  const store = new MemoryStore();
  const created = await store.create(widgets, { metadata: { name: 'a', namespace: 'default', labels: { app: 'a', tier: 'web' } }, spec: { size: 1, ports: [80] } });
  const base = await store.updateStatus(widgets, { ...created, status: { ready: false } });
  return { store, base };
}

describe('MemoryStore patch', () => {
  test.each<{ name: string; patch: Patch; status?: boolean; want: Partial<Widget>; generation: number; noop?: boolean }>([
    {
      name: 'merge patch changes spec and removes a label',
      patch: { type: 'merge', patch: { metadata: { labels: { tier: null } }, spec: { size: 3 } } },
      want: { metadata: { labels: { app: 'a' } }, spec: { size: 3, ports: [80] } },
      generation: 2,
    },
    { name: 'merge patch replaces arrays', patch: { type: 'merge', patch: { spec: { ports: [81, 82] } } }, want: { spec: { size: 1, ports: [81, 82] } }, generation: 2 },
    { name: 'merge patch of labels only keeps generation', patch: { type: 'merge', patch: { metadata: { labels: { new: 'x' } } } }, want: { metadata: { labels: { app: 'a', tier: 'web', new: 'x' } } }, generation: 1 },
    {
      name: 'JSON patch appends to a list',
      patch: { type: 'json', patch: [{ op: 'test', path: '/spec/size', value: 1 }, { op: 'add', path: '/spec/ports/-', value: 443 }] },
      want: { spec: { size: 1, ports: [80, 443] } },
      generation: 2,
    },
    { name: 'status through the main resource is ignored', patch: { type: 'merge', patch: { status: { ready: true } } }, want: { status: { ready: false } }, generation: 1, noop: true },
    { name: 'status subresource patch writes status', patch: { type: 'merge', patch: { status: { ready: true } } }, status: true, want: { status: { ready: true } }, generation: 1 },
    {
      name: 'status subresource patch ignores spec and labels',
      patch: { type: 'json', patch: [{ op: 'replace', path: '/spec/size', value: 9 }, { op: 'remove', path: '/metadata/labels/app' }, { op: 'replace', path: '/status/ready', value: true }] },
      status: true,
      want: { spec: { size: 1, ports: [80] }, metadata: { labels: { app: 'a', tier: 'web' } }, status: { ready: true } },
      generation: 1,
    },
  ])('$name', async ({ patch, status, want, generation, noop }) => {
    const { store, base } = await seeded();
    const patched = await store.patch(widgets, 'default', 'a', patch, status ? { subresource: 'status' } : {});
    expect(patched).toMatchObject(want);
    expect(patched.metadata?.generation).toBe(generation);
    expect(await store.get(widgets, 'default', 'a')).toEqual(patched);
    if (noop) expect(patched.metadata?.resourceVersion).toBe(base.metadata?.resourceVersion);
    else expect(Number(patched.metadata?.resourceVersion)).toBeGreaterThan(Number(base.metadata?.resourceVersion));
  });

  test.each<{ name: string; patch: (base: Widget) => Patch; code: string; message?: string }>([
    { name: 'a stale resourceVersion in a merge patch is a precondition', patch: () => ({ type: 'merge', patch: { metadata: { resourceVersion: '1' }, spec: { size: 2 } } }), code: 'Conflict' },
    { name: 'a stale resourceVersion in a JSON patch', patch: () => ({ type: 'json', patch: [{ op: 'replace', path: '/metadata/resourceVersion', value: '1' }] }), code: 'Conflict' },
    { name: 'a failing test op', patch: () => ({ type: 'json', patch: [{ op: 'test', path: '/spec/size', value: 5 }] }), code: 'Invalid', message: '/spec/size' },
    { name: 'a path that does not exist', patch: () => ({ type: 'json', patch: [{ op: 'remove', path: '/spec/missing' }] }), code: 'Invalid', message: '/spec/missing' },
    { name: 'renaming', patch: () => ({ type: 'merge', patch: { metadata: { name: 'b' } } }), code: 'BadRequest', message: 'name' },
    { name: 'an invalid result', patch: () => ({ type: 'merge', patch: { metadata: { labels: { app: 'not valid' } } } }), code: 'Invalid', message: 'metadata.labels[app]' },
  ])('$name', async ({ patch, code, message }) => {
    const { store, base } = await seeded();
    const err = await errorOf(store.patch(widgets, 'default', 'a', patch(base)));
    expect(err.code).toBe(code);
    if (message) expect(err.message).toContain(message);
    expect(await store.get(widgets, 'default', 'a')).toEqual(base);
  });

  test('a current resourceVersion in the patch lets it through', async () => {
    const { store, base } = await seeded();
    const patched = await store.patch(widgets, 'default', 'a', { type: 'merge', patch: { metadata: { resourceVersion: base.metadata?.resourceVersion }, spec: { size: 2 } } });
    expect(patched.spec?.size).toBe(2);
  });

  test('patch of a missing object is NotFound', async () => {
    const { store } = await seeded();
    expect(await errorOf(store.patch(widgets, 'default', 'nope', { type: 'merge', patch: {} }))).toMatchObject({ code: 'NotFound' });
  });

  test('an empty patch writes nothing', async () => {
    const { store, base } = await seeded();
    const same = await store.patch(widgets, 'default', 'a', { type: 'merge', patch: {} });
    expect(same.metadata?.resourceVersion).toBe(base.metadata?.resourceVersion);
  });
});
