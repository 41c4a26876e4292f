// The KPA decision for one revision on one tick (Knative's scaling.autoscaler.Scale),
// as a pure function of plain data: the window averages, the ready pods, the
// DeciderSpec, the time and the previous state in; the status and next state out.
// A recorded trace can so be replayed decision by decision.
import { currentMax, recordMax, type MaxWindowEntry } from './max-window.js';
import type { DeciderSpec, DeciderStatus } from './types.js';

/** How often the multi-scaler runs each decider; also the slot width of the scale-down-delay window. */
export const TICK_INTERVAL_MS = 2000;
/** The fewest activators put in a revision's path. */
export const MIN_ACTIVATORS = 2;

/** What one tick sees. */
export interface KpaInput {
  /** Milliseconds since the epoch. */
  readonly now: number;
  /** Ready pods as counted (may be 0). */
  readonly readyPods: number;
  /** Average of the scaling metric over the stable window, for the whole revision. */
  readonly stableAvg: number;
  /** The same over the panic window. */
  readonly panicAvg: number;
}

/** What a decider carries from one tick to the next. */
export interface KpaState {
  /** The last tick that was over the panic threshold (or when the scaler was created in panic); null when not panicking. */
  readonly panicTime: number | null;
  /** The highest desired scale reached during this panic; never scaled below while panicking. */
  readonly maxPanicPods: number;
  /** Desired scales over the trailing scale-down delay. */
  readonly delayWindow: readonly MaxWindowEntry[];
}

export interface KpaDecision {
  readonly status: DeciderStatus;
  readonly state: KpaState;
}

/** A new scaler's state: a revision that already has more than one ready pod starts in panic, so a restart never scales it down blindly. */
export function initialKpaState(readyPods: number, now: number): KpaState {
  return { panicTime: readyPods > 1 ? now : null, maxPanicPods: Math.max(0, readyPods), delayWindow: [] };
}

/** Activators to put in the path: enough to take the ready pods' capacity plus the burst capacity. */
export function numActivators(readyPods: number, spec: DeciderSpec): number {
  if (spec.targetBurstCapacity === 0) return MIN_ACTIVATORS;
  const cover = readyPods * spec.totalValue + Math.max(0, spec.targetBurstCapacity);
  return Math.max(MIN_ACTIVATORS, Math.ceil(cover / spec.activatorCapacity));
}

/**
 * A new decider's status before its first decision: desired -1, and burst
 * capacity as if initial scale pods were up (so with a TBC above that the
 * activator stays in the path from the start).
 */
export function initialDeciderStatus(spec: DeciderSpec, readyPods: number, inPanic: boolean): DeciderStatus {
  const tbc = spec.targetBurstCapacity;
  return {
    desiredScale: -1,
    excessBurstCapacity: tbc === 0 || tbc === -1 ? tbc : Math.trunc(spec.initialScale * spec.totalValue - tbc),
    numActivators: numActivators(readyPods, spec),
    inPanic,
  };
}

/** Excess burst capacity: floor(ready × total − TBC − panicAvg); 0 with TBC 0 and −1 with TBC −1 (any other negative). */
export function excessBurstCapacity(readyPods: number, panicAvg: number, spec: DeciderSpec): number {
  const tbc = spec.targetBurstCapacity;
  if (tbc === 0) return 0;
  if (tbc < 0) return -1;
  return Math.floor(readyPods * spec.totalValue - tbc - panicAvg);
}

const clamp = (x: number, lo: number, hi: number): number => Math.min(Math.max(x, lo), hi);

/** One tick of the KPA. */
export function decide(spec: DeciderSpec, input: KpaInput, state: KpaState): KpaDecision {
  const { now, stableAvg, panicAvg } = input;
  const ready = Math.max(1, input.readyPods);

  // Growth is bounded by the rate, but always by at least one pod; an unreachable revision scales down at once.
  const maxUp = Math.ceil(spec.maxScaleUpRate * ready);
  const maxDown = spec.reachable ? Math.floor(ready / spec.maxScaleDownRate) : 0;

  const stableWant = Math.ceil(stableAvg / spec.targetValue);
  const panicWant = Math.ceil(panicAvg / spec.targetValue);
  const stablePods = clamp(stableWant, maxDown, maxUp);
  const panicPods = clamp(panicWant, maxDown, maxUp);

  const overThreshold = panicWant / ready >= spec.panicThreshold;
  let panicTime = state.panicTime;
  let maxPanicPods = state.maxPanicPods;
  if (overThreshold) {
    // Enter, or extend the panic from now.
    panicTime = now;
  } else if (panicTime !== null && panicTime + spec.stableWindowMs < now) {
    // The surge has had a whole stable window to reach the stable average.
    panicTime = null;
    maxPanicPods = 0;
  }

  let desired = stablePods;
  if (panicTime !== null) {
    // Provision for whichever window sees more, and never scale down while panicking.
    desired = Math.max(desired, panicPods);
    maxPanicPods = Math.max(maxPanicPods, desired);
    desired = maxPanicPods;
  }

  let delayWindow = state.delayWindow;
  if (spec.reachable && spec.scaleDownDelayMs > 0) {
    delayWindow = recordMax(delayWindow, now, desired, spec.scaleDownDelayMs, TICK_INTERVAL_MS);
    desired = currentMax(delayWindow) ?? desired;
  }

  return {
    status: {
      desiredScale: desired,
      excessBurstCapacity: excessBurstCapacity(input.readyPods, panicAvg, spec),
      numActivators: numActivators(input.readyPods, spec),
      inPanic: panicTime !== null,
    },
    state: { panicTime, maxPanicPods, delayWindow },
  };
}
