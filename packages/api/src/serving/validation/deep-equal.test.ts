import { deepEqual, diffPaths } from './deep-equal.js';

describe('deepEqual', () => {
  test.each([
    { name: 'same scalars', a: 1, b: 1, want: true },
    { name: 'different scalars', a: 1, b: 2, want: false },
    { name: 'null and missing are the same', a: { x: null }, b: {}, want: true },
    { name: 'key order does not matter', a: { x: 1, y: 2 }, b: { y: 2, x: 1 }, want: true },
    { name: 'array order matters', a: [1, 2], b: [2, 1], want: false },
    { name: 'array length', a: [1], b: [1, 1], want: false },
    { name: 'object vs array', a: {}, b: [], want: false },
    { name: 'nested difference', a: { c: [{ image: 'a' }] }, b: { c: [{ image: 'b' }] }, want: false },
  ])('$name', ({ a, b, want }) => {
    expect(deepEqual(a, b)).toBe(want);
  });

  test('diffPaths names where things changed', () => {
    const a = { containers: [{ image: 'a', env: [] }], timeoutSeconds: 300 };
    const b = { containers: [{ image: 'b', env: [] }], timeoutSeconds: 60 };
    expect(diffPaths(a, b)).toEqual(['containers[0].image', 'timeoutSeconds']);
  });
});
