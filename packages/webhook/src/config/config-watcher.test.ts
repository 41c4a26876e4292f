import { core, DEFAULT_CONFIG_DEFAULTS } from '@knot/api';
import { MemoryStore } from '@knot/runtime';
import { ServingConfigWatcher } from './config-watcher.js';

const NS = 'knative-serving';

async function watching(store: MemoryStore): Promise<ServingConfigWatcher> {
  const watcher = new ServingConfigWatcher(store, { namespace: NS, clusterDomain: 'corp.local' });
  watcher.start();
  await watcher.waitForSync();
  return watcher;
}

describe('ServingConfigWatcher', () => {
  test('reads the config maps of the system namespace only', async () => {
    const store = new MemoryStore({ initialNamespaces: [NS, 'default'] });
    await store.create(core.configMaps, { metadata: { name: 'config-defaults', namespace: NS }, data: { 'revision-timeout-seconds': '120' } });
    await store.create(core.configMaps, { metadata: { name: 'config-features', namespace: NS }, data: { 'kubernetes.podspec-dryrun': 'enabled' } });
    await store.create(core.configMaps, { metadata: { name: 'config-defaults', namespace: 'default' }, data: { 'revision-timeout-seconds': '5' } });
    const watcher = await watching(store);
    try {
      expect(watcher.current().defaults.revisionTimeoutSeconds).toBe(120);
      expect(watcher.current().clusterDomain).toBe('corp.local');
    } finally {
      await watcher.stop();
    }
  });

  test('a map that does not parse keeps the last good value; a deleted one falls back to the defaults', async () => {
    const store = new MemoryStore({ initialNamespaces: [NS] });
    const created = await store.create(core.configMaps, { metadata: { name: 'config-defaults', namespace: NS }, data: { 'revision-timeout-seconds': '120' } });
    const watcher = await watching(store);
    try {
      await store.update(core.configMaps, { ...created, data: { 'revision-timeout-seconds': 'soon' } });
      await store.settled();
      expect(watcher.current().defaults.revisionTimeoutSeconds).toBe(120);
      await store.delete(core.configMaps, NS, 'config-defaults');
      await store.settled();
      expect(watcher.current().defaults).toEqual(DEFAULT_CONFIG_DEFAULTS);
    } finally {
      await watcher.stop();
    }
  });
});
