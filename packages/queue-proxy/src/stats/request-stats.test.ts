import { RequestStats } from './request-stats.js';
import { StatReporter } from './stat-reporter.js';
import { FakeClock } from '@knot/runtime/testing';

describe('RequestStats', () => {
  it('weights concurrency by the time it lasted and counts arrivals', () => {
    const s = new RequestStats(0);
    s.requestIn(0, false);
    s.requestIn(250, true);
    s.requestOut(500, true);
    // 1 for 250 ms, 2 for 250 ms, 1 for 500 ms: 1.25 on average; the proxied one 0.25.
    expect(s.report(1000)).toEqual({ averageConcurrency: 1.25, averageProxiedConcurrency: 0.25, requestCount: 2, proxiedRequestCount: 1 });
    // Still one in flight over the next period, but nothing new arrived.
    expect(s.report(2000)).toEqual({ averageConcurrency: 1, averageProxiedConcurrency: 0, requestCount: 0, proxiedRequestCount: 0 });
  });

  it('reports zeros for a period with no time observed', () => {
    const s = new RequestStats(5);
    expect(s.report(5)).toEqual({ averageConcurrency: 0, averageProxiedConcurrency: 0, requestCount: 0, proxiedRequestCount: 0 });
  });
});

describe('StatReporter', () => {
  it('publishes one Stat per period with rates per second and the uptime', () => {
    const clock = new FakeClock(1_000_000);
    const stats = new RequestStats(clock.now());
    const r = new StatReporter({ stats, clock, podName: 'pod-a', periodMs: 2000 });
    r.start();
    expect(r.current).toMatchObject({ podName: 'pod-a', requestCount: 0, processUptime: 0 });
    stats.requestIn(clock.now(), false);
    stats.requestIn(clock.now(), true);
    clock.advance(2000);
    expect(r.current).toEqual({
      podName: 'pod-a',
      averageConcurrentRequests: 2,
      averageProxiedConcurrentRequests: 1,
      requestCount: 1,
      proxiedRequestCount: 0.5,
      processUptime: 2,
      timestamp: 1_002_000,
    });
    r.stop();
    clock.advance(10_000);
    expect(r.current.timestamp).toBe(1_002_000);
    expect(clock.pendingTimers).toBe(0);
  });
});
