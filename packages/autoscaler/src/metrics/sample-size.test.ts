import { sampleSize } from './sample-size.js';

describe('sampleSize', () => {
  test.each([
    { name: 'no pods', pods: 0, want: 0 },
    { name: 'one pod', pods: 1, want: 1 },
    { name: 'three pods: all of them', pods: 3, want: 3 },
    { name: 'four pods', pods: 4, want: 4 },
    { name: 'ten pods', pods: 10, want: 7 },
    { name: 'a hundred pods', pods: 100, want: 14 },
    { name: 'a thousand pods approach X', pods: 1000, want: 16 },
  ])('$name: $want', ({ pods, want }) => {
    expect(sampleSize(pods)).toBe(want);
  });
});
