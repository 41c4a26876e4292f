// Per-revision autoscaling.knative.dev/* annotations, checked as Knative's webhook does,
// and knot's two scaling policies (docs/scaling-policies.md).
import type { ConfigAutoscaler } from '../../config/config-autoscaler.js';
import { TARGET_MIN, WINDOW_MAX_MS, WINDOW_MIN_MS } from '../../config/config-autoscaler.js';
import {
  ACTIVATION_SCALE_KEY,
  CLASS_ANNOTATION_KEY,
  HPA_CLASS,
  INITIAL_SCALE_ANNOTATION,
  KPA_CLASS,
  MAX_SCALE_ANNOTATION,
  METRIC_AGGREGATION_ALGORITHM_ANNOTATION,
  METRIC_ANNOTATION_KEY,
  MIN_SCALE_ANNOTATION,
  PANIC_THRESHOLD_PERCENTAGE_ANNOTATION,
  PANIC_WINDOW_PERCENTAGE_ANNOTATION,
  SCALE_DOWN_DELAY_ANNOTATION,
  SCALE_TO_ZERO_POD_RETENTION_PERIOD_ANNOTATION,
  TARGET_ANNOTATION_KEY,
  TARGET_BURST_CAPACITY_ANNOTATION,
  TARGET_UTILIZATION_PERCENTAGE_ANNOTATION,
  WINDOW_ANNOTATION_KEY,
  valueByPriority,
} from '../../constants/annotations.js';
import { RESERVE_INSTANCE_RESOURCES_ANNOTATION_KEY, SCALE_SCHEDULE_ANNOTATION_KEY } from '../../dataplane/autoscaler-policies.js';
import { parseReserveResources, ReserveResourcesError } from '../../dataplane/reserve-resources.js';
import { parseScaleSchedule, ScaleScheduleError } from '../../dataplane/scale-schedule.js';
import { formatGoDuration, isWholeSeconds, parseGoDuration } from '../../duration.js';
import type { FieldErrors } from '../../field-error.js';
import { INT32_MAX, parseGoInt, parseGoFloat } from './go-numbers.js';

type Annotations = Readonly<Record<string, string>>;
type Report = (key: string, message: string) => void;

const KPA_METRICS: readonly string[] = ['concurrency', 'rps'];
const ALGORITHMS: readonly string[] = ['linear', 'weighted-exponential', 'weightedExponential'];

/** Validates the autoscaling annotations; `errs` sits at the metadata path, problems land at `annotations[key]`. */
export function validateAutoscalingAnnotations(annotations: Annotations, config: ConfigAutoscaler, errs: FieldErrors): void {
  const report: Report = (key, message) => errs.add(`annotations[${key}]`, message);
  validateClass(annotations, report);
  const minScale = validateScaleBounds(annotations, config, report);
  validateFloats(annotations, report);
  validateDurations(annotations, report);
  validateMetric(annotations, config, report);
  validateAlgorithm(annotations, report);
  validateInitialScale(annotations, config, report);
  validatePolicies(annotations, config, minScale, report);
}

function own(annotations: Annotations, key: string): string | undefined {
  return Object.hasOwn(annotations, key) ? annotations[key] : undefined;
}

function validateClass(a: Annotations, report: Report): void {
  const cls = own(a, CLASS_ANNOTATION_KEY);
  // Classes outside knative.dev belong to third-party autoscalers and are theirs to check.
  if (cls !== undefined && cls.endsWith('.knative.dev') && cls !== KPA_CLASS && cls !== HPA_CLASS) {
    report(CLASS_ANNOTATION_KEY, `invalid value ${JSON.stringify(cls)}: must be ${KPA_CLASS} or ${HPA_CLASS}`);
  }
}

/** A non-negative int32 scale bound; 0 when absent or invalid (after reporting). */
function scaleBound(a: Annotations, keys: readonly string[], report: Report): number {
  const hit = valueByPriority(a, keys);
  if (!hit) return 0;
  const parsed = parseGoInt(hit.value, 32);
  if (!parsed.ok && !parsed.range) {
    report(hit.key, `not an integer: ${JSON.stringify(hit.value)}`);
    return 0;
  }
  if (!parsed.ok || parsed.value < 0) {
    report(hit.key, `must be between 0 and ${INT32_MAX}, got ${hit.value}`);
    return 0;
  }
  return parsed.value;
}

