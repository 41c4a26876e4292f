// The activator's Prometheus metrics, under Knative's activator names
// (`activator_request_count`, `activator_request_latencies` in milliseconds,
// `activator_request_concurrent_requests`) with Knative's revision labels.
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

const REVISION_LABELS = ['namespace_name', 'service_name', 'configuration_name', 'revision_name'] as const;
const RESPONSE_LABELS = [...REVISION_LABELS, 'response_code', 'response_code_class'] as const;
/** Knative's activator latency buckets, in milliseconds. */
const LATENCY_BUCKETS_MS = [5, 10, 20, 40, 60, 80, 100, 150, 200, 250, 300, 350, 400, 450, 500, 600, 700, 800, 900, 1000, 2000, 5000, 10000, 20000, 50000, 100000];

export type RevisionLabels = Record<(typeof REVISION_LABELS)[number], string>;

export class ActivatorMetrics {
  readonly requestCount: Counter<(typeof RESPONSE_LABELS)[number]>;
  readonly requestLatencies: Histogram<(typeof RESPONSE_LABELS)[number]>;
  readonly concurrentRequests: Gauge<(typeof REVISION_LABELS)[number]>;
  readonly queued: Gauge<(typeof REVISION_LABELS)[number]>;

  constructor(registry: Registry) {
    this.requestCount = new Counter({ name: 'activator_request_count', help: 'The number of requests that are routed to Activator', labelNames: RESPONSE_LABELS, registers: [registry] });
    this.requestLatencies = new Histogram({ name: 'activator_request_latencies', help: 'The response latency in milliseconds', labelNames: RESPONSE_LABELS, buckets: LATENCY_BUCKETS_MS, registers: [registry] });
    this.concurrentRequests = new Gauge({ name: 'activator_request_concurrent_requests', help: 'Concurrent requests that are routed to Activator', labelNames: REVISION_LABELS, registers: [registry] });
    this.queued = new Gauge({ name: 'activator_request_queued', help: 'Requests waiting for a pod of the revision', labelNames: REVISION_LABELS, registers: [registry] });
  }

  /** The per-revision view; its children are looked up once per status code, not per request. */
  forRevision(labels: RevisionLabels): RevisionMetrics {
    return new RevisionMetrics(this, labels);
  }
}

interface ResponseChildren {
  readonly count: { inc(): void };
  readonly latency: { observe(v: number): void };
}

export class RevisionMetrics {
  readonly #metrics: ActivatorMetrics;
  readonly #labels: RevisionLabels;
  readonly #byCode = new Map<number, ResponseChildren>();

  constructor(metrics: ActivatorMetrics, labels: RevisionLabels) {
    this.#metrics = metrics;
    this.#labels = labels;
  }

  responded(status: number, latencyMs: number): void {
    let children = this.#byCode.get(status);
    if (!children) {
      const labels = { ...this.#labels, response_code: String(status), response_code_class: `${Math.floor(status / 100)}xx` };
      children = { count: this.#metrics.requestCount.labels(labels), latency: this.#metrics.requestLatencies.labels(labels) };
      this.#byCode.set(status, children);
    }
    children.count.inc();
    children.latency.observe(latencyMs);
  }

  /** The concurrency last reported to the autoscaler, and the queue length. */
  reported(concurrency: number, queued: number): void {
    this.#metrics.concurrentRequests.labels(this.#labels).set(concurrency);
    this.#metrics.queued.labels(this.#labels).set(queued);
  }

  /** Drops the revision's series once it is deleted. */
  remove(): void {
    this.#metrics.concurrentRequests.remove(this.#labels);
    this.#metrics.queued.remove(this.#labels);
    for (const status of this.#byCode.keys()) {
      const labels = { ...this.#labels, response_code: String(status), response_code_class: `${Math.floor(status / 100)}xx` };
      this.#metrics.requestCount.remove(labels);
      this.#metrics.requestLatencies.remove(labels);
    }
    this.#byCode.clear();
  }
}
