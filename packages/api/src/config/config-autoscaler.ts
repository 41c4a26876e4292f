import { CONFIG_AUTOSCALER } from '../constants/config-maps.js';
import { FieldErrors } from '../field-error.js';
import {
  asBool,
  asDuration,
  asFloat,
  asInt32,
  asString,
  atLeast,
  between,
  showGoDuration,
  greaterThan,
  nonEmpty,
  parseFields,
  snapshot,
  wholeSeconds,
} from './parse.js';
import type { Check, ConfigData } from './parse.js';

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

/** The smallest target per pod Knative allows (autoscaling.TargetMin). */
export const TARGET_MIN = 0.01;
/** Bounds of the stable window (autoscaling.WindowMin / WindowMax), in milliseconds. */
export const WINDOW_MIN_MS = 6_000;
export const WINDOW_MAX_MS = 3_600_000;

const tbc: Check<number> = (v) =>
  v >= 0 || v === -1 ? undefined : `must be -1 (activator always in the path) or at least 0, got ${v}`;
const percentage: Check<number> = (v) =>
  v > 0 && v <= 100 ? undefined : `must be greater than 0 and at most 100, got ${v}`;

const d = DEFAULT_CONFIG_AUTOSCALER;
const FIELDS = {
  podAutoscalerClass: asString('pod-autoscaler-class', d.podAutoscalerClass, nonEmpty),
  enableScaleToZero: asBool('enable-scale-to-zero', d.enableScaleToZero),
  allowZeroInitialScale: asBool('allow-zero-initial-scale', d.allowZeroInitialScale),
  maxScaleUpRate: asFloat('max-scale-up-rate', d.maxScaleUpRate, greaterThan(1)),
  maxScaleDownRate: asFloat('max-scale-down-rate', d.maxScaleDownRate, greaterThan(1)),
  // Values in (0, 1] are a legacy fraction; larger ones a percentage (70 → 0.7).
  containerConcurrencyTargetPercentage: asFloat(
    'container-concurrency-target-percentage',
    d.containerConcurrencyTargetFraction,
    percentage,
  ),
  containerConcurrencyTargetDefault: asFloat('container-concurrency-target-default', d.containerConcurrencyTargetDefault),
  rpsTargetDefault: asFloat('requests-per-second-target-default', d.rpsTargetDefault, atLeast(TARGET_MIN)),
  targetBurstCapacity: asFloat('target-burst-capacity', d.targetBurstCapacity, tbc),
  panicWindowPercentage: asFloat('panic-window-percentage', d.panicWindowPercentage, between(1, 100)),
  panicThresholdPercentage: asFloat('panic-threshold-percentage', d.panicThresholdPercentage, between(110, 1000)),
  activatorCapacity: asFloat('activator-capacity', d.activatorCapacity, atLeast(1)),
  initialScale: asInt32('initial-scale', d.initialScale, atLeast(0)),
  minScale: asInt32('min-scale', d.minScale, atLeast(0)),
  maxScale: asInt32('max-scale', d.maxScale, atLeast(0)),
  maxScaleLimit: asInt32('max-scale-limit', d.maxScaleLimit, atLeast(0)),
  stableWindowMs: asDuration('stable-window', d.stableWindowMs, between(WINDOW_MIN_MS, WINDOW_MAX_MS, showGoDuration), wholeSeconds),
  scaleDownDelayMs: asDuration('scale-down-delay', d.scaleDownDelayMs, between(0, WINDOW_MAX_MS, showGoDuration), wholeSeconds),
  scaleToZeroGracePeriodMs: asDuration('scale-to-zero-grace-period', d.scaleToZeroGracePeriodMs, greaterThan(0, showGoDuration)),
  scaleToZeroPodRetentionPeriodMs: asDuration(
    'scale-to-zero-pod-retention-period',
    d.scaleToZeroPodRetentionPeriodMs,
    atLeast(0, showGoDuration),
  ),
};

/** Parses `config-autoscaler` with Knative's validation; throws ConfigError naming each bad key. */
export function parseConfigAutoscaler(data: ConfigData): ConfigAutoscaler {
  const errs = new FieldErrors();
  const { containerConcurrencyTargetPercentage: pct, ...v } = parseFields(data, FIELDS, errs);
  const config: ConfigAutoscaler = { ...v, containerConcurrencyTargetFraction: pct > 1 ? pct / 100 : pct };
  if (errs.empty) crossCheck(config, errs);
  return snapshot(CONFIG_AUTOSCALER, errs, config);
}

function crossCheck(c: ConfigAutoscaler, errs: FieldErrors): void {
  const target = c.containerConcurrencyTargetFraction * c.containerConcurrencyTargetDefault;
  if (target < TARGET_MIN) {
    errs.add(
      'container-concurrency-target-default',
      `with container-concurrency-target-percentage gives a target of ${target}, which must be at least ${TARGET_MIN}`,
    );
  }
  if (c.initialScale === 0 && !c.allowZeroInitialScale) {
    errs.add('initial-scale', 'must be at least 1 unless allow-zero-initial-scale is true, got 0');
  }
  if (c.maxScaleLimit > 0 && (c.maxScale < 1 || c.maxScale > c.maxScaleLimit)) {
    errs.add('max-scale', `must be between 1 and max-scale-limit (${c.maxScaleLimit}), got ${c.maxScale}`);
  }
  if (c.maxScale > 0 && c.minScale > c.maxScale) {
    errs.add('min-scale', `must be at most max-scale (${c.maxScale}), got ${c.minScale}`);
  }
}
