// Every `intervalMs`, one frame to the autoscaler with each active revision's
// average concurrency and request count over the period; and, on the first
// request for a revision without pods, an immediate frame so it wakes at once.
import type { StatMessage } from '@knot/api';
import type { Clock, TimerHandle } from '@knot/runtime';
import type { RevisionEntry } from '../revisions/revision-registry.js';

export interface StatSink {
  send(messages: readonly StatMessage[]): boolean;
}

export interface ConcurrencyReporterOptions {
  readonly entries: () => Iterable<RevisionEntry>;
  readonly sink: StatSink;
  readonly clock: Clock;
  /** The activator's pod name; the autoscaler tells activators apart by it. */
  readonly podName: string;
  readonly intervalMs: number;
}

export class ConcurrencyReporter {
  readonly #opts: ConcurrencyReporterOptions;
  readonly #startedAt: number;
  /** Revisions that reported demand last period: they get one more report, of zero, when it stops. */
  readonly #active = new WeakSet<RevisionEntry>();
  #timer: TimerHandle | undefined;
  #stopped = false;

  constructor(opts: ConcurrencyReporterOptions) {
    this.#opts = opts;
    this.#startedAt = opts.clock.now();
  }

  start(): void {
    this.#schedule();
  }

  stop(): void {
    this.#stopped = true;
    if (this.#timer) this.#opts.clock.clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /** Reports concurrency 1 at once for a revision that has no pods, once until it has some again. */
  poke(entry: RevisionEntry): void {
    if (entry.poked) return;
    entry.poked = true;
    this.#opts.sink.send([this.#message(entry, 1, 1, this.#opts.clock.now())]);
  }

  /** Builds and sends one period's frame; exposed for the ticker and tests. */
  tick(): void {
    const now = this.#opts.clock.now();
    const messages: StatMessage[] = [];
    for (const entry of this.#opts.entries()) {
      // Every revision's period restarts, so an idle one's next report covers only its own second.
      const period = entry.stats.report(now);
      const demand = period.averageConcurrency > 0 || period.requestCount > 0;
      if (!demand && !this.#active.has(entry)) continue;
      messages.push(this.#message(entry, period.averageConcurrency, period.requestCount, now));
      entry.metrics.reported(period.averageConcurrency, entry.throttler.waiting);
      if (demand) this.#active.add(entry);
      else this.#active.delete(entry);
    }
    if (messages.length > 0) this.#opts.sink.send(messages);
  }

  #schedule(): void {
    if (this.#stopped) return;
    this.#timer = this.#opts.clock.setTimeout(() => {
      this.tick();
      this.#schedule();
    }, this.#opts.intervalMs);
  }

  #message(entry: RevisionEntry, concurrency: number, requests: number, now: number): StatMessage {
    return {
      key: { namespace: entry.namespace, name: entry.name },
      stat: {
        podName: this.#opts.podName,
        averageConcurrentRequests: concurrency,
        averageProxiedConcurrentRequests: 0,
        requestCount: requests,
        proxiedRequestCount: 0,
        processUptime: (now - this.#startedAt) / 1000,
        timestamp: now,
      },
    };
  }
}
