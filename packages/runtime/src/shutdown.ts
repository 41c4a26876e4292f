import { systemClock, type Clock, type TimerHandle } from './clock.js';
import { noopLogger, type Logger } from './logger.js';

/** What delivers signals: `process` in production, any EventEmitter in tests. */
export interface SignalSource {
  on(event: string, listener: (signal: string) => void): unknown;
  removeListener(event: string, listener: (signal: string) => void): unknown;
}

export interface ShutdownOptions {
  /** Signals that start the shutdown; default SIGTERM and SIGINT. */
  readonly signals?: readonly string[];
  /** Upper bound for all handlers together; default 25s, inside Kubernetes' default 30s termination grace period. */
  readonly timeoutMs?: number;
  readonly logger?: Logger;
  readonly process?: SignalSource;
  readonly clock?: Clock;
}

export interface ShutdownOutcome {
  /** The signal name, or the reason passed to `shutdown()`. */
  readonly reason: string;
  /** True when the handlers had not finished within `timeoutMs`. */
  readonly timedOut: boolean;
  /** Errors thrown by handlers; each was logged and the remaining handlers still ran. */
  readonly errors: readonly unknown[];
}

type Handler = () => void | Promise<void>;

const DEFAULT_SIGNALS = ['SIGTERM', 'SIGINT'] as const;
const DEFAULT_TIMEOUT_MS = 25_000;

/**
 * Graceful shutdown: on the first signal, aborts `signal` and runs the
 * registered handlers once, last registered first (so what started last
 * stops first), bounded by a timeout.
 */
export class Shutdown {
  readonly #controller = new AbortController();
  readonly #handlers: { name: string; fn: Handler }[] = [];
  readonly #source: SignalSource;
  readonly #signals: readonly string[];
  readonly #timeoutMs: number;
  readonly #logger: Logger;
  readonly #clock: Clock;
  readonly #listener = (signal: string) => void this.shutdown(signal);
  #outcome: Promise<ShutdownOutcome> | undefined;
  #resolveDone!: (o: ShutdownOutcome) => void;
  /** Settles when a shutdown has run to the end or timed out. */
  readonly done: Promise<ShutdownOutcome>;

  constructor(opts: ShutdownOptions = {}) {
    const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    if (!(timeoutMs > 0)) throw new Error(`timeoutMs: must be positive, got ${timeoutMs}`);
    this.#timeoutMs = timeoutMs;
    this.#signals = opts.signals ?? DEFAULT_SIGNALS;
    this.#logger = opts.logger ?? noopLogger;
    this.#clock = opts.clock ?? systemClock;
    this.#source = opts.process ?? process;
    this.done = new Promise((resolve) => (this.#resolveDone = resolve));
    for (const s of this.#signals) this.#source.on(s, this.#listener);
  }

  /** Aborted as soon as shutdown starts; pass it to loops and servers that should stop. */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /** Registers a handler; returns a function that unregisters it. */
  onShutdown(handler: Handler, name = `handler-${this.#handlers.length + 1}`): () => void {
    const entry = { name, fn: handler };
    this.#handlers.push(entry);
    return () => {
      const i = this.#handlers.indexOf(entry);
      if (i >= 0) this.#handlers.splice(i, 1);
    };
  }

  /** Starts the shutdown (as a signal would); later calls return the same outcome. */
  shutdown(reason = 'requested'): Promise<ShutdownOutcome> {
    if (this.#outcome) {
      this.#logger.info({ reason }, 'shutdown already in progress');
      return this.#outcome;
    }
    for (const s of this.#signals) this.#source.removeListener(s, this.#listener);
    this.#logger.info({ reason, handlers: this.#handlers.length }, 'shutting down');
    this.#controller.abort(new Error(`shutdown: ${reason}`));
    this.#outcome = this.#run(reason);
    void this.#outcome.then(this.#resolveDone);
    return this.#outcome;
  }

  async #run(reason: string): Promise<ShutdownOutcome> {
    const errors: unknown[] = [];
    let timer: TimerHandle | undefined;
    const timedOut = new Promise<true>((resolve) => (timer = this.#clock.setTimeout(() => resolve(true), this.#timeoutMs)));
    const handlers = [...this.#handlers].reverse();
    const all = (async () => {
      for (const h of handlers) {
        try {
          await h.fn();
        } catch (err) {
          errors.push(err);
          this.#logger.error({ err, handler: h.name }, 'shutdown handler failed');
        }
      }
      return false as const;
    })();
    const late = await Promise.race([all, timedOut]);
    if (timer) this.#clock.clearTimeout(timer);
    if (late) this.#logger.error({ timeoutMs: this.#timeoutMs }, 'shutdown handlers did not finish in time');
    else this.#logger.info({ reason }, 'shutdown complete');
    return { reason, timedOut: late, errors };
  }
}

export function createShutdown(opts?: ShutdownOptions): Shutdown {
  return new Shutdown(opts);
}
