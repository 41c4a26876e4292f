import { formatMetaTime } from './meta-time.js';

describe('formatMetaTime', () => {
  test.each([
    { name: 'whole second', now: Date.UTC(2024, 4, 1, 12, 0, 0), want: '2024-05-01T12:00:00Z' },
    { name: 'milliseconds are dropped, not rounded', now: Date.UTC(2024, 4, 1, 12, 0, 0, 999), want: '2024-05-01T12:00:00Z' },
    { name: 'a Date', now: new Date(Date.UTC(1999, 11, 31, 23, 59, 59, 500)), want: '1999-12-31T23:59:59Z' },
  ])('$name', ({ now, want }) => {
    expect(formatMetaTime(now)).toBe(want);
  });
});
