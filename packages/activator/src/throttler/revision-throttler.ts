// A revision's throttle: its probed pods, each with containerConcurrency slots,
// and one FIFO of requests waiting for a slot. A request gets a pod at once when
// nobody waits and a pod is free; otherwise it queues, up to `queueDepth`.
import type { EndpointTarget } from '@knot/api';
import { newPolicy, type LbPolicy } from './lb-policy.js';
import { podCapacity, PodTracker } from './pod-tracker.js';

/** A request waiting for a pod; `grant` is called once with the pod it may use. */
export interface Waiter {
  grant(tracker: PodTracker): void;
}

export type AcquireResult = 'granted' | 'queued' | 'full';

export interface RevisionThrottlerOptions {
  readonly containerConcurrency: number;
  /** Requests that may wait at once. */
  readonly queueDepth: number;
  /** Drives the random-choice-2 policy. */
  readonly random: () => number;
}

export class RevisionThrottler {
  #trackers: PodTracker[] = [];
  #containerConcurrency: number;
  /** Activators that share every pod of this revision (when there are fewer pods than activators). */
  #sharers = 1;
  #policy: LbPolicy;
  readonly #queueDepth: number;
  readonly #random: () => number;
  /** Waiters in arrival order; a Set takes a timed-out one out in O(1). */
  readonly #queue = new Set<Waiter>();
  #dispatching = false;
  #again = false;

  constructor(opts: RevisionThrottlerOptions) {
    this.#containerConcurrency = opts.containerConcurrency;
    this.#queueDepth = opts.queueDepth;
    this.#random = opts.random;
    this.#policy = newPolicy(opts.containerConcurrency, opts.random);
  }

  /** Pods that passed their probe and take traffic. */
  get podCount(): number {
    return this.#trackers.length;
  }

  /** Requests waiting for a slot. */
  get waiting(): number {
    return this.#queue.size;
  }

  get containerConcurrency(): number {
    return this.#containerConcurrency;
  }

  /** The pods, sorted by address (what the policies iterate). */
  get trackers(): readonly PodTracker[] {
    return this.#trackers;
  }

  /** A new containerConcurrency resizes every pod and may change the policy. */
  setContainerConcurrency(cc: number): void {
    if (cc === this.#containerConcurrency) return;
    this.#containerConcurrency = cc;
    this.#policy = newPolicy(cc, this.#random);
    this.#resize();
  }

  /** How many activators send to each of these pods; each gets an even share of containerConcurrency. */
  setSharers(sharers: number): void {
    if (sharers === this.#sharers) return;
    this.#sharers = Math.max(1, sharers);
    this.#resize();
  }

  #resize(): void {
    const capacity = podCapacity(this.#containerConcurrency, this.#sharers);
    for (const t of this.#trackers) t.capacity = capacity;
    this.#dispatch();
  }

  /** Replaces the pods; pods that stay keep their in-flight counts. */
  setTargets(targets: readonly EndpointTarget[]): void {
    const old = new Map(this.#trackers.map((t) => [t.address, t]));
    const capacity = podCapacity(this.#containerConcurrency, this.#sharers);
    const next = targets.map((target) => {
      const fresh = new PodTracker(target, capacity);
      return old.get(fresh.address) ?? fresh;
    });
    next.sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
    this.#trackers = next;
    this.#dispatch();
  }

  /**
   * Grants a pod now (calling `waiter.grant` before returning), queues the
   * waiter, or refuses it when the queue is full.
   */
  acquire(waiter: Waiter): AcquireResult {
    if (this.#queue.size === 0) {
      const tracker = this.#policy(this.#trackers);
      if (tracker) {
        tracker.inFlight++;
        waiter.grant(tracker);
        return 'granted';
      }
    }
    if (this.#queue.size >= this.#queueDepth) return 'full';
    this.#queue.add(waiter);
    return 'queued';
  }

  /** Takes a queued waiter out (timed out or gone); returns false when it was not waiting. */
  cancel(waiter: Waiter): boolean {
    return this.#queue.delete(waiter);
  }

  /** Gives a granted slot back and lets the next waiter in. */
  release(tracker: PodTracker): void {
    tracker.inFlight--;
    if (this.#queue.size > 0) this.#dispatch();
  }

  #dispatch(): void {
    // A grant may release synchronously (the client left); loop instead of recursing.
    if (this.#dispatching) {
      this.#again = true;
      return;
    }
    this.#dispatching = true;
    try {
      do {
        this.#again = false;
        // Deleting the visited entry while iterating a Set is safe; arrivals during a grant join the end.
        for (const next of this.#queue) {
          const tracker = this.#policy(this.#trackers);
          if (!tracker) break;
          tracker.inFlight++;
          this.#queue.delete(next);
          next.grant(tracker);
        }
      } while (this.#again);
    } finally {
      this.#dispatching = false;
    }
  }
}
