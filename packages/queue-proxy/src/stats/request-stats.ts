// Demand on this pod as the autoscaler wants it: the time-weighted average of
// requests in flight, and how many arrived, over each reporting period, with the
// parts that came through the activator kept apart (Knative's RequestStats).

export interface RequestStatsReport {
  readonly averageConcurrency: number;
  readonly averageProxiedConcurrency: number;
  readonly requestCount: number;
  readonly proxiedRequestCount: number;
}

export class RequestStats {
  #concurrency = 0;
  #proxiedConcurrency = 0;
  #lastChange: number;
  // Reset on every report.
  #requestCount = 0;
  #proxiedRequestCount = 0;
  #weighted = 0;
  #proxiedWeighted = 0;
  #observedMs = 0;

  constructor(now: number) {
    this.#lastChange = now;
  }

  /** A request arrived (before any queueing: waiting counts as demand). */
  requestIn(now: number, proxied: boolean): void {
    this.#advance(now);
    this.#concurrency++;
    this.#requestCount++;
    if (proxied) {
      this.#proxiedConcurrency++;
      this.#proxiedRequestCount++;
    }
  }

  requestOut(now: number, proxied: boolean): void {
    this.#advance(now);
    this.#concurrency--;
    if (proxied) this.#proxiedConcurrency--;
  }

  get concurrency(): number {
    return this.#concurrency;
  }

  /** The period ending at `now`, then starts the next one. */
  report(now: number): RequestStatsReport {
    this.#advance(now);
    const ms = this.#observedMs;
    const out: RequestStatsReport = {
      averageConcurrency: ms > 0 ? this.#weighted / ms : 0,
      averageProxiedConcurrency: ms > 0 ? this.#proxiedWeighted / ms : 0,
      requestCount: this.#requestCount,
      proxiedRequestCount: this.#proxiedRequestCount,
    };
    this.#requestCount = 0;
    this.#proxiedRequestCount = 0;
    this.#weighted = 0;
    this.#proxiedWeighted = 0;
    this.#observedMs = 0;
    return out;
  }

  #advance(now: number): void {
    const dt = now - this.#lastChange;
    if (dt <= 0) return;
    this.#observedMs += dt;
    this.#weighted += this.#concurrency * dt;
    this.#proxiedWeighted += this.#proxiedConcurrency * dt;
    this.#lastChange = now;
  }
}
