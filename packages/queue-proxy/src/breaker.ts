// The concurrency limit of a revision with containerConcurrency >= 1, as
// Knative's queue.Breaker: at most `capacity` requests with the app at once and
// at most `queueDepth` more waiting; anything beyond is refused at once.

/** A request waiting for a slot; `grant` hands it one (the caller releases it later). */
export interface BreakerWaiter {
  grant(): void;
}

export type AcquireResult = 'granted' | 'queued' | 'full';

export class Breaker {
  readonly capacity: number;
  readonly queueDepth: number;
  #active = 0;
  // Insertion-ordered, so the oldest waiter goes first and a cancelled one leaves in O(1).
  readonly #waiting = new Set<BreakerWaiter>();

  constructor(capacity: number, queueDepth: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`capacity: must be a whole number >= 1, got ${capacity}`);
    if (!Number.isInteger(queueDepth) || queueDepth < 0) throw new RangeError(`queueDepth: must be a whole number >= 0, got ${queueDepth}`);
    this.capacity = capacity;
    this.queueDepth = queueDepth;
  }

  /** Takes a slot now ('granted'), puts `waiter` in line ('queued'), or refuses it ('full'). */
  acquire(waiter: BreakerWaiter): AcquireResult {
    if (this.#active < this.capacity) {
      this.#active++;
      return 'granted';
    }
    if (this.#waiting.size >= this.queueDepth) return 'full';
    this.#waiting.add(waiter);
    return 'queued';
  }

  /** Gives a granted slot back; the oldest waiter, if any, takes it over. */
  release(): void {
    for (const next of this.#waiting) {
      this.#waiting.delete(next);
      next.grant();
      return;
    }
    if (this.#active > 0) this.#active--;
  }

  /** Takes a waiter out of line (its deadline passed, or its client left); false when it was not waiting. */
  cancel(waiter: BreakerWaiter): boolean {
    return this.#waiting.delete(waiter);
  }

  /** Requests with the app now. */
  get active(): number {
    return this.#active;
  }

  get waiting(): number {
    return this.#waiting.size;
  }

  /** Requests holding or waiting for a slot: Knative's breaker InFlight, reported as the queue depth metric. */
  get pending(): number {
    return this.#active + this.#waiting.size;
  }
}

/** Knative's sizing: a queue ten times the concurrency, none when concurrency is unlimited (0). */
export function breakerFor(containerConcurrency: number): Breaker | undefined {
  return containerConcurrency >= 1 ? new Breaker(containerConcurrency, 10 * containerConcurrency) : undefined;
}
