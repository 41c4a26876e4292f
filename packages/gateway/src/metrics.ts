// The gateway's Prometheus metrics, in a Registry of its own.
import { createMetricsRegistry } from '@knot/runtime';
import { Counter, Gauge, type Registry } from 'prom-client';
import type { Listener } from './table/compile-ingress.js';

/** Why a request was not proxied, or broke after it was. */
export type FailureReason = 'redirect' | 'no_route' | 'no_endpoints' | 'connect' | 'upstream' | 'headers_too_large' | 'body_too_large' | 'bad_request' | 'timeout';

export class GatewayMetrics {
  readonly registry: Registry;
  readonly #requests: Counter<'listener' | 'code'>;
  readonly #failures: Counter<'listener' | 'reason'>;
  readonly #hosts: Gauge<'listener'>;
  readonly #ingresses: Gauge;
  /** Label children by `listener code`, so the hot path does no label hashing after the first hit. */
  readonly #children = new Map<number, Counter.Internal>();

  constructor(registry: Registry = createMetricsRegistry()) {
    this.registry = registry;
    this.#requests = new Counter({ name: 'gateway_requests_total', help: 'Requests answered, by listener and status code', labelNames: ['listener', 'code'], registers: [registry] });
    this.#failures = new Counter({ name: 'gateway_failures_total', help: 'Requests the gateway answered itself or cut short, by reason', labelNames: ['listener', 'reason'], registers: [registry] });
    this.#hosts = new Gauge({ name: 'gateway_hosts', help: 'Hosts in the routing table, by listener', labelNames: ['listener'], registers: [registry] });
    this.#ingresses = new Gauge({ name: 'gateway_ingresses', help: 'Ingresses programmed', registers: [registry] });
  }

  request(listener: Listener, code: number): void {
    const key = listener === 'external' ? code : -code;
    let child = this.#children.get(key);
    if (!child) {
      child = this.#requests.labels(listener, String(code));
      this.#children.set(key, child);
    }
    child.inc();
  }

  failure(listener: Listener, reason: FailureReason): void {
    this.#failures.labels(listener, reason).inc();
  }

  table(external: number, internal: number, ingresses: number): void {
    this.#hosts.labels('external').set(external);
    this.#hosts.labels('internal').set(internal);
    this.#ingresses.set(ingresses);
  }
}
