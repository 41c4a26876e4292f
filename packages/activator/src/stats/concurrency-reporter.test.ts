import { Registry } from 'prom-client';
import type { StatMessage } from '@knot/api';
import { FakeClock } from '@knot/runtime/testing';
import { ActivatorMetrics } from '../metrics/activator-metrics.js';
import { RevisionEntry } from '../revisions/revision-registry.js';
import { revisionSettings } from '../revisions/revision-settings.js';
import { revision } from '../testing/harness.js';
import { RevisionThrottler } from '../throttler/revision-throttler.js';
import { ConcurrencyReporter } from './concurrency-reporter.js';
import { RevisionStats } from './revision-stats.js';

function setup() {
  const clock = new FakeClock();
  const metrics = new ActivatorMetrics(new Registry());
  const frames: StatMessage[][] = [];
  const entry = (name: string) => {
    const rev = revision(name);
    const settings = revisionSettings(rev);
    return new RevisionEntry(rev, settings, new RevisionThrottler({ containerConcurrency: 0, queueDepth: 10, random: Math.random }), new RevisionStats(clock.now()), metrics.forRevision(settings.labels));
  };
  const a = entry('a-00001');
  const b = entry('b-00001');
  const reporter = new ConcurrencyReporter({ entries: () => [a, b], sink: { send: (m) => (frames.push([...m]), true) }, clock, podName: 'activator-0', intervalMs: 1000 });
  reporter.start();
  const reports = () => frames.map((f) => f.map((m) => [m.key.name, m.stat.averageConcurrentRequests, m.stat.requestCount]));
  return { clock, a, b, reporter, frames, reports };
}

describe('ConcurrencyReporter', () => {
  test('reports the time-weighted concurrency and request count of each busy revision every second', () => {
    const { clock, a, reports } = setup();
    a.stats.started(clock.now());
    clock.advance(500);
    a.stats.started(clock.now());
    clock.advance(250);
    a.stats.ended(clock.now());
    clock.advance(250);
    // 1 for 500 ms, 2 for 250 ms, 1 for 250 ms: 1.25 on average.
    expect(reports()).toEqual([[['a-00001', 1.25, 2]]]);
  });

  test('an idle revision sends nothing; a revision that goes idle sends one zero, then nothing', () => {
    const { clock, a, reports } = setup();
    clock.advance(1000);
    expect(reports()).toEqual([]);
    a.stats.started(clock.now());
    a.stats.ended(clock.now() + 100);
    clock.advance(1000);
    clock.advance(1000);
    clock.advance(1000);
    expect(reports()).toEqual([[['a-00001', 0.1, 1]], [['a-00001', 0, 0]]]);
  });

  test('a request waiting across periods counts in each', () => {
    const { clock, a, reports } = setup();
    a.stats.started(clock.now());
    clock.advance(3000);
    expect(reports()).toEqual([[['a-00001', 1, 1]], [['a-00001', 1, 0]], [['a-00001', 1, 0]]]);
  });

  test('a poke goes out at once with concurrency 1, once until the revision has pods again', () => {
    const { clock, a, reporter, frames } = setup();
    reporter.poke(a);
    reporter.poke(a);
    expect(frames).toHaveLength(1);
    expect(frames[0]).toEqual([{ key: { namespace: 'default', name: 'a-00001' }, stat: { podName: 'activator-0', averageConcurrentRequests: 1, averageProxiedConcurrentRequests: 0, requestCount: 1, proxiedRequestCount: 0, processUptime: 0, timestamp: clock.now() } }]);
    a.poked = false;
    reporter.poke(a);
    expect(frames).toHaveLength(2);
  });

  test('stops reporting when stopped', () => {
    const { clock, a, reporter, frames } = setup();
    a.stats.started(clock.now());
    reporter.stop();
    clock.advance(5000);
    expect(frames).toEqual([]);
  });
});
