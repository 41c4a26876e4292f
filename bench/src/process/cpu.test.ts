import { thrown } from '../testing/reports.js';
import { parseCpuMs } from './cpu.js';

test.each([
  { name: 'a plain command name', stat: '4242 (node) S 1 4242 4242 0 -1 4194560 900 0 0 0 1234 56 0 0 20 0 11 0 100 1000000 5000', ms: 12_900 },
  { name: 'a name with spaces and parentheses', stat: '7 (a (b) c) R 1 7 7 0 -1 0 0 0 0 0 3 4 0 0 20 0 1 0 1 1 1', ms: 70 },
])('reads user plus system time in ms: $name', ({ stat, ms }) => {
  expect(parseCpuMs(stat)).toBe(ms);
});

test('a truncated stat is a named error', () => {
  expect(thrown(() => parseCpuMs('4242 (node) S 1 4242'))).toMatchObject({ code: 'bad-cpu' });
});
