// Active and ScaleTargetInitialized from the wanted and ready pods (Knative's computeActiveCondition).
import type { PodAutoscaler } from '@knot/api';
import type { AutoscalerConfig } from '../config-store.js';
import { effectiveMinScale } from './decide-scale.js';
import { initialScale } from './pa-annotations.js';
import { PaReasons, type PodAutoscalerStatusManager } from './pa-status.js';

const QUEUED_MESSAGE = 'Requests to the target are being buffered as resources are provisioned.';
const NO_TRAFFIC_MESSAGE = 'The target is not receiving traffic.';
const TIMED_OUT_MESSAGE = 'The target could not be activated.';

/** Ready pods needed to count as active: the min scale, and the initial scale until first initialized. */
export function activeThreshold(pa: PodAutoscaler, status: PodAutoscalerStatusManager, config: AutoscalerConfig, scheduledMinScale: number): number {
  const min = effectiveMinScale(pa, status, config, scheduledMinScale);
  if (!status.isScaleTargetInitialized()) return Math.max(min, initialScale(pa, config.autoscaler));
  return Math.max(min, 1);
}

/**
 * | want | ready     | was       | becomes                         |
 * | 0    | any       | any       | inactive (TimedOut if activating) |
 * | >0   | < minimum | any       | activating (Queued)             |
 * | >0   | ≥ minimum | any       | active                          |
 * | -1   | < minimum | inactive  | inactive                        |
 * | -1   | < minimum | otherwise | activating                      |
 * | -1   | ≥ minimum | inactive  | inactive                        |
 * | -1   | ≥ minimum | otherwise | active                          |
 */
export function computeActiveCondition(pa: PodAutoscaler, status: PodAutoscalerStatusManager, config: AutoscalerConfig, scheduledMinScale: number, want: number, ready: number): void {
  const minReady = activeThreshold(pa, status, config, scheduledMinScale);
  if (ready >= minReady && pa.status?.serviceName) status.markScaleTargetInitialized();
  if (want === 0 || minReady === 0) {
    if (status.isActivating() && minReady > 0) status.markInactive(PaReasons.TimedOut, TIMED_OUT_MESSAGE);
    else status.markInactive(PaReasons.NoTraffic, NO_TRAFFIC_MESSAGE);
  } else if (ready < minReady) {
    if (want > 0 || !status.isInactive()) status.markActivating(PaReasons.Queued, QUEUED_MESSAGE);
    else status.markInactive(PaReasons.NoTraffic, NO_TRAFFIC_MESSAGE);
  } else if (want > 0 || !status.isInactive()) {
    status.markActive();
  }
}
