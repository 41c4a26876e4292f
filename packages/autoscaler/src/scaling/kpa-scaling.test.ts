import { autoscaling, NANOS_PER_MILLISECOND, type Metric } from '@knot/api';
import { MemoryStore, noopLogger, SharedInformerFactory } from '@knot/runtime';
import { flushPromises, FakeClock } from '@knot/runtime/testing';
import { Registry } from 'prom-client';
import WebSocket from 'ws';
import { setPodEndpoints, StatPod, statOf } from '../metrics/testing/stat-pod.js';
import { startKpaScaling } from './kpa-scaling.js';
import { baseSpec } from './testing/base-spec.js';

const NS = 'default';
const KEY = `${NS}/hello-00001`;

const metric: Metric = {
  apiVersion: 'autoscaling.internal.knative.dev/v1alpha1',
  kind: 'Metric',
  metadata: { namespace: NS, name: 'hello-00001' },
  spec: { stableWindow: 60_000 * NANOS_PER_MILLISECOND, panicWindow: 6000 * NANOS_PER_MILLISECOND, scrapeTarget: 'hello-00001-private' },
};

describe('startKpaScaling', () => {
  test('pods scraped and an activator’s reports drive the decider; stop ends it all', async () => {
    const clock = new FakeClock();
    const store = new MemoryStore({ initialNamespaces: [NS], clock });
    const informers = new SharedInformerFactory({ client: store, clock });
    const registry = new Registry();
    const scaling = await startKpaScaling({ informers, clock, logger: noopLogger, registry, statsPort: 0, host: '127.0.0.1' });
    informers.start();
    const pods = await Promise.all([new StatPod('p0', { averageConcurrentRequests: 12 }).listen(), new StatPod('p1', { averageConcurrentRequests: 12 }).listen()]);
    try {
      await setPodEndpoints(store, NS, 'hello-00001-private', pods.map((p) => p.port));
      await store.create(autoscaling.metrics, metric);
      await informers.waitForSync();
      await flushPromises();
      expect(scaling.collector.has(KEY)).toBe(true);

      // Two ready pods when the decider is made: it starts in panic.
      const decider = scaling.multiScaler.update(KEY, baseSpec);
      expect(decider.status.inPanic).toBe(true);

      const ws = new WebSocket(`ws://127.0.0.1:${scaling.statsPort}`);
      await new Promise((resolve) => ws.once('open', resolve));
      const changed = new Promise<string>((resolve) => scaling.multiScaler.onChange(resolve));
      // Second 1: 24 scraped from the pods, then 16 the activator holds: 40 over a target of 10.
      await clock.advanceAsync(1000);
      await scaling.collector.idle();
      expect(scaling.collector.stableAndPanic(KEY, 'concurrency', clock.now())).toEqual({ stable: 24, panic: 24 });
      ws.send(JSON.stringify([{ key: { namespace: NS, name: 'hello-00001' }, stat: statOf('activator-1', { averageConcurrentRequests: 16, requestCount: 16 }) }]));
      await new Promise<void>((resolve) => {
        const check = () => (scaling.collector.stableAndPanic(KEY, 'concurrency', clock.now())?.stable === 40 ? resolve() : setImmediate(check));
        check();
      });
      await clock.advanceAsync(1000);
      expect(await changed).toBe(KEY);
      expect(scaling.multiScaler.get(KEY)?.status).toMatchObject({ desiredScale: 4, inPanic: true, numActivators: 3 });
      expect(await registry.metrics()).toContain('autoscaler_desired_pods{namespace_name="default",revision_name="hello-00001"} 4');
      ws.close();
    } finally {
      await scaling.stop();
      await informers.stop();
      await Promise.all(pods.map((p) => p.close()));
    }
    expect(clock.pendingTimers).toBe(0);
  });
});
