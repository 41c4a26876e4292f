import { Breaker, breakerFor, type BreakerWaiter } from './breaker.js';

function waiter(log: string[], name: string): BreakerWaiter {
  return { grant: () => log.push(name) };
}

describe('Breaker', () => {
  it('lets capacity requests through, queues the next queueDepth, and refuses the rest', () => {
    const b = new Breaker(2, 3);
    const log: string[] = [];
    const results = ['a', 'b', 'c', 'd', 'e', 'f'].map((n) => b.acquire(waiter(log, n)));
    expect(results).toEqual(['granted', 'granted', 'queued', 'queued', 'queued', 'full']);
    expect({ active: b.active, waiting: b.waiting, pending: b.pending }).toEqual({ active: 2, waiting: 3, pending: 5 });
  });

  it('hands a released slot to the oldest waiter, and frees it when nobody waits', () => {
    const b = new Breaker(1, 2);
    const log: string[] = [];
    b.acquire(waiter(log, 'a'));
    b.acquire(waiter(log, 'b'));
    b.acquire(waiter(log, 'c'));
    b.release();
    b.release();
    expect(log).toEqual(['b', 'c']);
    expect(b.active).toBe(1);
    b.release();
    expect(b.active).toBe(0);
    expect(b.acquire(waiter(log, 'd'))).toBe('granted');
  });

  it('forgets a cancelled waiter, so a later release skips it', () => {
    const b = new Breaker(1, 2);
    const log: string[] = [];
    b.acquire(waiter(log, 'a'));
    const gone = waiter(log, 'gone');
    b.acquire(gone);
    b.acquire(waiter(log, 'c'));
    expect(b.cancel(gone)).toBe(true);
    expect(b.cancel(gone)).toBe(false);
    b.release();
    expect(log).toEqual(['c']);
  });

  it.each([
    { name: 'zero capacity', capacity: 0, depth: 1 },
    { name: 'fractional capacity', capacity: 1.5, depth: 1 },
    { name: 'negative depth', capacity: 1, depth: -1 },
  ])('refuses $name', ({ capacity, depth }) => {
    expect(() => new Breaker(capacity, depth)).toThrow(RangeError);
  });

  it('is sized as Knative sizes it: ten waiting per slot, none for unlimited concurrency', () => {
    expect(breakerFor(0)).toBeUndefined();
    const b = breakerFor(3)!;
    expect({ capacity: b.capacity, queueDepth: b.queueDepth }).toEqual({ capacity: 3, queueDepth: 30 });
  });
});
