// One KPA decider per revision, each ticking every 2 s on the injected clock
// (Knative's scaling.MultiScaler): it reads the revision's window averages and
// ready pods, decides, and tells listeners when the status changed in a way the
// PodAutoscaler reconciler acts on.
import type { Stat } from '@knot/api';
import type { Clock, Logger, TimerHandle } from '@knot/runtime';
import type { Registry } from 'prom-client';
import type { MetricClient } from '../metrics/metric-collector.js';
import { decide, initialDeciderStatus, initialKpaState, numActivators, TICK_INTERVAL_MS, type KpaState } from './kpa.js';
import { ScalingMetrics } from './scaling-metrics.js';
import type { Decider, DeciderSpec, DeciderStatus, MultiScaler, ReadyPodCounter, RevisionKey } from './types.js';

export interface KpaMultiScalerOptions {
  readonly clock: Clock;
  readonly logger: Logger;
  readonly metrics: MetricClient;
  readonly readyPods: ReadyPodCounter;
  /** Where the per-revision gauges go; none when absent. */
  readonly registry?: Registry;
}

interface Runner {
  spec: DeciderSpec;
  status: DeciderStatus;
  state: KpaState;
  readyPods: number;
  timer: TimerHandle | undefined;
}

/** Status changes the reconciler acts on: the scale, whether burst capacity is short, the activators, panic. */
function mattersToReconciler(a: DeciderStatus, b: DeciderStatus): boolean {
  return a.desiredScale !== b.desiredScale || a.excessBurstCapacity < 0 !== b.excessBurstCapacity < 0 || a.numActivators !== b.numActivators || a.inPanic !== b.inPanic;
}

export class KpaMultiScaler implements MultiScaler {
  readonly #o: KpaMultiScalerOptions;
  readonly #runners = new Map<RevisionKey, Runner>();
  readonly #listeners: ((key: RevisionKey) => void)[] = [];
  readonly #gauges: ScalingMetrics | undefined;
  #stopped = false;

  constructor(opts: KpaMultiScalerOptions) {
    this.#o = opts;
    this.#gauges = opts.registry ? new ScalingMetrics(opts.registry) : undefined;
  }

  update(key: RevisionKey, spec: DeciderSpec): Decider {
    let runner = this.#runners.get(key);
    if (runner) {
      runner.spec = spec;
      // The activator count follows the spec at once; the rest waits for the next tick.
      runner.status = { ...runner.status, numActivators: numActivators(runner.readyPods, spec) };
    } else {
      const ready = this.#countReady(key) ?? 0;
      const state = initialKpaState(ready, this.#o.clock.now());
      runner = { spec, state, readyPods: ready, status: initialDeciderStatus(spec, ready, state.panicTime !== null), timer: undefined };
      this.#runners.set(key, runner);
      this.#schedule(key, runner);
    }
    return deciderOf(key, runner);
  }

  get(key: RevisionKey): Decider | undefined {
    const runner = this.#runners.get(key);
    return runner && deciderOf(key, runner);
  }

  delete(key: RevisionKey): void {
    const runner = this.#runners.get(key);
    if (!runner) return;
    if (runner.timer) this.#o.clock.clearTimeout(runner.timer);
    this.#runners.delete(key);
    this.#gauges?.remove(key);
  }

  onChange(listener: (key: RevisionKey) => void): void {
    this.#listeners.push(listener);
  }

  /** A stat with demand for a revision at zero decides at once, so scale-from-zero starts without waiting for the tick. */
  poke(key: RevisionKey, stat: Stat): void {
    const runner = this.#runners.get(key);
    if (runner && runner.status.desiredScale === 0 && stat.averageConcurrentRequests !== 0) this.#tick(key, runner);
  }

  /** Stops every decider's timer; deciders stay readable. */
  stop(): void {
    this.#stopped = true;
    for (const runner of this.#runners.values()) {
      if (runner.timer) this.#o.clock.clearTimeout(runner.timer);
      runner.timer = undefined;
    }
  }

  #schedule(key: RevisionKey, runner: Runner): void {
    if (this.#stopped) return;
    runner.timer = this.#o.clock.setTimeout(() => {
      runner.timer = undefined;
      if (this.#runners.get(key) !== runner) return;
      this.#tick(key, runner);
      this.#schedule(key, runner);
    }, TICK_INTERVAL_MS);
  }

  #countReady(key: RevisionKey): number | undefined {
    try {
      return this.#o.readyPods(key);
    } catch (err) {
      this.#o.logger.error({ key, err }, 'could not count ready pods');
      return undefined;
    }
  }

  #tick(key: RevisionKey, runner: Runner): void {
    const now = this.#o.clock.now();
    const ready = this.#countReady(key);
    if (ready === undefined) return;
    const averages = this.#o.metrics.stableAndPanic(key, runner.spec.scalingMetric, now);
    // No data yet: no decision, as Knative's ErrNoData.
    if (!averages) return;
    const input = { now, readyPods: ready, stableAvg: averages.stable, panicAvg: averages.panic };
    const { status, state } = decide(runner.spec, input, runner.state);
    const before = runner.status;
    if (status.inPanic !== before.inPanic) this.#o.logger.info({ key, panic: status.inPanic, desired: status.desiredScale }, status.inPanic ? 'panicking' : 'un-panicking');
    runner.state = state;
    runner.status = status;
    runner.readyPods = ready;
    this.#gauges?.record(key, runner.spec, input, status);
    if (!mattersToReconciler(before, status)) return;
    for (const listener of this.#listeners) {
      try {
        listener(key);
      } catch (err) {
        this.#o.logger.error({ key, err }, 'a decider listener failed');
      }
    }
  }
}

function deciderOf(key: RevisionKey, runner: Runner): Decider {
  return Object.freeze({ key, spec: runner.spec, status: Object.freeze({ ...runner.status }) });
}
