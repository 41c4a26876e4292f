import type { Clock, TimerHandle } from '../clock.js';

interface PendingTimer {
  readonly handle: TimerHandle;
  readonly due: number;
  readonly fn: () => void;
}

/**
 * A manual clock: time moves only through `advance`, which fires due timers in
 * due-time order (ties in creation order), with `now()` set to each timer's due time.
 */
export class FakeClock implements Clock {
  #now: number;
  #nextId = 1;
  #timers: PendingTimer[] = [];

  constructor(start = Date.UTC(2024, 0, 1)) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const handle: TimerHandle = { id: this.#nextId++ };
    this.#timers.push({ handle, due: this.#now + Math.max(0, ms), fn });
    return handle;
  }

  clearTimeout(handle: TimerHandle): void {
    this.#timers = this.#timers.filter((t) => t.handle !== handle);
  }

  /** Timers not yet fired. */
  get pendingTimers(): number {
    return this.#timers.length;
  }

  /** Moves time forward by `ms`, firing every timer that falls due, including ones set while firing. */
  advance(ms: number): void {
    const end = this.#now + ms;
    for (let next = this.#nextDue(end); next; next = this.#nextDue(end)) {
      this.#timers = this.#timers.filter((t) => t !== next);
      this.#now = next.due;
      next.fn();
    }
    this.#now = end;
  }

  /**
   * Like `advance`, but lets promise callbacks run after each timer, so async
   * work started by one timer can schedule the next before time moves on.
   */
  async advanceAsync(ms: number): Promise<void> {
    const end = this.#now + ms;
    await flushPromises();
    for (let next = this.#nextDue(end); next; next = this.#nextDue(end)) {
      this.#timers = this.#timers.filter((t) => t !== next);
      this.#now = next.due;
      next.fn();
      await flushPromises();
    }
    this.#now = end;
    await flushPromises();
  }

  #nextDue(end: number): PendingTimer | undefined {
    let best: PendingTimer | undefined;
    for (const t of this.#timers) {
      if (t.due <= end && (!best || t.due < best.due)) best = t;
    }
    return best;
  }
}

/** Lets pending promise callbacks (and the ones they chain) run. */
export async function flushPromises(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}
