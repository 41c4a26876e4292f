import { systemClock, type Clock, type TimerHandle } from '../clock.js';
import { KeyFifo } from './key-fifo.js';
import type { WorkQueueMetrics } from './metrics.js';
import { defaultControllerRateLimiter, type RateLimiter } from './rate-limiter.js';

export interface WorkQueueOptions {
  /** Names the queue in logs and metrics, usually the controller's name. */
  name?: string;
  clock?: Clock;
  /** Defaults to client-go's controller limiter: 5 ms..1000 s per key, 10 qps / burst 100 overall. */
  rateLimiter?: RateLimiter;
  metrics?: WorkQueueMetrics;
}

/**
 * A rate-limited, delaying work queue of string keys with client-go's
 * guarantees: a key is queued at most once, and a key added while a worker
 * holds it is queued again only after `done`, so two workers never share a key.
 */
export class WorkQueue {
  readonly name: string;
  readonly #clock: Clock;
  readonly #limiter: RateLimiter;
  readonly #metrics: WorkQueueMetrics | undefined;
  readonly #queue = new KeyFifo();
  /** Keys that need processing: queued, or added again while being processed. */
  readonly #dirty = new Set<string>();
  readonly #processing = new Set<string>();
  readonly #delayed = new Map<string, { due: number; handle: TimerHandle }>();
  readonly #addedAt = new Map<string, number>();
  readonly #startedAt = new Map<string, number>();
  #getters: ((key: string | undefined) => void)[] = [];
  #drainers: (() => void)[] = [];
  #shuttingDown = false;

  constructor(opts: WorkQueueOptions = {}) {
    this.name = opts.name ?? '';
    this.#clock = opts.clock ?? systemClock;
    this.#limiter = opts.rateLimiter ?? defaultControllerRateLimiter(this.#clock);
    this.#metrics = opts.metrics;
  }

  /** Keys waiting for a worker (not counting delayed ones). */
  get len(): number {
    return this.#queue.length;
  }

  get shuttingDown(): boolean {
    return this.#shuttingDown;
  }

  add(key: string): void {
    if (this.#shuttingDown || this.#dirty.has(key)) return;
    this.#dirty.add(key);
    this.#addedAt.set(key, this.#clock.now());
    this.#metrics?.incAdds();
    if (this.#processing.has(key)) return;
    this.#enqueue(key);
  }

  /** Adds `key` once `ms` have passed; a key already waiting keeps the earlier time. */
  addAfter(key: string, ms: number): void {
    if (this.#shuttingDown) return;
    if (ms <= 0) {
      this.add(key);
      return;
    }
    const due = this.#clock.now() + ms;
    const waiting = this.#delayed.get(key);
    if (waiting && waiting.due <= due) return;
    if (waiting) this.#clock.clearTimeout(waiting.handle);
    const handle = this.#clock.setTimeout(() => {
      this.#delayed.delete(key);
      this.add(key);
    }, ms);
    this.#delayed.set(key, { due, handle });
  }

  /** Adds `key` after the rate limiter's delay for it: per-key backoff and the overall bucket. */
  addRateLimited(key: string): void {
    if (this.#shuttingDown) return;
    this.#metrics?.incRetries();
    this.addAfter(key, this.#limiter.when(key));
  }

  /** Resets `key`'s backoff; call it when the key was processed successfully. */
  forget(key: string): void {
    this.#limiter.forget(key);
  }

  numRequeues(key: string): number {
    return this.#limiter.numRequeues(key);
  }

  /** Waits for a key and marks it as being processed; `undefined` once the queue is shut down and empty. */
  get(): Promise<string | undefined> {
    if (this.#queue.length > 0) return Promise.resolve(this.#take());
    if (this.#shuttingDown) return Promise.resolve(undefined);
    return new Promise((resolve) => this.#getters.push(resolve));
  }

  /** Marks `key` as processed; if it was added meanwhile, it is queued again now. */
  done(key: string): void {
    if (!this.#processing.delete(key)) return;
    const started = this.#startedAt.get(key);
    this.#startedAt.delete(key);
    if (started !== undefined) this.#metrics?.observeWorkDuration((this.#clock.now() - started) / 1000);
    if (this.#dirty.has(key)) this.#enqueue(key);
    else if (this.#processing.size === 0) this.#resolveDrainers();
  }

  /** Stops accepting keys; workers still get the queued ones, then `undefined`. */
  shutDown(): void {
    if (this.#shuttingDown) return;
    this.#shuttingDown = true;
    for (const { handle } of this.#delayed.values()) this.#clock.clearTimeout(handle);
    this.#delayed.clear();
    const getters = this.#getters;
    this.#getters = [];
    for (const resolve of getters) resolve(undefined);
    if (this.#processing.size === 0) this.#resolveDrainers();
  }

  /** Shuts down and resolves once no key is being processed. */
  shutDownWithDrain(): Promise<void> {
    const drained = this.#processing.size === 0 ? Promise.resolve() : new Promise<void>((resolve) => this.#drainers.push(resolve));
    this.shutDown();
    return drained;
  }

  #enqueue(key: string): void {
    const getter = this.#getters.shift();
    if (getter) {
      getter(this.#start(key));
      return;
    }
    this.#queue.push(key);
    this.#metrics?.setDepth(this.#queue.length);
  }

  #take(): string | undefined {
    const key = this.#queue.shift();
    this.#metrics?.setDepth(this.#queue.length);
    return key === undefined ? undefined : this.#start(key);
  }

  #start(key: string): string {
    this.#processing.add(key);
    this.#dirty.delete(key);
    const now = this.#clock.now();
    const added = this.#addedAt.get(key);
    this.#addedAt.delete(key);
    if (added !== undefined) this.#metrics?.observeLatency((now - added) / 1000);
    this.#startedAt.set(key, now);
    return key;
  }

  #resolveDrainers(): void {
    const drainers = this.#drainers;
    this.#drainers = [];
    for (const resolve of drainers) resolve();
  }
}
