// A window of 1 s buckets and its average (Knative's aggregation.TimedFloat64Buckets
// and WeightedFloat64Buckets). Values recorded in one second add up in its bucket;
// the average divides the window's total by the seconds actually observed.

/** Width of one bucket (Knative's config.BucketSize). */
export const BUCKET_MS = 1000;

// Knative rounds averages to 6 digits, so float noise never flips a ceil().
const round6 = (x: number): number => Math.round(x * 1e6) / 1e6;
const truncate = (ms: number): number => Math.floor(ms / BUCKET_MS) * BUCKET_MS;
const indexOf = (ms: number): number => Math.floor(ms / BUCKET_MS);

/** What the metric collector needs of a window. */
export interface WindowAverager {
  record(now: number, value: number): void;
  /** 0 when nothing was recorded for a whole window. */
  windowAverage(now: number): number;
  /** True when nothing was recorded for more than a window. */
  isEmpty(now: number): boolean;
  resizeWindow(windowMs: number, now: number): void;
}

/** The plain average: the window's total over the seconds observed, at most the window. */
export class TimedBuckets implements WindowAverager {
  protected buckets: number[];
  protected windowMs: number;
  /** Start of the first bucket in the current run of data; reset after a window without data. */
  protected firstWrite = Number.NEGATIVE_INFINITY;
  protected lastWrite = Number.NEGATIVE_INFINITY;
  /** Sum of all buckets, including ones outside [firstWrite, lastWrite]. */
  protected windowTotal = 0;

  constructor(windowMs: number) {
    this.windowMs = windowMs;
    this.buckets = new Array<number>(Math.ceil(windowMs / BUCKET_MS)).fill(0);
  }

  isEmpty(now: number): boolean {
    return truncate(now) - this.lastWrite > this.windowMs;
  }

  record(now: number, value: number): void {
    const bucketTime = truncate(now);
    const writeIdx = indexOf(now);
    if (this.lastWrite !== bucketTime) {
      // Older than a window: nothing to add it to.
      if (bucketTime + this.windowMs <= this.lastWrite) return;
      if (this.firstWrite > bucketTime || this.firstWrite === Number.NEGATIVE_INFINITY) this.firstWrite = bucketTime;
      if (bucketTime > this.lastWrite) {
        if (bucketTime - this.lastWrite >= this.windowMs) {
          // A whole window without data: start over.
          this.firstWrite = bucketTime;
          this.buckets.fill(0);
          this.windowTotal = 0;
        } else {
          // Seconds skipped since the last write count as zero.
          for (let i = indexOf(this.lastWrite) + 1; i <= writeIdx; i++) {
            const idx = i % this.buckets.length;
            this.windowTotal -= this.buckets[idx] ?? 0;
            this.buckets[idx] = 0;
          }
        }
        this.lastWrite = bucketTime;
      }
    }
    const idx = writeIdx % this.buckets.length;
    this.buckets[idx] = (this.buckets[idx] ?? 0) + value;
    this.windowTotal += value;
  }

  windowAverage(now: number): number {
    const t = truncate(now);
    const d = t - this.lastWrite;
    const observed = (this.lastWrite - this.firstWrite) / BUCKET_MS + 1;
    if (d <= 0) return round6(this.windowTotal / Math.min(observed, this.buckets.length));
    if (d >= this.windowMs) return 0;
    // No data for part of the window: drop the buckets that fell out, average over what is left.
    const st = indexOf(this.lastWrite);
    const end = indexOf(t);
    let total = this.windowTotal;
    for (let i = st + 1; i <= end; i++) total -= this.buckets[i % this.buckets.length] ?? 0;
    return round6(total / Math.min(observed, this.buckets.length - (end - st)));
  }

  /** Changes the window length, keeping the newest buckets that still fit. */
  resizeWindow(windowMs: number, now: number): void {
    if (windowMs === this.windowMs) return;
    const n = Math.ceil(windowMs / BUCKET_MS);
    const next = new Array<number>(n).fill(0);
    let total = 0;
    if (truncate(now) - this.lastWrite <= this.windowMs) {
      const old = this.buckets.length;
      let idx = indexOf(this.lastWrite);
      for (let k = 0; k < Math.min(n, old); k++, idx--) {
        const v = this.buckets[idx % old] ?? 0;
        next[idx % n] = v;
        total += v;
      }
      this.firstWrite = this.lastWrite - (old - 1) * BUCKET_MS;
    } else {
      this.firstWrite = Number.NEGATIVE_INFINITY;
    }
    this.windowMs = windowMs;
    this.buckets = next;
    this.windowTotal = total;
  }
}

// The weighted average's weights sum to at least this, and decay at least this fast.
const WEIGHT_PRECISION = 0.9999;
const MIN_EXPONENT = 0.2;

function smoothingCoefficient(buckets: number): number {
  return Math.max(1 - Math.pow(1 - WEIGHT_PRECISION, 1 / buckets), MIN_EXPONENT);
}

/**
 * An exponentially weighted average, newest bucket first (annotation
 * `autoscaling.knative.dev/metric-aggregation-algorithm: weighted-exponential`).
 */
export class WeightedBuckets extends TimedBuckets {
  #smoothing: number;

  constructor(windowMs: number) {
    super(windowMs);
    this.#smoothing = smoothingCoefficient(this.buckets.length);
  }

  override windowAverage(now: number): number {
    const t = truncate(now);
    if (this.isEmpty(t)) return 0;
    const total = this.buckets.length;
    let count = total;
    let multiplier = this.#smoothing;
    if (t > this.lastWrite) {
      // Seconds since the last write weigh in as zeros.
      const zeros = (t - this.lastWrite) / BUCKET_MS;
      multiplier *= Math.pow(1 - this.#smoothing, zeros);
      count -= zeros;
    }
    const start = indexOf(this.lastWrite) + total;
    let sum = 0;
    for (let i = 0; i < count; i++) {
      sum += (this.buckets[(start - i) % total] ?? 0) * multiplier;
      multiplier *= 1 - this.#smoothing;
    }
    return sum;
  }

  override resizeWindow(windowMs: number, now: number): void {
    super.resizeWindow(windowMs, now);
    this.#smoothing = smoothingCoefficient(this.buckets.length);
  }
}
