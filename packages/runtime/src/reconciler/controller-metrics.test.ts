import { core } from '@knot/api';
import { createMetricsRegistry } from '../http/metrics-registry.js';
import { ReconcileMetrics } from '../http/reconcile-metrics.js';
import { SharedInformerFactory } from '../informer/shared-informer-factory.js';
import { MemoryStore } from '../memory/index.js';
import { FakeClock, flushPromises } from '../testing/fake-clock.js';
import { FakeRecorder } from '../testing/fake-recorder.js';
import { Controller } from './controller.js';
import { permanentError } from './errors.js';

/** The value of one sample line in Prometheus text, e.g. `reconcile_count{...}`. */
function sample(text: string, metric: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(metric + ' '));
  return line === undefined ? undefined : Number(line.slice(metric.length + 1));
}

test('every reconcile is counted by success and timed in milliseconds under the controller name', async () => {
  const clock = new FakeClock();
  const store = new MemoryStore({ clock, initialNamespaces: ['ns'] });
  const registry = createMetricsRegistry({ processMetrics: false });
  const informerFactory = new SharedInformerFactory({ client: store, clock });
  const controller = new Controller({
    name: 'configmap-controller',
    resource: core.configMaps,
    client: store,
    informerFactory,
    clock,
    workers: 1,
    recorder: new FakeRecorder(),
    reconcileMetrics: new ReconcileMetrics(registry),
    reconciler: {
      reconcileKind: (cm) => {
        // The reconcile "takes" 120ms of fake time.
        clock.advance(120);
        return cm.metadata?.name === 'bad' ? Promise.reject(permanentError('bad config')) : Promise.resolve();
      },
    },
  });
  const stop = new AbortController();
  const running = controller.run(stop.signal);
  await store.create(core.configMaps, { metadata: { namespace: 'ns', name: 'good' } });
  await store.create(core.configMaps, { metadata: { namespace: 'ns', name: 'bad' } });
  for (let i = 0; i < 5; i++) {
    await store.settled();
    await flushPromises();
  }

  const text = await registry.metrics();
  const labels = (success: boolean) => `reconciler="configmap-controller",success="${success}"`;
  expect(sample(text, `reconcile_count{${labels(true)}}`)).toBe(1);
  expect(sample(text, `reconcile_count{${labels(false)}}`)).toBe(1);
  expect(sample(text, `reconcile_latency_sum{${labels(true)}}`)).toBe(120);
  expect(sample(text, `reconcile_latency_bucket{le="100",${labels(false)}}`)).toBe(0);
  expect(sample(text, `reconcile_latency_bucket{le="1000",${labels(false)}}`)).toBe(1);

  stop.abort();
  await running;
  await informerFactory.stop();
});
