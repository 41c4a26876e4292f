// Graceful drain, as Knative's network Drainer: once draining, readiness fails
// at once while requests keep being served, and the drain ends after a quiet
// period with no new request. A /wait-for-drain that arrives before the
// shutdown starts a tentative drain, given back if no shutdown follows soon.
import type { Clock, TimerHandle } from '@knot/runtime';

export interface DrainerOptions {
  readonly clock: Clock;
  /** No request for this long ends the drain (Knative's drain sleep: 30 s). */
  readonly quietMs: number;
  /** How long a drain started only by /wait-for-drain waits for the shutdown before it is undone (Knative: 1 s). */
  readonly tentativeMs?: number;
}

type State = 'serving' | 'tentative' | 'draining' | 'drained';

export class Drainer {
  readonly #clock: Clock;
  readonly #quietMs: number;
  readonly #tentativeMs: number;
  #state: State = 'serving';
  #lastRequest = 0;
  #quietTimer: TimerHandle | undefined;
  #tentativeTimer: TimerHandle | undefined;
  #waiters: (() => void)[] = [];
  readonly #drained: Promise<void>;
  #resolveDrained!: () => void;

  constructor(opts: DrainerOptions) {
    if (!(opts.quietMs >= 0)) throw new RangeError(`quietMs: must be >= 0, got ${opts.quietMs}`);
    this.#clock = opts.clock;
    this.#quietMs = opts.quietMs;
    this.#tentativeMs = opts.tentativeMs ?? 1000;
    this.#drained = new Promise((resolve) => (this.#resolveDrained = resolve));
  }

  /** Readiness must fail: a drain is under way (or over). */
  get draining(): boolean {
    return this.#state !== 'serving';
  }

  get drained(): boolean {
    return this.#state === 'drained';
  }

  /** A request arrived: while draining, the quiet period starts over. */
  touch(): void {
    if (this.#state === 'serving') return;
    this.#lastRequest = this.#clock.now();
  }

  /** The shutdown: drain for good; resolves when the quiet period has passed. */
  drain(): Promise<void> {
    if (this.#state === 'tentative') this.#clearTentative();
    if (this.#state === 'serving' || this.#state === 'tentative') {
      if (this.#state === 'serving') this.#startQuietPeriod();
      this.#state = 'draining';
    }
    return this.#drained;
  }

  /** /wait-for-drain: join the drain, or start a tentative one; resolves when it ends or is given back. */
  waitForDrain(): Promise<void> {
    if (this.#state === 'drained') return Promise.resolve();
    const waiting = new Promise<void>((resolve) => this.#waiters.push(resolve));
    if (this.#state === 'serving') {
      this.#state = 'tentative';
      this.#startQuietPeriod();
      this.#tentativeTimer = this.#clock.setTimeout(() => this.#giveBack(), this.#tentativeMs);
    }
    return waiting;
  }

  /** Stops the timers; a drain in progress never ends (for a component stopped without one). */
  stop(): void {
    if (this.#quietTimer) this.#clock.clearTimeout(this.#quietTimer);
    this.#clearTentative();
    this.#quietTimer = undefined;
  }

  #startQuietPeriod(): void {
    this.#lastRequest = this.#clock.now();
    this.#quietTimer = this.#clock.setTimeout(() => this.#checkQuiet(), this.#quietMs);
  }

  #checkQuiet(): void {
    const left = this.#lastRequest + this.#quietMs - this.#clock.now();
    if (left > 0) {
      this.#quietTimer = this.#clock.setTimeout(() => this.#checkQuiet(), left);
      return;
    }
    this.#quietTimer = undefined;
    if (this.#state === 'draining') {
      this.#state = 'drained';
      this.#resolveDrained();
    }
    // A tentative drain that went quiet still waits for the shutdown or the give-back.
    this.#release();
  }

  #giveBack(): void {
    this.#tentativeTimer = undefined;
    if (this.#state !== 'tentative') return;
    if (this.#quietTimer) this.#clock.clearTimeout(this.#quietTimer);
    this.#quietTimer = undefined;
    this.#state = 'serving';
    this.#release();
  }

  #clearTentative(): void {
    if (this.#tentativeTimer) this.#clock.clearTimeout(this.#tentativeTimer);
    this.#tentativeTimer = undefined;
  }

  #release(): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const w of waiters) w();
  }
}
