// Collects each watched revision's demand (Knative's metrics.MetricCollector): every
// second it scrapes a sample of the pods behind the Metric's scrape target and
// records the revision's concurrency and request rate, less what the activator
// proxied; the activator's own reports are recorded alongside. Stable and panic
// windows of 1 s buckets average them for the deciders.
import { AUTOSCALING_QUEUE_METRICS_PORT_NAME, endpointTargets, METRIC_AGGREGATION_ALGORITHM_KEY, NANOS_PER_MILLISECOND, type Metric, type Stat } from '@knot/api';
import type { Clock, Logger, TimerHandle } from '@knot/runtime';
import type { Endpoints } from 'kubernetes-types/core/v1.js';
import type { RevisionKey } from '../scaling/types.js';
import { scrapeRevision, type ScrapeOne } from './revision-scraper.js';
import { TimedBuckets, WeightedBuckets, type WindowAverager } from './timed-buckets.js';

/** How often every revision is scraped (Knative's scrapeTickInterval). */
export const SCRAPE_INTERVAL_MS = 1000;

/** A revision's averages, for the whole revision. */
export interface StableAndPanic {
  readonly stable: number;
  readonly panic: number;
}

/** What a decider reads; undefined when the revision is not collected or has had no data for a stable window. */
export interface MetricClient {
  stableAndPanic(key: RevisionKey, metric: 'concurrency' | 'rps', now: number): StableAndPanic | undefined;
}

export interface MetricCollectorOptions {
  readonly clock: Clock;
  readonly logger: Logger;
  /** A revision's private Endpoints (an informer's lister in production). */
  readonly endpoints: (namespace: string, name: string) => Endpoints | undefined;
  readonly scrapeOne: ScrapeOne;
  /** For the sample's order; Math.random unless a test fixes it. */
  readonly random?: () => number;
}

const WEIGHTED = new Set(['weighted-exponential', 'weightedExponential']);

class Collection {
  metric: Metric;
  readonly concurrency: [WindowAverager, WindowAverager];
  readonly rps: [WindowAverager, WindowAverager];
  scraping = false;
  lastError: string | undefined;

  constructor(metric: Metric) {
    this.metric = metric;
    const make = (ms: number): WindowAverager => (WEIGHTED.has(metric.metadata?.annotations?.[METRIC_AGGREGATION_ALGORITHM_KEY] ?? '') ? new WeightedBuckets(ms) : new TimedBuckets(ms));
    const { stable, panic } = windows(metric);
    this.concurrency = [make(stable), make(panic)];
    this.rps = [make(stable), make(panic)];
  }

  update(metric: Metric, now: number): void {
    this.metric = metric;
    const { stable, panic } = windows(metric);
    for (const [s, p] of [this.concurrency, this.rps]) {
      s.resizeWindow(stable, now);
      p.resizeWindow(panic, now);
    }
  }

  record(now: number, stat: Stat): void {
    // What the activator proxied it reports itself; counting it here too would double it.
    const concurrency = stat.averageConcurrentRequests - stat.averageProxiedConcurrentRequests;
    const rps = stat.requestCount - stat.proxiedRequestCount;
    for (const b of this.concurrency) b.record(now, concurrency);
    for (const b of this.rps) b.record(now, rps);
  }
}

function windows(metric: Metric): { stable: number; panic: number } {
  // Whole seconds, at least one bucket, whatever the object says.
  const ms = (ns: number) => Math.max(1000, Math.round((Number.isFinite(ns) ? ns : 0) / NANOS_PER_MILLISECOND / 1000) * 1000);
  return { stable: ms(metric.spec.stableWindow), panic: ms(metric.spec.panicWindow) };
}

export const metricKey = (metric: Metric): RevisionKey => `${metric.metadata?.namespace ?? ''}/${metric.metadata?.name ?? ''}`;

export class MetricCollector implements MetricClient {
  readonly #o: MetricCollectorOptions;
  readonly #random: () => number;
  readonly #collections = new Map<RevisionKey, Collection>();
  readonly #inFlight = new Set<Promise<void>>();
  readonly #errorListeners: ((key: RevisionKey) => void)[] = [];
  #timer: TimerHandle | undefined;
  #stopped = false;

