import { autoscaling, core, METRIC_AGGREGATION_ALGORITHM_KEY, NANOS_PER_MILLISECOND, type Metric } from '@knot/api';
import { MemoryStore, noopLogger, SharedInformerFactory } from '@knot/runtime';
import { FakeClock } from '@knot/runtime/testing';
import { MetricCollector } from './metric-collector.js';
import { syncMetrics } from './metric-sync.js';
import { StatClient } from './stat-client.js';
import { setPodEndpoints, StatPod, statOf } from './testing/stat-pod.js';

const NS = 'default';
const KEY = `${NS}/hello-00001`;
const PRIVATE = 'hello-00001-private';

function metric(opts: { stableS?: number; panicS?: number; scrapeTarget?: string; annotations?: Record<string, string> } = {}): Metric {
  return {
    apiVersion: 'autoscaling.internal.knative.dev/v1alpha1',
    kind: 'Metric',
    metadata: { namespace: NS, name: 'hello-00001', annotations: opts.annotations ?? {} },
    spec: { stableWindow: (opts.stableS ?? 60) * 1000 * NANOS_PER_MILLISECOND, panicWindow: (opts.panicS ?? 6) * 1000 * NANOS_PER_MILLISECOND, scrapeTarget: opts.scrapeTarget ?? PRIVATE },
  };
}

