// What @knot/activator shares with other components. Owned by that component; exported from the package root.
import { AUTOSCALER_STATS_PORT, SERVING_NAMESPACE } from '../constants/ports.js';
import { AUTOSCALER_SERVICE_NAME } from '../autoscaling/stat.js';

/** Requests one activator holds waiting per revision before it answers 503. */
export const ACTIVATOR_QUEUE_DEPTH = 10_000;
/** How often the activator pushes its per-revision stats to the autoscaler. */
export const ACTIVATOR_REPORT_INTERVAL_MS = 1000;

/** The autoscaler's stat websocket as the activator dials it in a cluster. */
export function autoscalerStatsUrl(namespace: string = SERVING_NAMESPACE, clusterDomain = 'cluster.local'): string {
  return `ws://${AUTOSCALER_SERVICE_NAME}.${namespace}.svc.${clusterDomain}:${AUTOSCALER_STATS_PORT}`;
}
