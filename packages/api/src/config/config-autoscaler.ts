/** `config-autoscaler` in `knative-serving`. Durations are in milliseconds. */
export interface ConfigAutoscaler {
  /** container-concurrency-target-percentage, as a fraction (70 → 0.7). */
  readonly containerConcurrencyTargetFraction: number;
  /** container-concurrency-target-default */
  readonly containerConcurrencyTargetDefault: number;
  /** requests-per-second-target-default */
  readonly rpsTargetDefault: number;
  /** target-burst-capacity; -1 keeps the activator always in the path. */
  readonly targetBurstCapacity: number;
  /** stable-window, 6 s .. 1 h. */
  readonly stableWindowMs: number;
  /** panic-window-percentage, 1 .. 100. */
  readonly panicWindowPercentage: number;
  /** panic-threshold-percentage, 110 .. 1000. */
  readonly panicThresholdPercentage: number;
  /** max-scale-up-rate, > 1. */
  readonly maxScaleUpRate: number;
  /** max-scale-down-rate, > 1. */
  readonly maxScaleDownRate: number;
  /** enable-scale-to-zero */
  readonly enableScaleToZero: boolean;
  /** scale-to-zero-grace-period */
  readonly scaleToZeroGracePeriodMs: number;
  /** scale-to-zero-pod-retention-period */
  readonly scaleToZeroPodRetentionPeriodMs: number;
  /** pod-autoscaler-class */
  readonly podAutoscalerClass: string;
  /** activator-capacity */
  readonly activatorCapacity: number;
  /** initial-scale */
  readonly initialScale: number;
  /** allow-zero-initial-scale */
  readonly allowZeroInitialScale: boolean;
  /** min-scale */
  readonly minScale: number;
  /** max-scale; 0 means no limit. */
  readonly maxScale: number;
  /** max-scale-limit; 0 means no limit on what max-scale may be set to. */
  readonly maxScaleLimit: number;
  /** scale-down-delay, 0 .. 1 h. */
  readonly scaleDownDelayMs: number;
}

export const DEFAULT_CONFIG_AUTOSCALER: ConfigAutoscaler = Object.freeze({
  containerConcurrencyTargetFraction: 0.7,
  containerConcurrencyTargetDefault: 100,
  rpsTargetDefault: 200,
  targetBurstCapacity: 211,
  stableWindowMs: 60_000,
  panicWindowPercentage: 10,
  panicThresholdPercentage: 200,
  maxScaleUpRate: 1000,
  maxScaleDownRate: 2,
  enableScaleToZero: true,
  scaleToZeroGracePeriodMs: 30_000,
  scaleToZeroPodRetentionPeriodMs: 0,
  podAutoscalerClass: 'kpa.autoscaling.knative.dev',
  activatorCapacity: 100,
  initialScale: 1,
  allowZeroInitialScale: false,
  minScale: 0,
  maxScale: 0,
  maxScaleLimit: 0,
  scaleDownDelayMs: 0,
});
