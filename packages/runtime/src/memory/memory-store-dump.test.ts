import { core } from '@knot/api';
import { isApiError } from '../errors.js';
import { MemoryStore } from './memory-store.js';
import { widgets } from './test-fixtures.js';

describe('MemoryStore dump and load', () => {
  test('a dump restores every object and the resourceVersion into another store', async () => {
    const source = new MemoryStore({ initialNamespaces: ['default', 'other'] });
    const w = await source.create(widgets, { metadata: { name: 'a', namespace: 'default' }, spec: { size: 1 } });
    await source.updateStatus(widgets, { ...w, status: { ready: true } });
    await source.create(core.configMaps, { metadata: { name: 'c', namespace: 'other' }, data: { k: 'v' } });
    const dump = JSON.parse(JSON.stringify(source.dump())) as unknown;

    const target = new MemoryStore({ initialNamespaces: [] });
    target.load(dump);
    expect(target.resourceVersion).toBe(source.resourceVersion);
    expect(await target.get(widgets, 'default', 'a')).toEqual(await source.get(widgets, 'default', 'a'));
    expect((await target.list(core.namespaces)).items.map((n) => n.metadata?.name)).toEqual(['default', 'other']);
    expect((await target.get(core.configMaps, 'other', 'c')).data).toEqual({ k: 'v' });

    const next = await target.create(widgets, { metadata: { name: 'b', namespace: 'default' } });
    expect(Number(next.metadata?.resourceVersion)).toBe(Number(source.resourceVersion) + 1);
  });

  test('load ends running watches with Gone and refuses to resume from before it', async () => {
    const store = new MemoryStore();
    const before = store.resourceVersion;
    const watch = await store.watch(widgets, undefined, {}, () => undefined);
    await store.create(widgets, { metadata: { name: 'a', namespace: 'default' } });
    store.load(store.dump());
    await expect(watch.done).rejects.toMatchObject({ code: 'Gone' });
    await expect(store.watch(widgets, undefined, { resourceVersion: before }, () => undefined)).rejects.toMatchObject({ code: 'Gone' });
  });

  test.each([
    { name: 'not an object', dump: 'nope', message: '$' },
    { name: 'bad resourceVersion', dump: { resourceVersion: 'x', kinds: [] }, message: 'resourceVersion' },
    { name: 'missing kind fields', dump: { resourceVersion: '1', kinds: [{ resource: { group: '' }, items: [] }] }, message: 'kinds[0].resource.version' },
    {
      name: 'item newer than the dump',
      dump: {
        resourceVersion: '1',
        kinds: [{ resource: { group: '', version: 'v1', kind: 'ConfigMap', plural: 'configmaps', namespaced: true, hasStatus: false }, items: [{ metadata: { name: 'c', namespace: 'd', uid: 'u', resourceVersion: '5' } }] }],
      },
      message: 'kinds[0].items[0].metadata.resourceVersion',
    },
  ])('rejects a dump with $name and keeps the current state', async ({ dump, message }) => {
    const store = new MemoryStore();
    const version = store.resourceVersion;
    let caught: unknown;
    try {
      store.load(dump);
    } catch (err) {
      caught = err;
    }
    expect(isApiError(caught, 'BadRequest')).toBe(true);
    expect((caught as Error).message).toContain(message);
    expect(store.resourceVersion).toBe(version);
    expect((await store.list(core.namespaces)).items).toHaveLength(1);
  });
});
