import { core, serving } from '@knot/api';
import { MemoryStore } from '../memory/index.js';
import { FakeClock } from '../testing/fake-clock.js';
import { SharedInformerFactory } from './shared-informer-factory.js';

describe('SharedInformerFactory', () => {
  test('shares one informer per kind, namespace and selector', () => {
    const factory = new SharedInformerFactory({ client: new MemoryStore(), clock: new FakeClock() });
    const a = factory.informerFor(core.configMaps);
    expect(factory.informerFor(core.configMaps)).toBe(a);
    expect(factory.listerFor(core.configMaps)).toBe(a.lister);
    expect(factory.informerFor(core.configMaps, { namespace: 'x' })).not.toBe(a);
    expect(factory.informerFor(core.configMaps, { labelSelector: 'app=x' })).not.toBe(a);
    expect(factory.informerFor(serving.services)).not.toBe(a);
  });

  test('scopes informers to its namespace, but never cluster-scoped kinds', () => {
    const factory = new SharedInformerFactory({ client: new MemoryStore(), namespace: 'team' });
    expect(factory.informerFor(core.configMaps).namespace).toBe('team');
    expect(factory.informerFor(core.namespaces).namespace).toBeUndefined();
  });

  test('starts informers asked for after start, and waits for all of them', async () => {
    const store = new MemoryStore({ requireNamespaces: false });
    await store.create(core.configMaps, { metadata: { namespace: 'default', name: 'cm' } });
    const factory = new SharedInformerFactory({ client: store, clock: new FakeClock() });
    const early = factory.informerFor(serving.services);
    factory.start();
    const late = factory.informerFor(core.configMaps);
    await expect(factory.waitForSync()).resolves.toBe(true);
    expect(early.hasSynced()).toBe(true);
    expect(late.lister.get('default', 'cm')?.metadata?.name).toBe('cm');
    await factory.stop();
  });
});
