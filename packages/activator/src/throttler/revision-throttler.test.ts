import type { PodTracker } from './pod-tracker.js';
import { RevisionThrottler, type Waiter } from './revision-throttler.js';

const target = (n: number) => ({ ip: '127.0.0.1', port: 9000 + n });

/** A waiter that records the pod it got. */
class Recorder implements Waiter {
  got: PodTracker | undefined;
  grant(tracker: PodTracker): void {
    this.got = tracker;
  }
}

const throttler = (cc: number, queueDepth = 10) => new RevisionThrottler({ containerConcurrency: cc, queueDepth, random: () => 0 });

describe('RevisionThrottler', () => {
  test('with no pods, requests wait, and get pods in arrival order when pods appear', () => {
    const t = throttler(1);
    const [a, b, c] = [new Recorder(), new Recorder(), new Recorder()];
    expect([t.acquire(a), t.acquire(b), t.acquire(c)]).toEqual(['queued', 'queued', 'queued']);
    t.setTargets([target(1), target(2)]);
    expect([a.got?.address, b.got?.address, c.got]).toEqual(['127.0.0.1:9001', '127.0.0.1:9002', undefined]);
    expect(t.waiting).toBe(1);
    t.release(a.got!);
    expect(c.got?.address).toBe('127.0.0.1:9001');
    expect(t.waiting).toBe(0);
  });

  test('a pod holds at most containerConcurrency requests', () => {
    const t = throttler(2);
    t.setTargets([target(1)]);
    const r = [new Recorder(), new Recorder(), new Recorder()];
    expect(r.map((w) => t.acquire(w))).toEqual(['granted', 'granted', 'queued']);
    expect(t.trackers[0]?.inFlight).toBe(2);
  });

  test('unlimited concurrency lets every request through once there is a pod', () => {
    const t = throttler(0);
    t.setTargets([target(1)]);
    const results = Array.from({ length: 50 }, () => t.acquire(new Recorder()));
    expect(new Set(results)).toEqual(new Set(['granted']));
  });

  test('refuses requests beyond the queue depth', () => {
    const t = throttler(1, 2);
    expect([t.acquire(new Recorder()), t.acquire(new Recorder()), t.acquire(new Recorder())]).toEqual(['queued', 'queued', 'full']);
  });

  test('a cancelled waiter gives up its place and is never granted', () => {
    const t = throttler(1);
    const [a, b] = [new Recorder(), new Recorder()];
    t.acquire(a);
    t.acquire(b);
    expect(t.cancel(a)).toBe(true);
    expect(t.cancel(a)).toBe(false);
    t.setTargets([target(1)]);
    expect([a.got, b.got?.address]).toEqual([undefined, '127.0.0.1:9001']);
  });

  test('new arrivals do not overtake waiting requests', () => {
    const t = throttler(1);
    t.setTargets([target(1)]);
    const first = new Recorder();
    t.acquire(first);
    const queued = new Recorder();
    expect(t.acquire(queued)).toBe('queued');
    t.release(first.got!);
    const late = new Recorder();
    expect(t.acquire(late)).toBe('queued');
    expect(queued.got?.address).toBe('127.0.0.1:9001');
  });

  test('pods that stay across an Endpoints change keep their in-flight counts; removed pods are not chosen', () => {
    const t = throttler(1);
    t.setTargets([target(1), target(2)]);
    const a = new Recorder();
    t.acquire(a);
    t.setTargets([target(2), target(1)]);
    expect(t.trackers.map((p) => [p.address, p.inFlight])).toEqual([['127.0.0.1:9001', 1], ['127.0.0.1:9002', 0]]);
    t.setTargets([target(1)]);
    expect(t.acquire(new Recorder())).toBe('queued');
    t.release(a.got!);
    expect(t.waiting).toBe(0);
  });

  test('a higher containerConcurrency lets waiting requests in', () => {
    const t = throttler(1);
    t.setTargets([target(1)]);
    const r = [new Recorder(), new Recorder(), new Recorder()];
    r.forEach((w) => t.acquire(w));
    expect(t.waiting).toBe(2);
    t.setContainerConcurrency(5);
    expect(t.waiting).toBe(0);
    expect(r.every((w) => w.got !== undefined)).toBe(true);
  });

  test('a grant that releases at once does not lose the next waiter', () => {
    const t = throttler(1);
    const order: string[] = [];
    const bounce: Waiter = { grant: (p) => (order.push('bounce'), t.release(p)) };
    const keep = new Recorder();
    t.acquire(bounce);
    t.acquire(keep);
    t.setTargets([target(1)]);
    expect(order).toEqual(['bounce']);
    expect(keep.got?.address).toBe('127.0.0.1:9001');
  });

  test('thousands of waiters drain in order through one pod', () => {
    const t = throttler(1, 5000);
    t.setTargets([target(1)]);
    const order: number[] = [];
    let current: PodTracker | undefined;
    const first = new Recorder();
    t.acquire(first);
    current = first.got;
    for (let i = 0; i < 3000; i++) t.acquire({ grant: (p) => (order.push(i), (current = p)) });
    for (let i = 0; i < 3000; i++) t.release(current!);
    expect(order).toEqual(Array.from({ length: 3000 }, (_, i) => i));
  });
});
