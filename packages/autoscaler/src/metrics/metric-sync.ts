// Keeps the collector's revisions in step with the Metric objects an informer sees.
import type { Metric } from '@knot/api';
import type { Informer } from '@knot/runtime';
import { metricKey, type MetricCollector } from './metric-collector.js';

/** Adds and updates collections from Metric events, and drops them on delete; returns the unsubscribe. */
export function syncMetrics(informer: Informer<Metric>, collector: MetricCollector): () => void {
  return informer.addEventHandler({
    onAdd: (m) => collector.createOrUpdate(m),
    onUpdate: (_old, m) => collector.createOrUpdate(m),
    onDelete: (m) => collector.delete(metricKey(m)),
  });
}