  constructor(opts: MetricCollectorOptions) {
    this.#o = opts;
    this.#random = opts.random ?? Math.random;
  }

  /** Starts scraping every second. */
  start(): void {
    if (this.#timer || this.#stopped) return;
    const tick = () => {
      this.#timer = undefined;
      if (this.#stopped) return;
      this.scrapeAll();
      this.#timer = this.#o.clock.setTimeout(tick, SCRAPE_INTERVAL_MS);
    };
    this.#timer = this.#o.clock.setTimeout(tick, SCRAPE_INTERVAL_MS);
  }

  /** Stops the ticker and waits for scrapes in flight. */
  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) this.#o.clock.clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.idle();
  }

  /** Collects for this Metric, or applies its new windows keeping the data. */
  createOrUpdate(metric: Metric): void {
    const key = metricKey(metric);
    const existing = this.#collections.get(key);
    if (existing) existing.update(metric, this.#o.clock.now());
    else this.#collections.set(key, new Collection(metric));
  }

  delete(key: RevisionKey): void {
    this.#collections.delete(key);
  }

  has(key: RevisionKey): boolean {
    return this.#collections.has(key);
  }

  /** Records a stat from outside the scrape (the activator's); dropped for revisions not collected. */
  record(key: RevisionKey, now: number, stat: Stat): void {
    this.#collections.get(key)?.record(now, stat);
  }

  stableAndPanic(key: RevisionKey, metric: 'concurrency' | 'rps', now: number): StableAndPanic | undefined {
    const c = this.#collections.get(key);
    if (!c) return undefined;
    const [stable, panic] = metric === 'rps' ? c.rps : c.concurrency;
    // Nothing to decide on yet; without a scrape target only the activator reports, and that is data.
    if (stable.isEmpty(now) && c.metric.spec.scrapeTarget !== '') return undefined;
    return { stable: stable.windowAverage(now), panic: panic.windowAverage(now) };
  }

  /** The K8s Service whose pods are scraped for `key`; undefined when not collected. */
  scrapeTarget(key: RevisionKey): string | undefined {
    return this.#collections.get(key)?.metric.spec.scrapeTarget;
  }

  /** The last scrape's error for `key`, if it failed. */
  lastError(key: RevisionKey): string | undefined {
    return this.#collections.get(key)?.lastError;
  }

  /** Called with the key when a revision's scrape starts or stops failing (for the Metric's status). */
  onErrorChange(listener: (key: RevisionKey) => void): void {
    this.#errorListeners.push(listener);
  }

  /** Starts one scrape of every revision that has none in flight. */
  scrapeAll(): void {
    for (const [key, c] of this.#collections) {
      if (c.scraping) continue;
      c.scraping = true;
      const p = this.#scrape(key, c).finally(() => {
        c.scraping = false;
        this.#inFlight.delete(p);
      });
      this.#inFlight.add(p);
    }
  }

  /** Resolves when no scrape is in flight. */
  async idle(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.all(this.#inFlight);
  }

  async #scrape(key: RevisionKey, c: Collection): Promise<void> {
    const namespace = c.metric.metadata?.namespace ?? '';
    const target = c.metric.spec.scrapeTarget;
    let error: string | undefined;
    if (target !== '') {
      const targets = endpointTargets(this.#o.endpoints(namespace, target), AUTOSCALING_QUEUE_METRICS_PORT_NAME);
      try {
        const result = await scrapeRevision(targets, this.#o.scrapeOne, this.#random, this.#o.clock.now());
        for (const err of result.errors) this.#o.logger.info({ key, err: err.message }, 'a pod failed scraping; sampled another');
        // A collection deleted or replaced meanwhile gets nothing.
        if (result.stat && this.#collections.get(key) === c) c.record(this.#o.clock.now(), result.stat);
      } catch (err) {
        error = (err as Error).message;
        this.#o.logger.warn({ key, err: error }, 'scrape failed');
      }
    }
    if (error !== c.lastError && this.#collections.get(key) === c) {
      c.lastError = error;
      for (const l of this.#errorListeners) l(key);
    }
  }
}
