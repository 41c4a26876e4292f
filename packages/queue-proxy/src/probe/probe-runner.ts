// Readiness of the user container, decided by queue-proxy running the user's
// readiness probe(s) itself. A probe without a period is run aggressively when
// asked (every 50 ms until it passes, for at most 10 s per round, as Knative
// does); a probe with a period runs in the background and passes or fails by
// its success and failure thresholds. Concurrent askers share one round.
import type { QueueProxyProbe } from '@knot/api';
import { noopLogger, type Clock, type Logger, type TimerHandle } from '@knot/runtime';
import type { ProbeAttempt } from './probe-attempt.js';

export interface ProbeTimings {
  /** Between tries of an aggressive probe; default 50 ms. */
  readonly aggressiveIntervalMs?: number;
  /** Timeout of one aggressive try; default 100 ms. */
  readonly aggressiveTimeoutMs?: number;
  /** An aggressive round gives up after this long; default 10 s. */
  readonly roundMs?: number;
}

export interface ProbeRunnerOptions extends ProbeTimings {
  /** From SERVING_READINESS_PROBE; none means a TCP dial of the user port. */
  readonly probes: readonly QueueProxyProbe[];
  readonly userPort: number;
  readonly clock: Clock;
  readonly attempt: ProbeAttempt;
  readonly logger?: Logger;
}

interface RunningProbe {
  /** Undefined when the probe passes, else why not. */
  check(): Promise<string | undefined>;
  start(): void;
  stop(): void;
}

export class ProbeRunner {
  readonly #probes: RunningProbe[];
  readonly #logger: Logger;
  #round: Promise<boolean> | undefined;
  #lastResult = false;

  constructor(opts: ProbeRunnerOptions) {
    const list = opts.probes.length > 0 ? opts.probes : [{ tcpSocket: { port: opts.userPort } }];
    this.#logger = opts.logger ?? noopLogger;
    this.#probes = list.map((p) => ((p.periodSeconds ?? 0) > 0 ? new PeriodicProbe(p, opts) : new AggressiveProbe(p, opts)));
  }

  /** The result of the last completed check. */
  get ready(): boolean {
    return this.#lastResult;
  }

  /** Whether every probe passes; callers arriving while a round runs share it. */
  check(): Promise<boolean> {
    this.#round ??= Promise.all(this.#probes.map((p) => p.check())).then((failures) => {
      this.#round = undefined;
      const failed = failures.filter((f) => f !== undefined);
      if (failed.length > 0 && this.#lastResult) this.#logger.warn({ failures: failed }, 'user container is no longer ready');
      this.#lastResult = failed.length === 0;
      return this.#lastResult;
    });
    return this.#round;
  }

  /** Starts periodic probes and a first check, so readiness is known before anyone asks. */
  start(): void {
    for (const p of this.#probes) p.start();
    void this.check();
  }

  stop(): void {
    for (const p of this.#probes) p.stop();
  }
}

/** A probe without a period: tried every interval until it passes `successThreshold` times in a row, or the round ends. */
class AggressiveProbe implements RunningProbe {
  readonly #probe: QueueProxyProbe;
  readonly #opts: ProbeRunnerOptions;
  readonly #intervalMs: number;
  readonly #timeoutMs: number;
  readonly #roundMs: number;
  #successes = 0;
  #stopped = false;
  #sleeping: { timer: TimerHandle; wake: () => void } | undefined;

  constructor(probe: QueueProxyProbe, opts: ProbeRunnerOptions) {
    this.#probe = probe;
    this.#opts = opts;
    this.#intervalMs = opts.aggressiveIntervalMs ?? 50;
    this.#timeoutMs = opts.aggressiveTimeoutMs ?? 100;
    this.#roundMs = opts.roundMs ?? 10_000;
  }

  async check(): Promise<string | undefined> {
    const { clock, attempt } = this.#opts;
    const threshold = Math.max(1, this.#probe.successThreshold ?? 1);
    const deadline = clock.now() + this.#roundMs;
    let failure: string | undefined;
    while (!this.#stopped) {
      failure = await attempt(this.#probe, this.#timeoutMs);
      if (failure === undefined) {
        if (++this.#successes >= threshold) return undefined;
      } else this.#successes = 0;
      if (clock.now() >= deadline) break;
      await this.#sleep(this.#intervalMs);
    }
    return failure ?? `passed ${this.#successes} of ${threshold} times in a row`;
  }

  start(): void {}

  stop(): void {
    this.#stopped = true;
    if (this.#sleeping) {
      this.#opts.clock.clearTimeout(this.#sleeping.timer);
      this.#sleeping.wake();
    }
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((wake) => {
      const timer = this.#opts.clock.setTimeout(() => {
        this.#sleeping = undefined;
        wake();
      }, ms);
      this.#sleeping = { timer, wake };
    });
  }
}

/** A probe with a period: tried in the background; its state flips after `successThreshold` passes or `failureThreshold` failures in a row. */
class PeriodicProbe implements RunningProbe {
  readonly #probe: QueueProxyProbe;
  readonly #opts: ProbeRunnerOptions;
  #ready = false;
  #successes = 0;
  #failures = 0;
  #lastFailure = 'not probed yet';
  #timer: TimerHandle | undefined;
  #stopped = false;

  constructor(probe: QueueProxyProbe, opts: ProbeRunnerOptions) {
    this.#probe = probe;
    this.#opts = opts;
  }

  check(): Promise<string | undefined> {
    return Promise.resolve(this.#ready ? undefined : this.#lastFailure);
  }

  start(): void {
    this.#schedule((this.#probe.initialDelaySeconds ?? 0) * 1000);
  }

  stop(): void {
    this.#stopped = true;
    if (this.#timer) this.#opts.clock.clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #schedule(ms: number): void {
    if (this.#stopped) return;
    this.#timer = this.#opts.clock.setTimeout(() => void this.#tick(), ms);
  }

  async #tick(): Promise<void> {
    const p = this.#probe;
    const failure = await this.#opts.attempt(p, Math.max(1, p.timeoutSeconds ?? 1) * 1000);
    if (failure === undefined) {
      this.#failures = 0;
      if (++this.#successes >= Math.max(1, p.successThreshold ?? 1)) this.#ready = true;
    } else {
      this.#successes = 0;
      this.#lastFailure = failure;
      if (++this.#failures >= Math.max(1, p.failureThreshold ?? 3)) this.#ready = false;
    }
    this.#schedule((p.periodSeconds ?? 1) * 1000);
  }
}
