// The user-facing Prometheus metrics (port 9091) under Knative's names and
// revision labels: every request queue-proxy answers (revision_request_*), the
// ones that reached the app (revision_app_request_*), and the breaker's depth.
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

export interface RevisionLabels {
  readonly namespace_name: string;
  readonly service_name: string;
  readonly configuration_name: string;
  readonly revision_name: string;
  readonly pod_name: string;
}

/** Knative's latency distribution, in milliseconds. */
const LATENCY_BUCKETS_MS = [5, 10, 20, 40, 60, 80, 100, 150, 200, 250, 300, 350, 400, 450, 500, 600, 700, 800, 900, 1000, 2000, 5000, 10000, 20000, 50000, 100000];
const REVISION_KEYS = ['namespace_name', 'service_name', 'configuration_name', 'revision_name', 'pod_name', 'container_name'] as const;
const RESPONSE_KEYS = [...REVISION_KEYS, 'response_code', 'response_code_class'] as const;
const CONTAINER_NAME = 'queue-proxy';

interface Observer {
  observe(ms: number): void;
}

/** One status code's label children, looked up once and kept, so a request costs no label hashing. */
interface ByStatus {
  readonly requests: Observer;
  readonly app: Observer;
}

export class RequestMetrics {
  readonly #labels: Record<string, string>;
  readonly #requestCount: Counter;
  readonly #requestLatency: Histogram;
  readonly #appCount: Counter;
  readonly #appLatency: Histogram;
  readonly #queueDepth: Gauge;
  readonly #byStatus = new Map<number, ByStatus>();

  constructor(registry: Registry, labels: RevisionLabels) {
    this.#labels = { ...labels, container_name: CONTAINER_NAME };
    const registers = [registry];
    this.#requestCount = new Counter({ name: 'revision_request_count', help: 'The number of requests that are routed to queue-proxy', labelNames: RESPONSE_KEYS, registers });
    this.#requestLatency = new Histogram({ name: 'revision_request_latencies', help: 'The response time in millisecond', labelNames: RESPONSE_KEYS, buckets: LATENCY_BUCKETS_MS, registers });
    this.#appCount = new Counter({ name: 'revision_app_request_count', help: 'The number of requests that are routed to user-container', labelNames: RESPONSE_KEYS, registers });
    this.#appLatency = new Histogram({ name: 'revision_app_request_latencies', help: 'The response time in millisecond', labelNames: RESPONSE_KEYS, buckets: LATENCY_BUCKETS_MS, registers });
    this.#queueDepth = new Gauge({ name: 'revision_queue_depth', help: 'The current number of items in the serving and waiting queue, or not reported if unlimited concurrency.', labelNames: REVISION_KEYS, registers });
  }

  /** A request answered (by the app or by queue-proxy), `ms` after it arrived. */
  request(status: number, ms: number): void {
    this.#children(status).requests.observe(ms);
  }

  /** A request that reached the app, `ms` after it was let through. */
  app(status: number, ms: number): void {
    this.#children(status).app.observe(ms);
  }

  /** Requests holding or waiting for a slot, when the concurrency is limited. */
  queueDepth(pending: number): void {
    this.#queueDepth.set(this.#labels, pending);
  }

  #children(status: number): ByStatus {
    let c = this.#byStatus.get(status);
    if (!c) {
      const labels = { ...this.#labels, response_code: String(status), response_code_class: `${Math.floor(status / 100)}xx` };
      c = { requests: pair(this.#requestCount.labels(labels), this.#requestLatency.labels(labels)), app: pair(this.#appCount.labels(labels), this.#appLatency.labels(labels)) };
      this.#byStatus.set(status, c);
    }
    return c;
  }
}

function pair(count: { inc(): void }, latency: { observe(v: number): void }): Observer {
  return {
    observe: (ms) => {
      count.inc();
      latency.observe(ms);
    },
  };
}
