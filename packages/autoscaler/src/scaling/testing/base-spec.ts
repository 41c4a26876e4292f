import type { DeciderSpec } from '../types.js';

// Target 10 per pod out of 10, so a window average of 25 asks for 3 pods.
export const baseSpec: DeciderSpec = {
  maxScaleUpRate: 1000,
  maxScaleDownRate: 2,
  scalingMetric: 'concurrency',
  totalValue: 10,
  targetValue: 10,
  targetBurstCapacity: 211,
  activatorCapacity: 100,
  panicThreshold: 2,
  stableWindowMs: 60_000,
  panicWindowMs: 6_000,
  scaleDownDelayMs: 0,
  initialScale: 1,
  reachable: true,
};
