import { Counter, Gauge, Histogram, type Metric, type Registry } from 'prom-client';
import type { WorkQueueMetrics } from '../workqueue/metrics.js';
import { reuseOrRegister } from './metrics-registry.js';

/** Knative's workqueue histogram boundaries, in seconds. */
export const WORKQUEUE_BUCKETS: readonly number[] = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];

/**
 * Work-queue metrics under Knative's names (`kn.workqueue.*` exported to
 * Prometheus), labelled by queue `name`:
 * kn_workqueue_depth, kn_workqueue_adds_total, kn_workqueue_queue_duration_seconds,
 * kn_workqueue_process_duration_seconds, kn_workqueue_retries_total.
 */
export class PromWorkQueueMetrics {
  readonly #depth: Gauge<'name'>;
  readonly #adds: Counter<'name'>;
  readonly #latency: Histogram<'name'>;
  readonly #work: Histogram<'name'>;
  readonly #retries: Counter<'name'>;

  constructor(registry: Registry) {
    const isGauge = (m: Metric): m is Gauge<'name'> => m instanceof Gauge;
    const isCounter = (m: Metric): m is Counter<'name'> => m instanceof Counter;
    const isHistogram = (m: Metric): m is Histogram<'name'> => m instanceof Histogram;
    const labelNames = ['name'] as const;
    const buckets = [...WORKQUEUE_BUCKETS];
    this.#depth = reuseOrRegister(registry, 'kn_workqueue_depth', () => new Gauge({ name: 'kn_workqueue_depth', help: 'Number of current items in the queue', labelNames, registers: [] }), isGauge);
    this.#adds = reuseOrRegister(registry, 'kn_workqueue_adds_total', () => new Counter({ name: 'kn_workqueue_adds_total', help: 'Number of items added to the queue', labelNames, registers: [] }), isCounter);
    this.#latency = reuseOrRegister(
      registry,
      'kn_workqueue_queue_duration_seconds',
      () => new Histogram({ name: 'kn_workqueue_queue_duration_seconds', help: 'How long an item stays in workqueue', labelNames, buckets, registers: [] }),
      isHistogram,
    );
    this.#work = reuseOrRegister(
      registry,
      'kn_workqueue_process_duration_seconds',
      () => new Histogram({ name: 'kn_workqueue_process_duration_seconds', help: 'How long in seconds processing an item from workqueue takes', labelNames, buckets, registers: [] }),
      isHistogram,
    );
    this.#retries = reuseOrRegister(registry, 'kn_workqueue_retries_total', () => new Counter({ name: 'kn_workqueue_retries_total', help: 'Number of items re-added to the queue', labelNames, registers: [] }), isCounter);
  }

  /** The hooks for one queue, to pass as a WorkQueue's or Controller's `metrics`. */
  forQueue(name: string): WorkQueueMetrics {
    const labels = { name };
    return {
      setDepth: (depth) => this.#depth.set(labels, depth),
      incAdds: () => this.#adds.inc(labels),
      observeLatency: (seconds) => this.#latency.observe(labels, seconds),
      observeWorkDuration: (seconds) => this.#work.observe(labels, seconds),
      incRetries: () => this.#retries.inc(labels),
    };
  }
}
