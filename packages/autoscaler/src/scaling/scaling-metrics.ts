// Per-revision Prometheus gauges of the deciders, under the names Knative's
// autoscaler has long exported (autoscaler_desired_pods, ...), on a Registry of
// the caller's own.
import { Gauge, type Registry } from 'prom-client';
import type { KpaInput } from './kpa.js';
import type { DeciderSpec, DeciderStatus, RevisionKey } from './types.js';

const LABELS = ['namespace_name', 'revision_name'] as const;

export class ScalingMetrics {
  readonly #desired: Gauge<(typeof LABELS)[number]>;
  readonly #ebc: Gauge<(typeof LABELS)[number]>;
  readonly #panic: Gauge<(typeof LABELS)[number]>;
  // [stable, panic, target] per scaling metric.
  readonly #concurrency: readonly Gauge<(typeof LABELS)[number]>[];
  readonly #rps: readonly Gauge<(typeof LABELS)[number]>[];

  constructor(registry: Registry) {
    const gauge = (name: string, help: string) => new Gauge({ name, help, labelNames: LABELS, registers: [registry] });
    this.#desired = gauge('autoscaler_desired_pods', 'Number of pods the autoscaler wants to allocate');
    this.#ebc = gauge('autoscaler_excess_burst_capacity', 'Excess burst capacity observed over the panic window');
    this.#panic = gauge('autoscaler_panic_mode', '1 while the autoscaler is in panic mode, else 0');
    this.#concurrency = [
      gauge('autoscaler_stable_request_concurrency', 'Average of request concurrency over the stable window'),
      gauge('autoscaler_panic_request_concurrency', 'Average of request concurrency over the panic window'),
      gauge('autoscaler_target_concurrency_per_pod', 'The desired concurrent requests for each pod'),
    ];
    this.#rps = [
      gauge('autoscaler_stable_requests_per_second', 'Average of requests per second over the stable window'),
      gauge('autoscaler_panic_requests_per_second', 'Average of requests per second over the panic window'),
      gauge('autoscaler_target_requests_per_second', 'The desired requests per second for each pod'),
    ];
  }

  record(key: RevisionKey, spec: DeciderSpec, input: KpaInput, status: DeciderStatus): void {
    const labels = labelsOf(key);
    this.#desired.set(labels, status.desiredScale);
    this.#ebc.set(labels, status.excessBurstCapacity);
    this.#panic.set(labels, status.inPanic ? 1 : 0);
    const [stable, panic, target] = spec.scalingMetric === 'rps' ? this.#rps : this.#concurrency;
    stable?.set(labels, input.stableAvg);
    panic?.set(labels, input.panicAvg);
    target?.set(labels, spec.targetValue);
  }

  remove(key: RevisionKey): void {
    const labels = labelsOf(key);
    for (const g of [this.#desired, this.#ebc, this.#panic, ...this.#concurrency, ...this.#rps]) g.remove(labels);
  }
}

function labelsOf(key: RevisionKey): Record<(typeof LABELS)[number], string> {
  const slash = key.indexOf('/');
  return { namespace_name: key.slice(0, slash), revision_name: key.slice(slash + 1) };
}
