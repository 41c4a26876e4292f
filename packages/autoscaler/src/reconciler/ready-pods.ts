import { AUTOSCALING_QUEUE_METRICS_PORT_NAME, endpointTargets } from '@knot/api';
import type { Endpoints } from 'kubernetes-types/core/v1.js';

/** Ready pods behind a revision's private Service: one target per pod on queue-proxy's stats port (pods may share an IP in local mode). */
export function readyPods(endpoints: Endpoints | undefined): number {
  return endpointTargets(endpoints, AUTOSCALING_QUEUE_METRICS_PORT_NAME).length;
}
