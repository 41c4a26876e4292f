import { FakeClock } from '../testing/fake-clock.js';
import { WorkQueue } from '../workqueue/work-queue.js';
import { createMetricsRegistry } from './metrics-registry.js';
import { ReconcileMetrics } from './reconcile-metrics.js';
import { PromWorkQueueMetrics } from './workqueue-metrics.js';

function sample(text: string, metric: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(metric + ' '));
  return line === undefined ? undefined : Number(line.slice(metric.length + 1));
}

test('a work queue reports depth, adds, latency, work duration and retries per queue name', async () => {
  const registry = createMetricsRegistry({ processMetrics: false });
  const provider = new PromWorkQueueMetrics(registry);
  const clock = new FakeClock();
  const queue = new WorkQueue({ name: 'revisions', clock, metrics: provider.forQueue('revisions') });
  new WorkQueue({ name: 'routes', clock, metrics: provider.forQueue('routes') }).add('ns/r');

  queue.add('ns/a');
  queue.add('ns/b');
  queue.add('ns/a');
  clock.advance(300);
  const key = await queue.get();
  clock.advance(2_000);
  queue.done(key!);
  queue.addRateLimited('ns/c');

  const text = await registry.metrics();
  expect(sample(text, 'kn_workqueue_adds_total{name="revisions"}')).toBe(2);
  expect(sample(text, 'kn_workqueue_depth{name="revisions"}')).toBe(1);
  expect(sample(text, 'kn_workqueue_depth{name="routes"}')).toBe(1);
  expect(sample(text, 'kn_workqueue_retries_total{name="revisions"}')).toBe(1);
  expect(sample(text, 'kn_workqueue_queue_duration_seconds_bucket{le="0.25",name="revisions"}')).toBe(0);
  expect(sample(text, 'kn_workqueue_queue_duration_seconds_bucket{le="0.5",name="revisions"}')).toBe(1);
  expect(sample(text, 'kn_workqueue_process_duration_seconds_sum{name="revisions"}')).toBe(2);
});

test('two providers on one registry share the metrics instead of failing', async () => {
  const registry = createMetricsRegistry({ processMetrics: false });
  new PromWorkQueueMetrics(registry).forQueue('a').incAdds();
  new PromWorkQueueMetrics(registry).forQueue('a').incAdds();
  expect(sample(await registry.metrics(), 'kn_workqueue_adds_total{name="a"}')).toBe(2);
});

test('reconcile metrics count by reconciler and success, latency in milliseconds', async () => {
  const registry = createMetricsRegistry({ processMetrics: false });
  const metrics = new ReconcileMetrics(registry);
  metrics.observe('Revision', true, 0.05);
  metrics.observe('Revision', true, 0.5);
  metrics.observe('Revision', false, 20);
  const text = await registry.metrics();
  expect(sample(text, 'reconcile_count{reconciler="Revision",success="true"}')).toBe(2);
  expect(sample(text, 'reconcile_count{reconciler="Revision",success="false"}')).toBe(1);
  expect(sample(text, 'reconcile_latency_bucket{le="100",reconciler="Revision",success="true"}')).toBe(1);
  expect(sample(text, 'reconcile_latency_sum{reconciler="Revision",success="false"}')).toBe(20000);
});

test('process metrics are on by default', async () => {
  expect(await createMetricsRegistry().metrics()).toContain('process_cpu_user_seconds_total');
});
