import { applyMergePatch } from './merge-patch.js';

// The examples from RFC 7386, appendix A, plus Kubernetes-shaped cases.
describe('applyMergePatch', () => {
  test.each<{ name: string; target: unknown; patch: unknown; want: unknown }>([
    { name: 'replace a value', target: { a: 'b' }, patch: { a: 'c' }, want: { a: 'c' } },
    { name: 'add a key', target: { a: 'b' }, patch: { b: 'c' }, want: { a: 'b', b: 'c' } },
    { name: 'null removes', target: { a: 'b' }, patch: { a: null }, want: {} },
    { name: 'null removes one of two', target: { a: 'b', b: 'c' }, patch: { a: null }, want: { b: 'c' } },
    { name: 'array replaces', target: { a: ['b'] }, patch: { a: 'c' }, want: { a: 'c' } },
    { name: 'value replaced by array', target: { a: 'c' }, patch: { a: ['b'] }, want: { a: ['b'] } },
    { name: 'nested merge', target: { a: { b: 'c' } }, patch: { a: { b: 'd', c: null } }, want: { a: { b: 'd' } } },
    { name: 'arrays are not merged', target: { a: [{ b: 'c' }] }, patch: { a: [1] }, want: { a: [1] } },
    { name: 'non-object patch replaces', target: ['a', 'b'], patch: ['c', 'd'], want: ['c', 'd'] },
    { name: 'object over array', target: { a: 'b' }, patch: ['c'], want: ['c'] },
    { name: 'null patch', target: { a: 'foo' }, patch: null, want: null },
    { name: 'string patch', target: { a: 'foo' }, patch: 'bar', want: 'bar' },
    { name: 'null inside new key is dropped', target: { e: null }, patch: { a: 1 }, want: { e: null, a: 1 } },
    { name: 'nested null on missing parent', target: [1, 2], patch: { a: 'b', c: null }, want: { a: 'b' } },
    { name: 'deep new object drops nulls', target: {}, patch: { a: { bb: { ccc: null } } }, want: { a: { bb: {} } } },
    {
      name: 'label removal and spec change',
      target: { metadata: { name: 'x', labels: { a: '1', b: '2' } }, spec: { replicas: 1 } },
      patch: { metadata: { labels: { a: null } }, spec: { replicas: 3 } },
      want: { metadata: { name: 'x', labels: { b: '2' } }, spec: { replicas: 3 } },
    },
  ])('$name', ({ target, patch, want }) => {
    const before = structuredClone(target);
    expect(applyMergePatch(target, patch)).toEqual(want);
    expect(target).toEqual(before);
  });

  test('the result does not share objects with the patch', () => {
    const patch = { spec: { list: [1] } };
    const out = applyMergePatch({}, patch) as { spec: { list: number[] } };
    out.spec.list.push(2);
    expect(patch.spec.list).toEqual([1]);
  });
});
