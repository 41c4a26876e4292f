import { apps, core, serving, type KubeObject, type ResourceType } from '@knot/api';
import { MemoryStore, noopLogger, type WorkQueueMetrics } from '@knot/runtime';
import { DEFAULT_SERVING_CONFIG, type ServingConfig, type ServingConfigSource } from './controller-env.js';
import { FakeClock } from '@knot/runtime/testing';
import { start } from './start.js';
import { CONFIGURATION_CONTROLLER_NAME } from './configuration/controller.js';
import { SERVICE_CONTROLLER_NAME } from './service/controller.js';
import { service } from './testing/fixtures.js';

/** Polls until `get` returns something, for at most `ms` of real time. */
async function eventually<T>(get: () => T | undefined | Promise<T | undefined>, ms = 5000, what = ''): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await get();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const find = <T extends KubeObject>(store: MemoryStore, rt: ResourceType<T>, name: string) => () => store.get(rt, 'default', name).catch(() => undefined);

describe('start', () => {
  test('a Service applied to the store gets its Configuration, Route and first Revision', async () => {
    const store = new MemoryStore({ initialNamespaces: ['default', 'knative-serving'] });
    const abort = new AbortController();
    // Every controller's own event recorder, all at one fake instant: same-named objects must not collide on event names.
    const running = start({ client: store, clock: new FakeClock(), logger: noopLogger, signal: abort.signal, workers: 1 });
    const events = async () => (await store.list(core.events, 'default')).items.map((e) => `${e.source?.component} ${e.type} ${e.reason} ${e.message}`);
    try {
      await expect(running.synced).resolves.toBe(true);
      const { metadata: _m, ...rest } = service('hello');
      const created = await store.create(serving.services, { ...rest, metadata: { namespace: 'default', name: 'hello' } });
      const owner = { apiVersion: 'serving.knative.dev/v1', kind: 'Service', name: 'hello', uid: created.metadata?.uid, controller: true, blockOwnerDeletion: true };

      const config = await eventually(find(store, serving.configurations, 'hello'));
      expect(config.metadata?.ownerReferences).toEqual([owner]);
      expect(config.metadata?.labels).toEqual({ 'serving.knative.dev/service': 'hello', 'serving.knative.dev/serviceUID': created.metadata?.uid });

      const route = await eventually(find(store, serving.routes, 'hello'));
      expect(route.metadata?.ownerReferences).toEqual([owner]);
      expect(route.spec.traffic).toEqual([{ configurationName: 'hello', latestRevision: true, percent: 100 }]);

      const rev = await eventually(find(store, serving.revisions, 'hello-00001'));
      expect(rev.metadata?.ownerReferences).toEqual([{ apiVersion: 'serving.knative.dev/v1', kind: 'Configuration', name: 'hello', uid: config.metadata?.uid, controller: true, blockOwnerDeletion: true }]);
      expect(rev.metadata?.labels).toMatchObject({
        'serving.knative.dev/configuration': 'hello',
        'serving.knative.dev/configurationGeneration': '1',
        'serving.knative.dev/configurationUID': config.metadata?.uid,
        'serving.knative.dev/service': 'hello',
      });

      // The Revision controller takes it from there.
      const deployment = await eventually(find(store, apps.deployments, 'hello-00001-deployment'), 5000, 'deployment');
      expect(deployment.metadata?.ownerReferences?.[0]).toMatchObject({ kind: 'Revision', name: 'hello-00001', uid: rev.metadata?.uid });

      // The labeler marks what the Route sends traffic to.
      const routed = await eventually(async () => {
        const r = await store.get(serving.revisions, 'default', 'hello-00001');
        return r.metadata?.annotations?.['serving.knative.dev/routes'] === 'hello' ? r : undefined;
      }, 5000, 'labeler');
      expect(routed.metadata?.labels?.['serving.knative.dev/routingState']).toBe('active');

      const status = await eventually(async () => {
        const s = await store.get(serving.services, 'default', 'hello');
        return s.status?.latestCreatedRevisionName ? s.status : undefined;
      }, 5000, 'status');
      expect(status.latestCreatedRevisionName).toBe('hello-00001');

      const recorded = await eventually(async () => {
        const all = await events();
        return all.includes('configuration-controller Normal Created Created Revision "hello-00001"') ? all : undefined;
      }, 5000, 'events');
      expect(recorded).toEqual(expect.arrayContaining(['service-controller Normal Created Created Configuration "hello"', 'service-controller Normal Created Created Route "hello"']));
    } finally {
      abort.abort();
      await running.done;
    }
    expect([...running.controllers.keys()].sort()).toEqual([
      'configuration-controller',
      'domainmapping-controller',
      'labeler',
      'revision-controller',
      'revision-gc-controller',
      'route-controller',
      'serverlessservice-controller',
      'service-controller',
    ]);
  });

  test('a config map change reaches the settings the reconcilers read', async () => {
    const store = new MemoryStore({ initialNamespaces: ['default', 'knative-serving'] });
    const abort = new AbortController();
    const running = start({ client: store, clock: new FakeClock(), logger: noopLogger, signal: abort.signal });
    try {
      await store.create(core.configMaps, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { namespace: 'knative-serving', name: 'config-gc' }, data: { 'min-non-active-revisions': '3' } });
      await eventually(() => (running.config.current().gc.minNonActiveRevisions === 3 ? true : undefined));
    } finally {
      abort.abort();
      await running.done;
    }
  });

  test('a config change re-enqueues every cached object of every controller', async () => {
    const store = new MemoryStore({ initialNamespaces: ['default', 'knative-serving'] });
    const listeners = new Set<(c: ServingConfig) => void>();
    let current = DEFAULT_SERVING_CONFIG;
    const config: ServingConfigSource = { current: () => current, onChange: (l) => (listeners.add(l), () => listeners.delete(l)) };
    let adds = 0;
    const metrics: WorkQueueMetrics = { setDepth() {}, incAdds: () => void adds++, observeLatency() {}, observeWorkDuration() {}, incRetries() {} };
    const abort = new AbortController();
    const running = start({ client: store, clock: new FakeClock(), logger: noopLogger, signal: abort.signal, config, workQueueMetrics: () => metrics });
    try {
      const { metadata: _m, ...rest } = service('hello');
      await store.create(serving.services, { ...rest, metadata: { namespace: 'default', name: 'hello' } });
      await eventually(find(store, serving.revisions, 'hello-00001'));
      await new Promise((resolve) => setTimeout(resolve, 100));
      const before = adds;
      current = { ...current, gc: { ...current.gc, minNonActiveRevisions: 1 } };
      for (const l of listeners) l(current);
      // Service, Configuration (configuration and GC controllers) and Route (route controller and labeler).
      await eventually(() => (adds >= before + 5 ? true : undefined), 5000, 'resync');
    } finally {
      abort.abort();
      await running.done;
    }
    expect(listeners.size).toBe(0);
  });

  test('reconciles are counted per controller for /metrics', async () => {
    const store = new MemoryStore({ initialNamespaces: ['default', 'knative-serving'] });
    const observed: string[] = [];
    const reconcileMetrics = { observe: (name: string, success: boolean) => void observed.push(`${name} ${success}`) };
    const abort = new AbortController();
    const running = start({ client: store, clock: new FakeClock(), logger: noopLogger, signal: abort.signal, reconcileMetrics });
    try {
      const { metadata: _m, ...rest } = service('hello');
      await store.create(serving.services, { ...rest, metadata: { namespace: 'default', name: 'hello' } });
      await eventually(find(store, serving.revisions, 'hello-00001'));
      const names = new Set(observed.filter((o) => o.endsWith(' true')).map((o) => o.split(' ')[0]));
      for (const name of [SERVICE_CONTROLLER_NAME, CONFIGURATION_CONTROLLER_NAME]) expect(names).toContain(name);
    } finally {
      abort.abort();
      await running.done;
    }
  });

  test('stops when the signal aborts before the caches sync', async () => {
    const abort = new AbortController();
    abort.abort();
    const running = start({ client: new MemoryStore(), clock: new FakeClock(), logger: noopLogger, signal: abort.signal });
    await expect(running.done).resolves.toBeUndefined();
    await expect(running.synced).resolves.toBe(false);
  });
});
