export * from './readiness.js';
export * from './probe-handler.js';
export * from './probe-server.js';
export { createMetricsRegistry, type MetricsRegistryOptions } from './metrics-registry.js';
export * from './workqueue-metrics.js';
export * from './reconcile-metrics.js';
