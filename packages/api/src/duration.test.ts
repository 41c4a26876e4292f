// parseGoDuration and formatGoDuration are tested beside their one implementation, config/go-duration.ts.
import { isWholeSeconds } from './duration.js';

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
