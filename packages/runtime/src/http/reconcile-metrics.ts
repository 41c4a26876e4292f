import { Counter, Histogram, type Metric, type Registry } from 'prom-client';
import { reuseOrRegister } from './metrics-registry.js';

/** Knative's reconcile_latency boundaries, in milliseconds: 10ms, 100ms, 1s, 10s, 30s, 60s. */
export const RECONCILE_LATENCY_BUCKETS_MS: readonly number[] = [10, 100, 1000, 10000, 30000, 60000];

type Labels = 'reconciler' | 'success';

/**
 * Knative's controller metrics: `reconcile_count` and `reconcile_latency`
 * (milliseconds, as Knative reports it), labelled by `reconciler` (the kind or
 * controller name) and `success` ("true"/"false").
 */
export class ReconcileMetrics {
  readonly #count: Counter<Labels>;
  readonly #latency: Histogram<Labels>;

  constructor(registry: Registry) {
    const labelNames = ['reconciler', 'success'] as const;
    this.#count = reuseOrRegister(
      registry,
      'reconcile_count',
      () => new Counter({ name: 'reconcile_count', help: 'Number of reconcile operations', labelNames, registers: [] }),
      (m: Metric): m is Counter<Labels> => m instanceof Counter,
    );
    this.#latency = reuseOrRegister(
      registry,
      'reconcile_latency',
      () => new Histogram({ name: 'reconcile_latency', help: 'Latency of reconcile operations in milliseconds', labelNames, buckets: [...RECONCILE_LATENCY_BUCKETS_MS], registers: [] }),
      (m: Metric): m is Histogram<Labels> => m instanceof Histogram,
    );
  }

  /** Records one reconcile of `reconciler` that took `seconds`. */
  observe(reconciler: string, success: boolean, seconds: number): void {
    const labels = { reconciler, success: String(success) };
    this.#count.inc(labels);
    this.#latency.observe(labels, seconds * 1000);
  }
}
