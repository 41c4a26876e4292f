// A revision's demand as the activator sees it: requests in flight (waiting or
// proxied), integrated over time so a report carries the period's average.

export interface StatPeriod {
  /** Time-weighted average of in-flight requests over the period. */
  readonly averageConcurrency: number;
  /** Requests that arrived during the period. */
  readonly requestCount: number;
}

export class RevisionStats {
  #inFlight = 0;
  #requests = 0;
  #periodStart: number;
  #lastChange: number;
  /** Sum of in-flight × milliseconds since the period started. */
  #area = 0;

  constructor(now: number) {
    this.#periodStart = now;
    this.#lastChange = now;
  }

  get inFlight(): number {
    return this.#inFlight;
  }

  started(now: number): void {
    this.#advance(now);
    this.#inFlight++;
    this.#requests++;
  }

  ended(now: number): void {
    this.#advance(now);
    this.#inFlight--;
  }

  /** The period up to `now`, and a new period starting there. */
  report(now: number): StatPeriod {
    this.#advance(now);
    const span = now - this.#periodStart;
    const period = { averageConcurrency: span > 0 ? this.#area / span : this.#inFlight, requestCount: this.#requests };
    this.#periodStart = now;
    this.#area = 0;
    this.#requests = 0;
    return period;
  }

  #advance(now: number): void {
    if (now > this.#lastChange) this.#area += this.#inFlight * (now - this.#lastChange);
    this.#lastChange = now;
  }
}
