import fc from 'fast-check';
import { applyJsonPatch } from '@knot/runtime';
import { createJsonPatch, escapePointerToken } from './json-diff.js';

describe('createJsonPatch', () => {
  test.each([
    { name: 'equal documents need no operation', from: { a: 1, b: [1, { c: 2 }] }, to: { b: [1, { c: 2 }], a: 1 }, want: [] },
    { name: 'a new key is added', from: { spec: {} }, to: { spec: { timeoutSeconds: 300 } }, want: [{ op: 'add', path: '/spec/timeoutSeconds', value: 300 }] },
    { name: 'a dropped key is removed', from: { spec: { a: 1, b: 2 } }, to: { spec: { a: 1 } }, want: [{ op: 'remove', path: '/spec/b' }] },
    { name: 'a changed scalar is replaced', from: { n: 1 }, to: { n: 2 }, want: [{ op: 'replace', path: '/n', value: 2 }] },
    { name: 'a type change is replaced whole', from: { n: { a: 1 } }, to: { n: [1] }, want: [{ op: 'replace', path: '/n', value: [1] }] },
    { name: 'null to object is replaced', from: { n: null }, to: { n: { a: 1 } }, want: [{ op: 'replace', path: '/n', value: { a: 1 } }] },
    {
      name: 'annotation keys with / and ~ are escaped',
      from: { metadata: {} },
      to: { metadata: { annotations: { 'serving.knative.dev/creator': 'alice', 'a~b': 'c' } } },
      want: [{ op: 'add', path: '/metadata/annotations', value: { 'serving.knative.dev/creator': 'alice', 'a~b': 'c' } }],
    },
    {
      name: 'a key added inside an existing map with a slash',
      from: { metadata: { annotations: { x: 'y' } } },
      to: { metadata: { annotations: { x: 'y', 'serving.knative.dev/lastModifier': 'bob' } } },
      want: [{ op: 'add', path: '/metadata/annotations/serving.knative.dev~1lastModifier', value: 'bob' }],
    },
    {
      name: 'array elements are compared index by index',
      from: { containers: [{ image: 'a' }, { image: 'b' }] },
      to: { containers: [{ image: 'a', name: 'user-container' }, { image: 'b' }] },
      want: [{ op: 'add', path: '/containers/0/name', value: 'user-container' }],
    },
    { name: 'a longer array gets elements appended', from: { l: [1] }, to: { l: [1, 2, 3] }, want: [{ op: 'add', path: '/l/1', value: 2 }, { op: 'add', path: '/l/2', value: 3 }] },
    { name: 'a shorter array loses elements from the end', from: { l: [1, 2, 3] }, to: { l: [1] }, want: [{ op: 'remove', path: '/l/2' }, { op: 'remove', path: '/l/1' }] },
    { name: 'undefined values count as absent', from: { a: 1, b: undefined }, to: { a: 1, c: undefined }, want: [] },
    { name: 'a different root replaces the document', from: 1, to: 'x', want: [{ op: 'replace', path: '', value: 'x' }] },
  ])('$name', ({ from, to, want }) => {
    expect(createJsonPatch(from, to)).toEqual(want);
  });

  test.each([
    { token: 'plain', want: 'plain' },
    { token: 'a/b', want: 'a~1b' },
    { token: 'a~b', want: 'a~0b' },
    { token: '~/', want: '~0~1' },
    { token: '~1', want: '~01' },
  ])('escapes $token as $want', ({ token, want }) => {
    expect(escapePointerToken(token)).toBe(want);
  });

  test('applying the patch to the source always yields the target', () => {
    // Keys drawn from a small alphabet with ~ and / so escaping and collisions are exercised.
    const key = fc.stringMatching(/^[a-c~/]{0,3}$/);
    const json = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, fc.integer(), fc.boolean(), fc.constant(null), fc.string({ maxLength: 3 }), tie('array'), tie('object')),
      array: fc.array(tie('value'), { maxLength: 4 }),
      object: fc.dictionary(key, tie('value'), { maxKeys: 4 }),
    })).object;
    fc.assert(
      fc.property(json, json, (from, to) => {
        expect(applyJsonPatch(from, createJsonPatch(from, to))).toEqual(to);
      }),
      { numRuns: 500 },
    );
  });
});
