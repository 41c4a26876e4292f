// One request's way through queue-proxy, whatever carries it: counted in the
// stats, held by the breaker until a slot frees, bounded by the revision's
// timeouts, and accounted for exactly once when it ends.
import type { Clock, TimerHandle } from '@knot/runtime';
import type { Breaker, BreakerWaiter } from '../breaker.js';
import type { InFlight } from '../drain/in-flight.js';
import type { RequestMetrics } from '../metrics/request-metrics.js';
import type { RequestStats } from '../stats/request-stats.js';
import type { UserUpstream } from './user-upstream.js';

/** The revision's timeouts in milliseconds; 0 means none. */
export interface RequestTimeouts {
  /** timeoutSeconds: from arrival to the end of the response. */
  readonly totalMs: number;
  /** responseStartTimeoutSeconds: from arrival to the first byte of the response. */
  readonly responseStartMs: number;
  /** idleTimeoutSeconds: the longest silence of the response. */
  readonly idleMs: number;
}

/** What every exchange shares with the handler that made it. */
export interface ExchangeContext {
  readonly clock: Clock;
  readonly breaker: Breaker | undefined;
  readonly stats: RequestStats;
  readonly metrics: RequestMetrics;
  readonly upstream: UserUpstream;
  readonly timeouts: RequestTimeouts;
  readonly inFlight: InFlight;
}

const enum State {
  New,
  Queued,
  Proxying,
  /** Answered by queue-proxy itself without holding a slot. */
  Refused,
  Done,
}

export abstract class Exchange implements BreakerWaiter {
  protected readonly ctx: ExchangeContext;
  readonly #proxied: boolean;
  readonly #arrivedAt: number;
  #admittedAt = -1;
  #state = State.New;
  #responseStarted = false;
  #lastActivity = 0;
  #total: TimerHandle | undefined;
  #start: TimerHandle | undefined;
  #idle: TimerHandle | undefined;

  constructor(ctx: ExchangeContext, proxied: boolean) {
    this.ctx = ctx;
    this.#proxied = proxied;
    this.#arrivedAt = ctx.clock.now();
  }

  get ended(): boolean {
    return this.#state === State.Done;
  }

  get hasResponseStarted(): boolean {
    return this.#responseStarted;
  }

  /** Counts the request and sends it to the app now, once a slot frees, or refuses it when the queue is full. */
  begin(): void {
    const { ctx } = this;
    ctx.stats.requestIn(this.#arrivedAt, this.#proxied);
    ctx.inFlight.add();
    const { totalMs, responseStartMs, idleMs } = ctx.timeouts;
    if (totalMs > 0) this.#total = ctx.clock.setTimeout(() => this.#timedOut('timeoutSeconds', totalMs), totalMs);
    if (responseStartMs > 0 && (totalMs === 0 || responseStartMs < totalMs)) this.#start = ctx.clock.setTimeout(() => this.#timedOut('responseStartTimeoutSeconds', responseStartMs), responseStartMs);
    if (idleMs > 0) {
      this.#lastActivity = this.#arrivedAt;
      this.#idle = ctx.clock.setTimeout(() => this.#idleCheck(), idleMs);
    }
    const breaker = ctx.breaker;
    if (!breaker) return this.#proceed();
    const admission = breaker.acquire(this);
    if (admission === 'granted') this.#proceed();
    else if (admission === 'queued') this.#state = State.Queued;
    else this.#refuse(503, `pending request queue full: ${breaker.capacity} in flight and ${breaker.queueDepth} waiting`);
  }

  grant(): void {
    if (this.#state !== State.Queued) {
      this.ctx.breaker?.release();
      return;
    }
    this.#proceed();
  }

  /** The app's response headers arrived: the response-start timeout no longer applies. */
  protected responseStarted(): void {
    this.#responseStarted = true;
    if (this.#start) this.ctx.clock.clearTimeout(this.#start);
    this.#start = undefined;
  }

  /** A connection was upgraded: from now on only the two ends decide when it closes. */
  protected upgraded(): void {
    this.responseStarted();
    this.#clearTimers();
  }

  /** Bytes of the response went by: the idle timeout starts over. */
  protected activity(): void {
    this.#lastActivity = this.ctx.clock.now();
  }

  /** Whether `activity()` matters, so callers only watch bytes when an idle timeout is set. */
  protected get watchesIdle(): boolean {
    return this.ctx.timeouts.idleMs > 0;
  }

  /** Accounts for the request once: frees its slot or queue place, stops its timers, records it. */
  protected finish(status: number): void {
    const state = this.#state;
    if (state === State.Done) return;
    this.#state = State.Done;
    const { ctx } = this;
    if (state === State.Queued) ctx.breaker?.cancel(this);
    else if (state === State.Proxying) ctx.breaker?.release();
    this.#clearTimers();
    const now = ctx.clock.now();
    ctx.stats.requestOut(now, this.#proxied);
    ctx.metrics.request(status, now - this.#arrivedAt);
    if (this.#admittedAt >= 0) ctx.metrics.app(status, now - this.#admittedAt);
    ctx.inFlight.done();
  }

  #proceed(): void {
    const { ctx } = this;
    this.#state = State.Proxying;
    this.#admittedAt = ctx.clock.now();
    if (ctx.breaker) ctx.metrics.queueDepth(ctx.breaker.pending);
    this.forward();
  }

  /** Answers from queue-proxy without the app, giving up any place in the queue at once. */
  #refuse(status: number, message: string): void {
    if (this.#state === State.Queued) this.ctx.breaker?.cancel(this);
    this.#state = State.Refused;
    this.reject(status, message);
  }

  #timedOut(setting: string, ms: number): void {
    if (this.#state === State.Done) return;
    if (setting === 'responseStartTimeoutSeconds') this.#start = undefined;
    else this.#total = undefined;
    if (this.#state === State.Queued || this.#state === State.New) {
      this.#refuse(503, `request timed out waiting for a free slot (${setting}: ${ms / 1000}s, container concurrency ${this.ctx.breaker?.capacity ?? 0})`);
    } else if (!this.#responseStarted) {
      this.abortUpstream();
      this.reject(504, `request timeout: the app did not start responding within ${ms / 1000}s (${setting})`);
    } else {
      // Headers are out: cutting the connection is the only way left to say the response is incomplete.
      this.abortAll();
    }
  }

  #idleCheck(): void {
    this.#idle = undefined;
    if (this.#state === State.Done) return;
    const idleMs = this.ctx.timeouts.idleMs;
    const left = this.#lastActivity + idleMs - this.ctx.clock.now();
    if (left > 0) {
      this.#idle = this.ctx.clock.setTimeout(() => this.#idleCheck(), left);
      return;
    }
    this.#timedOut('idleTimeoutSeconds', idleMs);
  }

  #clearTimers(): void {
    const { clock } = this.ctx;
    if (this.#total) clock.clearTimeout(this.#total);
    if (this.#start) clock.clearTimeout(this.#start);
    if (this.#idle) clock.clearTimeout(this.#idle);
    this.#total = this.#start = this.#idle = undefined;
  }

  /** Send the request to the app and relay the answer; `finish` once the client side is done. */
  protected abstract forward(): void;
  /** Answer the client with an error of queue-proxy's own (if it can still be answered), then `finish`. */
  protected abstract reject(status: number, message: string): void;
  /** Stop talking to the app. */
  protected abstract abortUpstream(): void;
  /** Stop both sides after the response has started, then `finish`. */
  protected abstract abortAll(): void;
}
