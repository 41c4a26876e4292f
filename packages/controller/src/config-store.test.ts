import { core } from '@knot/api';
import { MemoryStore, SharedInformerFactory, type Logger } from '@knot/runtime';
import { ConfigStore } from './config-store.js';
import { DEFAULT_SERVING_CONFIG, type ServingConfig } from './controller-env.js';

type ConfigMap = NonNullable<(typeof core.configMaps)['__type']>;
const cm = (name: string, data: Record<string, string>, namespace = 'knative-serving'): ConfigMap => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { namespace, name }, data });

function capturingLogger(lines: { level: string; obj: object; msg?: string }[]): Logger {
  const log = (level: string) => (obj: object, msg?: string) => void lines.push({ level, obj, msg });
  const logger: Logger = { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error'), child: () => logger };
  return logger;
}

async function setup() {
  const store = new MemoryStore({ initialNamespaces: ['default', 'knative-serving'] });
  const informers = new SharedInformerFactory({ client: store });
  const lines: { level: string; obj: object; msg?: string }[] = [];
  const config = new ConfigStore({ informers, logger: capturingLogger(lines) });
  const changes: ServingConfig[] = [];
  config.onChange((c) => changes.push(c));
  informers.start();
  await informers.waitForSync();
  /** Resolves with the snapshot after the next change. */
  const nextChange = () => new Promise<ServingConfig>((resolve) => {
    const off = config.onChange((c) => {
      off();
      resolve(c);
    });
  });
  return { store, informers, config, changes, lines, nextChange };
}

describe('ConfigStore', () => {
  test('starts from the defaults', async () => {
    const { config, informers } = await setup();
    expect(config.current()).toBe(DEFAULT_SERVING_CONFIG);
    await informers.stop();
  });

  test('a config map swaps in a new frozen snapshot and tells the listeners', async () => {
    const { store, config, changes, informers, nextChange } = await setup();
    const before = config.current();
    const changed = nextChange();
    await store.create(core.configMaps, cm('config-defaults', { 'revision-timeout-seconds': '120' }));
    const after = await changed;
    expect(after.defaults.revisionTimeoutSeconds).toBe(120);
    expect(config.current()).toBe(after);
    expect(Object.isFrozen(after)).toBe(true);
    expect(after.network).toBe(before.network);
    expect(before.defaults.revisionTimeoutSeconds).toBe(300);
    expect(changes).toEqual([after]);
    await informers.stop();
  });

  test('an invalid config map keeps the previous snapshot and logs the ConfigError', async () => {
    const { store, config, lines, informers, nextChange } = await setup();
    let changed = nextChange();
    await store.create(core.configMaps, cm('config-defaults', { 'revision-timeout-seconds': '120' }));
    await changed;
    await store.update(core.configMaps, { ...(await store.get(core.configMaps, 'knative-serving', 'config-defaults')), data: { 'revision-timeout-seconds': 'soon' } });
    // A later good change shows the bad one has been seen.
    changed = nextChange();
    await store.create(core.configMaps, cm('config-gc', { 'min-non-active-revisions': '5' }));
    await changed;
    expect(config.current().defaults.revisionTimeoutSeconds).toBe(120);
    const error = lines.find((l) => l.level === 'error');
    expect(error?.obj).toMatchObject({ configMap: 'config-defaults', err: { code: 'InvalidConfig' } });
    await informers.stop();
  });

  test('a deleted config map falls back to the defaults', async () => {
    const { store, config, informers, nextChange } = await setup();
    let changed = nextChange();
    await store.create(core.configMaps, cm('config-network', { 'domain-template': '{{.Name}}-{{.Namespace}}.{{.Domain}}' }));
    await changed;
    expect(config.current().network).not.toBe(DEFAULT_SERVING_CONFIG.network);
    changed = nextChange();
    await store.delete(core.configMaps, 'knative-serving', 'config-network');
    await changed;
    expect(config.current().network).toBe(DEFAULT_SERVING_CONFIG.network);
    await informers.stop();
  });

  test('config maps of other names or namespaces are ignored', async () => {
    const { store, config, changes, informers, nextChange } = await setup();
    await store.create(core.configMaps, cm('config-defaults', { 'revision-timeout-seconds': '100' }, 'default'));
    await store.create(core.configMaps, cm('config-observability', { 'metrics.backend-destination': 'prometheus' }));
    const changed = nextChange();
    await store.create(core.configMaps, cm('config-gc', { 'min-non-active-revisions': '5' }));
    await changed;
    expect(changes).toHaveLength(1);
    expect(config.current().defaults).toBe(DEFAULT_SERVING_CONFIG.defaults);
    await informers.stop();
  });
});
