import fc from 'fast-check';
import { chooseSubset, fnv64a } from './choose-subset.js';

const planets = ['sun', 'moon', 'mars', 'mercury'];

describe('chooseSubset picks what Knative picks', () => {
  // The expectations are Knative's own (knative.dev/pkg/hash tests and examples).
  test.each([
    { name: 'all when n covers the set', from: planets, n: 4, target: 'a target!', want: planets },
    { name: 'two for one target', from: planets, n: 2, target: 'a target!', want: ['mercury', 'moon'] },
    { name: 'two for another target', from: planets, n: 2, target: 'something else entirely', want: ['mercury', 'mars'] },
    { name: 'three', from: planets, n: 3, target: 'something else entirely', want: ['mars', 'mercury', 'sun'] },
    { name: 'one task for my-key1', from: ['task1', 'task2', 'task3'], n: 1, target: 'my-key1', want: ['task3'] },
    { name: 'one task for another key', from: ['task1', 'task2', 'task3'], n: 1, target: 'something/another-key', want: ['task2'] },
    { name: 'two of five tasks', from: ['task1', 'task2', 'task3', 'task4', 'task5'], n: 2, target: 'my-key1', want: ['task3', 'task4'] },
  ])('$name', ({ from, n, target, want }) => {
    expect([...chooseSubset(from, n, target)].sort()).toEqual([...want].sort());
  });

  test('two members hashing to one slot are both kept', () => {
    const key1 = 'b08006d4-81f9-42ee-808b-ea18a39cbd83';
    const key2 = 'c9dc8df4-8c8d-4077-8750-6d2c2113a23b';
    const target = 'e68a64e1-19d8-4855-9ffa-04f49223a059';
    expect(fnv64a(key1 + target) % 2048n).toBe(fnv64a(key2 + target) % 2048n);
    expect([...chooseSubset([key1, key2], 1, target)]).toHaveLength(1);
    expect(chooseSubset([key1, key2], 2, target)).toEqual(new Set([key1, key2]));
  });

  test('FNV-1a 64 matches the reference values', () => {
    expect(fnv64a('')).toBe(0xcbf29ce484222325n);
    expect(fnv64a('a')).toBe(0xaf63dc4c8601ec8cn);
    expect(fnv64a('foobar')).toBe(0x85944171f73967e8n);
  });
});

describe('chooseSubset properties', () => {
  const ips = fc.uniqueArray(fc.ipV4(), { minLength: 1, maxLength: 30 });

  test('picks min(n, size) distinct members of the input, the same way every time', () => {
    fc.assert(
      fc.property(ips, fc.nat({ max: 40 }), fc.string(), (from, n, target) => {
        const got = chooseSubset(from, n, target);
        expect(got.size).toBe(Math.min(n, from.length));
        for (const x of got) expect(from).toContain(x);
        expect(chooseSubset([...from].reverse(), n, target)).toEqual(got);
      }),
    );
  });
});