/** Returns min-scale (0 when absent or invalid), which the policies depend on. */
function validateScaleBounds(a: Annotations, config: ConfigAutoscaler, report: Report): number {
  const min = scaleBound(a, MIN_SCALE_ANNOTATION, report);
  const max = scaleBound(a, MAX_SCALE_ANNOTATION, report);
  const maxHit = valueByPriority(a, MAX_SCALE_ANNOTATION);
  if (max !== 0 && max < min) report(maxHit?.key ?? MAX_SCALE_ANNOTATION[0], `max-scale=${max} is less than min-scale=${min}`);
  if (maxHit && config.maxScaleLimit > 0) {
    if (max > config.maxScaleLimit) {
      report(maxHit.key, `must be between 1 and ${config.maxScaleLimit} (max-scale-limit), got ${max}`);
    }
    if (max === 0) report(maxHit.key, `max-scale=0 (unlimited) is not allowed when max-scale-limit is ${config.maxScaleLimit}`);
  }
  const activation = own(a, ACTIVATION_SCALE_KEY);
  if (activation === undefined) return min;
  const parsed = parseGoInt(activation, 32);
  if (!parsed.ok) report(ACTIVATION_SCALE_KEY, `not an integer: ${JSON.stringify(activation)}`);
  else if (min > parsed.value) report(ACTIVATION_SCALE_KEY, `min-scale=${min} is greater than activation-scale=${parsed.value}`);
  else if (max !== 0 && max < parsed.value) report(ACTIVATION_SCALE_KEY, `max-scale=${max} is less than activation-scale=${parsed.value}`);
  // 1 is what scaling from zero does anyway, so Knative only accepts values above it.
  else if (parsed.value < 2) report(ACTIVATION_SCALE_KEY, `must be at least 2, got ${parsed.value}`);
  return min;
}

interface FloatRule {
  readonly keys: readonly string[];
  readonly problem: (v: number, raw: string) => string | undefined;
}

const inRange = (lo: number, hi: number) => (v: number, raw: string) =>
  v < lo || v > hi ? `must be between ${lo} and ${hi}, got ${raw}` : undefined;

const FLOAT_RULES: readonly FloatRule[] = [
  { keys: PANIC_WINDOW_PERCENTAGE_ANNOTATION, problem: inRange(1, 100) },
  { keys: PANIC_THRESHOLD_PERCENTAGE_ANNOTATION, problem: inRange(110, 1000) },
  { keys: [TARGET_ANNOTATION_KEY], problem: (v, raw) => (v < TARGET_MIN ? `must be at least ${TARGET_MIN}, got ${raw}` : undefined) },
  { keys: TARGET_UTILIZATION_PERCENTAGE_ANNOTATION, problem: inRange(1, 100) },
  {
    keys: TARGET_BURST_CAPACITY_ANNOTATION,
    problem: (v, raw) => (v < 0 && v !== -1 ? `must be -1 (activator always in the path) or at least 0, got ${raw}` : undefined),
  },
];

function validateFloats(a: Annotations, report: Report): void {
  for (const rule of FLOAT_RULES) {
    const hit = valueByPriority(a, rule.keys);
    if (!hit) continue;
    const v = parseGoFloat(hit.value);
    const problem = v === undefined ? `not a number: ${JSON.stringify(hit.value)}` : rule.problem(v, hit.value);
    if (problem) report(hit.key, problem);
  }
}

interface DurationRule {
  readonly keys: readonly string[];
  readonly min: number;
  readonly max: number;
  readonly wholeSeconds: boolean;
}

const DURATION_RULES: readonly DurationRule[] = [
  { keys: [WINDOW_ANNOTATION_KEY], min: WINDOW_MIN_MS, max: WINDOW_MAX_MS, wholeSeconds: true },
  { keys: SCALE_DOWN_DELAY_ANNOTATION, min: 0, max: WINDOW_MAX_MS, wholeSeconds: true },
  { keys: SCALE_TO_ZERO_POD_RETENTION_PERIOD_ANNOTATION, min: 0, max: WINDOW_MAX_MS, wholeSeconds: false },
];

