import { NANOS_PER_MILLISECOND, type Metric } from '@knot/api';
import { noopLogger } from '@knot/runtime';
import { FakeClock } from '@knot/runtime/testing';
import { Registry } from 'prom-client';
import { MetricCollector } from '../metrics/metric-collector.js';
import { statOf } from '../metrics/testing/stat-pod.js';
import { baseSpec } from './testing/base-spec.js';
import { KpaMultiScaler } from './multi-scaler.js';

const KEY = 'default/hello-00001';

const metric: Metric = {
  metadata: { namespace: 'default', name: 'hello-00001' },
  spec: { stableWindow: 60_000 * NANOS_PER_MILLISECOND, panicWindow: 6000 * NANOS_PER_MILLISECOND, scrapeTarget: 'hello-00001-private' },
};

function setup(opts: { ready?: number } = {}) {
  const clock = new FakeClock();
  const collector = new MetricCollector({ clock, logger: noopLogger, endpoints: () => undefined, scrapeOne: () => Promise.reject(new Error('no pods here')) });
  collector.createOrUpdate(metric);
  const ready = new Map<string, number>([[KEY, opts.ready ?? 0]]);
  const registry = new Registry();
  const scaler = new KpaMultiScaler({ clock, logger: noopLogger, metrics: collector, readyPods: (k) => ready.get(k) ?? 0, registry });
  const changes: string[] = [];
  scaler.onChange((k) => changes.push(k));
  // What the activator would report for this second.
  const report = (concurrency: number) => collector.record(KEY, clock.now(), statOf('activator-1', { averageConcurrentRequests: concurrency, requestCount: concurrency }));
  return { clock, collector, ready, registry, scaler, changes, report };
}

