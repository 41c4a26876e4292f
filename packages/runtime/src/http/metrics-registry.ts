import { collectDefaultMetrics, Registry, type Metric } from 'prom-client';

export interface MetricsRegistryOptions {
  /** Node process metrics (CPU, memory, event loop lag, GC); default true. */
  readonly processMetrics?: boolean;
}

/** A Registry of one component's own, never the prom-client global, so components in one process stay apart. */
export function createMetricsRegistry(opts: MetricsRegistryOptions = {}): Registry {
  const registry = new Registry();
  if (opts.processMetrics ?? true) collectDefaultMetrics({ register: registry });
  return registry;
}

/** The metric already in `registry` under `name`, or a new one; lets several providers share a registry. */
export function reuseOrRegister<M extends Metric>(registry: Registry, name: string, create: () => M, is: (m: Metric) => m is M): M {
  const existing = registry.getSingleMetric(name);
  if (existing) {
    if (!is(existing)) throw new Error(`metric ${name} is already registered with another type`);
    return existing;
  }
  const metric = create();
  registry.registerMetric(metric);
  return metric;
}
