import { TimedBuckets, WeightedBuckets } from './timed-buckets.js';

const T = Date.UTC(2024, 0, 1);
const s = (seconds: number): number => T + seconds * 1000;
type Records = readonly (readonly number[])[];

function fill<B extends TimedBuckets>(b: B, records: Records): B {
  for (const [at = 0, v = 0] of records) b.record(s(at), v);
  return b;
}

const steady = (from: number, to: number, v: (i: number) => number): [number, number][] => Array.from({ length: to - from + 1 }, (_, k) => [from + k, v(from + k)]);

describe('TimedBuckets (a 5 s window)', () => {
  test.each([
    { name: 'no data means 0', records: [], at: 0, want: 0 },
    { name: 'one second observed averages over that second', records: [[0, 10]], at: 0, want: 10 },
    { name: 'a partial window averages over the seconds observed', records: [[0, 10], [1, 20], [2, 30]], at: 2, want: 20 },
    { name: 'values in one second add up in its bucket', records: [[0, 10], [0.5, 5]], at: 0.9, want: 15 },
    { name: 'a full window averages over its length', records: steady(0, 9, (i) => i), at: 9, want: 7 },
    { name: 'a gap inside the run counts as zeros', records: [[0, 10], [3, 10]], at: 3, want: 5 },
    { name: 'no data lately: averages over what is left of the run', records: [[0, 10], [1, 10]], at: 3, want: 10 },
    { name: 'after a full window, seconds without data drop out', records: steady(0, 9, () => 10), at: 12, want: 10 },
    { name: 'a whole window without data gives 0', records: [[0, 10]], at: 5, want: 0 },
    { name: 'after a window of silence the run starts over', records: [[0, 100], [6, 10]], at: 6, want: 10 },
    { name: 'a late value older than the window is dropped', records: [[10, 10], [4, 1000]], at: 10, want: 10 },
    { name: 'a late value inside the window is added and widens the run', records: [[10, 10], [8, 20]], at: 10, want: 10 },
    { name: 'rounded to 6 digits', records: [[0, 1], [1, 0], [2, 0]], at: 2, want: 0.333333 },
  ])('$name', ({ records, at, want }) => {
    expect(fill(new TimedBuckets(5000), records).windowAverage(s(at))).toBe(want);
  });

  test('isEmpty: more than a window since the last write', () => {
    const b = fill(new TimedBuckets(5000), [[0, 1]]);
    expect([b.isEmpty(s(5)), b.isEmpty(s(6))]).toEqual([false, true]);
    expect(new TimedBuckets(5000).isEmpty(s(0))).toBe(true);
  });

  test.each([
    { name: 'shrinking keeps the newest buckets', to: 3000, want: 4 },
    { name: 'growing keeps them all', to: 10_000, want: 3 },
    { name: 'the same length changes nothing', to: 5000, want: 3 },
  ])('resize: $name', ({ to, want }) => {
    const b = fill(new TimedBuckets(5000), steady(0, 4, (i) => i + 1));
    b.resizeWindow(to, s(4));
    expect(b.windowAverage(s(4))).toBe(want);
  });

  test('resize after a window without data starts empty', () => {
    const b = fill(new TimedBuckets(5000), [[0, 50]]);
    b.resizeWindow(10_000, s(20));
    expect(b.windowAverage(s(20))).toBe(0);
    b.record(s(21), 4);
    expect(b.windowAverage(s(21))).toBe(4);
  });
});

describe('WeightedBuckets (a 60 s window: the smoothing coefficient is its floor of 0.2)', () => {
  test.each([
    { name: 'no data means 0', records: [], at: 3, want: 0 },
    { name: 'newest seconds weigh most', records: [[0, 10], [1, 10], [2, 5], [3, 5]], at: 3, want: 4.104 },
    { name: 'the same values in reverse order', records: [[0, 5], [1, 5], [2, 10], [3, 10]], at: 3, want: 4.752 },
    { name: 'seconds since the last write weigh in as zeros', records: [[0, 10], [1, 10]], at: 3, want: 2.304 },
    { name: 'a whole window without data gives 0', records: [[0, 10]], at: 61, want: 0 },
  ])('$name', ({ records, at, want }) => {
    expect(fill(new WeightedBuckets(60_000), records).windowAverage(s(at))).toBeCloseTo(want, 9);
  });

  test('a short window decays faster than the floor', () => {
    // 5 buckets: 1 - 0.0001^(1/5) ≈ 0.8415, so the newest second is most of the average.
    const b = fill(new WeightedBuckets(5000), [[0, 0], [1, 100]]);
    expect(b.windowAverage(s(1))).toBeCloseTo(100 * (1 - Math.pow(0.0001, 1 / 5)), 9);
  });

  test('resize recomputes the coefficient', () => {
    const b = fill(new WeightedBuckets(60_000), [[0, 0], [1, 100]]);
    b.resizeWindow(5000, s(1));
    expect(b.windowAverage(s(1))).toBeCloseTo(100 * (1 - Math.pow(0.0001, 1 / 5)), 9);
  });
});
