import { formatGoDuration, isWholeSeconds, parseGoDuration } from './duration.js';

describe('parseGoDuration', () => {
  test.each([
    { name: 'seconds', text: '60s', ms: 60_000 },
    { name: 'minutes and seconds', text: '1m30s', ms: 90_000 },
    { name: 'hour', text: '1h', ms: 3_600_000 },
    { name: 'fraction', text: '1.5s', ms: 1500 },
    { name: 'milliseconds', text: '250ms', ms: 250 },
    { name: 'bare zero', text: '0', ms: 0 },
    { name: 'negative', text: '-10s', ms: -10_000 },
  ])('$name: $text', ({ text, ms }) => {
    expect(parseGoDuration(text)).toBe(ms);
  });

  test.each([
    { name: 'empty', text: '' },
    { name: 'no unit', text: '60' },
    { name: 'days are not a Go unit', text: '1d' },
    { name: 'garbage', text: 'soon' },
    { name: 'inner space', text: '1m 30s' },
  ])('rejects $name', ({ text }) => {
    expect(parseGoDuration(text)).toBeUndefined();
  });

  test('formats like Go', () => {
    expect(formatGoDuration(90_000)).toBe('1m30s');
    expect(formatGoDuration(3_600_000)).toBe('1h0m0s');
  });
});

describe('isWholeSeconds', () => {
  test.each([
    { name: 'whole', ms: 90_000, want: true },
    { name: 'zero', ms: 0, want: true },
    { name: 'fraction', ms: 1500, want: false },
    { name: 'NaN', ms: Number.NaN, want: false },
  ])('$name', ({ ms, want }) => {
    expect(isWholeSeconds(ms)).toBe(want);
  });
});
