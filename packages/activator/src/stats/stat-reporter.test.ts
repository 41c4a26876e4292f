import { noopLogger } from '@knot/runtime';
import { eventually, FakeClock } from '@knot/runtime/testing';
import { FakeAutoscaler } from '../testing/fake-autoscaler.js';
import { StatReporter } from './stat-reporter.js';

const message = (name: string, concurrency: number) => ({
  key: { namespace: 'default', name },
  stat: { podName: 'activator-0', averageConcurrentRequests: concurrency, averageProxiedConcurrentRequests: 0, requestCount: 1, proxiedRequestCount: 0, processUptime: 1, timestamp: 1 },
});

describe('StatReporter', () => {
  let reporter: StatReporter | undefined;
  let autoscaler: FakeAutoscaler | undefined;
  afterEach(async () => {
    reporter?.stop();
    await autoscaler?.close();
  });

  test('sends each frame as a JSON array of stat messages the autoscaler can parse', async () => {
    autoscaler = await new FakeAutoscaler().listen();
    reporter = new StatReporter({ url: autoscaler.url, clock: new FakeClock(), logger: noopLogger });
    reporter.start();
    await eventually('connected', () => (reporter?.connected ? true : undefined));
    expect(reporter.send([message('a', 2), message('b', 0.5)])).toBe(true);
    await eventually('the frame', () => autoscaler?.frames[0]);
    expect(autoscaler.frames[0]).toEqual([message('a', 2), message('b', 0.5)]);
  });

  test('drops frames while the autoscaler is down and reconnects with backoff once it is up', async () => {
    // Find a free port, then leave it closed: the autoscaler is down.
    const probe = await new FakeAutoscaler().listen();
    const port = Number(new URL(probe.url).port);
    await probe.close();
    const clock = new FakeClock();
    reporter = new StatReporter({ url: `ws://127.0.0.1:${port}`, clock, logger: noopLogger, minBackoffMs: 100, maxBackoffMs: 400 });
    reporter.start();
    await eventually('the first retry to be scheduled', () => (clock.pendingTimers === 1 ? true : undefined));
    expect(reporter.send([message('a', 1)])).toBe(false);
    expect(reporter.counts).toEqual({ sent: 0, dropped: 1 });
    // Second failure: the wait doubles.
    clock.advance(100);
    await eventually('the second retry', () => (clock.pendingTimers === 1 ? true : undefined));
    clock.advance(199);
    expect(reporter.connected).toBe(false);
    autoscaler = await new FakeAutoscaler(port).listen();
    clock.advance(1);
    await eventually('reconnected', () => (reporter?.connected ? true : undefined));
    expect(reporter.send([message('a', 1)])).toBe(true);
    await eventually('the frame', () => autoscaler?.frames[0]);
  });
});