interface Harness {
  readonly clock: FakeClock;
  readonly store: MemoryStore;
  readonly collector: MetricCollector;
  readonly informers: SharedInformerFactory;
  pods(stats: readonly Parameters<typeof statOf>[1][]): Promise<StatPod[]>;
  /** One scrape tick, waited for. */
  tick(): Promise<void>;
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function harness(): Promise<Harness> {
  const clock = new FakeClock();
  const store = new MemoryStore({ initialNamespaces: [NS], clock });
  const informers = new SharedInformerFactory({ client: store, clock });
  const endpoints = informers.listerFor(core.endpoints);
  const client = new StatClient();
  // random 0.999 leaves the pods in Endpoints order, so the sample is known.
  const collector = new MetricCollector({ clock, logger: noopLogger, endpoints: (ns, name) => endpoints.get(ns, name), scrapeOne: (t) => client.scrape(t), random: () => 0.999 });
  informers.start();
  await informers.waitForSync();
  collector.start();
  const all: StatPod[] = [];
  cleanups.push(async () => {
    await collector.stop();
    await informers.stop();
    await client.close();
    await Promise.all(all.map((p) => p.close()));
  });
  return {
    clock,
    store,
    collector,
    informers,
    async pods(stats) {
      const pods = await Promise.all(stats.map((s, i) => new StatPod(`pod-${i}`, s).listen()));
      all.push(...pods);
      await setPodEndpoints(store, NS, PRIVATE, pods.map((p) => p.port));
      await informers.waitForSync();
      // Let the informer deliver the Endpoints.
      await new Promise((r) => setImmediate(r));
      return pods;
    },
    async tick() {
      clock.advance(1000);
      await collector.idle();
    },
  };
}

describe('MetricCollector', () => {
  test('scrapes every pod up to three on the autometric port, asking for JSON, and sums them', async () => {
    const h = await harness();
    h.collector.createOrUpdate(metric());
    const pods = await h.pods([{ averageConcurrentRequests: 1, requestCount: 2 }, { averageConcurrentRequests: 2, requestCount: 4 }, { averageConcurrentRequests: 3, requestCount: 6 }]);
    await h.tick();
    expect(h.collector.stableAndPanic(KEY, 'concurrency', h.clock.now())).toEqual({ stable: 6, panic: 6 });
    expect(h.collector.stableAndPanic(KEY, 'rps', h.clock.now())).toEqual({ stable: 12, panic: 12 });
    for (const p of pods) expect(p.requests).toEqual([{ method: 'GET', url: '/metrics', accept: 'application/json' }]);
  });

  test('what came through the activator is subtracted and the activator’s own report added', async () => {
    const h = await harness();
    h.collector.createOrUpdate(metric());
    await h.pods([{ averageConcurrentRequests: 5, averageProxiedConcurrentRequests: 2, requestCount: 10, proxiedRequestCount: 4 }]);
    h.collector.record(KEY, h.clock.now() + 1000, statOf('activator-1', { averageConcurrentRequests: 2, requestCount: 4 }));
    await h.tick();
    expect(h.collector.stableAndPanic(KEY, 'concurrency', h.clock.now())).toEqual({ stable: 5, panic: 5 });
    expect(h.collector.stableAndPanic(KEY, 'rps', h.clock.now())).toEqual({ stable: 10, panic: 10 });
  });

  test.each([
    { name: 'a 500', mode: 'status-500' as const },
    { name: 'truncated JSON', mode: 'garbage' as const },
    { name: 'a stat with a bad field', mode: 'bad-stat' as const },
    { name: 'an oversized body', mode: 'huge' as const },
  ])('a pod answering $name is left out and the rest scaled to all pods', async ({ mode }) => {
    const h = await harness();
    h.collector.createOrUpdate(metric());
    const pods = await h.pods([{ averageConcurrentRequests: 4 }, { averageConcurrentRequests: 4 }, { averageConcurrentRequests: 4 }]);
    (pods[1] as StatPod).mode = mode;
    await h.tick();
    expect(h.collector.stableAndPanic(KEY, 'concurrency', h.clock.now())).toEqual({ stable: 12, panic: 12 });
    expect(h.collector.lastError(KEY)).toBeUndefined();
  });

  test('a pod that refuses connections is left out too', async () => {
    const h = await harness();
    h.collector.createOrUpdate(metric());
    const pods = await h.pods([{ averageConcurrentRequests: 3 }, { averageConcurrentRequests: 3 }]);
    await (pods[0] as StatPod).close();
    await h.tick();
    expect(h.collector.stableAndPanic(KEY, 'concurrency', h.clock.now())).toEqual({ stable: 6, panic: 6 });
  });

  test('when every pod fails nothing is recorded and the error is reported once', async () => {
    const h = await harness();
    const changes: string[] = [];
    h.collector.onErrorChange((k) => changes.push(k));
    h.collector.createOrUpdate(metric());
    const pods = await h.pods([{ averageConcurrentRequests: 3 }, { averageConcurrentRequests: 3 }]);
    for (const p of pods) p.mode = 'status-500';
    await h.tick();
    await h.tick();
    expect(h.collector.stableAndPanic(KEY, 'concurrency', h.clock.now())).toBeUndefined();
    expect(h.collector.lastError(KEY)).toMatch(/none of 2 pods answered/);
    expect(changes).toEqual([KEY]);
    for (const p of pods) p.mode = 'ok';
    await h.tick();
    expect(h.collector.lastError(KEY)).toBeUndefined();
    expect(changes).toEqual([KEY, KEY]);
    expect(h.collector.stableAndPanic(KEY, 'concurrency', h.clock.now())).toEqual({ stable: 6, panic: 6 });
  });

  test('a revision with no pods records nothing, and the activator’s reports alone are data', async () => {
    const h = await harness();
    h.collector.createOrUpdate(metric());
    await h.tick();
    expect(h.collector.stableAndPanic(KEY, 'concurrency', h.clock.now())).toBeUndefined();
    h.collector.record(KEY, h.clock.now(), statOf('activator-1', { averageConcurrentRequests: 1 }));
    expect(h.collector.stableAndPanic(KEY, 'concurrency', h.clock.now())).toEqual({ stable: 1, panic: 1 });
  });

  test('above three pods a sample is scraped and scaled up to the whole revision', async () => {
    const h = await harness();
    h.collector.createOrUpdate(metric());
    const pods = await h.pods(Array.from({ length: 10 }, () => ({ averageConcurrentRequests: 2 })));
    await h.tick();
    expect(pods.filter((p) => p.requests.length > 0)).toHaveLength(7);
    expect(h.collector.stableAndPanic(KEY, 'concurrency', h.clock.now())).toEqual({ stable: 20, panic: 20 });
  });

  test('the stable and panic windows average over their own lengths', async () => {
    const h = await harness();
    h.collector.createOrUpdate(metric({ stableS: 60, panicS: 6 }));
    const [pod] = await h.pods([{ averageConcurrentRequests: 10 }]);
    for (let i = 0; i < 10; i++) await h.tick();
    (pod as StatPod).stat = { averageConcurrentRequests: 0 };
    for (let i = 0; i < 6; i++) await h.tick();
    expect(h.collector.stableAndPanic(KEY, 'concurrency', h.clock.now())).toEqual({ stable: 6.25, panic: 0 });
  });

  test('the weighted-exponential annotation weighs recent seconds most', async () => {
    const h = await harness();
    h.collector.createOrUpdate(metric({ annotations: { [METRIC_AGGREGATION_ALGORITHM_KEY]: 'weighted-exponential' } }));
    await h.pods([{ averageConcurrentRequests: 10 }]);
    await h.tick();
    // One second of 10 in a 60 s window: weight 0.2.
    expect(h.collector.stableAndPanic(KEY, 'concurrency', h.clock.now())?.stable).toBeCloseTo(2, 9);
  });

  test('an updated Metric keeps the data under its new windows', async () => {
    const h = await harness();
    h.collector.createOrUpdate(metric({ stableS: 60, panicS: 6 }));
    const [pod] = await h.pods([{ averageConcurrentRequests: 10 }]);
    await h.tick();
    (pod as StatPod).stat = { averageConcurrentRequests: 20 };
    await h.tick();
    h.collector.createOrUpdate(metric({ stableS: 60, panicS: 1 }));
    expect(h.collector.stableAndPanic(KEY, 'concurrency', h.clock.now())).toEqual({ stable: 15, panic: 20 });
  });

  test('without a scrape target nothing is scraped but the averages read as 0', async () => {
    const h = await harness();
    h.collector.createOrUpdate(metric({ scrapeTarget: '' }));
    await h.tick();
    expect(h.collector.stableAndPanic(KEY, 'concurrency', h.clock.now())).toEqual({ stable: 0, panic: 0 });
    expect(h.collector.stableAndPanic(`${NS}/other`, 'concurrency', h.clock.now())).toBeUndefined();
  });

  test('Metric objects from an informer start and stop collection', async () => {
    const h = await harness();
    syncMetrics(h.informers.informerFor(autoscaling.metrics), h.collector);
    const pods = await h.pods([{ averageConcurrentRequests: 1 }]);
    await h.store.create(autoscaling.metrics, metric());
    await h.informers.waitForSync();
    await new Promise((r) => setImmediate(r));
    expect(h.collector.has(KEY)).toBe(true);
    await h.tick();
    expect((pods[0] as StatPod).requests).toHaveLength(1);
    await h.store.delete(autoscaling.metrics, NS, 'hello-00001');
    await new Promise((r) => setImmediate(r));
    expect(h.collector.has(KEY)).toBe(false);
    await h.tick();
    expect((pods[0] as StatPod).requests).toHaveLength(1);
    expect(h.collector.stableAndPanic(KEY, 'concurrency', h.clock.now())).toBeUndefined();
  });

  test('stop ends the scraping', async () => {
    const h = await harness();
    h.collector.createOrUpdate(metric());
    const [pod] = await h.pods([{ averageConcurrentRequests: 1 }]);
    await h.collector.stop();
    await h.tick();
    expect((pod as StatPod).requests).toHaveLength(0);
    expect(h.clock.pendingTimers).toBe(0);
  });
});