describe('KpaMultiScaler', () => {
  test('a new decider has not decided, and does not until there is data', () => {
    const { clock, scaler, changes } = setup();
    expect(scaler.update(KEY, baseSpec).status).toEqual({ desiredScale: -1, excessBurstCapacity: -201, numActivators: 3, inPanic: false });
    clock.advance(10_000);
    expect(scaler.get(KEY)?.status.desiredScale).toBe(-1);
    expect(changes).toEqual([]);
  });

  test('decides every 2 s from the window averages and tells listeners once per change', () => {
    const { clock, scaler, changes, report, ready } = setup();
    scaler.update(KEY, baseSpec);
    report(25);
    clock.advance(1999);
    expect(scaler.get(KEY)?.status.desiredScale).toBe(-1);
    clock.advance(1);
    // 25 over a target of 10 on one pod: panic at 3.
    expect(scaler.get(KEY)?.status).toMatchObject({ desiredScale: 3, inPanic: true });
    expect(changes).toEqual([KEY]);
    ready.set(KEY, 3);
    report(25);
    clock.advance(2000);
    // Same scale and panic; the activators follow the ready pods (3 × 10 + 211 → 3) as before.
    expect(scaler.get(KEY)?.status).toMatchObject({ desiredScale: 3, numActivators: 3 });
    expect(changes).toEqual([KEY]);
  });

  test('a revision with more than one ready pod when its decider is made starts in panic', () => {
    const { scaler } = setup({ ready: 4 });
    expect(scaler.update(KEY, baseSpec).status.inPanic).toBe(true);
  });

  test('a stat with concurrency for a revision at zero decides at once', () => {
    const { clock, scaler, changes, report } = setup();
    scaler.update(KEY, baseSpec);
    report(0);
    clock.advance(2000);
    expect(scaler.get(KEY)?.status.desiredScale).toBe(0);
    expect(changes).toEqual([KEY]);
    // Later, with no clock movement, the activator's first request arrives.
    clock.advance(500);
    scaler.poke(KEY, statOf('activator-1', { averageConcurrentRequests: 0 }));
    expect(changes).toEqual([KEY]);
    report(1);
    scaler.poke(KEY, statOf('activator-1', { averageConcurrentRequests: 1 }));
    expect(scaler.get(KEY)?.status.desiredScale).toBe(1);
    expect(changes).toEqual([KEY, KEY]);
  });

  test('a poke does nothing to a revision that is not at zero', () => {
    const { scaler, changes } = setup();
    scaler.update(KEY, baseSpec);
    scaler.poke(KEY, statOf('activator-1', { averageConcurrentRequests: 5 }));
    scaler.poke('default/unknown', statOf('activator-1', { averageConcurrentRequests: 5 }));
    expect(scaler.get(KEY)?.status.desiredScale).toBe(-1);
    expect(changes).toEqual([]);
  });

  test('update keeps the panic state and applies the new spec at the next tick', () => {
    const { clock, scaler, report, ready } = setup({ ready: 4 });
    scaler.update(KEY, baseSpec);
    ready.set(KEY, 4);
    report(10);
    clock.advance(2000);
    // Panicking since creation: held at the 4 pods it had.
    expect(scaler.get(KEY)?.status).toMatchObject({ desiredScale: 4, inPanic: true });
    const updated = scaler.update(KEY, { ...baseSpec, targetValue: 1, targetBurstCapacity: 0 });
    expect(updated.status).toMatchObject({ desiredScale: 4, numActivators: 2 });
    report(10);
    clock.advance(2000);
    // 20 over the 3 s observed is 6.67, over a target of 1: 7 pods, and the panic goes on.
    expect(scaler.get(KEY)?.status).toMatchObject({ desiredScale: 7, inPanic: true });
  });

  test('delete stops the decider', () => {
    const { clock, scaler, changes, report } = setup();
    scaler.update(KEY, baseSpec);
    scaler.delete(KEY);
    report(50);
    clock.advance(10_000);
    expect(scaler.get(KEY)).toBeUndefined();
    expect(changes).toEqual([]);
    expect(clock.pendingTimers).toBe(0);
  });

  test('stop ends every timer', () => {
    const { clock, scaler } = setup();
    scaler.update(KEY, baseSpec);
    scaler.update('default/other', baseSpec);
    scaler.stop();
    expect(clock.pendingTimers).toBe(0);
  });

  test('a failing ready-pod count skips the tick, and a failing listener does not stop the others', () => {
    const clock = new FakeClock();
    const collector = new MetricCollector({ clock, logger: noopLogger, endpoints: () => undefined, scrapeOne: () => Promise.reject(new Error('none')) });
    collector.createOrUpdate(metric);
    let broken = true;
    const scaler = new KpaMultiScaler({
      clock,
      logger: noopLogger,
      metrics: collector,
      readyPods: () => {
        if (broken) throw new Error('lister gone');
        return 1;
      },
    });
    const seen: string[] = [];
    scaler.onChange(() => {
      throw new Error('listener bug');
    });
    scaler.onChange((k) => seen.push(k));
    scaler.update(KEY, baseSpec);
    collector.record(KEY, clock.now(), statOf('activator-1', { averageConcurrentRequests: 5 }));
    clock.advance(2000);
    expect(scaler.get(KEY)?.status.desiredScale).toBe(-1);
    broken = false;
    clock.advance(2000);
    expect(scaler.get(KEY)?.status.desiredScale).toBe(1);
    expect(seen).toEqual([KEY]);
  });

  test('gauges per revision, with Knative’s names, removed with the decider', async () => {
    const { clock, scaler, report, registry } = setup();
    scaler.update(KEY, baseSpec);
    report(25);
    clock.advance(2000);
    const text = await registry.metrics();
    const labels = '{namespace_name="default",revision_name="hello-00001"}';
    expect(text).toContain(`autoscaler_desired_pods${labels} 3`);
    expect(text).toContain(`autoscaler_panic_mode${labels} 1`);
    expect(text).toContain(`autoscaler_stable_request_concurrency${labels} 25`);
    expect(text).toContain(`autoscaler_panic_request_concurrency${labels} 25`);
    expect(text).toContain(`autoscaler_target_concurrency_per_pod${labels} 10`);
    expect(text).toContain(`autoscaler_excess_burst_capacity${labels} -236`);
    scaler.delete(KEY);
    expect(await registry.metrics()).not.toContain(labels);
  });
});
