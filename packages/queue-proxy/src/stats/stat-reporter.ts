// Turns the request stats into one Stat per reporting period (1 s), which the
// autoscaler scrapes from the stats port; counts become per-second rates as in
// Knative's stats reporter.
import type { Stat } from '@knot/api';
import type { Clock, TimerHandle } from '@knot/runtime';
import type { RequestStats } from './request-stats.js';

export interface StatReporterOptions {
  readonly stats: RequestStats;
  readonly clock: Clock;
  readonly podName: string;
  readonly periodMs: number;
}

export class StatReporter {
  readonly #opts: StatReporterOptions;
  readonly #startedAt: number;
  #timer: TimerHandle | undefined;
  #stopped = false;
  #current: Stat;

  constructor(opts: StatReporterOptions) {
    if (!(opts.periodMs > 0)) throw new RangeError(`periodMs: must be positive, got ${opts.periodMs}`);
    this.#opts = opts;
    this.#startedAt = opts.clock.now();
    this.#current = this.#stat(this.#startedAt, { averageConcurrency: 0, averageProxiedConcurrency: 0, requestCount: 0, proxiedRequestCount: 0 });
  }

  /** The stat of the last complete period (zeros before the first one ends). */
  get current(): Stat {
    return this.#current;
  }

  start(): void {
    if (this.#timer || this.#stopped) return;
    this.#schedule();
  }

  stop(): void {
    this.#stopped = true;
    if (this.#timer) this.#opts.clock.clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #schedule(): void {
    this.#timer = this.#opts.clock.setTimeout(() => {
      const now = this.#opts.clock.now();
      this.#current = this.#stat(now, this.#opts.stats.report(now));
      if (!this.#stopped) this.#schedule();
    }, this.#opts.periodMs);
  }

  #stat(now: number, r: ReturnType<RequestStats['report']>): Stat {
    const seconds = this.#opts.periodMs / 1000;
    return {
      podName: this.#opts.podName,
      averageConcurrentRequests: r.averageConcurrency,
      averageProxiedConcurrentRequests: r.averageProxiedConcurrency,
      requestCount: r.requestCount / seconds,
      proxiedRequestCount: r.proxiedRequestCount / seconds,
      processUptime: (now - this.#startedAt) / 1000,
      timestamp: now,
    };
  }
}
