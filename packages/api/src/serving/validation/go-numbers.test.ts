import { parseGoFloat, parseGoInt } from './go-numbers.js';

describe('parseGoInt', () => {
  test.each([
    { name: 'plain', text: '42', bits: 32, want: { ok: true, value: 42 } },
    { name: 'plus sign', text: '+7', bits: 32, want: { ok: true, value: 7 } },
    { name: 'negative', text: '-3', bits: 32, want: { ok: true, value: -3 } },
    { name: 'int32 max', text: '2147483647', bits: 32, want: { ok: true, value: 2147483647 } },
    { name: 'int32 overflow', text: '2147483648', bits: 32, want: { ok: false, range: true } },
    { name: 'fraction', text: '1.5', bits: 32, want: { ok: false, range: false } },
    { name: 'space', text: ' 1', bits: 32, want: { ok: false, range: false } },
    { name: 'empty', text: '', bits: 64, want: { ok: false, range: false } },
  ] as const)('$name', ({ text, bits, want }) => {
    expect(parseGoInt(text, bits)).toEqual(want);
  });
});

describe('parseGoFloat', () => {
  test.each([
    { name: 'integer', text: '100', want: 100 },
    { name: 'decimal', text: '0.5', want: 0.5 },
    { name: 'leading dot', text: '.5', want: 0.5 },
    { name: 'exponent', text: '1e2', want: 100 },
    { name: 'garbage', text: 'ten', want: undefined },
    { name: 'NaN', text: 'NaN', want: undefined },
    { name: 'trailing unit', text: '10%', want: undefined },
  ])('$name', ({ text, want }) => {
    expect(parseGoFloat(text)).toBe(want);
  });
});
