import { formatGoDuration, isWholeSeconds, parseGoDuration } from './go-duration.js';

describe('parseGoDuration', () => {
  test.each([
    { name: 'seconds', text: '60s', ms: 60_000 },
    { name: 'minutes and seconds', text: '1m30s', ms: 90_000 },
    { name: 'hours', text: '1h', ms: 3_600_000 },
    { name: 'fractional hours', text: '1.5h', ms: 5_400_000 },
    { name: 'fractional seconds', text: '1.5s', ms: 1500 },
    { name: 'milliseconds', text: '250ms', ms: 250 },
    { name: 'microseconds (u)', text: '1500us', ms: 1.5 },
    { name: 'microseconds (micro sign)', text: '2\u00b5s', ms: 0.002 },
    { name: 'microseconds (Greek mu)', text: '2\u03bcs', ms: 0.002 },
    { name: 'nanoseconds', text: '1000000ns', ms: 1 },
    { name: 'bare zero', text: '0', ms: 0 },
    { name: 'signed zero', text: '-0', ms: 0 },
    { name: 'negative', text: '-2s', ms: -2000 },
    { name: 'explicit plus', text: '+3s', ms: 3000 },
    { name: 'leading dot', text: '.5s', ms: 500 },
    { name: 'trailing dot', text: '1.s', ms: 1000 },
    { name: 'several components', text: '1h2m3s4ms', ms: 3_723_004 },
  ])('$name: $text', ({ text, ms }) => {
    expect(parseGoDuration(text)).toBeCloseTo(ms, 9);
  });

  test.each([
    { name: 'empty', text: '' },
    { name: 'number without unit', text: '60' },
    { name: 'unknown unit', text: '5d' },
    { name: 'unit only', text: 's' },
    { name: 'dot only', text: '.s' },
    { name: 'space', text: ' 5s' },
    { name: 'inner space', text: '1m 30s' },
    { name: 'garbage', text: 'soon' },
    { name: 'prototype name as unit', text: '1toString' },
    { name: 'sign only', text: '-' },
    { name: 'overflow', text: '9999999999999999999h' },
  ])('rejects $name', ({ text }) => {
    expect(parseGoDuration(text)).toBeUndefined();
  });
});

describe('formatGoDuration', () => {
  test.each([
    { name: 'zero', ms: 0, text: '0s' },
    { name: 'seconds', ms: 2000, text: '2s' },
    { name: 'one hour', ms: 3_600_000, text: '1h0m0s' },
    { name: 'minutes and seconds', ms: 90_000, text: '1m30s' },
    { name: 'fractional seconds', ms: 1500, text: '1.5s' },
    { name: 'milliseconds', ms: 500, text: '500ms' },
    { name: 'microseconds', ms: 0.0015, text: '1.5\u00b5s' },
    { name: 'nanoseconds', ms: 0.000001, text: '1ns' },
    { name: 'negative', ms: -6000, text: '-6s' },
  ])('$name', ({ ms, text }) => {
    expect(formatGoDuration(ms)).toBe(text);
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
