// From the decider's wish to the scale written on the Deployment (Knative's kpa scaler):
// bounds, initial and activation scale, and the scale-to-zero sequence.
import { ServerlessServiceConditions, serverlessServiceProxyFor, type PodAutoscaler, type ServerlessService } from '@knot/api';
import type { AutoscalerConfig } from '../config-store.js';
import { initialScale, paActivationScale, paProgressDeadlineMs, podRetentionMs, scaleBounds, stableWindowMs, targetBurstCapacity } from './pa-annotations.js';
import type { PodAutoscalerStatusManager } from './pa-status.js';

/** Desired scale before the decider has decided (or before it exists). */
export const SCALE_UNKNOWN = -1;
/** How long past the progress deadline a revision may stay activating before it is scaled to zero. */
export const ACTIVATION_TIMEOUT_BUFFER_MS = 10_000;
/** How soon to look again while waiting for the activator to be confirmed in the path. */
export const PROXY_RECHECK_MS = 1000;

export interface ScaleInput {
  readonly pa: PodAutoscaler;
  readonly status: PodAutoscalerStatusManager;
  readonly sks: ServerlessService | undefined;
  /** The decider's desired scale; SCALE_UNKNOWN before its first decision. */
  readonly desired: number;
  readonly config: AutoscalerConfig;
  /** A lower bound from the scale schedule (0: none). */
  readonly scheduledMinScale: number;
  readonly now: number;
}

export interface ScaleDecision {
  /** The scale reported as desired; SCALE_UNKNOWN when undecided. */
  readonly want: number;
  /** Whether `want` is written on the Deployment now. */
  readonly apply: boolean;
  /** Look again after this long (a wait in the scale-to-zero sequence). */
  readonly requeueAfterMs?: number;
}

/** The lower bound of the pods wanted: min-scale, the schedule's minimum, and initial scale until first ready. */
export function effectiveMinScale(pa: PodAutoscaler, status: PodAutoscalerStatusManager, config: AutoscalerConfig, scheduledMinScale: number): number {
  const min = Math.max(scaleBounds(pa, config.autoscaler).min, scheduledMinScale);
  const initial = initialScale(pa, config.autoscaler);
  return initial > 1 && !status.isScaleTargetInitialized() ? Math.max(min, initial) : min;
}

export function decideScale(input: ScaleInput): ScaleDecision {
  const { pa, status, config } = input;
  let desired = input.desired;
  if (desired < 0 && !status.isActivating()) return { want: desired, apply: false };
  const activation = paActivationScale(pa) ?? 0;
  if (desired > 0 && desired < activation) desired = activation;
  desired = applyBounds(effectiveMinScale(pa, status, config, input.scheduledMinScale), scaleBounds(pa, config.autoscaler).max, desired);
  if (desired !== 0) return { want: desired, apply: true };
  return scaleToZero(input);
}

/** pre: 0 <= min; max 0 means no upper bound. */
function applyBounds(min: number, max: number, x: number): number {
  if (x < min) return min;
  if (max !== 0 && x > max) return max;
  return x;
}

/**
 * Zero is written only once the PA has been without demand for a stable
 * window (it turns inactive), the SKS has confirmed the activator in the path,
 * and the grace period (or the pod retention period, whichever is longer) passed.
 */
function scaleToZero({ pa, status, sks, config, now }: ScaleInput): ScaleDecision {
  const as = config.autoscaler;
  if (!as.enableScaleToZero) return { want: 1, apply: true };
  if (status.isActivating()) {
    const timeout = (paProgressDeadlineMs(pa) ?? config.deployment.progressDeadlineMs) + ACTIVATION_TIMEOUT_BUFFER_MS;
    const activatingFor = status.inActiveStatusFor('Unknown');
    if (activatingFor > timeout) return { want: 0, apply: true };
    return { want: SCALE_UNKNOWN, apply: false, requeueAfterMs: timeout - activatingFor + 1000 };
  }
  if (status.isActive()) {
    const window = stableWindowMs(pa, as);
    const activeFor = status.inActiveStatusFor('True');
    // Reported as 0 so the PA turns inactive and the SKS goes to Proxy; the SKS change brings the next reconcile.
    if (activeFor >= window) return { want: 0, apply: false };
    return { want: 1, apply: true, requeueAfterMs: window - activeFor };
  }
  if (!activatorInPath(pa, sks, config)) return { want: 0, apply: false, requeueAfterMs: PROXY_RECHECK_MS };
  const retention = podRetentionMs(pa, as);
  const longest = Math.max(as.scaleToZeroGracePeriodMs, retention);
  const inactiveFor = status.inActiveStatusFor('False');
  if (inactiveFor >= longest) return { want: 0, apply: true };
  const proxyFor = serverlessServiceProxyFor(sks?.status, now);
  // Fast path: the activator has been in the path for the grace period and no retention period is pending.
  if (proxyFor >= as.scaleToZeroGracePeriodMs && inactiveFor >= retention) return { want: 0, apply: true };
  const waits = [longest - inactiveFor, ...(proxyFor < as.scaleToZeroGracePeriodMs ? [as.scaleToZeroGracePeriodMs - proxyFor] : [])];
  return { want: 0, apply: false, requeueAfterMs: Math.max(1, Math.min(...waits)) };
}

/** The SKS is in Proxy mode and its status (for this generation) says the activator backs it; always so with TBC -1. */
function activatorInPath(pa: PodAutoscaler, sks: ServerlessService | undefined, config: AutoscalerConfig): boolean {
  if (targetBurstCapacity(pa, config.autoscaler) === -1) return true;
  if (!sks || sks.spec.mode !== 'Proxy') return false;
  if ((sks.status?.observedGeneration ?? 0) !== (sks.metadata?.generation ?? 0)) return false;
  return sks.status?.conditions?.some((c) => c.type === ServerlessServiceConditions.ActivatorEndpointsPopulated && c.status === 'True') ?? false;
}
