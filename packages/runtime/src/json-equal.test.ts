import { jsonEqual } from './json-equal.js';

describe('jsonEqual', () => {
  test.each([
    { name: 'key order is ignored', a: { x: 1, y: [1, { z: 'a' }] }, b: { y: [1, { z: 'a' }], x: 1 }, want: true },
    { name: 'an undefined property counts as absent', a: { x: 1, y: undefined }, b: { x: 1 }, want: true },
    { name: 'a different leaf differs', a: { x: { y: 1 } }, b: { x: { y: 2 } }, want: false },
    { name: 'array order matters', a: [1, 2], b: [2, 1], want: false },
    { name: 'an array is not an object with index keys', a: { 0: 'a' }, b: ['a'], want: false },
    { name: 'null is not an empty object', a: null, b: {}, want: false },
    { name: 'an extra key differs', a: { x: 1 }, b: { x: 1, y: 0 }, want: false },
  ])('$name', ({ a, b, want }) => {
    expect(jsonEqual(a, b)).toBe(want);
    expect(jsonEqual(b, a)).toBe(want);
  });
});
