import { thrown } from '../testing/reports.js';
import { difference, median, pairedMedian, ratio, round } from './stats.js';

describe('median', () => {
  test.each([
    { name: 'one value', values: [7], want: 7 },
    { name: 'odd count, unsorted', values: [3, 1, 2], want: 2 },
    { name: 'even count averages the middle two', values: [4, 1, 3, 2], want: 2.5 },
    { name: 'an outlier does not move it', values: [10, 11, 1000], want: 11 },
  ])('$name', ({ values, want }) => {
    expect(median(values)).toBe(want);
  });

  test('no values is a named error', () => {
    expect(thrown(() => median([]))).toMatchObject({ code: 'empty-sample' });
  });

  test('leaves its input in order', () => {
    const values = [3, 1, 2];
    median(values);
    expect(values).toEqual([3, 1, 2]);
  });
});

describe('pairedMedian', () => {
  test.each([
    { name: 'ratio within each run, then the median', a: [50, 60, 70], b: [100, 100, 100], f: ratio, want: 0.6 },
    { name: 'drift between runs cancels out', a: [50, 25, 100], b: [100, 50, 200], f: ratio, want: 0.5 },
    { name: 'differences', a: [0.5, 0.6, 0.4], b: [0.1, 0.1, 0.1], f: difference, want: 0.4 },
    { name: 'runs missing on one side are left out', a: [1, undefined, 3], b: [1, 1, undefined], f: difference, want: 0 },
    { name: 'a zero base gives no ratio for that run', a: [1, 2], b: [0, 4], f: ratio, want: 0.5 },
  ])('$name', ({ a, b, f, want }) => {
    expect(pairedMedian(a, b, f)).toBeCloseTo(want, 10);
  });

  test('nothing to compare gives undefined', () => {
    expect(pairedMedian([], [1], ratio)).toBeUndefined();
    expect(pairedMedian([1], [0], ratio)).toBeUndefined();
  });
});

test('round keeps microseconds of milliseconds', () => {
  expect(round(0.123456)).toBe(0.123);
  expect(round(1234.5, 0)).toBe(1235);
});
