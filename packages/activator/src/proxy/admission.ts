// One request's way through the activator, whatever carries it: counted in the
// revision's stats, queued for a probed pod, bounded by the revision's
// timeouts, and accounted for exactly once when it ends.
import type { Clock, TimerHandle } from '@knot/runtime';
import type { RevisionEntry } from '../revisions/revision-registry.js';
import type { PodTracker } from '../throttler/pod-tracker.js';
import type { Waiter } from '../throttler/revision-throttler.js';

/** What every admission shares with the handler that made it. */
export interface AdmissionContext {
  readonly clock: Clock;
  readonly queueDepth: number;
  /** Wakes the autoscaler for a revision without pods. */
  readonly poke: (entry: RevisionEntry) => void;
}

type State = 'new' | 'waiting' | 'proxying' | 'done';

export abstract class Admission implements Waiter {
  protected readonly ctx: AdmissionContext;
  readonly entry: RevisionEntry;
  readonly startedAt: number;
  protected tracker: PodTracker | undefined;
  #state: State = 'new';
  #responseStarted = false;
  #timer: TimerHandle | undefined;
  #startTimer: TimerHandle | undefined;

  constructor(ctx: AdmissionContext, entry: RevisionEntry) {
    this.ctx = ctx;
    this.entry = entry;
    this.startedAt = ctx.clock.now();
  }

  get ended(): boolean {
    return this.#state === 'done';
  }

  /** Sends the request to a pod once there is one with a free slot. */
  admit(): void {
    const { entry, ctx } = this;
    entry.stats.started(this.startedAt);
    if (entry.throttler.podCount === 0) ctx.poke(entry);
    const { timeoutMs, responseStartTimeoutMs } = entry.settings;
    this.#timer = ctx.clock.setTimeout(() => this.#timedOut(false), timeoutMs);
    if (responseStartTimeoutMs > 0 && responseStartTimeoutMs < timeoutMs) {
      this.#startTimer = ctx.clock.setTimeout(() => this.#timedOut(true), responseStartTimeoutMs);
    }
    this.#state = 'waiting';
    if (entry.throttler.acquire(this) === 'full') {
      this.#state = 'new';
      this.reject(503, `the activator's queue for revision ${entry.key} is full (${ctx.queueDepth} requests waiting)`);
    }
  }

  grant(tracker: PodTracker): void {
    if (this.#state !== 'waiting') {
      this.entry.throttler.release(tracker);
      return;
    }
    this.#state = 'proxying';
    this.tracker = tracker;
    this.forward(tracker);
  }

  /** The pod's response headers arrived: only the total timeout applies from now on. */
  protected responseStarted(): void {
    this.#responseStarted = true;
    if (this.#startTimer) this.ctx.clock.clearTimeout(this.#startTimer);
    this.#startTimer = undefined;
  }

  /** Accounts for the request once: frees its slot or queue place, stops its timers, records the status. */
  protected end(status: number): void {
    if (this.#state === 'done') return;
    const { entry, ctx } = this;
    if (this.#state === 'waiting') entry.throttler.cancel(this);
    this.#state = 'done';
    if (this.#timer) ctx.clock.clearTimeout(this.#timer);
    if (this.#startTimer) ctx.clock.clearTimeout(this.#startTimer);
    if (this.tracker) entry.throttler.release(this.tracker);
    this.tracker = undefined;
    const now = ctx.clock.now();
    entry.stats.ended(now);
    entry.metrics.responded(status, now - this.startedAt);
  }

  #timedOut(responseStart: boolean): void {
    const { entry } = this;
    if (responseStart && this.#responseStarted) return;
    const seconds = (responseStart ? entry.settings.responseStartTimeoutMs : entry.settings.timeoutMs) / 1000;
    if (this.#state === 'waiting') {
      const pods = entry.throttler.podCount;
      this.reject(504, `timed out after ${seconds}s waiting for revision ${entry.key} to have capacity (${pods} ready ${pods === 1 ? 'pod' : 'pods'})`);
    } else if (this.#state === 'proxying' && !this.#responseStarted) {
      this.abortUpstream();
      this.reject(504, `revision ${entry.key} did not respond within ${seconds}s`);
    } else if (this.#state === 'proxying') {
      // Headers are out; cutting the connection is the only way left to say the response is incomplete.
      this.abortAll();
    }
  }

  /** Use the pod: send the request and relay the answer, then `end`. */
  protected abstract forward(tracker: PodTracker): void;
  /** Answer the client with an error of our own (if it can still be answered), then `end`. */
  protected abstract reject(status: number, message: string): void;
  /** Stop talking to the pod. */
  protected abstract abortUpstream(): void;
  /** Stop both sides after the response has started, then `end`. */
  protected abstract abortAll(): void;
}
