import { FakeClock } from '../testing/fake-clock.js';
import { ExponentialRateLimiter, MaxOfRateLimiter, TokenBucketRateLimiter, defaultControllerRateLimiter } from './rate-limiter.js';

describe('ExponentialRateLimiter', () => {
  test('doubles per failure up to the cap, per key', () => {
    const limiter = new ExponentialRateLimiter(5, 30);
    expect([1, 2, 3, 4, 5].map(() => limiter.when('a'))).toEqual([5, 10, 20, 30, 30]);
    expect(limiter.when('b')).toBe(5);
    expect(limiter.numRequeues('a')).toBe(5);
  });

  test.each([
    { name: 'zero base', base: 0, max: 10 },
    { name: 'max below base', base: 10, max: 5 },
  ])('rejects $name', ({ base, max }) => {
    expect(() => new ExponentialRateLimiter(base, max)).toThrow(RangeError);
  });
});

describe('TokenBucketRateLimiter', () => {
  test('lets the burst through at once, then paces at qps, refilling over time', () => {
    const clock = new FakeClock();
    const limiter = new TokenBucketRateLimiter(10, 100, clock);
    const first = Array.from({ length: 100 }, (_, i) => limiter.when(`k${i}`));
    expect(first.every((d) => d === 0)).toBe(true);
    expect(limiter.when('x')).toBe(100);
    expect(limiter.when('y')).toBe(200);
    clock.advance(10_000);
    expect(limiter.when('z')).toBe(0);
  });
});

describe('defaultControllerRateLimiter', () => {
  test('takes the longer of per-key backoff and the overall bucket', () => {
    const clock = new FakeClock();
    const limiter = defaultControllerRateLimiter(clock);
    for (let i = 0; i < 100; i++) limiter.when(`burst-${i}`);
    // the bucket is empty: 100 ms beats a first-failure backoff of 5 ms
    expect(limiter.when('a')).toBe(100);
    clock.advance(60_000);
    for (let i = 0; i < 12; i++) limiter.when('b');
    // per-key backoff of 5 ms * 2^12 beats the bucket
    expect(limiter.when('b')).toBe(5 * 2 ** 12);
    expect(limiter.numRequeues('b')).toBe(13);
    limiter.forget('b');
    expect(limiter.numRequeues('b')).toBe(0);
  });

  test('MaxOf with no limiters never delays', () => {
    expect(new MaxOfRateLimiter().when('a')).toBe(0);
  });
});