function validateDurations(a: Annotations, report: Report): void {
  for (const rule of DURATION_RULES) {
    const hit = valueByPriority(a, rule.keys);
    if (!hit) continue;
    const ms = parseGoDuration(hit.value);
    if (ms === undefined) report(hit.key, `not a duration: ${JSON.stringify(hit.value)} (use a Go duration such as 60s or 1m30s)`);
    else if (ms < rule.min || ms > rule.max) {
      report(hit.key, `must be between ${formatGoDuration(rule.min)} and ${formatGoDuration(rule.max)}, got ${hit.value}`);
    } else if (rule.wholeSeconds && !isWholeSeconds(ms)) report(hit.key, `must be a whole number of seconds, got ${hit.value}`);
  }
}

function validateMetric(a: Annotations, config: ConfigAutoscaler, report: Report): void {
  const metric = own(a, METRIC_ANNOTATION_KEY);
  if (metric === undefined) return;
  const cls = own(a, CLASS_ANNOTATION_KEY) ?? config.podAutoscalerClass;
  if (cls === KPA_CLASS && !KPA_METRICS.includes(metric)) {
    report(METRIC_ANNOTATION_KEY, `invalid value ${JSON.stringify(metric)}: the ${KPA_CLASS} class supports concurrency and rps`);
  } else if (cls === HPA_CLASS && metric === '') {
    report(METRIC_ANNOTATION_KEY, `must not be empty for the ${HPA_CLASS} class (cpu, memory or a custom metric)`);
  }
}

function validateAlgorithm(a: Annotations, report: Report): void {
  if (own(a, CLASS_ANNOTATION_KEY) !== KPA_CLASS) return;
  const hit = valueByPriority(a, METRIC_AGGREGATION_ALGORITHM_ANNOTATION);
  if (hit && hit.value !== '' && !ALGORITHMS.includes(hit.value)) {
    report(hit.key, `invalid value ${JSON.stringify(hit.value)}: must be one of ${ALGORITHMS.join(', ')}`);
  }
}

function validateInitialScale(a: Annotations, config: ConfigAutoscaler, report: Report): void {
  const hit = valueByPriority(a, INITIAL_SCALE_ANNOTATION);
  if (!hit) return;
  const parsed = parseGoInt(hit.value, 64);
  if (!parsed.ok) report(hit.key, `not an integer: ${JSON.stringify(hit.value)}`);
  else if (parsed.value < 0) report(hit.key, `must not be negative, got ${parsed.value}`);
  else if (parsed.value === 0 && !config.allowZeroInitialScale) {
    report(hit.key, 'must be at least 1: this cluster does not allow zero initial scale (allow-zero-initial-scale)');
  }
}

/** Each policy value must parse as the autoscaler reads it; a reserve needs a kpa-class revision that can reach zero. */
function validatePolicies(a: Annotations, config: ConfigAutoscaler, minScale: number, report: Report): void {
  const schedule = own(a, SCALE_SCHEDULE_ANNOTATION_KEY);
  const scheduleProblem = schedule === undefined ? undefined : parseProblem(() => parseScaleSchedule(schedule));
  if (scheduleProblem) report(SCALE_SCHEDULE_ANNOTATION_KEY, scheduleProblem);
  const reserve = own(a, RESERVE_INSTANCE_RESOURCES_ANNOTATION_KEY);
  if (reserve === undefined) return;
  const problem = reserveProblem(reserve, own(a, CLASS_ANNOTATION_KEY) ?? config.podAutoscalerClass, minScale);
  if (problem) report(RESERVE_INSTANCE_RESOURCES_ANNOTATION_KEY, problem);
}

function reserveProblem(value: string, cls: string, minScale: number): string | undefined {
  const problem = parseProblem(() => parseReserveResources(value));
  if (problem) return problem;
  if (cls === HPA_CLASS) return `the ${HPA_CLASS} class never scales to zero, so it never uses a reserved instance; use the ${KPA_CLASS} class`;
  // Third-party classes may honour the annotation their own way; min-scale is judged for the kpa only.
  if (cls === KPA_CLASS && minScale > 0) return `min-scale=${minScale} keeps the revision from scaling to zero, so the reserved instance would never be used`;
  return undefined;
}

/** The parser's problem, relative to the annotation; anything but a parse error is a bug and propagates. */
function parseProblem(parse: () => unknown): string | undefined {
  try {
    parse();
    return undefined;
  } catch (err) {
    if (err instanceof ScaleScheduleError || err instanceof ReserveResourcesError) return err.detail;
    throw err;
  }
}
